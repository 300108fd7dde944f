import { DateTime } from 'luxon';
import { displayZone } from '../../../lib/format.ts';

// A native <input type="datetime-local"> holds "2026-11-29T14:05" without a zone. Staff enter the time as it
// is in the Netherlands (Europe/Amsterdam), whatever the browser's zone; the API gets ISO with the offset.

const inputFormat = "yyyy-MM-dd'T'HH:mm";

/** An ISO instant (or now) → the input's value, in Amsterdam time. */
export function toLocalInput(iso?: string | null): string {
  const value = iso ? DateTime.fromISO(iso) : DateTime.now();
  return value.isValid ? value.setZone(displayZone).toFormat(inputFormat) : '';
}

/** The input's value → ISO with offset ("2026-11-29T14:05:00.000+01:00"); null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) {
    return null;
  }
  const parsed = DateTime.fromISO(value, { zone: displayZone });
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : null;
}

/** True when the input's value lies after now (plus a minute's grace for clocks that differ a little). */
export function isInFuture(value: string): boolean {
  const iso = fromLocalInput(value);
  return iso !== null && DateTime.fromISO(iso) > DateTime.now().plus({ minutes: 1 });
}
