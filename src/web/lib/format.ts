import { DateTime } from 'luxon';
import { useTranslation } from 'react-i18next';

// Every instant is shown in the processor's time zone, whatever the browser's zone is.
export const displayZone = 'Europe/Amsterdam';

const intlLocale = (lng: string) => (lng === 'en' ? 'en-GB' : 'nl-NL');

export function toZoned(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: false }).setZone(displayZone);
}

export function formatDateTime(iso: string | null | undefined, lng: string, withSeconds = false): string {
  if (!iso) {
    return '';
  }
  const value = toZoned(iso);
  if (!value.isValid) {
    return iso;
  }
  // nl: 29-11-2026 14:05 (the Dutch numeric style, no comma); en: 29 Nov 2026 14:05.
  const pattern = lng === 'en' ? 'd MMM yyyy HH:mm' : 'dd-MM-yyyy HH:mm';
  return value.setLocale(intlLocale(lng)).toFormat(withSeconds ? `${pattern}:ss` : pattern);
}

export function formatDate(iso: string | null | undefined, lng: string): string {
  if (!iso) {
    return '';
  }
  const value = toZoned(iso);
  return value.isValid ? value.setLocale(intlLocale(lng)).toLocaleString(DateTime.DATE_MED) : iso;
}

export function formatNumber(value: number, lng: string): string {
  return new Intl.NumberFormat(intlLocale(lng)).format(value);
}

/** A local calendar date (YYYY-MM-DD, Amsterdam) → the first or last instant of that day, as ISO UTC. */
export function dayBoundary(date: string, edge: 'start' | 'end'): string | undefined {
  const day = DateTime.fromISO(date, { zone: displayZone });
  if (!day.isValid) {
    return undefined;
  }
  return (edge === 'start' ? day.startOf('day') : day.endOf('day')).toUTC().toISO() ?? undefined;
}

export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  return {
    lng,
    dateTime: (iso: string | null | undefined, withSeconds = false) => formatDateTime(iso, lng, withSeconds),
    date: (iso: string | null | undefined) => formatDate(iso, lng),
    number: (value: number) => formatNumber(value, lng),
  };
}
