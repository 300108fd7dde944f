import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createTestApp,
  errorOf,
  linkToken,
  type TestApp,
  testPassword,
} from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { runJobNow } from '../../jobs/runtime.ts';
import { startTestSmtpServer } from '../mail/mail.smtp-fixture.ts';
import { ensureProcessorProfile } from '../settings/settings.usecases.ts';

delete process.env.SMTP_URL;
delete process.env.MAIL_FROM;

const newPassword = 'a brand new passphrase';

for (const engine of testEngines()) {
  describe(`portal invites (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      staff = await t.bearerFor('staff');
    });
    after(() => t.close());

    const invite = (customerId: string, payload: object, headers = staff) =>
      t.app.inject({ method: 'POST', url: `/api/v1/customers/${customerId}/invites`, headers, payload });
    const accept = (token: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/auth/invites/${token}/accept`, payload });

    test('staff invite a contact; the link in the mail creates a signed-in portal account once', async () => {
      const { customer, contact } = await t.buildCustomer({ legalName: 'Bakkerij Bolletje B.V.' });
      const created = await invite(customer.id, {
        email: 'Jan@Bolletje.NL',
        name: 'Jan de Bakker',
        role: 'customer-admin',
        contactId: contact.id,
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().invite.status, 'pending');
      assert.equal(created.json().invite.expiresAt, '2026-03-09T09:00:00.000Z', 'valid for 7 days');

      const [message] = await t.mailTo('jan@bolletje.nl');
      assert.ok(message, 'the invitation is queued for the (normalised) address');
      assert.equal(message.status, 'outbox', 'without SMTP it waits in the outbox');
      assert.match(message.subject, /Uitnodiging/);
      assert.match(message.textBody, /Bakkerij Bolletje B\.V\./);
      const token = linkToken(message.textBody, 'invite');

      const preview = await t.app.inject({ url: `/api/v1/auth/invites/${token}` });
      assert.equal(preview.statusCode, 200);
      assert.deepEqual(preview.json(), {
        email: 'jan@bolletje.nl',
        name: 'Jan de Bakker',
        role: 'customer-admin',
        customerName: 'Bakkerij Bolletje B.V.',
        expiresAt: '2026-03-09T09:00:00.000Z',
      });

      const weak = await accept(token, { name: 'Jan', password: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.equal(errorOf(weak).field, 'body.password');

      const accepted = await accept(token, { name: 'Jan de Bakker', password: testPassword });
      assert.equal(accepted.statusCode, 201, accepted.body);
      const session = accepted.json();
      assert.equal(session.user.role, 'customer-admin');
      assert.equal(session.user.customerId, customer.id);
      assert.deepEqual(session.customer, { id: customer.id, legalName: 'Bakkerij Bolletje B.V.' });
      const cookie = accepted.cookies.find((c) => c.name === 'art28_session');
      assert.ok(cookie?.httpOnly, 'signed in with an HttpOnly cookie');
      assert.equal(cookie.maxAge, 8 * 3600, 'portal sessions last 8 hours by default');

      const again = await accept(token, { name: 'Someone else', password: testPassword });
      assert.equal(again.statusCode, 410);
      assert.equal(errorOf(again).code, 'invites.used');

      const accounts = await t.app.inject({
        url: `/api/v1/customers/${customer.id}/portal-accounts`,
        headers: staff,
      });
      assert.deepEqual(
        accounts.json().users.map((u: { email: string }) => u.email),
        ['jan@bolletje.nl'],
      );
      assert.equal(accounts.json().invites.length, 0, 'accepted invites leave the list');

      const audit = await t.app.inject({
        url: '/api/v1/audit/events?entityType=customer',
        headers: await t.bearerFor('admin'),
      });
      const events = audit.json().items as { action: string; actorLabel: string }[];
      const createdEvent = events.find((e) => e.action === 'portal_user.created');
      assert.ok(createdEvent, 'the new account is in the audit log');
      assert.equal(createdEvent.actorLabel, 'jan@bolletje.nl');
      assert.ok(events.some((e) => e.action === 'portal_invite.created'));
    });

    test('an expired, replaced or unknown link is refused and creates nothing', async () => {
      const { customer } = await t.buildCustomer();
      await invite(customer.id, { email: 'old@klant.nl', name: 'Old', role: 'customer-member' });
      const first = linkToken((await t.mailTo('old@klant.nl'))[0]!.textBody, 'invite');
      t.clock.advance(1000);
      await invite(customer.id, { email: 'old@klant.nl', name: 'Old', role: 'customer-member' });
      const second = linkToken((await t.mailTo('old@klant.nl'))[0]!.textBody, 'invite');
      assert.notEqual(first, second);

      const replaced = await accept(first, { name: 'Old', password: testPassword });
      assert.equal(replaced.statusCode, 410, 'a new invite replaces the pending one');
      assert.equal(errorOf(replaced).code, 'invites.expired');

      const unknown = await t.app.inject({ url: `/api/v1/auth/invites/${'x'.repeat(43)}` });
      assert.equal(unknown.statusCode, 404);
      assert.equal(errorOf(unknown).code, 'invites.not_found');

      t.clock.advance((7 * 24 * 3600 + 1) * 1000);
      try {
        const expired = await accept(second, { name: 'Old', password: testPassword });
        assert.equal(expired.statusCode, 410);
        assert.equal(errorOf(expired).code, 'invites.expired');
      } finally {
        t.clock.set('2026-03-02T09:00:00Z');
      }
      const accounts = await t.app.inject({
        url: `/api/v1/customers/${customer.id}/portal-accounts`,
        headers: staff,
      });
      assert.equal(accounts.json().users.length, 0);
    });

    test('an invite for an address that already has an account does not create a second one', async () => {
      const { customer } = await t.buildCustomer();
      const existing = await t.buildUser({ email: 'taken@example.nl' });
      await invite(customer.id, { email: existing.email, name: 'Taken', role: 'customer-member' });
      const token = linkToken((await t.mailTo(existing.email))[0]!.textBody, 'invite');
      const response = await accept(token, { name: 'Taken', password: testPassword });
      assert.equal(response.statusCode, 409);
      assert.equal(errorOf(response).code, 'invites.account_exists');
    });

    test('a customer-admin invites and removes colleagues of its own customer only', async () => {
      const a = await t.buildCustomer();
      const b = await t.buildCustomer();
      const admin = await t.signInPortal(a.customer.id, 'customer-admin');
      const member = await t.signInPortal(a.customer.id, 'customer-member');

      const byMember = await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/invites',
        headers: member.headers,
        payload: { email: 'x@klant.nl', name: 'X', role: 'customer-member' },
      });
      assert.equal(byMember.statusCode, 403, 'a customer-member cannot invite');

      const intoOther = await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/invites',
        headers: admin.headers,
        payload: { email: 'spy@klant.nl', name: 'Spy', role: 'customer-admin', contactId: b.contact.id },
      });
      assert.equal(intoOther.statusCode, 404, "another customer's contact is not found");
      assert.equal((await t.mailTo('spy@klant.nl')).length, 0, 'nothing was sent');

      const colleague = await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/invites',
        headers: admin.headers,
        payload: { email: 'collega@klant.nl', name: 'Collega', role: 'customer-member' },
      });
      assert.equal(colleague.statusCode, 201, colleague.body);
      assert.equal(colleague.json().invite.customerId, a.customer.id, 'always into the own customer');

      const list = await t.app.inject({ url: '/api/v1/portal/accounts', headers: member.headers });
      assert.equal(list.statusCode, 200);
      assert.equal(list.json().users.length, 2);
      assert.deepEqual(
        list.json().invites.map((i: { email: string }) => i.email),
        ['collega@klant.nl'],
      );

      const self = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/portal/users/${admin.user.id}`,
        headers: admin.headers,
      });
      assert.equal(self.statusCode, 400);
      assert.equal(errorOf(self).field, 'params.userId');

      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/portal/users/${member.user.id}`,
        headers: admin.headers,
      });
      assert.equal(removed.statusCode, 204);
      const gone = await t.app.inject({ url: '/api/v1/auth/session', headers: member.headers });
      assert.equal(gone.statusCode, 401, 'the removed colleague is signed out');
    });

    test('the invitation reaches a real SMTP server when SMTP is set', async () => {
      const smtp = await startTestSmtpServer();
      try {
        const admin = await t.bearerFor('admin');
        const settings = await t.app.inject({
          method: 'PUT',
          url: '/api/v1/mail/settings',
          headers: admin,
          payload: {
            smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', password: '' },
            mailFrom: 'Privacy <privacy@contict.nl>',
          },
        });
        assert.equal(settings.statusCode, 200, settings.body);
        const { customer } = await t.buildCustomer();
        await invite(customer.id, { email: 'smtp@klant.nl', name: 'Via SMTP', role: 'customer-member' });
        await runJobNow('mail.deliver', {
          db: t.db,
          clock: t.clock,
          log: { info: () => {}, warn: () => {}, error: () => {} },
        });
        const received = smtp.received.find((m) => m.envelopeTo.includes('smtp@klant.nl'));
        assert.ok(received, 'the SMTP server received the invitation');
        assert.match(received.subject, /Uitnodiging/);
        const token = linkToken(received.text, 'invite');
        assert.equal((await accept(token, { name: 'Via SMTP', password: testPassword })).statusCode, 201);
        const [stored] = await t.mailTo('smtp@klant.nl');
        assert.equal(stored!.status, 'sent');
        assert.doesNotMatch(stored!.textBody, /\/invite\//, 'the link is erased from the log once sent');
      } finally {
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/mail/settings',
          headers: await t.bearerFor('admin'),
          payload: { smtp: null, mailFrom: null },
        });
        await smtp.close();
      }
    });
  });

  describe(`password reset (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
    });
    after(() => t.close());

    const ask = (email: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
    const confirm = (token: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, password },
      });

    test('a known and an unknown address get the same answer; only the known one gets mail', async () => {
      const user = await t.buildUser({ email: 'known@example.nl' });
      const known = await ask('Known@Example.nl');
      const unknown = await ask('nobody@example.nl');
      assert.equal(known.statusCode, 202);
      assert.equal(unknown.statusCode, 202);
      assert.equal(known.body, unknown.body);
      assert.equal((await t.mailTo(user.email)).length, 1);
      assert.equal((await t.mailTo('nobody@example.nl')).length, 0);
    });

    test('the link sets a new password once, ends every session, and expires after an hour', async () => {
      const user = await t.buildUser({ email: 'reset@example.nl' });
      const oldSession = await t.signIn(user.email);
      await ask(user.email);
      const token = linkToken((await t.mailTo(user.email))[0]!.textBody, 'reset-password');

      const weak = await confirm(token, 'short');
      assert.equal(weak.statusCode, 400);
      assert.equal(errorOf(weak).field, 'body.password');

      assert.equal((await confirm(token, newPassword)).statusCode, 204);
      const stale = await t.app.inject({ url: '/api/v1/auth/session', headers: oldSession });
      assert.equal(stale.statusCode, 401, 'whoever had the old password is signed out');
      await t.signIn(user.email, newPassword);

      const reused = await confirm(token, 'yet another passphrase');
      assert.equal(reused.statusCode, 400);
      assert.equal(errorOf(reused).code, 'password_reset.invalid');

      await ask(user.email);
      const late = linkToken((await t.mailTo(user.email))[0]!.textBody, 'reset-password');
      t.clock.advance(61 * 60_000);
      try {
        const expired = await confirm(late, 'too late passphrase');
        assert.equal(expired.statusCode, 400);
        assert.equal(errorOf(expired).code, 'password_reset.invalid');
      } finally {
        t.clock.set('2026-03-02T09:00:00Z');
      }
    });

    test('a newer link replaces an older one', async () => {
      const user = await t.buildUser({ email: 'twice@example.nl' });
      await ask(user.email);
      const first = linkToken((await t.mailTo(user.email))[0]!.textBody, 'reset-password');
      t.clock.advance(1000);
      await ask(user.email);
      const second = linkToken((await t.mailTo(user.email))[0]!.textBody, 'reset-password');
      assert.equal((await confirm(first, newPassword)).statusCode, 400);
      assert.equal((await confirm(second, newPassword)).statusCode, 204);
    });

    test('asking for resets for one address is rate limited (no mailbox flooding)', async () => {
      const answers: number[] = [];
      for (let i = 0; i < 7; i++) {
        answers.push((await ask('flood@example.nl')).statusCode);
      }
      assert.ok(answers.includes(429), `answers: ${answers.join(',')}`);
    });
  });
}
