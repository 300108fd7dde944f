import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { addDemoCustomers } from '../customers/customers.demo.ts';
import { generatedDocuments } from '../documents/documents.table.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { seedProcessorProfile } from '../settings/settings.schemas.ts';
import { ensureProcessorProfile, updateProcessorProfile } from '../settings/settings.usecases.ts';
import { runDailyCheck } from './subprocessors.alerts.ts';

const v1 = '/api/v1';
const privacyDesk = 'privacy@contict.example';

type Summary = { id: string; legalName: string; status: string; services: string[] };
type Contact = { email: string; roles: string[] };
type Pair = {
  id: string | null;
  partyId: string;
  name: string;
  state: string;
  active: boolean;
  reason: string | null;
  transferRequired: boolean;
  transferConsentGiven: boolean;
  respondBy: string | null;
  escalatedAt: string | null;
  documentId: string | null;
};
type Proposal = {
  id: string;
  status: string;
  respondBy: string;
  progress: Record<string, number>;
  customers: { customerId: string; legalName: string; state: string; escalatedAt: string | null }[];
};
type RecordOut = {
  rows: { service: string; subprocessors: string[] }[];
  subprocessors: { name: string; insideEea: boolean | null }[];
  transfersOutsideEea: { name: string }[];
  withheldSubprocessors: { name: string; reason: string | null }[];
};

