import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTenants, type Tenants } from '../../../../test/fixtures/tenants.ts';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { seedProcessorProfile } from '../settings/settings.schemas.ts';
import { updateProcessorProfile } from '../settings/settings.usecases.ts';

const v1 = '/api/v1';
const privacyDesk = 'privacy@contict.example';

type Message = { id: string; author: string; authorName: string; body: string; createdAt: string };
type Thread = { items: Message[] };
type Affected = {
  customerId: string;
  messages: number;
  unansweredQuestions: number;
  lastMessageAt: string | null;
};

// Issue 8 §5: the customer asks about a notice in the portal, staff answer there, the customer hears of the answer
// by e-mail; the thread is kept, in order, and only ever grows.
for (const engine of testEngines()) {
  describe(`the question thread of a breach notice (${engine})`, () => {
    let t: TestApp;
    let tenants: Tenants;
    let incidentId: string;

    const portalPost = (noticeId: string, body: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `${v1}/portal/breaches/${noticeId}/messages`,
        headers: tenants.a.headers,
        payload: { body },
      });
    const staffThread = (customerId: string) =>
      `${v1}/incidents/${incidentId}/customers/${customerId}/messages`;
    const affected = async () =>
      (await t.app.inject({ url: `${v1}/incidents/${incidentId}/customers`, headers: tenants.admin })).json<{
        items: Affected[];
      }>().items;

    before(async () => {
      t = await createTestApp(engine, { now: '2026-05-04T08:00:00Z' });
      tenants = await buildTenants(t);
      await updateProcessorProfile(t.ctx, {
        ...seedProcessorProfile,
        privacyContactName: 'Privacy Desk',
        privacyContactEmail: privacyDesk,
      });
      const list = await t.app.inject({ url: `${v1}/incidents`, headers: tenants.admin });
      incidentId = list.json<{ items: { id: string }[] }>().items[0]!.id;
    });
    after(() => t.close());

    test('the customer asks, staff see it unanswered, answer it, and the customer is mailed the answer', async () => {
      const { a } = tenants;
      const asked = await portalPost(
        a.noticeId,
        '  Welke gegevens van onze klanten waren precies leesbaar?  ',
      );
      assert.equal(asked.statusCode, 201, asked.body);
      const first = asked.json<Thread>().items;
      assert.equal(first.length, 1);
      assert.equal(first[0]!.author, 'customer');
      assert.equal(first[0]!.body, 'Welke gegevens van onze klanten waren precies leesbaar?', 'trimmed');
      assert.match(first[0]!.authorName, /Portal User/);
      assert.ok(
        (await t.mailTo(privacyDesk)).some(
          (m) => m.subject === 'Tenant A B.V. stelt een vraag over datalek ' + 'INC-2026-001',
        ),
        'staff hear of the question',
      );

      t.clock.advance(60_000);
      assert.equal((await portalPost(a.noticeId, 'En sinds wanneer?')).statusCode, 201);
      let row = (await affected()).find((r) => r.customerId === a.customerId)!;
      assert.deepEqual([row.messages, row.unansweredQuestions], [2, 2]);
      assert.equal((await affected()).find((r) => r.customerId === tenants.b.customerId)!.messages, 0);

      // the auditor reads the thread but cannot answer
      const auditor = await t.bearerFor('auditor');
      assert.equal(
        (await t.app.inject({ url: staffThread(a.customerId), headers: auditor })).statusCode,
        200,
      );
      const refused = await t.app.inject({
        method: 'POST',
        url: staffThread(a.customerId),
        headers: auditor,
        payload: { body: 'Mag niet' },
      });
      assert.equal(refused.statusCode, 403);

      t.clock.advance(60_000);
      const answered = await t.app.inject({
        method: 'POST',
        url: staffThread(a.customerId),
        headers: tenants.admin,
        payload: { body: 'Namen en adressen; de map was leesbaar van 2 tot 4 mei.' },
      });
      assert.equal(answered.statusCode, 201, answered.body);
      row = (await affected()).find((r) => r.customerId === a.customerId)!;
      assert.deepEqual([row.messages, row.unansweredQuestions], [3, 0]);
      assert.equal(row.lastMessageAt, t.clock.now().toISOString());

      const mail = (await t.mailTo(a.contactEmail))[0]!;
      assert.match(mail.subject, /^Antwoord op uw vraag over datalek INC-2026-001/);
      assert.ok(mail.textBody.includes('Namen en adressen; de map was leesbaar van 2 tot 4 mei.'));
      assert.ok(
        mail.textBody.includes('/portal/breaches#breach-INC-2026-001'),
        'links to the breach in the portal',
      );

      const thread = await t.app.inject({
        url: `${v1}/portal/breaches/${a.noticeId}/messages`,
        headers: a.headers,
      });
      assert.equal(thread.statusCode, 200);
      assert.deepEqual(
        thread.json<Thread>().items.map((m) => [m.author, m.body]),
        [
          ['customer', 'Welke gegevens van onze klanten waren precies leesbaar?'],
          ['customer', 'En sinds wanneer?'],
          ['processor', 'Namen en adressen; de map was leesbaar van 2 tot 4 mei.'],
        ],
        'oldest first, as staff see it too',
      );
      const staffView = await t.app.inject({ url: staffThread(a.customerId), headers: tenants.admin });
      assert.deepEqual(staffView.json<Thread>(), thread.json<Thread>());

      const events = await t.app.inject({
        url: `${v1}/audit/events?entityId=${a.customerId}&limit=200`,
        headers: tenants.admin,
      });
      const actions = events.json<{ items: { action: string }[] }>().items.map((e) => e.action);
      assert.equal(actions.filter((x) => x === 'incident.question_asked').length, 2);
      assert.equal(actions.filter((x) => x === 'incident.question_answered').length, 1);
    });

    test('an empty or too long message, or an unknown notice, is refused and names what is wrong', async () => {
      const { a } = tenants;
      const empty = await portalPost(a.noticeId, '   ');
      assert.equal(empty.statusCode, 400);
      assert.equal(errorOf(empty).field, 'body.body');
      const long = await portalPost(a.noticeId, 'x'.repeat(5001));
      assert.equal(long.statusCode, 400);
      assert.equal(errorOf(long).field, 'body.body');
      assert.equal((await portalPost(a.noticeId, 'x'.repeat(5000))).statusCode, 201, '5000 characters fit');
      const unknown = await portalPost('00000000-0000-4000-8000-000000000000', 'Hallo?');
      assert.equal(unknown.statusCode, 404);
      const notUuid = await portalPost('abc', 'Hallo?');
      assert.equal(errorOf(notUuid).field, 'params.noticeId');

      const blank = await t.app.inject({
        method: 'POST',
        url: staffThread(a.customerId),
        headers: tenants.admin,
        payload: { body: '' },
      });
      assert.equal(errorOf(blank).field, 'body.body');
      const stranger = await t.app.inject({
        method: 'POST',
        url: staffThread('00000000-0000-4000-8000-000000000000'),
        headers: tenants.admin,
        payload: { body: 'Antwoord' },
      });
      assert.equal(stranger.statusCode, 400);
      assert.equal(errorOf(stranger).field, 'params.customerId');
      const noIncident = await t.app.inject({
        url: `${v1}/incidents/00000000-0000-4000-8000-000000000000/customers/${a.customerId}/messages`,
        headers: tenants.admin,
      });
      assert.equal(noIncident.statusCode, 404);
    });

    test('a customer that has not had its notice has no thread to answer in', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents`,
        headers: tenants.admin,
        payload: {
          title: 'Tweede incident',
          summary: 'Een tweede map bleek van buitenaf leesbaar te zijn.',
          discoveredAt: t.clock.now().toISOString(),
          aspects: ['confidentiality'],
          serviceLineCodes: ['cloud'],
          severity: 'low',
          notifiable: true,
          decisionReasoning: 'Persoonsgegevens waren mogelijk in te zien.',
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const second = created.json<{ id: string }>().id;
      const answer = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${second}/customers/${tenants.a.customerId}/messages`,
        headers: tenants.admin,
        payload: { body: 'Antwoord zonder vraag' },
      });
      assert.equal(answer.statusCode, 409, answer.body);
      assert.equal(errorOf(answer).code, 'breaches.not_notified');
      assert.equal(errorOf(answer).field, 'params.customerId');
    });
  });
}
