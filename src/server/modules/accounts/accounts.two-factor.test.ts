import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateSync } from 'otplib';
import { createTestApp, errorOf, type TestApp, testPassword } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { ensureProcessorProfile } from '../settings/settings.usecases.ts';
import { checkTotp, newRecoveryCode } from './accounts.two-factor.ts';

const codeAt = (secret: string, at: Date) => generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });

test('a TOTP code counts within one step of drift, never twice, and only as six digits', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const now = new Date('2026-03-29T01:59:45Z'); // the night the clocks go forward: TOTP runs on UTC, unaffected
  const code = codeAt(secret, now);
  const first = checkTotp(secret, code, now, null);
  assert.ok(first.ok);
  assert.ok(checkTotp(secret, code, new Date(now.getTime() + 30_000), null).ok, 'one step late still works');
  assert.equal(checkTotp(secret, code, new Date(now.getTime() + 90_000), null).ok, false, 'three steps late');
  assert.equal(checkTotp(secret, code, now, first.step).ok, false, 'a used code is not accepted again');
  assert.equal(checkTotp(secret, `${code}0`, now, null).ok, false);
  assert.equal(checkTotp(secret, 'abcdef', now, null).ok, false);
  assert.ok(
    checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null).ok,
    'a space typed in the middle',
  );
});

