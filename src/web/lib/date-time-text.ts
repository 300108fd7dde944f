import { DateTime } from 'luxon';
import { displayZone } from './format.ts';

// What staff type in a date-time field (DateTimeInput), read as Dutch wall-clock time.

const mantineFormat = 'yyyy-MM-dd HH:mm:ss';
const formats = [
  'd-M-yyyy H:mm',
  'd/M/yyyy H:mm',
  'd.M.yyyy H:mm',
  'yyyy-M-d H:mm',
  "yyyy-M-d'T'H:mm",
  'd MMM yyyy H:mm',
  'd MMMM yyyy H:mm',
];

/** Reads what was typed: 10-06-2026 9:15, 10/6/2026 09:15, 2026-06-10T09:15, 10 jun 2026 09:15 → "2026-06-10 09:15:00". */
export function parseDateTime(text: string, lng: string): string | null {
  const value = text.trim().replace(/\s+/g, ' ').replace(/,/g, '');
  // Luxon reads 24:00 as midnight the next day; a clock in the Netherlands runs 00:00–23:59
  if (!value || /(^|\D)(2[4-9]|[3-9]\d):\d/.test(value)) {
    return null;
  }
  const locales = lng === 'en' ? ['en-GB', 'nl-NL'] : ['nl-NL', 'en-GB'];
  for (const locale of locales) {
    for (const format of formats) {
      const parsed = DateTime.fromFormat(value, format, { zone: displayZone, locale });
      if (parsed.isValid && parsed.year >= 1900 && parsed.year <= 2200) {
        return parsed.toFormat(mantineFormat);
      }
    }
  }
  return null;
}
