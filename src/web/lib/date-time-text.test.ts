import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDateTime } from './date-time-text.ts';

test('a typed date-time is read as the app writes it, 24-hour, in either language', () => {
  assert.equal(parseDateTime('10-06-2026 09:15', 'nl'), '2026-06-10 09:15:00');
  assert.equal(parseDateTime(' 10-6-2026  9:15 ', 'nl'), '2026-06-10 09:15:00');
  assert.equal(parseDateTime('10/06/2026 21:05', 'en'), '2026-06-10 21:05:00');
  assert.equal(parseDateTime('2026-06-10T09:15', 'nl'), '2026-06-10 09:15:00');
  assert.equal(parseDateTime('10 Jun 2026 09:15', 'en'), '2026-06-10 09:15:00');
  assert.equal(parseDateTime('10 juni 2026 09:15', 'nl'), '2026-06-10 09:15:00');
});

test('half-typed or impossible values are not read (the field keeps its last good value)', () => {
  for (const text of [
    '',
    '10-06-2026',
    '10-06-2026 09:1',
    '31-02-2026 09:15',
    '10-06-2026 24:00',
    '09:15 AM',
  ]) {
    assert.equal(parseDateTime(text, 'nl'), null, text);
  }
});
