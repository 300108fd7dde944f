import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role, Session } from '../../../lib/api-types.ts';
import { landingPath, twoFactorSetupPath } from './landing.ts';

const session = (role: Role, mustEnrolTwoFactor = false): Session => ({
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'a@example.nl',
    name: 'A',
    role,
    locale: 'nl',
    customerId: role.startsWith('customer-') ? '00000000-0000-4000-8000-000000000002' : null,
    twoFactorEnabled: false,
    createdAt: '2026-11-29T08:00:00.000Z',
    lockedUntil: null,
    disabledAt: null,
  },
  csrfToken: 'csrf',
  customer: null,
  mustEnrolTwoFactor,
});

test('portal users land in the portal, also when they asked for a staff page', () => {
  assert.equal(landingPath(session('customer-member'), '/'), '/portal');
  assert.equal(landingPath(session('customer-admin'), '/customers/1'), '/portal');
  assert.equal(landingPath(session('customer-admin'), '/portal/dpa'), '/portal/dpa');
});

test('staff land where they asked, but never in the portal', () => {
  assert.equal(landingPath(session('admin'), '/audit'), '/audit');
  assert.equal(landingPath(session('auditor'), '/portal'), '/');
  assert.equal(landingPath(session('staff'), '/portal/users'), '/');
});

test('whoever must set up two-factor sign-in goes to the set-up page first', () => {
  assert.equal(landingPath(session('customer-member', true), '/portal/dpa'), twoFactorSetupPath);
});
