import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { runJobNow } from '../../jobs/runtime.ts';
import { ensureProcessorProfile } from '../settings/settings.usecases.ts';
import { setMailDispatcher } from './mail.dispatch.ts';
import { startTestSmtpServer, type TestSmtpServer } from './mail.smtp-fixture.ts';
import type { NoticeData } from './mail.templates.ts';
import { queueEmail } from './mail.usecases.ts';

// The environment must not decide these tests: a developer's own SMTP_URL would otherwise receive the mail.
delete process.env.SMTP_URL;
delete process.env.MAIL_FROM;

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cfc0f01f0005000201' +
    'a5f1e0e30000000049454e44ae426082',
  'hex',
);
const password = 's3cret pass/word';

const notice = (overrides: Partial<NoticeData> = {}): NoticeData => ({
  subject: 'Nieuwe versie van de verwerkersovereenkomst',
  paragraphs: ['Er staat een nieuwe versie klaar.', 'Onderteken vóór 1 april <b>2026</b>.'],
  action: { label: 'Bekijk de overeenkomst', url: 'https://art28.example/portal/dpa?x=1&y=2' },
  ...overrides,
});

async function queueNotice(t: TestApp, to: string, options: { sensitive?: boolean; data?: NoticeData } = {}) {
  return t.db.transaction((tx) =>
    queueEmail(tx, t.ctx, {
      to,
      template: 'notice',
      locale: 'nl',
      data: options.data ?? notice(),
      related: { type: 'customer', id: 'c-1' },
      sensitive: options.sensitive,
    }),
  );
}

const deliver = (t: TestApp) =>
  runJobNow('mail.deliver', { db: t.db, clock: t.clock, log: quiet }) as Promise<{
    sent: number;
    deferred: number;
    failed: number;
    outbox: number;
  }>;

const smtpSettings = (server: TestSmtpServer, extra: Record<string, unknown> = {}) => ({
  smtp: { host: '127.0.0.1', port: server.port, security: 'none', username: 'mailer', password, ...extra },
  mailFrom: 'Contict Privacy <privacy@contict.nl>',
});