test('recovery codes are ten characters from an alphabet without look-alikes', () => {
  const codes = new Set(Array.from({ length: 200 }, newRecoveryCode));
  assert.equal(codes.size, 200);
  for (const code of codes) {
    assert.match(code, /^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  }
});

for (const engine of testEngines()) {
  describe(`two-factor sign-in (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
    });
    after(() => t.close());

    const login = (email: string, password = testPassword) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    const secondStep = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login/two-factor', payload });

    async function enrol(headers: Record<string, string>) {
      const setup = await t.app.inject({ method: 'POST', url: '/api/v1/account/two-factor/setup', headers });
      assert.equal(setup.statusCode, 200, setup.body);
      const { secret, otpauthUrl, qrCodeSvg } = setup.json();
      assert.match(otpauthUrl, /^otpauth:\/\/totp\/.+secret=/);
      assert.match(qrCodeSvg, /^<svg/);
      const enabled = await t.app.inject({
        method: 'POST',
        url: '/api/v1/account/two-factor/enable',
        headers,
        payload: { code: codeAt(secret, t.clock.now()) },
      });
      assert.equal(enabled.statusCode, 200, enabled.body);
      return { secret: secret as string, recoveryCodes: enabled.json().recoveryCodes as string[] };
    }

    test('set up with a QR code, then every sign-in asks for a code from the app', async () => {
      const user = await t.buildUser({ email: 'tfa@example.nl' });
      const headers = await t.signIn(user.email);
      const setup = await t.app.inject({ method: 'POST', url: '/api/v1/account/two-factor/setup', headers });
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/account/two-factor/enable',
        headers,
        payload: { code: '000000' },
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal(errorOf(wrong).code, 'auth.wrong_code');
      assert.equal(errorOf(wrong).field, 'body.code');
      assert.ok(setup.json().secret);

      const { secret, recoveryCodes } = await enrol(headers);
      assert.equal(recoveryCodes.length, 10);
      const status = await t.app.inject({ url: '/api/v1/account/two-factor', headers });
      assert.deepEqual(status.json(), { enabled: true, required: false, recoveryCodesLeft: 10 });

      const step1 = await login(user.email);
      assert.equal(step1.statusCode, 200);
      assert.equal(step1.json().twoFactorRequired, true);
      assert.equal(step1.cookies.length, 0, 'no session before the second factor');

      const bad = await secondStep({ challenge: step1.json().challenge, code: '123456' });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).field, 'body.code');

      t.clock.advance(30_000);
      const code = codeAt(secret, t.clock.now());
      const good = await secondStep({ challenge: step1.json().challenge, code });
      assert.equal(good.statusCode, 200, good.body);
      assert.ok(good.cookies.find((c) => c.name === 'art28_session'));
      assert.equal(good.json().user.twoFactorEnabled, true);

      const replay = await login(user.email);
      const replayed = await secondStep({ challenge: replay.json().challenge, code });
      assert.equal(replayed.statusCode, 400, 'the same code cannot be used twice');
      const challengeUsed = await secondStep({ challenge: step1.json().challenge, code });
      assert.equal(challengeUsed.statusCode, 401, 'a completed challenge is gone');

      const viaRecovery = await secondStep({
        challenge: replay.json().challenge,
        recoveryCode: recoveryCodes[0]!.toUpperCase(),
      });
      assert.equal(viaRecovery.statusCode, 200, 'a recovery code works (case does not matter)');
      const again = await login(user.email);
      const reused = await secondStep({ challenge: again.json().challenge, recoveryCode: recoveryCodes[0] });
      assert.equal(reused.statusCode, 400, 'each recovery code works once');
      assert.equal(errorOf(reused).field, 'body.recoveryCode');
      const left = await t.app.inject({ url: '/api/v1/account/two-factor', headers });
      assert.equal(left.json().recoveryCodesLeft, 9);
    });

    test('a challenge dies after five wrong codes or five minutes', async () => {
      const user = await t.buildUser();
      const { secret } = await enrol(await t.signIn(user.email));
      const step1 = await login(user.email);
      for (let i = 0; i < 5; i++) {
        await secondStep({ challenge: step1.json().challenge, code: '000000' });
      }
      t.clock.advance(30_000);
      const late = await secondStep({
        challenge: step1.json().challenge,
        code: codeAt(secret, t.clock.now()),
      });
      assert.equal(late.statusCode, 401);
      assert.equal(errorOf(late).code, 'auth.challenge_expired');

      const slow = await login(user.email);
      t.clock.advance(5 * 60_000 + 1000);
      const tooSlow = await secondStep({
        challenge: slow.json().challenge,
        code: codeAt(secret, t.clock.now()),
      });
      assert.equal(tooSlow.statusCode, 401);
    });

    test('turning it off needs the password; an admin can reset it for someone who lost the phone', async () => {
      const user = await t.buildUser();
      const headers = await t.signIn(user.email);
      await enrol(headers);
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/account/two-factor/disable',
        headers,
        payload: { password: 'not my password' },
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal(errorOf(wrong).field, 'body.password');

      const admin = await t.signInAs('admin');
      const reset = await t.app.inject({
        method: 'POST',
        url: `/api/v1/users/${user.id}/two-factor/reset`,
        headers: admin.headers,
      });
      assert.equal(reset.statusCode, 204);
      const plain = await login(user.email);
      assert.ok(plain.json().csrfToken, 'signs in with the password alone again');
      const gone = await t.app.inject({ url: '/api/v1/auth/session', headers });
      assert.equal(gone.statusCode, 401, 'the reset ended the old sessions');
    });

    test('when the portal requires 2FA, a contact without it can only set it up', async () => {
      const admin = await t.bearerFor('admin');
      const current = (await t.app.inject({ url: '/api/v1/settings', headers: admin })).json();
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings',
        headers: admin,
        payload: { ...current, portalRequireTwoFactor: true },
      });
      assert.equal(put.statusCode, 200, put.body);
      try {
        const { customer } = await t.buildCustomer();
        const contact = await t.signInPortal(customer.id, 'customer-member');
        const session = await t.app.inject({ url: '/api/v1/auth/session', headers: contact.headers });
        assert.equal(session.json().mustEnrolTwoFactor, true);
        const blocked = await t.app.inject({ url: '/api/v1/portal/accounts', headers: contact.headers });
        assert.equal(blocked.statusCode, 403);
        assert.equal(errorOf(blocked).code, 'auth.two_factor_setup_required');

        await enrol(contact.headers);
        const open = await t.app.inject({ url: '/api/v1/portal/accounts', headers: contact.headers });
        assert.equal(open.statusCode, 200);
        const off = await t.app.inject({
          method: 'POST',
          url: '/api/v1/account/two-factor/disable',
          headers: contact.headers,
          payload: { password: testPassword },
        });
        assert.equal(off.statusCode, 400);
        assert.equal(errorOf(off).code, 'two_factor.required');

        const staffUser = await t.signInAs('staff');
        const staffSession = await t.app.inject({ url: '/api/v1/auth/session', headers: staffUser.headers });
        assert.equal(staffSession.json().mustEnrolTwoFactor, false, 'the portal rule does not bind staff');
      } finally {
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/settings',
          headers: admin,
          payload: { ...current, portalRequireTwoFactor: false },
        });
      }
    });
  });

  describe(`sessions (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
    });
    after(() => t.close());

    test('a person lists their sessions, ends one, or signs out everywhere', async () => {
      const user = await t.buildUser();
      const laptop = await t.signIn(user.email);
      const phone = await t.signIn(user.email);
      const other = await t.signInAs('staff');

      const list = await t.app.inject({ url: '/api/v1/account/sessions', headers: laptop });
      const items = list.json().items as { id: string; current: boolean }[];
      assert.equal(items.length, 2);
      assert.equal(items.filter((s) => s.current).length, 1);
      const phoneId = items.find((s) => !s.current)!.id;

      const othersList = await t.app.inject({ url: '/api/v1/account/sessions', headers: other.headers });
      const othersId = (othersList.json().items as { id: string }[])[0]!.id;
      const notMine = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/account/sessions/${othersId}`,
        headers: laptop,
      });
      assert.equal(notMine.statusCode, 404, "another person's session is not found");
      assert.equal(
        (await t.app.inject({ url: '/api/v1/auth/session', headers: other.headers })).statusCode,
        200,
      );

      const ended = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/account/sessions/${phoneId}`,
        headers: laptop,
      });
      assert.equal(ended.statusCode, 204);
      assert.equal((await t.app.inject({ url: '/api/v1/auth/session', headers: phone })).statusCode, 401);

      const tablet = await t.signIn(user.email);
      const everywhere = await t.app.inject({
        method: 'POST',
        url: '/api/v1/account/sessions/sign-out-everywhere',
        headers: tablet,
      });
      assert.equal(everywhere.statusCode, 204);
      for (const headers of [laptop, tablet]) {
        assert.equal((await t.app.inject({ url: '/api/v1/auth/session', headers })).statusCode, 401);
      }
    });

    test('portal sessions time out sooner than staff sessions', async () => {
      const { customer } = await t.buildCustomer();
      const contact = await t.signInPortal(customer.id);
      const staff = await t.signInAs('staff');
      t.clock.advance(31 * 60_000);
      assert.equal(
        (await t.app.inject({ url: '/api/v1/auth/session', headers: contact.headers })).statusCode,
        401,
        'portal: 30 minutes idle by default',
      );
      assert.equal(
        (await t.app.inject({ url: '/api/v1/auth/session', headers: staff.headers })).statusCode,
        200,
        'staff: 120 minutes idle by default',
      );
    });
  });
}
