// ISO 3166-1 alpha-2 codes offered for the processor's address: the EEA plus close neighbours.
// Names come from the browser (Intl.DisplayNames) in the interface language.
export const countryCodes = [
  'NL',
  'BE',
  'LU',
  'DE',
  'FR',
  'AT',
  'BG',
  'CY',
  'CZ',
  'DK',
  'EE',
  'ES',
  'FI',
  'GR',
  'HR',
  'HU',
  'IE',
  'IS',
  'IT',
  'LI',
  'LT',
  'LV',
  'MT',
  'NO',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'CH',
  'GB',
] as const;

export function countryName(code: string, lng: string | undefined): string {
  if (!code) {
    return '';
  }
  try {
    return new Intl.DisplayNames([lng === 'en' ? 'en-GB' : 'nl-NL'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryOptions(lng: string | undefined, current?: string) {
  const codes: string[] = [...countryCodes];
  if (current && !codes.includes(current)) {
    codes.push(current);
  }
  return codes
    .map((code) => ({ value: code, label: countryName(code, lng) }))
    .sort((a, b) => (a.value === 'NL' ? -1 : b.value === 'NL' ? 1 : a.label.localeCompare(b.label)));
}
