import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { createCustomerToken } from '../accounts/accounts.usecases.ts';
import { auditEvents } from '../audit/audit.table.ts';
import { addDemoCustomers, removeDemoCustomers } from '../customers/customers.demo.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { seedProcessorProfile } from '../settings/settings.schemas.ts';
import { ensureProcessorProfile, updateProcessorProfile } from '../settings/settings.usecases.ts';
import { registerConnector } from './requests.connectors.ts';
import { dsrRequests } from './requests.table.ts';

const v1 = '/api/v1';
const person = 'jan.jansen@example.nl';

type Detail = { id: string; legalName: string; agreements: { services: { serviceLineCode: string }[] }[] };
type Task = {
  id: string;
  kind: string;
  title: string;
  serviceLineCodes: string[];
  dataTypes: { nl: string }[];
  status: string;
  dueAt: string;
  connector: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  evidence: { id: string; fileName: string | null; note: string | null; sha256: string | null }[];
  owner: unknown;
};
type Request = {
  id: string;
  reference: string;
  status: string;
  dueAt: string;
  heldDays: number;
  identities: { type: string; masked: string }[];
  customerDeadline: string | null;
  scope: string[];
  taskList: Task[];
  tasks: { total: number; done: number };
  response: { systems: { title: string; outcome: string }[] } | null;
  package: { fileName: string; expiresAt: string } | null;
};