// Issue 7, "done when": a proposal to add a US sub-processor for Cloud reaches every demo customer taking Cloud and
// no other, by e-mail and portal; one consents (with transfer consent), one objects, one stays silent and is
// escalated; only the consenting customer's record and DPA Annex 1 list it; every step is audited.
for (const engine of testEngines()) {
  describe(`sub-processor consent (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    let partyId: string;
    let proposal: Proposal;
    let cloud: Summary[];
    let others: Summary[];
    const portal: Record<string, Record<string, string>> = {};

    const get = async <T>(url: string, headers = staff) => {
      const response = await t.app.inject({ url: `${v1}${url}`, headers });
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      return response.json<T>();
    };
    const send = (method: 'POST' | 'PUT', url: string, payload: object, headers = staff) =>
      t.app.inject({ method, url: `${v1}${url}`, headers, payload });
    const profile = (extra: object = {}) => ({
      servicesNl: 'Opslag van back-ups in een tweede datacenter',
      servicesEn: 'Back-up storage in a second data centre',
      locations: [{ country: 'US', kind: 'storage' }],
      ...extra,
    });
    const pairOf = async (customerId: string) =>
      (await get<{ items: Pair[] }>(`/customers/${customerId}/subprocessors`)).items.find(
        (p) => p.partyId === partyId,
      );
    const privacyContactOf = async (customerId: string) =>
      (await get<{ contacts: Contact[] }>(`/customers/${customerId}`)).contacts.find((c) =>
        c.roles.includes('privacy-contact'),
      )!.email;

    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await updateProcessorProfile(t.ctx, {
        ...seedProcessorProfile,
        kvkNumber: '12345678',
        street: 'Industriestraat 1',
        postalCode: '7601 AA',
        privacyContactName: 'Privacy Desk',
        privacyContactEmail: privacyDesk,
      });
      await seedRegister(t.ctx);
      await addDemoCustomers(t.ctx);
      staff = await t.bearerFor('admin');
      const all = (await get<{ items: Summary[] }>('/customers?limit=500')).items;
      cloud = all.filter((c) => c.status !== 'ended' && c.services.includes('cloud'));
      others = all.filter((c) => !cloud.includes(c));
      assert.ok(cloud.length >= 3 && others.length > 0, 'demo customers with and without Cloud');
      for (const c of cloud.slice(0, 3)) {
        portal[c.id] = (await t.signInPortal(c.id, 'customer-admin')).headers;
      }
      const created = await send('POST', '/register/parties', {
        name: 'CloudVault',
        legalName: 'CloudVault Inc.',
        country: 'US',
      });
      assert.equal(created.statusCode, 201, created.body);
      partyId = created.json<{ id: string }>().id;
    });
    after(() => t.close());

    test('bad profile input names the field and changes nothing', async () => {
      const unknown = await send(
        'PUT',
        `/subprocessors/${partyId}`,
        profile({ locations: [{ country: 'XX' }] }),
      );
      assert.equal(unknown.statusCode, 400);
      assert.equal(errorOf(unknown).field, 'body.locations.0.country');
      const period = await send(
        'PUT',
        `/subprocessors/${partyId}`,
        profile({ flowDownSignedOn: '2026-02-01', flowDownValidUntil: '2026-01-31' }),
      );
      assert.equal(period.statusCode, 400);
      assert.equal(errorOf(period).field, 'body.flowDownValidUntil');
      assert.equal((await get<{ profile: unknown }>(`/subprocessors/${partyId}`)).profile, null);
    });

    test('a US location without DPF certification or a mechanism cannot be proposed, and says why', async () => {
      const saved = await send('PUT', `/subprocessors/${partyId}`, profile());
      assert.equal(saved.statusCode, 200, saved.body);
      const view = saved.json<{ transferProblems: string[]; locations: { zone: string }[] }>();
      assert.equal(view.locations[0]!.zone, 'third-country');
      assert.match(view.transferProblems[0]!, /Data Privacy Framework/);
      const refused = await send('POST', '/subprocessor-proposals', {
        partyId,
        serviceLineCodes: ['cloud'],
        reason: 'Tweede back-uplocatie voor Cloud',
        effectiveFrom: '2026-04-15',
      });
      assert.equal(refused.statusCode, 400);
      assert.equal(errorOf(refused).code, 'subprocessors.transfer_basis_missing');
      assert.equal(errorOf(refused).field, 'body.partyId');
      assert.deepEqual((await get<{ items: unknown[] }>('/subprocessor-proposals')).items, []);
    });

    test('the proposal reaches every customer taking Cloud, and no other, by e-mail and in the portal', async () => {
      const certified = await send(
        'PUT',
        `/subprocessors/${partyId}`,
        profile({ dpfCertified: true, dpfCheckedOn: '2026-03-01', dpfRecertifyBy: '2027-02-28' }),
      );
      const view = certified.json<{
        locations: { zone: string; basis: string }[];
        transferProblems: string[];
      }>();
      assert.deepEqual(view.transferProblems, []);
      assert.equal(view.locations[0]!.zone, 'adequacy');
      assert.match(view.locations[0]!.basis, /2023\/1795/);
      const created = await send('POST', '/subprocessor-proposals', {
        partyId,
        serviceLineCodes: ['cloud'],
        reason: 'Tweede back-uplocatie voor Cloud',
        effectiveFrom: '2026-04-15',
      });
      assert.equal(created.statusCode, 201, created.body);
      proposal = created.json<Proposal>();
      assert.deepEqual(
        new Set(proposal.customers.map((c) => c.customerId)),
        new Set(cloud.map((c) => c.id)),
        'exactly the customers taking Cloud',
      );
      assert.ok(proposal.customers.every((c) => c.state === 'asked'));
      // 2 March + 30 days = 1 April, to the end of that day in Amsterdam, already summer time (UTC+2)
      assert.equal(proposal.respondBy, '2026-04-01T21:59:59.999Z');

      for (const c of cloud) {
        const mail = await t.mailTo(await privacyContactOf(c.id));
        assert.ok(
          mail.some((m) => m.subject.includes('CloudVault') && m.textBody.includes('6.1')),
          `${c.legalName} is e-mailed, with the transfer question`,
        );
      }
      for (const c of others.slice(0, 5)) {
        const mail = await t.mailTo(await privacyContactOf(c.id));
        assert.ok(!mail.some((m) => m.subject.includes('CloudVault')), `${c.legalName} is not asked`);
      }
      const [first] = cloud;
      const list = await get<{
        requests: { partyId: string; transferRequired: boolean; respondBy: string }[];
      }>('/portal/subprocessors', portal[first!.id]);
      assert.deepEqual(
        list.requests.map((r) => [r.partyId, r.transferRequired, r.respondBy]),
        [[partyId, true, '2026-04-01T21:59:59.999Z']],
      );
      const overview = await get<{ openItems: { kind: string; partyId?: string }[] }>(
        '/portal/overview',
        portal[first!.id],
      );
      assert.ok(overview.openItems.some((i) => i.kind === 'subprocessor_consent' && i.partyId === partyId));
      // the Cloud rows of the register name it from now on; per customer only consent makes it active
      assert.equal((await pairOf(first!.id))!.reason, 'asked');
    });

    test('a customer not taking Cloud cannot answer the request', async () => {
      const outsider = (await t.signInPortal(others[0]!.id, 'customer-admin')).headers;
      const response = await send(
        'POST',
        `/portal/subprocessors/${partyId}/consent`,
        { decision: 'give', transferConsent: true },
        outsider,
      );
      assert.equal(response.statusCode, 404);
    });

    test('the first customer consents, with the separate consent to the transfer outside the EEA', async () => {
      const c1 = cloud[0]!;
      const noTransfer = await send(
        'POST',
        `/portal/subprocessors/${partyId}/consent`,
        { decision: 'give' },
        portal[c1.id],
      );
      assert.equal(noTransfer.statusCode, 400);
      assert.equal(errorOf(noTransfer).field, 'body.transferConsent');
      assert.equal((await pairOf(c1.id))!.state, 'asked', 'nothing changed');

      const member = (await t.signInPortal(c1.id, 'customer-member')).headers;
      const byMember = await send(
        'POST',
        `/portal/subprocessors/${partyId}/consent`,
        { decision: 'give', transferConsent: true },
        member,
      );
      assert.equal(byMember.statusCode, 403);

      const given = await send(
        'POST',
        `/portal/subprocessors/${partyId}/consent`,
        { decision: 'give', transferConsent: true },
        portal[c1.id],
      );
      assert.equal(given.statusCode, 200, given.body);
      const pair = given.json<Pair>();
      assert.deepEqual([pair.state, pair.active, pair.transferConsentGiven], ['given', true, true]);
      const again = await send(
        'POST',
        `/portal/subprocessors/${partyId}/consent`,
        { decision: 'object', reason: 'Toch niet' },
        portal[c1.id],
      );
      assert.equal(again.statusCode, 409, 'an answered request cannot be answered again');

      // the signed declaration is a document the customer can download
      const docs = await get<{ items: { id: string; kind: string }[] }>('/portal/documents', portal[c1.id]);
      const declaration = docs.items.find((d) => d.id === pair.documentId);
      assert.equal(declaration?.kind, 'consent');
      const file = await t.app.inject({
        url: `${v1}/portal/documents/${declaration!.id}/file`,
        headers: portal[c1.id],
      });
      assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.ok((await t.mailTo(privacyDesk)).some((m) => m.subject.includes('geeft toestemming')));
    });

    test('the second customer objects with a reason, and staff assess the objection', async () => {
      const c2 = cloud[1]!;
      const bare = await send(
        'POST',
        `/portal/subprocessors/${partyId}/consent`,
        { decision: 'object', reason: ' ' },
        portal[c2.id],
      );
      assert.equal(bare.statusCode, 400);
      assert.equal(errorOf(bare).field, 'body.reason');
      const objected = await send(
        'POST',
        `/portal/subprocessors/${partyId}/consent`,
        { decision: 'object', reason: 'Onze patiëntgegevens mogen de EU niet verlaten.' },
        portal[c2.id],
      );
      assert.equal(objected.statusCode, 200, objected.body);
      assert.deepEqual(
        [objected.json<Pair>().state, objected.json<Pair>().active, objected.json<Pair>().reason],
        ['objected', false, 'objected'],
      );
      const assessed = await send('POST', `/customers/${c2.id}/subprocessors/${partyId}/assessment`, {
        reasonable: true,
        outcome: 'alternative',
        note: 'Back-ups van deze klant blijven in Nederland.',
      });
      assert.equal(assessed.statusCode, 200, assessed.body);
    });

    test('silence past the window is not consent: the pair stays asked and is escalated to staff', async () => {
      const c3 = cloud[2]!;
      t.clock.advance(31 * 24 * 3600 * 1000);
      const result = await runDailyCheck({ db: t.db, clock: t.clock });
      assert.equal(result.escalated, cloud.length - 2);
      const pair = (await pairOf(c3.id))!;
      assert.equal(pair.state, 'asked');
      assert.equal(pair.active, false);
      assert.ok(pair.escalatedAt);
      const alerts = await get<{ items: { kind: string; customerId: string | null; partyId: string }[] }>(
        '/subprocessors/alerts',
      );
      assert.ok(alerts.items.some((a) => a.kind === 'consent-overdue' && a.customerId === c3.id));
      assert.ok((await t.mailTo(privacyDesk)).some((m) => m.subject.includes('onbeantwoord')));
      const again = await runDailyCheck({ db: t.db, clock: t.clock });
      assert.deepEqual([again.escalated, again.raised], [0, 0], 'escalated once');
      const progress = (await get<Proposal>(`/subprocessor-proposals/${proposal.id}`)).progress;
      assert.deepEqual(
        [progress.given, progress.objected, progress.asked, progress.overdue],
        [1, 1, cloud.length - 2, cloud.length - 2],
      );
    });

    test('only the consenting customer’s record and DPA Annex 1 list the new sub-processor', async () => {
      const [c1, c2, c3] = cloud;
      const record1 = await get<RecordOut>(`/customers/${c1!.id}/record`);
      assert.ok(record1.subprocessors.some((s) => s.name === 'CloudVault' && s.insideEea === false));
      assert.ok(record1.transfersOutsideEea.some((s) => s.name === 'CloudVault'));
      assert.ok(
        record1.rows
          .filter((r) => r.service === 'cloud')
          .every((r) => r.subprocessors.includes('CloudVault')),
      );
      for (const [c, reason] of [
        [c2!, 'objected'],
        [c3!, 'asked'],
      ] as const) {
        const record = await get<RecordOut>(`/customers/${c.id}/record`);
        assert.ok(!record.rows.some((r) => r.subprocessors.includes('CloudVault')), c.legalName);
        assert.deepEqual(
          record.withheldSubprocessors.filter((w) => w.name === 'CloudVault').map((w) => w.reason),
          [reason],
        );
      }
      for (const [c, listed] of [
        [c1!, true],
        [c2!, false],
        [c3!, false],
      ] as const) {
        const response = await send('POST', `/customers/${c.id}/documents`, { kind: 'dpa', format: 'pdf' });
        assert.equal(response.statusCode, 201, response.body);
        const [row] = await t.db
          .select({ inputs: generatedDocuments.inputs })
          .from(generatedDocuments)
          .where(eq(generatedDocuments.id, response.json<{ id: string }>().id));
        const annex = (row!.inputs as { record: { subprocessors: { name: string }[] } }).record.subprocessors;
        assert.equal(
          annex.some((s) => s.name === 'CloudVault'),
          listed,
          c.legalName,
        );
        assert.ok(
          annex.some((s) => s.name === 'Microsoft'),
          'the agreement’s own sub-processors stay',
        );
      }
    });

    test('a withdrawn proposal cannot be answered; what was given stays', async () => {
      const [c1, , c3] = cloud;
      const withdrawn = await send('POST', `/subprocessor-proposals/${proposal.id}/withdraw`, {
        reason: 'Wij kiezen een Europese leverancier.',
      });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal(withdrawn.json<Proposal>().status, 'withdrawn');
      // a month has passed since the portal sessions began
      portal[c3!.id] = (await t.signInPortal(c3!.id, 'customer-admin')).headers;
      const late = await send(
        'POST',
        `/portal/subprocessors/${partyId}/consent`,
        { decision: 'give', transferConsent: true },
        portal[c3!.id],
      );
      assert.equal(late.statusCode, 409);
      assert.equal(errorOf(late).code, 'subprocessors.proposal_withdrawn');
      assert.equal((await pairOf(c3!.id))!.state, 'not-asked');
      assert.equal((await pairOf(c1!.id))!.active, true);
    });

    test('every step is in the audit log', async () => {
      const actions = async (entityId: string) =>
        (
          await get<{ items: { action: string }[] }>(`/audit/events?entityId=${entityId}&limit=500`)
        ).items.map((e) => e.action);
      const [c1, c2, c3] = cloud;
      assert.ok((await actions(proposal.id)).includes('subprocessor.proposal_created'));
      assert.ok((await actions(proposal.id)).includes('subprocessor.proposal_withdrawn'));
      assert.ok((await actions(partyId)).includes('subprocessor.profiled'));
      for (const [c, expected] of [
        [c1!, ['subprocessor.consent_requested', 'subprocessor.consent_given']],
        [
          c2!,
          [
            'subprocessor.consent_requested',
            'subprocessor.consent_objected',
            'subprocessor.objection_assessed',
          ],
        ],
        [
          c3!,
          [
            'subprocessor.consent_requested',
            'subprocessor.consent_escalated',
            'subprocessor.consent_request_cancelled',
          ],
        ],
      ] as const) {
        const seen = await actions(c.id);
        for (const action of expected) {
          assert.ok(seen.includes(action), `${c.legalName}: ${action}`);
        }
      }
      const verify = await send('POST', '/audit/verify', {});
      assert.equal(
        verify.json<{ verification: { ok: boolean } }>().verification.ok,
        true,
        'the hash chain holds',
      );
    });
  });
}
