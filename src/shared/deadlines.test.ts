import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assistanceDueAt, controllerDeadline, heldDaysOf, localDateOf } from './deadlines.ts';

const iso = (d: Date) => d.toISOString();

test('a request received on a local date is due at the end of that date + 14 days, local time', () => {
  // 10:00 in winter (UTC+1): due 16 March 23:59:59.999 CET
  assert.equal(iso(assistanceDueAt(new Date('2026-03-02T09:00:00Z'))), '2026-03-16T22:59:59.999Z');
  // 23:30 UTC on 1 March is already 2 March in Amsterdam
  assert.equal(iso(assistanceDueAt(new Date('2026-03-01T23:30:00Z'))), '2026-03-16T22:59:59.999Z');
});

test('the 14 days cross month ends and the leap day by calendar', () => {
  assert.equal(iso(assistanceDueAt(new Date('2026-01-20T12:00:00Z'))), '2026-02-03T22:59:59.999Z');
  assert.equal(iso(assistanceDueAt(new Date('2028-02-20T12:00:00Z'))), '2028-03-05T22:59:59.999Z');
  assert.equal(iso(assistanceDueAt(new Date('2028-02-29T12:00:00Z'))), '2028-03-14T22:59:59.999Z');
  assert.equal(iso(assistanceDueAt(new Date('2026-12-25T12:00:00Z'))), '2027-01-08T22:59:59.999Z');
});

test('across the DST changes the due instant is still 23:59:59.999 local', () => {
  // received 20 March 2026 (CET), due 3 April (CEST, UTC+2)
  assert.equal(iso(assistanceDueAt(new Date('2026-03-20T10:00:00Z'))), '2026-04-03T21:59:59.999Z');
  // received 20 October 2026 (CEST), due 3 November (CET, UTC+1)
  assert.equal(iso(assistanceDueAt(new Date('2026-10-20T10:00:00Z'))), '2026-11-03T22:59:59.999Z');
});

test('time on hold moves the due date by whole days, rounded up', () => {
  const from = new Date('2026-03-05T10:00:00Z');
  assert.equal(heldDaysOf(from, from), 0);
  assert.equal(heldDaysOf(from, new Date('2026-03-05T11:00:00Z')), 1);
  assert.equal(heldDaysOf(from, new Date('2026-03-07T10:00:00Z')), 2);
  assert.equal(heldDaysOf(from, new Date('2026-03-07T10:00:00.001Z')), 3);
  assert.equal(iso(assistanceDueAt(new Date('2026-03-02T09:00:00Z'), 3)), '2026-03-19T22:59:59.999Z');
});

test('the customer’s own Art. 12(3) month follows calendar months, three with the extension', () => {
  assert.equal(controllerDeadline('2026-01-31', false), '2026-02-28');
  assert.equal(controllerDeadline('2028-01-31', false), '2028-02-29');
  assert.equal(controllerDeadline('2026-03-31', false), '2026-04-30');
  assert.equal(controllerDeadline('2026-01-31', true), '2026-04-30');
  assert.equal(controllerDeadline('2026-11-15', true), '2027-02-15');
});

test('local dates are Amsterdam dates', () => {
  assert.equal(localDateOf(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
});