// Issue 9: a customer asks for help with a data subject request; art28 sets the 14-day clock of seed 3.6 and a
// task for every place that holds the customer's data; staff finish them with evidence; the customer gets the result.
for (const engine of testEngines()) {
  describe(`data subject requests (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    let portal: Record<string, string>;
    let otherPortal: Record<string, string>;
    let voipCustomer: Detail;
    let otherCustomer: Detail;

    const call = (headers: Record<string, string>, method: string, url: string, payload?: object) =>
      t.app.inject({
        method: method as 'GET',
        url: `${v1}${url}`,
        headers,
        ...(payload ? { payload } : {}),
      });
    const ok = async <T>(response: Awaited<ReturnType<typeof call>>, status = 200) => {
      assert.equal(response.statusCode, status, response.body);
      return response.json<T>();
    };
    const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dsrRequests))[0]!.n;

    before(async () => {
      // 20 October 2026, summer time; 14 days later the clocks have gone back (25 October)
      t = await createTestApp(engine, { now: '2026-10-20T10:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await updateProcessorProfile(t.ctx, {
        ...seedProcessorProfile,
        privacyContactName: 'Privacy Desk',
        privacyContactEmail: 'privacy@contict.example',
      });
      await seedRegister(t.ctx);
      await addDemoCustomers(t.ctx);
      staff = await t.bearerFor('admin');
      const all = (await ok<{ items: { id: string }[] }>(await call(staff, 'GET', '/customers?limit=500')))
        .items;
      const details: Detail[] = [];
      for (const c of all) {
        details.push(await ok<Detail>(await call(staff, 'GET', `/customers/${c.id}`)));
      }
      const takes = (d: Detail, code: string) =>
        d.agreements.some((a) => a.services.some((s) => s.serviceLineCode === code));
      voipCustomer = details.find((d) => takes(d, 'voip'))!;
      otherCustomer = details.find((d) => d.id !== voipCustomer.id && d.agreements.length > 0)!;
      portal = (await t.signInPortal(voipCustomer.id)).headers;
      otherPortal = (await t.signInPortal(otherCustomer.id)).headers;
    });
    after(() => t.close());

    test('bad requests name the field and store nothing', async () => {
      const cases: [object, string][] = [
        [{ rightType: 'forget-me', identities: [{ type: 'email', value: person }] }, 'body.rightType'],
        [{ rightType: 'access', identities: [] }, 'body.identities'],
        [
          { rightType: 'access', identities: [{ type: 'email', value: 'not-an-address' }] },
          'body.identities.0.value',
        ],
        [{ rightType: 'access', identities: [{ type: 'phone', value: '12' }] }, 'body.identities.0.value'],
        [{ rightType: 'access', identities: [{ type: 'shoe-size', value: '44' }] }, 'body.identities.0.type'],
        [{ rightType: 'rectification', identities: [{ type: 'email', value: person }] }, 'body.notes'],
        [
          { rightType: 'access', identities: [{ type: 'email', value: person }], scope: ['no-such'] },
          'body.scope',
        ],
        [
          {
            rightType: 'access',
            identities: [{ type: 'email', value: person }],
            customerReceivedOn: '2026-10-21',
          },
          'body.customerReceivedOn',
        ],
      ];
      for (const [body, field] of cases) {
        const response = await call(portal, 'POST', '/portal/requests', body);
        assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
        assert.equal(errorOf(response).field, field);
        assert.doesNotMatch(response.body, /jan\.jansen/, 'an error never echoes the identity');
      }
      const future = await call(staff, 'POST', '/requests', {
        customerId: voipCustomer.id,
        channel: 'email',
        receivedAt: '2026-10-20T10:00:01Z',
        rightType: 'erasure',
        identities: [{ type: 'email', value: person }],
      });
      assert.equal(errorOf(future).field, 'body.receivedAt');
      assert.equal(await count(), 0);
    });

    test('a portal access request gets the 14-day clock across the DST change and a task per system', async () => {
      const created = await ok<Request>(
        await call(portal, 'POST', '/portal/requests', {
          rightType: 'access',
          identities: [
            { type: 'email', value: ' Jan.Jansen@Example.nl ' },
            { type: 'phone', value: '06 12345678' },
          ],
          customerReceivedOn: '2026-10-16',
          notes: 'Meneer Jansen wil weten welke gespreksgegevens wij van hem hebben.',
        }),
        201,
      );
      assert.match(created.reference, /^DSR-2026-\d{4}$/);
      assert.equal(created.status, 'received');
      // received 20 October (CEST) → end of 3 November, which is winter time (UTC+1)
      assert.equal(created.dueAt, '2026-11-03T22:59:59.999Z');
      assert.equal(
        created.customerDeadline,
        '2026-11-16',
        'Art. 12(3) guidance: one month from the person’s request',
      );
      assert.deepEqual(
        created.identities.map((i) => [i.type, i.masked]),
        [
          ['email', 'j***@e***.nl'],
          ['phone', '+31******78'],
        ],
      );
      assert.ok(created.scope.includes('voip'));
      const titles = created.taskList.map((task) => task.title);
      assert.ok(titles.includes('Enreach/Routit'), `the VoIP sub-processor has a task: ${titles.join(', ')}`);
      const own = created.taskList.find(
        (task) => task.kind === 'processor' && task.serviceLineCodes.includes('voip'),
      );
      assert.ok(own, 'our own VoIP systems have a task');
      assert.ok(created.taskList.every((task) => task.status === 'open' && task.owner === null));
      assert.equal(new Set(titles).size, titles.length, 'one task per system or sub-processor');
      // the customer sees the request; the staff list shows it among the open ones, by due date
      const mine = await ok<{ items: Request[] }>(await call(portal, 'GET', '/portal/requests'));
      assert.deepEqual(
        mine.items.map((r) => r.id),
        [created.id],
      );
      const open = await ok<{ items: Request[] }>(await call(staff, 'GET', '/requests?status=open'));
      assert.ok(open.items.some((r) => r.id === created.id));
      const notified = await t.mailTo('privacy@contict.example');
      assert.ok(
        notified.some((m) => m.subject.includes(created.reference)),
        'staff hear of it',
      );
    });

    test('identities are sealed at rest, masked on screens, and revealed to staff with an audit trail', async () => {
      const [row] = await t.db.select().from(dsrRequests);
      assert.ok(row?.identitiesSealed);
      assert.doesNotMatch(row.identitiesSealed, /jansen/i);
      assert.doesNotMatch(JSON.stringify(row.identitiesMasked), /jansen/i);
      const auditor = await t.bearerFor('auditor');
      assert.equal((await call(auditor, 'POST', `/requests/${row.id}/identities`)).statusCode, 403);
      const shown = await ok<{ items: { type: string; value: string }[] }>(
        await call(staff, 'POST', `/requests/${row.id}/identities`),
      );
      assert.deepEqual(
        shown.items.map((i) => i.value),
        ['jan.jansen@example.nl', '+31612345678'],
      );
      const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, row.id));
      assert.ok(events.some((e) => e.action === 'request.identities_viewed'));
      assert.doesNotMatch(JSON.stringify(events), /jansen/i, 'the audit log keeps no identity');
    });

    test('another customer’s contact cannot see, cancel or download the request', async () => {
      const [row] = await t.db.select().from(dsrRequests);
      for (const [method, url] of [
        ['GET', `/portal/requests/${row!.id}`],
        ['POST', `/portal/requests/${row!.id}/cancel`],
        ['GET', `/portal/requests/${row!.id}/package`],
      ] as const) {
        const response = await call(otherPortal, method, url, method === 'POST' ? {} : undefined);
        assert.equal(response.statusCode, 404, `${method} ${url}`);
      }
      assert.deepEqual(
        (await ok<{ items: unknown[] }>(await call(otherPortal, 'GET', '/portal/requests'))).items,
        [],
      );
      assert.equal(
        (await call(portal, 'GET', '/requests')).statusCode,
        403,
        'staff routes are not for contacts',
      );
    });

    test('waiting for the customer moves the due date by whole days', async () => {
      const [row] = await t.db.select().from(dsrRequests);
      const noReason = await call(staff, 'POST', `/requests/${row!.id}/status`, { status: 'on_hold' });
      assert.equal(errorOf(noReason).field, 'body.reason');
      await ok(
        await call(staff, 'POST', `/requests/${row!.id}/status`, {
          status: 'on_hold',
          reason: 'Welk telefoonnummer gebruikte meneer Jansen?',
        }),
      );
      t.clock.advance(26 * 3600 * 1000); // 1 day and 2 hours → 2 days
      const resumed = await ok<Request>(
        await call(staff, 'POST', `/requests/${row!.id}/status`, { status: 'in_progress' }),
      );
      assert.equal(resumed.heldDays, 2);
      assert.equal(resumed.dueAt, '2026-11-05T22:59:59.999Z');
      assert.ok(resumed.taskList.every((task) => task.dueAt === resumed.dueAt));
      // portal sessions last 8 hours: sign in again after the clock moved
      portal = (await t.signInPortal(voipCustomer.id)).headers;
      otherPortal = (await t.signInPortal(otherCustomer.id)).headers;
    });

    test('staff finish every task with evidence; then the customer gets the result and the package', async () => {
      const [row] = await t.db.select().from(dsrRequests);
      const id = row!.id;
      let detail = await ok<Request>(await call(staff, 'GET', `/requests/${id}`));
      const early = await call(staff, 'POST', `/requests/${id}/complete`);
      assert.equal(early.statusCode, 409);
      assert.equal(errorOf(early).field, 'tasks');
      const notPossible = await call(staff, 'PATCH', `/requests/${id}/tasks/${detail.taskList[0]!.id}`, {
        outcome: 'not_possible',
      });
      assert.equal(errorOf(notPossible).field, 'body.outcomeNote');
      const [first, ...rest] = detail.taskList;
      detail = await ok<Request>(
        await call(staff, 'POST', `/requests/${id}/tasks/${first!.id}/evidence`, {
          note: 'Gezocht op e-mailadres en telefoonnummer in Broadworks.',
          fileName: 'export.csv',
          contentType: 'text/csv',
          dataBase64: Buffer.from('datum,nummer\n2026-10-01,+31612345678\n').toString('base64'),
        }),
      );
      const evidence = detail.taskList[0]!.evidence;
      assert.equal(evidence.length, 1);
      assert.match(evidence[0]!.sha256!, /^[0-9a-f]{64}$/);
      const file = await call(staff, 'GET', `/requests/${id}/evidence/${evidence[0]!.id}`);
      assert.equal(file.statusCode, 200);
      assert.match(file.body, /\+31612345678/);
      await ok(
        await call(staff, 'PATCH', `/requests/${id}/tasks/${first!.id}`, {
          outcome: 'found',
          outcomeNote: '12 gesprekken',
        }),
      );
      for (const task of rest) {
        await ok(await call(staff, 'PATCH', `/requests/${id}/tasks/${task.id}`, { outcome: 'not_found' }));
      }
      const done = await ok<Request>(await call(staff, 'POST', `/requests/${id}/complete`));
      assert.equal(done.status, 'completed');
      assert.deepEqual(
        done.response?.systems.map((s) => [s.title, s.outcome]),
        [[first!.title, 'found'], ...rest.map((task) => [task.title, 'not_found'])],
      );
      assert.ok(done.package, 'an access request comes with an export package');
      // the customer's view: per system what came out, no internal evidence
      const seen = await ok<Request>(await call(portal, 'GET', `/portal/requests/${id}`));
      assert.ok(seen.taskList.every((task) => task.evidence.length === 0 && task.owner === null));
      const download = await call(portal, 'GET', `/portal/requests/${id}/package`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/zip');
      const again = await call(staff, 'POST', `/requests/${id}/status`, { status: 'cancelled' });
      assert.equal(again.statusCode, 409, 'a completed request stays completed');
    });

    test('a registered connector claims the tasks of its system; the others stay with people', async () => {
      const unregister = registerConnector({
        name: 'broadworks',
        claims: (target) => target.kind === 'subprocessor' && target.partyName === 'Enreach/Routit',
      });
      try {
        const created = await ok<Request & { taskList: (Task & { connector: string | null })[] }>(
          await call(portal, 'POST', '/portal/requests', {
            rightType: 'erasure',
            identities: [{ type: 'phone', value: '+31 6 12345678' }],
            scope: ['voip'],
          }),
          201,
        );
        const byTitle = new Map(created.taskList.map((task) => [task.title, task.connector]));
        assert.equal(byTitle.get('Enreach/Routit'), 'broadworks');
        assert.ok([...byTitle].filter(([title]) => title !== 'Enreach/Routit').every(([, c]) => c === null));
        await ok(await call(portal, 'POST', `/portal/requests/${created.id}/cancel`, {}));
      } finally {
        unregister();
      }
    });

    test('staff assign a task to a colleague who may work it, never to an auditor', async () => {
      const worker = await t.buildUser({ role: 'staff', name: 'Sanne Werker' });
      const auditor = await t.buildUser({ role: 'auditor', name: 'Arie Auditor' });
      const staffMember = (await t.signInAs('staff')).headers;
      const choices = await ok<{ items: { id: string; name: string }[] }>(
        await call(staffMember, 'GET', '/users/assignable'),
      );
      const names = choices.items.map((u) => u.name);
      assert.ok(names.includes('Sanne Werker'));
      assert.ok(!names.includes('Arie Auditor'));
      const created = await ok<Request>(
        await call(portal, 'POST', '/portal/requests', {
          rightType: 'objection',
          identities: [{ type: 'name', value: 'J. Jansen' }],
          scope: ['voip'],
        }),
        201,
      );
      const task = created.taskList[0]!;
      const refused = await call(staff, 'PATCH', `/requests/${created.id}/tasks/${task.id}`, {
        ownerUserId: auditor.id,
      });
      assert.equal(errorOf(refused).field, 'body.ownerUserId');
      const assigned = await ok<Request>(
        await call(staff, 'PATCH', `/requests/${created.id}/tasks/${task.id}`, { ownerUserId: worker.id }),
      );
      assert.deepEqual(assigned.taskList[0]!.owner, { id: worker.id, name: 'Sanne Werker' });
      assert.equal(assigned.status, 'in_progress', 'work on a task starts the request');
      await ok(await call(portal, 'POST', `/portal/requests/${created.id}/cancel`, {}));
    });

    test('a customer can cancel its own open request', async () => {
      const created = await ok<Request>(
        await call(portal, 'POST', '/portal/requests', {
          rightType: 'erasure',
          identities: [{ type: 'customer_reference', value: 'KLANT-0042' }],
          scope: ['voip'],
        }),
        201,
      );
      assert.deepEqual(created.scope, ['voip']);
      const cancelled = await ok<Request>(
        await call(portal, 'POST', `/portal/requests/${created.id}/cancel`, {
          reason: 'De betrokkene trok het verzoek in.',
        }),
      );
      assert.equal(cancelled.status, 'cancelled');
      const work = await call(staff, 'PATCH', `/requests/${created.id}/tasks/${created.taskList[0]!.id}`, {
        outcome: 'done',
      });
      assert.equal(work.statusCode, 409);
    });

    test('removing the demo customers takes their requests, evidence, packages and tokens along', async () => {
      await createCustomerToken(t.ctx, { name: 'demo', customerId: voipCustomer.id, role: 'customer-admin' });
      assert.ok((await count()) > 0);
      const { removed } = await removeDemoCustomers(t.ctx);
      assert.ok(removed > 0);
      assert.equal(await count(), 0);
    });
  });
}
