import { DateTime } from 'luxon';
import { addCalendarMonths } from './retention.ts';

// The deadline rules of decisions.md for data subject requests, in one pure place. Calendar days are counted in
// the Netherlands; instants are stored in UTC.
export const deadlineZone = 'Europe/Amsterdam';
const dayMs = 24 * 3600 * 1000;

// Seed 3.6: received on local date D → due at the end of local date D + 14 (23:59:59.999 local), moved by the
// days the request waited for the customer.
export const assistanceDays = 14;

export function localDateOf(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: deadlineZone }).toISODate()!;
}

export function assistanceDueAt(receivedAt: Date, heldDays = 0): Date {
  return DateTime.fromJSDate(receivedAt, { zone: deadlineZone })
    .startOf('day')
    .plus({ days: assistanceDays + heldDays })
    .endOf('day')
    .toJSDate();
}

// A hold moves the due date by its length rounded up to whole days: 1 hour on hold costs a day, 0 ms costs none.
export function heldDaysOf(from: Date, until: Date): number {
  return Math.max(0, Math.ceil((until.getTime() - from.getTime()) / dayMs));
}

// Art. 12(3) GDPR as guidance for the customer: one month from the person's request, two more when extended
// (Reg. 1182/71 month arithmetic: 31 January + 1 month = the last day of February).
export function controllerDeadline(receivedOn: string, extended: boolean): string {
  return addCalendarMonths(receivedOn, extended ? 3 : 1);
}

// When a deadline warning is due before `dueAt` (e.g. 3 days and 1 day before, seed 3.6 warnings), in calendar
// days: 3 days before the end of 27 October is the end of 24 October, also across the change to winter time on the
// 25th, where 72 exact hours would land at 00:59 on the 25th.
export function warningAt(dueAt: Date, daysBefore: number): Date {
  return DateTime.fromJSDate(dueAt, { zone: deadlineZone }).minus({ days: daysBefore }).toJSDate();
}
