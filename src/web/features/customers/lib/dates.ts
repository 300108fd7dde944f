import { DateTime } from 'luxon';
import { displayZone } from '../../../lib/format.ts';

// Agreements, notices, services, retention and effective dates are calendar dates in the Netherlands
// (YYYY-MM-DD). They are read in Europe/Amsterdam, never in the browser's zone, so a day never shifts.

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export const isDay = (value: unknown): value is string =>
  typeof value === 'string' && dayPattern.test(value) && DateTime.fromISO(value).isValid;

export function toDay(value: string): DateTime {
  return DateTime.fromISO(value, { zone: displayZone });
}

/** nl: 28-02-2027 (as the app writes instants); en: 28 Feb 2027. */
export function formatDay(value: string | null | undefined, lng: string): string {
  if (!value) {
    return '';
  }
  const day = toDay(value);
  if (!day.isValid) {
    return value;
  }
  return lng === 'en' ? day.setLocale('en-GB').toFormat('d MMM yyyy') : day.toFormat('dd-MM-yyyy');
}

export function todayDay(): string {
  return DateTime.now().setZone(displayZone).toISODate()!;
}

/** The calendar date (Amsterdam) of an instant. */
export function dayOf(iso: string): string {
  return DateTime.fromISO(iso).setZone(displayZone).toISODate()!;
}

/** Reads what a user typed in a date field: 28-02-2027, 28/2/2027, 2027-02-28, 28 Feb 2027 / 28 februari 2027. */
export function parseDay(text: string, lng: string): string | null {
  const value = text.trim().replace(/\s+/g, ' ');
  if (!value) {
    return null;
  }
  const formats = ['d-M-yyyy', 'd/M/yyyy', 'd.M.yyyy', 'yyyy-M-d', 'd MMM yyyy', 'd MMMM yyyy', 'd-M-yy'];
  const locales = lng === 'en' ? ['en-GB', 'en-US', 'nl-NL'] : ['nl-NL', 'en-GB', 'en-US'];
  for (const locale of locales) {
    for (const format of formats) {
      const parsed = DateTime.fromFormat(value.replace(/\.$/, ''), format, { zone: displayZone, locale });
      if (parsed.isValid && parsed.year >= 1900 && parsed.year <= 2200) {
        return parsed.toISODate();
      }
    }
  }
  return null;
}

/**
 * The instant a signature was placed. A time given is read in Amsterdam. Without one, art28 records 12:00 that
 * day, or for today a minute ago; and never before the DPA was sent (the server refuses a signature dated before
 * it was sent, or in the future — the send time is the server's own, so it is always in the server's past).
 */
export function signatureInstant(
  day: string,
  time: string,
  sentAt: string | null,
  now = DateTime.now(),
): string {
  const base = toDay(day);
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(time)) {
    const [hour, minute, second] = time.split(':').map(Number);
    return base
      .set({ hour, minute, second: second ?? 0, millisecond: 0 })
      .toUTC()
      .toISO()!;
  }
  const aMinuteAgo = DateTime.max(now.minus({ minutes: 1 }), base.startOf('day'));
  let instant = day === now.setZone(displayZone).toISODate() ? aMinuteAgo : base.set({ hour: 12 });
  if (instant > now) {
    instant = aMinuteAgo;
  }
  const sent = sentAt ? DateTime.fromISO(sentAt) : null;
  if (sent && instant < sent && sent.setZone(displayZone).toISODate() === day) {
    instant = sent;
  }
  return instant.toUTC().toISO()!;
}

/** The later of two calendar dates (YYYY-MM-DD compares as text). */
export const laterDay = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);
