import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../http/errors.ts';
import {
  agreementStatus,
  checkServicePeriod,
  dpaLifecycle,
  localDate,
  normalisePhone,
  statusAfterSignature,
} from './customers.models.ts';

test('an agreement is active, terminated once notice is given, and ended the day after its end date', () => {
  assert.equal(agreementStatus({ noticeGivenOn: null, endDate: null }, '2026-05-01'), 'active');
  assert.equal(
    agreementStatus({ noticeGivenOn: '2026-04-01', endDate: '2027-01-31' }, '2027-01-31'),
    'terminated',
  );
  assert.equal(
    agreementStatus({ noticeGivenOn: '2026-04-01', endDate: '2027-01-31' }, '2027-02-01'),
    'ended',
  );
});

test('the local date follows Amsterdam time, also across midnight UTC and DST', () => {
  assert.equal(localDate(new Date('2026-03-28T23:30:00Z')), '2026-03-29'); // 00:30 CET
  assert.equal(localDate(new Date('2026-10-24T22:30:00Z')), '2026-10-25'); // 00:30 CEST
  assert.equal(localDate(new Date('2026-12-31T22:59:59Z')), '2026-12-31');
  assert.equal(localDate(new Date('2026-12-31T23:00:00Z')), '2027-01-01');
});

test('phone numbers are validated with Dutch defaults and stored in E.164', () => {
  assert.equal(normalisePhone('06 12345678', 'body.phone'), '+31612345678');
  assert.equal(normalisePhone('0546 123 456', 'body.phone'), '+31546123456');
  assert.equal(normalisePhone('+32 470 12 34 56', 'body.phone'), '+32470123456');
  assert.throws(
    () => normalisePhone('12345', 'body.phone'),
    (e: unknown) => e instanceof AppError && e.field === 'body.phone',
  );
});

test('a service line must lie within its agreement', () => {
  const agreement = { startDate: '2025-01-01', endDate: '2027-01-31' };
  checkServicePeriod({ startDate: '2025-01-01', endDate: null }, agreement, 'body.services.0');
  assert.throws(
    () => checkServicePeriod({ startDate: '2024-12-31', endDate: null }, agreement, 'body.services.0'),
    (e: unknown) => e instanceof AppError && e.field === 'body.services.0.startDate',
  );
  assert.throws(
    () =>
      checkServicePeriod({ startDate: '2025-02-01', endDate: '2027-02-01' }, agreement, 'body.services.1'),
    (e: unknown) => e instanceof AppError && e.field === 'body.services.1.endDate',
  );
  assert.throws(
    () => checkServicePeriod({ startDate: '2025-02-01', endDate: '2025-01-31' }, agreement, 'x'),
    /cannot end before it starts/,
  );
});

test('either party may sign first; the second signature activates the DPA; a draft cannot be signed', () => {
  assert.equal(statusAfterSignature('sent', 'customer'), 'signed_by_customer');
  assert.equal(statusAfterSignature('signed_by_customer', 'processor'), 'active');
  assert.equal(statusAfterSignature('sent', 'processor'), 'signed_by_processor');
  assert.equal(statusAfterSignature('signed_by_processor', 'customer'), 'active');
  assert.throws(() => statusAfterSignature('draft', 'customer'), /not been sent/);
  assert.throws(() => statusAfterSignature('signed_by_customer', 'customer'), /signed this version already/);
  assert.throws(() => statusAfterSignature('active', 'processor'), /signed by both parties/);
});

test('a DPA ends with its agreement (seed 2.3)', () => {
  assert.equal(dpaLifecycle('active', 'ended'), 'ended');
  assert.equal(dpaLifecycle('active', 'terminated'), 'active');
  assert.equal(dpaLifecycle('superseded', 'ended'), 'superseded');
});
