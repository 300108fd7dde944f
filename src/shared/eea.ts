// The European Economic Area: the EU 27 plus Iceland, Liechtenstein and Norway (EEA Agreement). Seed 6.1 forbids
// processing outside it without the customer's prior written consent. Adequacy decisions come with the
// sub-processor module.
export const eeaCountries = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
] as const;

export const isInsideEea = (country: string | null) =>
  country !== null && (eeaCountries as readonly string[]).includes(country.toUpperCase());
