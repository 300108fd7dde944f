import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';

type Token = { id: string; name: string; role: string; customerId: string | null; revokedAt: string | null };

// Issue 9: a customer-admin makes API tokens for the customer's own machines (OpenDSR) in the portal.
for (const engine of testEngines()) {
  describe(`a customer’s own API tokens (${engine})`, () => {
    let t: TestApp;
    let customerId: string;
    let admin: Record<string, string>;
    let member: Record<string, string>;
    let otherAdmin: Record<string, string>;
    const call = (headers: Record<string, string>, method: string, url: string, payload?: object) =>
      t.app.inject({
        method: method as 'GET',
        url: `/api/v1${url}`,
        headers,
        ...(payload ? { payload } : {}),
      });

    before(async () => {
      t = await createTestApp(engine);
      customerId = (await t.buildCustomer()).customer.id;
      admin = (await t.signInPortal(customerId, 'customer-admin')).headers;
      member = (await t.signInPortal(customerId, 'customer-member')).headers;
      otherAdmin = (await t.signInPortal((await t.buildCustomer()).customer.id, 'customer-admin')).headers;
    });
    after(() => t.close());

    test('a customer-admin creates, lists and revokes; the secret is shown once and then answers 401', async () => {
      const created = await call(admin, 'POST', '/portal/tokens', { name: 'Ons CRM (OpenDSR)' });
      assert.equal(created.statusCode, 201, created.body);
      const { token, secret } = created.json<{ token: Token; secret: string }>();
      assert.equal(token.role, 'customer-admin');
      assert.equal(token.customerId, customerId);
      const bearer = { authorization: `Bearer ${secret}` };

      const listed = (await call(admin, 'GET', '/portal/tokens')).json<{ items: Token[] }>().items;
      assert.deepEqual(
        listed.map((i) => i.id),
        [token.id],
      );
      assert.ok(!JSON.stringify(listed).includes(secret), 'the list never holds the secret');

      // the token works where a customer's machine may call, and nowhere it may not
      assert.equal((await call(bearer, 'GET', '/portal/requests')).statusCode, 200);
      assert.equal((await call(bearer, 'GET', '/customers')).statusCode, 403);
      assert.equal((await call(bearer, 'GET', '/tokens')).statusCode, 403);
      // a token cannot mint more tokens or revoke itself: only a signed-in customer-admin can
      assert.equal((await call(bearer, 'POST', '/portal/tokens', { name: 'meer' })).statusCode, 403);
      assert.equal((await call(bearer, 'GET', '/portal/tokens')).statusCode, 403);

      // another customer's admin cannot see or revoke it
      assert.deepEqual(
        (await call(otherAdmin, 'GET', '/portal/tokens')).json<{ items: Token[] }>().items,
        [],
      );
      assert.equal((await call(otherAdmin, 'POST', `/portal/tokens/${token.id}/revoke`)).statusCode, 404);
      assert.equal((await call(bearer, 'GET', '/portal/requests')).statusCode, 200);

      const revoked = await call(admin, 'POST', `/portal/tokens/${token.id}/revoke`);
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.ok(revoked.json<{ token: Token }>().token.revokedAt);
      assert.equal((await call(bearer, 'GET', '/portal/requests')).statusCode, 401);

      // staff see customer tokens in the audit log, not among their own tokens
      const staff = await t.bearerFor('admin');
      const staffTokens = (await call(staff, 'GET', '/tokens')).json<{ items: Token[] }>().items;
      assert.ok(!staffTokens.some((s) => s.id === token.id));
    });

    test('a customer-member may not manage tokens; a name is required', async () => {
      assert.equal((await call(member, 'GET', '/portal/tokens')).statusCode, 403);
      assert.equal((await call(member, 'POST', '/portal/tokens', { name: 'x' })).statusCode, 403);
      const nameless = await call(admin, 'POST', '/portal/tokens', { name: '  ' });
      assert.equal(nameless.statusCode, 400);
    });
  });
}
