import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { ensureProcessorProfile } from '../settings/settings.usecases.ts';
import { runDailyCheck } from './subprocessors.alerts.ts';

const v1 = '/api/v1';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF');

type Party = { id: string; name: string };
type View = {
  id: string;
  profile: {
    namedInAgreement: boolean;
    engagedByPartyId: string | null;
    flowDownFileName: string | null;
  } | null;
  engagedBy: Party | null;
  engages: Party[];
  alerts: { kind: string; subject: string }[];
};
type Pair = {
  partyId: string;
  name: string;
  state: string;
  basis: string | null;
  active: boolean;
  method: string | null;
};

// The register side of the module: profiles, the chain, flow-down contracts, the daily check, the public list, and
// consent recorded by staff.
for (const engine of testEngines()) {
  describe(`sub-processor register (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    let parties: Party[];
    const byName = (name: string) => parties.find((p) => p.name === name)!;
    const send = (method: 'POST' | 'PUT', url: string, payload: object, headers = staff) =>
      t.app.inject({ method, url: `${v1}${url}`, headers, payload });
    const get = async <T>(url: string) => {
      const response = await t.app.inject({ url: `${v1}${url}`, headers: staff });
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      return response.json<T>();
    };

    before(async () => {
      t = await createTestApp(engine, { now: '2026-06-30T08:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      staff = await t.bearerFor('admin');
      parties = (await get<{ items: Party[] }>('/register/parties')).items;
    });
    after(() => t.close());

    test('the nine sub-processors of the agreement are seeded as named in it', async () => {
      const list = await get<{ items: View[] }>('/subprocessors');
      assert.equal(list.items.length, 9);
      assert.ok(list.items.every((s) => s.profile?.namedInAgreement === true));
    });

    test('a chain of any depth, but a party cannot work for its own sub-processor', async () => {
      const microsoft = byName('Microsoft');
      const afas = byName('AFAS');
      const saved = await send('PUT', `/subprocessors/${afas.id}`, {
        namedInAgreement: true,
        engagedByPartyId: microsoft.id,
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual(saved.json<View>().engagedBy, { id: microsoft.id, name: 'Microsoft' });
      const loop = await send('PUT', `/subprocessors/${microsoft.id}`, {
        namedInAgreement: true,
        engagedByPartyId: afas.id,
      });
      assert.equal(loop.statusCode, 400);
      assert.equal(errorOf(loop).field, 'body.engagedByPartyId');
      const microsoftView = await get<View>(`/subprocessors/${microsoft.id}`);
      assert.deepEqual(microsoftView.engages, [{ id: afas.id, name: 'AFAS' }]);
      assert.equal(microsoftView.profile?.engagedByPartyId, null, 'nothing changed');
    });

    test('the flow-down DPA is a PDF, kept and downloadable', async () => {
      const phished = byName('Phished');
      const text = await send('PUT', `/subprocessors/${phished.id}/flow-down-file`, {
        fileName: 'dpa.txt',
        dataBase64: Buffer.from('not a pdf').toString('base64'),
      });
      assert.equal(text.statusCode, 400);
      assert.equal(errorOf(text).field, 'body.dataBase64');
      const stored = await send('PUT', `/subprocessors/${phished.id}/flow-down-file`, {
        fileName: 'verwerkersovereenkomst-phished.pdf',
        dataBase64: pdf.toString('base64'),
      });
      assert.equal(stored.statusCode, 200, stored.body);
      assert.equal(stored.json<View>().profile?.flowDownFileName, 'verwerkersovereenkomst-phished.pdf');
      const file = await t.app.inject({
        url: `${v1}/subprocessors/${phished.id}/flow-down-file`,
        headers: staff,
      });
      assert.deepEqual(file.rawPayload, pdf);
    });

    test('the daily check raises expired contracts, certificates and DPF listings, and resolves them once fixed', async () => {
      const fortinet = byName('Fortinet');
      const expired = {
        namedInAgreement: true,
        locations: [{ country: 'US' }],
        dpfCertified: true,
        dpfCheckedOn: '2025-07-01',
        dpfRecertifyBy: '2026-06-15',
        flowDownSignedOn: '2024-01-01',
        flowDownValidUntil: '2026-06-29',
        certifications: [{ name: 'ISO/IEC 27001', validUntil: '2026-05-31' }],
        reviewDueOn: '2026-06-01',
      };
      assert.equal((await send('PUT', `/subprocessors/${fortinet.id}`, expired)).statusCode, 200);
      const first = await runDailyCheck({ db: t.db, clock: t.clock });
      assert.equal(first.raised, 4);
      const kinds = (await get<View>(`/subprocessors/${fortinet.id}`)).alerts.map((a) => a.kind).sort();
      assert.deepEqual(kinds, [
        'certification-expired',
        'dpf-recertification-due',
        'flow-down-expired',
        'review-due',
      ]);
      const alerts = await get<{ items: { partyName: string }[] }>('/subprocessors/alerts');
      assert.equal(alerts.items.filter((a) => a.partyName === 'Fortinet').length, 4);
      // a lapsed DPF listing also ends the transfer ground: nobody's data can go there now
      const blocked = await get<{ transferProblems: string[] }>(`/subprocessors/${fortinet.id}`);
      assert.match(blocked.transferProblems[0]!, /Data Privacy Framework/);

      const renewed = {
        ...expired,
        dpfRecertifyBy: '2027-06-15',
        flowDownValidUntil: '2028-12-31',
        certifications: [{ name: 'ISO/IEC 27001', validUntil: '2029-05-31' }],
        reviewDueOn: '2027-06-01',
      };
      assert.equal((await send('PUT', `/subprocessors/${fortinet.id}`, renewed)).statusCode, 200);
      const second = await runDailyCheck({ db: t.db, clock: t.clock });
      assert.deepEqual([second.raised, second.resolved], [0, 4]);
      assert.deepEqual((await get<View>(`/subprocessors/${fortinet.id}`)).alerts, []);
    });

    test('the public list is off by default; on, it shows names, purposes and countries only', async () => {
      const off = await t.app.inject({ url: `${v1}/public/subprocessors` });
      assert.equal(off.statusCode, 404);
      const settings = await get<Record<string, unknown>>('/settings');
      assert.equal(
        (await send('PUT', '/settings', { ...settings, publicSubprocessorList: true })).statusCode,
        200,
      );
      const on = await t.app.inject({ url: `${v1}/public/subprocessors` });
      assert.equal(on.statusCode, 200);
      const body = on.json<{ items: { name: string; countries: string[] }[] }>();
      assert.deepEqual(Object.keys(body.items[0]!).sort(), ['countries', 'name', 'purposeEn', 'purposeNl']);
      assert.deepEqual(body.items.find((i) => i.name === 'Fortinet')?.countries, ['US']);
    });

    test('staff record a withdrawal of consent given by signing the DPA; the record drops the sub-processor', async () => {
      const { customer } = await t.buildCustomer({ legalName: 'Slagerij Worst B.V.' });
      const agreement = await send('POST', `/customers/${customer.id}/agreements`, {
        reference: 'OVK-SUB-1',
        startDate: '2026-01-01',
        services: [{ serviceLineCode: 'cloud', startDate: '2026-01-01' }],
      });
      const agreementId = agreement.json<{ agreements: { id: string; dpas: { id: string }[] }[] }>()
        .agreements[0]!;
      const dpaId = agreementId.dpas[0]!.id;
      assert.equal(
        (await send('POST', `/customers/${customer.id}/agreements/${agreementId.id}/dpas/${dpaId}/send`, {}))
          .statusCode,
        200,
      );
      for (const party of ['customer', 'processor']) {
        const signed = await send(
          'POST',
          `/customers/${customer.id}/agreements/${agreementId.id}/dpas/${dpaId}/signatures`,
          {
            party,
            signerName: 'J. Worst',
            signerRole: 'Directeur',
            signedAt: '2026-06-30T10:00:00+02:00',
            file: { name: 'getekend.pdf', dataBase64: pdf.toString('base64') },
          },
        );
        assert.equal(signed.statusCode, 200, signed.body);
      }
      const microsoft = byName('Microsoft');
      const before = (await get<{ items: Pair[] }>(`/customers/${customer.id}/subprocessors`)).items.find(
        (p) => p.partyId === microsoft.id,
      )!;
      assert.deepEqual([before.state, before.basis, before.active], ['given', 'dpa', true]);
      const counts = async () =>
        (await get<{ consentCounts: Record<string, number> }>(`/subprocessors/${microsoft.id}`))
          .consentCounts;
      assert.deepEqual(await counts(), { given: 1 }, 'the one Cloud customer, by its signature');
      const withdrawn = await send(
        'POST',
        `/customers/${customer.id}/subprocessors/${microsoft.id}/withdrawal`,
        {
          reason: 'Brief van 29 juni: geen Microsoft meer voor onze mailboxen.',
        },
      );
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.deepEqual([withdrawn.json<Pair>().state, withdrawn.json<Pair>().active], ['withdrawn', false]);
      assert.deepEqual(await counts(), { withdrawn: 1 });
      const record = await get<{
        subprocessors: { name: string }[];
        withheldSubprocessors: { name: string; reason: string }[];
      }>(`/customers/${customer.id}/record`);
      assert.ok(!record.subprocessors.some((s) => s.name === 'Microsoft'));
      assert.deepEqual(
        record.withheldSubprocessors.filter((w) => w.name === 'Microsoft').map((w) => w.reason),
        ['withdrawn'],
      );
      const again = await send('POST', `/customers/${customer.id}/subprocessors/${microsoft.id}/withdrawal`, {
        reason: 'nogmaals',
      });
      assert.equal(again.statusCode, 409);
    });

    test('an answer received by letter is recorded by staff, dated, and not in the future', async () => {
      const { customer } = await t.buildCustomer({ legalName: 'Bakkerij Brood B.V.' });
      await send('POST', `/customers/${customer.id}/agreements`, {
        reference: 'OVK-SUB-2',
        startDate: '2026-01-01',
        services: [{ serviceLineCode: 'voip', startDate: '2026-01-01' }],
      });
      const created = await send('POST', '/register/parties', {
        name: 'Belservice NL',
        legalName: null,
        country: 'NL',
      });
      const partyId = created.json<{ id: string }>().id;
      assert.equal(
        (await send('PUT', `/subprocessors/${partyId}`, { locations: [{ country: 'NL' }] })).statusCode,
        200,
      );
      const proposal = await send('POST', '/subprocessor-proposals', {
        partyId,
        serviceLineCodes: ['voip'],
        reason: 'Nieuwe leverancier voor nummerbehoud',
        effectiveFrom: '2026-08-01',
      });
      assert.equal(proposal.statusCode, 201, proposal.body);
      const future = await send('POST', `/customers/${customer.id}/subprocessors/${partyId}/answer`, {
        decision: 'give',
        method: 'letter',
        answeredBy: 'B. Brood, directeur',
        answeredAt: '2026-07-30T10:00:00+02:00',
      });
      assert.equal(errorOf(future).field, 'body.answeredAt');
      const given = await send('POST', `/customers/${customer.id}/subprocessors/${partyId}/answer`, {
        decision: 'give',
        method: 'letter',
        answeredBy: 'B. Brood, directeur',
        answeredAt: '2026-06-29T10:00:00+02:00',
      });
      assert.equal(given.statusCode, 200, given.body);
      assert.deepEqual([given.json<Pair>().active, given.json<Pair>().method], [true, 'letter']);
    });
  });
}
