import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, errorOf, type TestApp, testPassword } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { auditEvents } from '../audit/audit.table.ts';
import { users } from './accounts.table.ts';

for (const engine of testEngines()) {
  describe(`setup and sign-in (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    test('an empty install asks for set-up, creates the first admin with an argon2id hash, and signs them in', async () => {
      assert.deepEqual((await t.app.inject({ url: '/api/v1/setup' })).json(), { needed: true });
      const weak = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { email: 'anna@contict.nl', name: 'Anna', password: 'short' },
      });
      assert.equal(weak.statusCode, 400);
      assert.equal(errorOf(weak).field, 'body.password');

      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { email: 'Anna@Contict.nl ', name: 'Anna de Vries', password: testPassword },
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(response.json().user.role, 'admin');
      assert.equal(response.json().user.email, 'anna@contict.nl');
      const cookie = response.cookies.find((c) => c.name === 'art28_session');
      assert.ok(cookie?.httpOnly);
      assert.equal(cookie?.sameSite, 'Lax');
      const stored = (await t.db.select().from(users).where(eq(users.email, 'anna@contict.nl')))[0];
      assert.match(stored!.passwordHash, /^\$argon2id\$/);

      const session = await t.app.inject({
        url: '/api/v1/auth/session',
        headers: { cookie: `art28_session=${cookie!.value}` },
      });
      assert.equal(session.json().user.email, 'anna@contict.nl');
      assert.deepEqual((await t.app.inject({ url: '/api/v1/setup' })).json(), { needed: false });
    });

    test('set-up cannot run twice', async () => {
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { email: 'eve@example.nl', name: 'Eve', password: testPassword },
      });
      assert.equal(again.statusCode, 409);
      assert.equal(errorOf(again).code, 'setup.done');
    });

    test('a wrong password and an unknown address get the same answer', async () => {
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'anna@contict.nl', password: 'not the password' },
      });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@contict.nl', password: 'not the password' },
      });
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(errorOf(wrong).message, errorOf(unknown).message);
    });

    test('repeated failures lock the account, even for the right password, until the lockout ends', async () => {
      const user = await t.buildUser({ email: 'piet@contict.nl' });
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: `10.0.0.${i}`,
          payload: { email: user.email, password: 'wrong password!' },
        });
        assert.equal(r.statusCode, 401);
      }
      const locked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.1.1',
        payload: { email: user.email, password: testPassword },
      });
      assert.equal(locked.statusCode, 423);
      assert.equal(errorOf(locked).code, 'auth.locked');
      const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.locked'));
      assert.equal(events.length, 1);

      t.clock.advance(16 * 60_000);
      const later = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.1.2',
        payload: { email: user.email, password: testPassword },
      });
      assert.equal(later.statusCode, 200);
    });

    test('login is rate limited per address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '192.0.2.7',
          payload: { email: 'x@example.nl', password: 'whatever' },
        });
        statuses.push(r.statusCode);
      }
      assert.equal(statuses.at(-1), 429);
      assert.ok(statuses.slice(0, 10).every((s) => s === 401));
    });

    test('a session expires after the idle timeout', async () => {
      const { headers } = await t.signInAs('staff');
      assert.equal((await t.app.inject({ url: '/api/v1/dashboard', headers })).statusCode, 200);
      t.clock.advance(121 * 60_000);
      assert.equal((await t.app.inject({ url: '/api/v1/dashboard', headers })).statusCode, 401);
    });

    test('logout ends the session', async () => {
      const { headers } = await t.signInAs('staff');
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode,
        204,
      );
      assert.equal((await t.app.inject({ url: '/api/v1/auth/session', headers })).statusCode, 401);
    });
  });

  describe(`account, CSRF and password change (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    test('a cookie-authenticated write without the CSRF token, or from another origin, is refused', async () => {
      const { headers } = await t.signInAs('staff');
      const noToken = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/account',
        headers: { cookie: headers.cookie },
        payload: { locale: 'en' },
      });
      assert.equal(noToken.statusCode, 403);
      assert.equal(errorOf(noToken).code, 'auth.csrf');
      const crossSite = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/account',
        headers: { ...headers, origin: 'https://evil.example' },
        payload: { locale: 'en' },
      });
      assert.equal(crossSite.statusCode, 403);
      const ok = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/account',
        headers,
        payload: { locale: 'en' },
      });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().user.locale, 'en');
    });

    test('changing the password needs the current one and signs out other sessions', async () => {
      const user = await t.buildUser({ role: 'auditor' });
      const here = await t.signIn(user.email);
      const elsewhere = await t.signIn(user.email);
      const wrong = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/account/password',
        headers: here,
        payload: { currentPassword: 'nope nope nope', newPassword: 'a brand new passphrase' },
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal(errorOf(wrong).field, 'body.currentPassword');
      const ok = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/account/password',
        headers: here,
        payload: { currentPassword: testPassword, newPassword: 'a brand new passphrase' },
      });
      assert.equal(ok.statusCode, 204);
      assert.equal((await t.app.inject({ url: '/api/v1/auth/session', headers: here })).statusCode, 200);
      assert.equal((await t.app.inject({ url: '/api/v1/auth/session', headers: elsewhere })).statusCode, 401);
      await t.signIn(user.email, 'a brand new passphrase');
    });
  });

  describe(`API tokens and user administration (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    test('a token is shown once, works as Bearer, is listed without its secret, and stops working when revoked', async () => {
      const { headers } = await t.signInAs('admin');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers,
        payload: { name: 'CRM sync', role: 'auditor' },
      });
      assert.equal(created.statusCode, 201);
      const { secret, token } = created.json();
      assert.match(secret, /^a28_/);
      const bearer = { authorization: `Bearer ${secret}` };
      assert.equal((await t.app.inject({ url: '/api/v1/audit/events', headers: bearer })).statusCode, 200);
      const list = await t.app.inject({ url: '/api/v1/tokens', headers });
      assert.ok(!list.body.includes(secret));
      assert.equal(list.json().items[0].prefix, secret.slice(0, 8));
      assert.equal(
        (await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers })).statusCode,
        204,
      );
      const revoked = await t.app.inject({ url: '/api/v1/audit/events', headers: bearer });
      assert.equal(revoked.statusCode, 401);
      assert.equal(errorOf(revoked).code, 'auth.invalid_token');
    });

    test('an admin creates, demotes and disables users; a disabled user cannot sign in', async () => {
      const { headers } = await t.signInAs('admin');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers,
        payload: { email: 'kees@contict.nl', name: 'Kees', role: 'privacy-officer', password: testPassword },
      });
      assert.equal(created.statusCode, 201);
      const duplicate = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers,
        payload: { email: 'KEES@contict.nl', name: 'Kees 2', role: 'staff', password: testPassword },
      });
      assert.equal(duplicate.statusCode, 409);
      assert.equal(errorOf(duplicate).field, 'body.email');
      const id = created.json().user.id;
      const kees = await t.signIn('kees@contict.nl');
      const demoted = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${id}`,
        headers,
        payload: { role: 'staff' },
      });
      assert.equal(demoted.json().user.role, 'staff');
      assert.equal(
        (await t.app.inject({ url: '/api/v1/auth/session', headers: kees })).statusCode,
        401,
        'a role change ends the sessions',
      );
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${id}`,
        headers,
        payload: { disabled: true },
      });
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'kees@contict.nl', password: testPassword },
      });
      assert.equal(login.statusCode, 401);
    });

    test('an admin cannot demote or disable themself', async () => {
      const { user, headers } = await t.signInAs('admin');
      const r = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers,
        payload: { role: 'staff' },
      });
      assert.equal(r.statusCode, 400);
      assert.equal(errorOf(r).field, 'body.role');
    });

    test('malformed ids and bodies answer 400 naming the field', async () => {
      const { headers } = await t.signInAs('admin');
      const badId = await t.app.inject({ method: 'DELETE', url: '/api/v1/tokens/not-a-uuid', headers });
      assert.equal(badId.statusCode, 400);
      assert.equal(errorOf(badId).field, 'params.id');
      const badRole = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers,
        payload: { name: 'x', role: 'root' },
      });
      assert.equal(errorOf(badRole).field, 'body.role');
      const missing = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/tokens/7d1f8a3e-8f7e-4a53-9a0e-3f3b2f1b0c11',
        headers,
      });
      assert.equal(missing.statusCode, 404);
    });
  });
}
