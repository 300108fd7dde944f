import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// The server stores numbers as E.164 (+31612345678); people read them grouped (+31 6 12345678).
export function formatPhone(value: string | null | undefined): string {
  if (!value) {
    return '';
  }
  return parsePhoneNumberFromString(value, 'NL')?.formatInternational() ?? value;
}

export function isPlausiblePhone(value: string): boolean {
  return parsePhoneNumberFromString(value, 'NL')?.isPossible() ?? false;
}