for (const engine of testEngines()) {
  describe(`mail without SMTP: the outbox (${engine})`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let admin: Record<string, string>;
    before(async () => {
      t = await createTestApp(engine);
      smtp = await startTestSmtpServer({ username: 'mailer', password });
      admin = (await t.signInAs('admin')).headers;
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    test('a message queued without SMTP lands in the outbox instead of being lost', async () => {
      const queued = await queueNotice(t, 'ict@klant.nl');
      assert.equal(queued.status, 'outbox');
      assert.deepEqual(await deliver(t), { sent: 0, deferred: 0, failed: 0, outbox: 0 });
      const { headers } = await t.signInAs('staff');
      const list = (await t.app.inject({ url: '/api/v1/mail/messages?status=outbox', headers })).json();
      assert.equal(list.total, 1);
      assert.equal(list.counts.outbox, 1);
      assert.equal(list.items[0].to, 'ict@klant.nl');
      assert.equal(list.items[0].template, 'notice');
      const detail = (await t.app.inject({ url: `/api/v1/mail/messages/${queued.id}`, headers })).json();
      assert.match(detail.text, /Onderteken vóór 1 april <b>2026<\/b>\./);
      assert.deepEqual(
        detail.events.map((e: { kind: string }) => e.kind),
        ['queued', 'outbox'],
      );
    });

    test('the test mail and "send now" refuse clearly while no SMTP server is set, changing nothing', async () => {
      const test = await t.app.inject({
        method: 'POST',
        url: '/api/v1/mail/test',
        headers: admin,
        payload: { to: 'femke@contict.nl' },
      });
      assert.equal(test.statusCode, 409);
      assert.equal(errorOf(test).code, 'mail.not_configured');
      const outbox = (await t.app.inject({ url: '/api/v1/mail/messages', headers: admin })).json();
      assert.equal(outbox.total, 1);
      const send = await t.app.inject({
        method: 'POST',
        url: `/api/v1/mail/messages/${outbox.items[0].id}/send`,
        headers: admin,
      });
      assert.equal(errorOf(send).code, 'mail.not_configured');
      assert.equal(smtp.received.length, 0);
    });

    test('once SMTP is configured, staff release the outbox and the server receives every message', async () => {
      await queueNotice(t, 'privacy@klant.nl');
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: smtpSettings(smtp),
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const { headers } = await t.signInAs('privacy-officer');
      const released = await t.app.inject({ method: 'POST', url: '/api/v1/mail/outbox/send', headers });
      assert.equal(released.statusCode, 200, released.body);
      assert.deepEqual(released.json(), { released: 2, sent: 2, deferred: 0, failed: 0 });
      assert.deepEqual(smtp.received.map((m) => m.envelopeTo[0]).sort(), [
        'ict@klant.nl',
        'privacy@klant.nl',
      ]);
      const counts = (await t.app.inject({ url: '/api/v1/mail/messages', headers })).json().counts;
      assert.deepEqual(counts, { queued: 0, sent: 2, failed: 0, outbox: 0 });
      const audit = (
        await t.app.inject({ url: '/api/v1/audit/events?action=mail.outbox_released', headers: admin })
      ).json();
      assert.equal(audit.total, 1);
      assert.equal(audit.items[0].after.count, 2);
    });

    test('messages queued while SMTP was set but removed before delivery are parked in the outbox', async () => {
      await queueNotice(t, 'late@klant.nl');
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: { smtp: null, mailFrom: null },
      });
      assert.equal((await deliver(t)).outbox, 1);
      const list = (
        await t.app.inject({ url: '/api/v1/mail/messages?status=outbox', headers: admin })
      ).json();
      assert.equal(list.items[0].to, 'late@klant.nl');
    });

    test('SMTP_URL and MAIL_FROM from the environment apply when the settings page sets nothing', async () => {
      process.env.SMTP_URL = smtp.url;
      process.env.MAIL_FROM = 'desk@contict.nl';
      try {
        const settings = (await t.app.inject({ url: '/api/v1/mail/settings', headers: admin })).json();
        assert.equal(settings.smtpSource, 'environment');
        assert.equal(settings.smtp.host, '127.0.0.1');
        assert.equal(settings.smtp.passwordSet, true);
        assert.equal(settings.environment.smtpUrl, `smtp://mailer:••••••@127.0.0.1:${smtp.port}`);
        assert.deepEqual(settings.from, {
          name: 'Contict',
          address: 'desk@contict.nl',
          source: 'environment',
        });
        assert.doesNotMatch(JSON.stringify(settings), /s3cret/);
      } finally {
        delete process.env.SMTP_URL;
        delete process.env.MAIL_FROM;
      }
    });
  });

  describe(`mail through SMTP (${engine})`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let admin: Record<string, string>;
    before(async () => {
      t = await createTestApp(engine);
      smtp = await startTestSmtpServer({ username: 'mailer', password });
      await ensureProcessorProfile(t.ctx);
      // A token, not a session: the retry test moves the clock past any session's lifetime.
      admin = await t.bearerFor('admin');
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    test('an admin sets SMTP; the password never comes back, and keeping it needs no retyping', async () => {
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: smtpSettings(smtp),
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.doesNotMatch(saved.body, /s3cret/);
      const body = saved.json();
      assert.equal(body.smtpSource, 'settings');
      assert.equal(body.smtp.passwordSet, true);
      assert.equal(body.smtp.url, `smtp://mailer:••••••@127.0.0.1:${smtp.port}?ignoreTLS=true`);
      assert.deepEqual(body.from, {
        name: 'Contict Privacy',
        address: 'privacy@contict.nl',
        source: 'settings',
      });

      const { password: _left, ...withoutPassword } = smtpSettings(smtp).smtp;
      const again = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: { ...smtpSettings(smtp), smtp: withoutPassword },
      });
      assert.equal(again.json().smtp.passwordSet, true);

      const audit = await t.app.inject({
        url: '/api/v1/audit/events?action=mail.settings_updated',
        headers: admin,
      });
      assert.equal(audit.json().total, 2);
      assert.doesNotMatch(audit.body, /s3cret/);
      assert.equal(audit.json().items[1].after.passwordChanged, true);
      assert.equal(audit.json().items[0].after.passwordChanged, false);

      const bad = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: { ...smtpSettings(smtp), mailFrom: 'not a sender' },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).field, 'body.mailFrom');
      const { headers } = await t.signInAs('privacy-officer');
      const refused = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers,
        payload: smtpSettings(smtp),
      });
      assert.equal(refused.statusCode, 403);
    });

    test('queued in a committed transaction, delivered by the job: the server gets text, HTML and the logo', async () => {
      const logo = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/processor/logo',
        headers: admin,
        payload: { dataUrl: `data:image/png;base64,${png.toString('base64')}` },
      });
      assert.equal(logo.statusCode, 200);
      const queued = await queueNotice(t, 'ict@klant.nl');
      assert.equal(queued.status, 'queued');
      assert.equal(smtp.received.length, 0, 'nothing is sent inside the transaction');

      assert.deepEqual(await deliver(t), { sent: 1, deferred: 0, failed: 0, outbox: 0 });
      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0]!;
      assert.deepEqual(mail.envelopeTo, ['ict@klant.nl']);
      assert.equal(mail.envelopeFrom, 'privacy@contict.nl');
      assert.match(mail.headers.get('from') ?? '', /Contict Privacy.*<privacy@contict\.nl>/);
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
      assert.equal(mail.headers.get('x-art28-message-id'), queued.id);
      assert.equal(mail.subject, 'Nieuwe versie van de verwerkersovereenkomst');
      assert.match(mail.text, /Onderteken vóór 1 april <b>2026<\/b>\./);
      assert.match(mail.text, /Bekijk de overeenkomst: https:\/\/art28\.example\/portal\/dpa\?x=1&y=2/);
      assert.match(mail.html, /Onderteken vóór 1 april &lt;b&gt;2026&lt;\/b&gt;\./);
      assert.match(mail.html, /href="https:\/\/art28\.example\/portal\/dpa\?x=1&amp;y=2"/);
      assert.match(mail.html, /src="cid:processor-logo@art28"/);
      assert.match(mail.html, /Dit is een automatisch bericht van Contict\./);
      assert.equal(mail.attachments.length, 1);
      assert.equal(mail.attachments[0]!.cid, 'processor-logo@art28');
      assert.equal(mail.attachments[0]!.contentType, 'image/png');
      assert.deepEqual(mail.attachments[0]!.content, png);

      const detail = (
        await t.app.inject({ url: `/api/v1/mail/messages/${queued.id}`, headers: admin })
      ).json();
      assert.equal(detail.status, 'sent');
      assert.equal(detail.attempts, 1);
      assert.equal(detail.sentAt, t.clock.now().toISOString());
      assert.match(detail.smtpResponse, /Queued as test/);
      assert.deepEqual(
        detail.events.map((e: { kind: string }) => e.kind),
        ['queued', 'sent'],
      );
      // The preview loads nothing from outside: the logo is inlined and a policy blocks everything else.
      assert.match(
        detail.htmlPreview,
        /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/,
      );
      assert.match(detail.htmlPreview, /src="data:image\/png;base64,/);
      assert.equal(await deliver(t).then((s) => s.sent), 0, 'a sent message is not sent again');
    });

    test('a rolled-back transaction sends nothing', async () => {
      const before = (await t.app.inject({ url: '/api/v1/mail/messages', headers: admin })).json().total;
      await assert.rejects(
        t.db.transaction(async (tx) => {
          await queueEmail(tx, t.ctx, {
            to: 'ghost@klant.nl',
            template: 'notice',
            locale: 'en',
            data: notice(),
          });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      await deliver(t);
      assert.equal(
        (await t.app.inject({ url: '/api/v1/mail/messages', headers: admin })).json().total,
        before,
      );
      assert.equal(
        smtp.received.some((m) => m.envelopeTo.includes('ghost@klant.nl')),
        false,
      );
    });

    test('a server that refuses for now: retries after 1, 5, 15, 60 and 240 minutes, then failed', async () => {
      smtp.rejectRecipients((address) =>
        address === 'busy@klant.nl' ? { code: 450, message: 'Mailbox busy, try later' } : null,
      );
      const { id } = await queueNotice(t, 'busy@klant.nl');
      const started = t.clock.now().getTime();
      const detail = async () =>
        (await t.app.inject({ url: `/api/v1/mail/messages/${id}`, headers: admin })).json();

      assert.equal((await deliver(t)).deferred, 1);
      let row = await detail();
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 1);
      assert.match(row.lastError, /450 Mailbox busy, try later/);
      assert.equal(row.nextAttemptAt, new Date(started + 60_000).toISOString());

      assert.deepEqual(
        await deliver(t),
        { sent: 0, deferred: 0, failed: 0, outbox: 0 },
        'not before it is due',
      );

      let elapsed = 0;
      for (const [index, minutes] of [1, 5, 15, 60, 240].entries()) {
        elapsed += minutes;
        t.clock.set(new Date(started + elapsed * 60_000));
        const summary = await deliver(t);
        row = await detail();
        assert.equal(row.attempts, index + 2);
        if (index < 4) {
          assert.equal(summary.deferred, 1);
          assert.equal(row.status, 'queued');
        } else {
          assert.equal(summary.failed, 1);
          assert.equal(row.status, 'failed');
          assert.equal(row.nextAttemptAt, null);
        }
      }
      assert.deepEqual(
        row.events.map((e: { kind: string }) => e.kind),
        ['queued', 'deferred', 'deferred', 'deferred', 'deferred', 'deferred', 'failed'],
      );
      assert.equal(
        smtp.received.some((m) => m.envelopeTo.includes('busy@klant.nl')),
        false,
      );
      const list = (
        await t.app.inject({ url: '/api/v1/mail/messages?status=failed', headers: admin })
      ).json();
      assert.equal(list.items[0].to, 'busy@klant.nl');
      assert.match(list.items[0].lastError, /450/);
    });

    test('a recipient refused for good fails at once; after the cause is fixed a privacy officer sends it now', async () => {
      smtp.rejectRecipients((address) =>
        address === 'nobody@klant.nl' ? { code: 550, message: 'No such user' } : null,
      );
      const { id } = await queueNotice(t, 'nobody@klant.nl');
      assert.equal((await deliver(t)).failed, 1);
      const failed = (await t.app.inject({ url: `/api/v1/mail/messages/${id}`, headers: admin })).json();
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, 1);
      assert.match(failed.lastError, /550 No such user/);

      for (const role of ['staff', 'auditor'] as const) {
        const { headers } = await t.signInAs(role);
        const refused = await t.app.inject({
          method: 'POST',
          url: `/api/v1/mail/messages/${id}/send`,
          headers,
        });
        assert.equal(refused.statusCode, 403, role);
      }
      smtp.rejectRecipients(() => null);
      const { headers } = await t.signInAs('privacy-officer');
      const sent = await t.app.inject({ method: 'POST', url: `/api/v1/mail/messages/${id}/send`, headers });
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().status, 'sent');
      assert.deepEqual(
        sent.json().events.map((e: { kind: string }) => e.kind),
        ['queued', 'failed', 'released', 'sent'],
      );
      assert.equal(smtp.received.filter((m) => m.envelopeTo.includes('nobody@klant.nl')).length, 1);
      const audit = (
        await t.app.inject({ url: '/api/v1/audit/events?action=mail.send_requested', headers: admin })
      ).json();
      assert.equal(audit.total, 1);
      assert.equal(audit.items[0].entityId, id);
      assert.equal(audit.items[0].before.status, 'failed');

      const twice = await t.app.inject({ method: 'POST', url: `/api/v1/mail/messages/${id}/send`, headers });
      assert.equal(twice.statusCode, 409);
      assert.equal(errorOf(twice).code, 'mail.already_sent');
    });

    test('an unreachable server defers one message and leaves the rest of the batch untouched', async () => {
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: smtpSettings(smtp, { port: 1 }),
      });
      const first = await queueNotice(t, 'one@klant.nl');
      const second = await queueNotice(t, 'two@klant.nl');
      const summary = await deliver(t);
      assert.equal(summary.deferred, 1);
      const rows = await Promise.all(
        [first.id, second.id].map(async (id) =>
          (await t.app.inject({ url: `/api/v1/mail/messages/${id}`, headers: admin })).json(),
        ),
      );
      // Both were due at the same instant of the test clock, so either may have been tried first.
      const [untried, tried] = [...rows].sort((a, b) => a.attempts - b.attempts);
      assert.deepEqual(
        [tried.status, tried.attempts, untried.status, untried.attempts],
        ['queued', 1, 'queued', 0],
      );
      assert.match(tried.lastError, /ECONNREFUSED|connect/i);
      assert.equal(untried.lastError, null);
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: smtpSettings(smtp),
      });
      assert.equal((await deliver(t)).sent, 1, 'the untried one goes out on the next run');
    });

    test('the test mail is sent at once and shows the result; a wrong password shows why', async () => {
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/mail/test',
        headers: admin,
        payload: { to: 'femke@contict.nl', locale: 'en' },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'sent');
      const received = smtp.received.at(-1)!;
      assert.deepEqual(received.envelopeTo, ['femke@contict.nl']);
      assert.equal(received.subject, 'Test message from art28 (Contict)');
      assert.match(received.text, /sent by token:admin client from Contict's art28/);
      assert.match(received.html, /The e-mail settings work/);

      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: smtpSettings(smtp, { password: 'wrong' }),
      });
      const denied = await t.app.inject({
        method: 'POST',
        url: '/api/v1/mail/test',
        headers: admin,
        payload: { to: 'femke@contict.nl' },
      });
      assert.equal(denied.statusCode, 200);
      assert.equal(denied.json().status, 'failed', 'a test mail is not retried later');
      assert.match(denied.json().lastError, /535|Invalid username or password/);

      for (const role of ['privacy-officer', 'staff', 'auditor'] as const) {
        const { headers } = await t.signInAs(role);
        const refused = await t.app.inject({
          method: 'POST',
          url: '/api/v1/mail/test',
          headers,
          payload: { to: 'femke@contict.nl' },
        });
        assert.equal(refused.statusCode, 403, role);
      }
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/mail/test',
        headers: admin,
        payload: { to: 'not-an-address' },
      });
      assert.equal(errorOf(bad).field, 'body.to');
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/mail/settings',
        headers: admin,
        payload: smtpSettings(smtp),
      });
    });

    test('a message with a single-use link is erased from the log once it is sent', async () => {
      const { id } = await queueNotice(t, 'invitee@klant.nl', {
        sensitive: true,
        data: notice({
          action: { label: 'Account aanmaken', url: 'https://art28.example/invite/SECRET-TOKEN' },
        }),
      });
      await deliver(t);
      assert.match(smtp.received.at(-1)!.text, /SECRET-TOKEN/);
      const detail = await t.app.inject({ url: `/api/v1/mail/messages/${id}`, headers: admin });
      assert.equal(detail.json().status, 'sent');
      assert.equal(detail.json().sensitive, true);
      assert.ok(detail.json().bodiesErasedAt);
      assert.doesNotMatch(detail.body, /SECRET-TOKEN/);
    });

    test('two delivery runs at once send each message exactly once', async () => {
      const addresses = ['a@parallel.nl', 'b@parallel.nl', 'c@parallel.nl', 'd@parallel.nl'];
      for (const address of addresses) {
        await queueNotice(t, address);
      }
      const summaries = await Promise.all([deliver(t), deliver(t), deliver(t)]);
      assert.equal(
        summaries.reduce((n, s) => n + s.sent, 0),
        addresses.length,
      );
      for (const address of addresses) {
        assert.equal(smtp.received.filter((m) => m.envelopeTo.includes(address)).length, 1, address);
      }
    });

    test('the job queue is asked to deliver when a message is queued, if a runtime is wired', async () => {
      const calls: string[] = [];
      setMailDispatcher(async () => calls.push('mail.deliver'));
      try {
        await queueNotice(t, 'soon@klant.nl');
        assert.deepEqual(calls, ['mail.deliver']);
      } finally {
        setMailDispatcher(null);
      }
      await deliver(t);
    });

    test('the delivery log filters by status, address and template, and every staff role reads it', async () => {
      const { headers } = await t.signInAs('auditor');
      const all = (await t.app.inject({ url: '/api/v1/mail/messages?limit=200', headers })).json();
      assert.equal(all.total, all.items.length);
      const sent = (await t.app.inject({ url: '/api/v1/mail/messages?status=sent', headers })).json();
      assert.ok(sent.items.every((m: { status: string }) => m.status === 'sent'));
      assert.equal(sent.total, all.counts.sent);
      const byAddress = (
        await t.app.inject({ url: '/api/v1/mail/messages?to=KLANT.nl&template=notice', headers })
      ).json();
      assert.ok(byAddress.total > 0);
      assert.ok(byAddress.items.every((m: { to: string }) => m.to.endsWith('@klant.nl')));
      const tests = (await t.app.inject({ url: '/api/v1/mail/messages?template=test', headers })).json();
      assert.equal(tests.total, 2);
      const wildcard = (await t.app.inject({ url: '/api/v1/mail/messages?to=%25', headers })).json();
      assert.equal(wildcard.total, 0, 'a % in the filter is a literal character');
      const page = (await t.app.inject({ url: '/api/v1/mail/messages?limit=2&offset=1', headers })).json();
      assert.equal(page.items.length, 2);
      assert.equal(page.items[0].id, all.items[1].id);

      const badStatus = await t.app.inject({ url: '/api/v1/mail/messages?status=lost', headers });
      assert.equal(errorOf(badStatus).field, 'querystring.status');
      const missing = await t.app.inject({
        url: '/api/v1/mail/messages/00000000-0000-4000-8000-000000000000',
        headers,
      });
      assert.equal(missing.statusCode, 404);
    });
  });
}
