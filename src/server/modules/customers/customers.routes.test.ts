import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { ensureProcessorProfile } from '../settings/settings.usecases.ts';
import { addDemoCustomers, removeDemoCustomers } from './customers.demo.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF').toString('base64');

type Detail = {
  id: string;
  status: string;
  contacts: { id: string; phone: string | null; roles: string[] }[];
  agreements: {
    id: string;
    status: string;
    endDate: string | null;
    services: { id: string; serviceLineCode: string; endDate: string | null }[];
    dpas: {
      id: string;
      version: number;
      status: string;
      effectiveDate: string | null;
      inForce: boolean;
      signatures: { id: string }[];
    }[];
  }[];
};

for (const engine of testEngines()) {
  describe(`customers, agreements and DPAs (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    let customerId: string;
    let agreementId: string;
    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      // a token, not a session: the clock jumps months ahead, past any session's lifetime
      staff = await t.bearerFor('staff');
    });
    after(() => t.close());

    const post = (url: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url, headers: staff, payload: payload as object });
    const get = async (id = customerId) =>
      (await t.app.inject({ url: `/api/v1/customers/${id}`, headers: staff })).json<Detail>();

    test('a customer needs an 8-digit KvK number that no other customer has', async () => {
      const bad = await post('/api/v1/customers', { legalName: 'Bakkerij Bolletje', kvkNumber: '1234567' });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).field, 'body.kvkNumber');
      const created = await post('/api/v1/customers', {
        legalName: 'Bakkerij Bolletje',
        kvkNumber: '12345678',
        city: 'Almelo',
      });
      assert.equal(created.statusCode, 201, created.body);
      customerId = created.json().id;
      const duplicate = await post('/api/v1/customers', {
        legalName: 'Andere Bakker',
        kvkNumber: '12345678',
      });
      assert.equal(duplicate.statusCode, 409);
      assert.equal(errorOf(duplicate).field, 'body.kvkNumber');
    });

    test('the ICT lead must have a valid phone number, stored in international form', async () => {
      const noPhone = await post(`/api/v1/customers/${customerId}/contacts`, {
        name: 'Ilse Jansen',
        email: 'ilse@bolletje.example',
        roles: ['ict-lead'],
      });
      assert.equal(noPhone.statusCode, 400);
      assert.equal(errorOf(noPhone).field, 'body.phone');
      const badPhone = await post(`/api/v1/customers/${customerId}/contacts`, {
        name: 'Ilse Jansen',
        email: 'ilse@bolletje.example',
        phone: '12',
        roles: ['ict-lead'],
      });
      assert.equal(errorOf(badPhone).field, 'body.phone');
      const ok = await post(`/api/v1/customers/${customerId}/contacts`, {
        name: 'Ilse Jansen',
        email: 'Ilse@Bolletje.example',
        phone: '06 12345678',
        roles: ['ict-lead'],
      });
      assert.equal(ok.statusCode, 201);
      await post(`/api/v1/customers/${customerId}/contacts`, {
        name: 'Sander Bol',
        email: 'sander@bolletje.example',
        roles: ['signatory', 'privacy-contact'],
      });
      const contacts = (await get()).contacts;
      assert.equal(contacts.find((c) => c.roles.includes('ict-lead'))?.phone, '+31612345678');
    });

    test('an agreement with service lines is checked against its own dates and the register', async () => {
      const outside = await post(`/api/v1/customers/${customerId}/agreements`, {
        reference: 'OVK-1',
        startDate: '2025-01-01',
        services: [{ serviceLineCode: 'cloud', startDate: '2024-12-01' }],
      });
      assert.equal(errorOf(outside).field, 'body.services.0.startDate');
      const unknown = await post(`/api/v1/customers/${customerId}/agreements`, {
        reference: 'OVK-1',
        startDate: '2025-01-01',
        services: [{ serviceLineCode: 'catering', startDate: '2025-01-01' }],
      });
      assert.equal(errorOf(unknown).field, 'body.services.0.serviceLineCode');
      const created = await post(`/api/v1/customers/${customerId}/agreements`, {
        reference: 'OVK-1',
        startDate: '2025-01-01',
        services: [
          { serviceLineCode: 'cloud', startDate: '2025-01-01' },
          { serviceLineCode: 'voip', startDate: '2025-02-01' },
        ],
      });
      assert.equal(created.statusCode, 201, created.body);
      const detail = created.json<Detail>();
      agreementId = detail.agreements[0]!.id;
      assert.equal(detail.status, 'active');
      assert.deepEqual(detail.agreements[0]!.services.map((s) => s.serviceLineCode).sort(), [
        'cloud',
        'voip',
      ]);
      assert.equal(detail.agreements[0]!.dpas[0]!.status, 'draft');
    });

    test('a DPA is signed by both parties after it is sent, and is in force from the day the last party signed', async () => {
      const dpaId = (await get()).agreements[0]!.dpas[0]!.id;
      const base = `/api/v1/customers/${customerId}/agreements/${agreementId}/dpas/${dpaId}`;
      const signature = (party: string, signedAt: string) => ({
        party,
        signerName: party === 'customer' ? 'Sander Bol' : 'Femke Jansen',
        signerRole: 'Directeur',
        signedAt,
        file: { name: 'getekend.pdf', dataBase64: pdf },
      });
      const early = await post(`${base}/signatures`, signature('customer', '2026-03-01T10:00:00Z'));
      assert.equal(early.statusCode, 400);
      assert.match(errorOf(early).message, /not been sent/);

      t.clock.set('2026-03-27T08:00:00Z');
      assert.equal((await post(`${base}/send`, {})).statusCode, 200);
      const notPdf = await post(`${base}/signatures`, {
        ...signature('customer', '2026-03-27T10:00:00Z'),
        file: { name: 'x.docx', dataBase64: Buffer.from('PK..').toString('base64') },
      });
      assert.equal(errorOf(notPdf).field, 'body.file');
      t.clock.set('2026-03-30T08:00:00Z');
      const future = await post(`${base}/signatures`, signature('customer', '2026-04-01T10:00:00Z'));
      assert.equal(errorOf(future).field, 'body.signedAt');

      assert.equal(
        (await post(`${base}/signatures`, signature('customer', '2026-03-27T10:00:00Z'))).statusCode,
        200,
      );
      assert.equal((await get()).agreements[0]!.dpas[0]!.status, 'signed_by_customer');
      const twice = await post(`${base}/signatures`, signature('customer', '2026-03-27T11:00:00Z'));
      assert.equal(twice.statusCode, 400);
      // 23:30 UTC on 28 March is 00:30 on 29 March in Amsterdam, the night the clocks go forward
      const signed = await post(`${base}/signatures`, signature('processor', '2026-03-28T23:30:00Z'));
      assert.equal(signed.statusCode, 200, signed.body);
      const dpa = signed.json<Detail>().agreements[0]!.dpas[0]!;
      assert.equal(dpa.status, 'active');
      assert.equal(dpa.effectiveDate, '2026-03-29');
      assert.equal(dpa.inForce, true);
      const file = await t.app.inject({
        url: `${base}/signatures/${dpa.signatures[0]!.id}/file`,
        headers: staff,
      });
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.ok(file.body.startsWith('%PDF-'));
    });

    test('a new DPA version is signed again while the old one stays in force', async () => {
      const created = await post(`/api/v1/customers/${customerId}/agreements/${agreementId}/dpas`, {
        reason: 'Register changed',
      });
      assert.equal(created.statusCode, 201);
      const [v2, v1] = created.json<Detail>().agreements[0]!.dpas;
      assert.equal(v2!.version, 2);
      assert.equal(v1!.inForce, true);
      const again = await post(`/api/v1/customers/${customerId}/agreements/${agreementId}/dpas`, {
        reason: 'again',
      });
      assert.equal(again.statusCode, 409);
      const base = `/api/v1/customers/${customerId}/agreements/${agreementId}/dpas/${v2!.id}`;
      await post(`${base}/send`, {});
      t.clock.set('2026-03-30T10:00:00Z');
      for (const party of ['processor', 'customer']) {
        const signed = await post(`${base}/signatures`, {
          party,
          signerName: 'X',
          signerRole: 'Directeur',
          signedAt: '2026-03-30T09:00:00Z',
          file: { name: 'v2.pdf', dataBase64: pdf },
        });
        assert.equal(signed.statusCode, 200, signed.body);
      }
      const dpas = (await get()).agreements[0]!.dpas;
      assert.deepEqual(
        dpas.map((d) => [d.version, d.status, d.inForce]),
        [
          [2, 'active', true],
          [1, 'superseded', false],
        ],
      );
    });

    test('notice sets retention dates on the record, which holds exactly the Annex 1 rows of its services', async () => {
      const future = await post(`/api/v1/customers/${customerId}/agreements/${agreementId}/notice`, {
        noticeGivenOn: '2026-04-01',
        endDate: '2027-01-31',
      });
      assert.equal(errorOf(future).field, 'body.noticeGivenOn');
      const backwards = await post(`/api/v1/customers/${customerId}/agreements/${agreementId}/notice`, {
        noticeGivenOn: '2026-03-30',
        endDate: '2024-12-31',
      });
      assert.equal(errorOf(backwards).field, 'body.endDate');
      const ok = await post(`/api/v1/customers/${customerId}/agreements/${agreementId}/notice`, {
        noticeGivenOn: '2026-03-30',
        endDate: '2027-01-31',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<Detail>().agreements[0]!.status, 'terminated');

      const record = (
        await t.app.inject({ url: `/api/v1/customers/${customerId}/record`, headers: staff })
      ).json();
      const register = (await t.app.inject({ url: '/api/v1/register', headers: staff })).json();
      const expected = register.entries.filter(
        (e: { serviceLine: string; retiredAt: string | null }) =>
          ['cloud', 'voip'].includes(e.serviceLine) && e.retiredAt === null,
      );
      assert.equal(record.rows.length, expected.length);
      assert.equal(record.rows.length, 10); // 3 Cloud + 7 VoIP rows of Annex 1
      const standard = record.rows.filter(
        (r: { retentionNl: string }) => r.retentionNl === 'Tot moment van opzeggen + 1 maand',
      );
      assert.ok(standard.length > 0);
      for (const row of standard) {
        assert.equal(row.retentionUntil, '2027-02-28'); // 31 January + 1 month
      }
      const cdr = record.rows.find((r: { dataTypeNl: string }) => r.dataTypeNl === 'Call Detail Records');
      assert.equal(cdr.retentionUntil, '2027-02-28');
      assert.equal(
        cdr.retentionUntilIsLatest,
        true,
        'each CDR goes 6 months after it was made, at the latest then',
      );
      assert.equal(record.agreement.endDate, '2027-01-31');
      // the seeded sub-processors have no country yet: unknown, not "outside the EEA"
      assert.deepEqual(record.transfersOutsideEea, []);
      assert.ok(record.locationUnknown.includes('Microsoft'));

      const csv = await t.app.inject({
        url: `/api/v1/customers/${customerId}/record?format=csv`,
        headers: staff,
      });
      assert.match(csv.body, /Type dienst,Type persoonsgegevens,Bewaartermijn,Bewaren tot/);
      assert.equal(csv.body.trim().split('\n').length, 11);
      const xlsx = await t.app.inject({
        url: `/api/v1/customers/${customerId}/record?format=xlsx`,
        headers: staff,
      });
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    });

    test('once the agreement has ended, its DPA has ended with it and cannot be renewed (clause 2.3)', async () => {
      t.clock.set('2027-02-01T08:00:00Z');
      const detail = await get();
      assert.equal(detail.status, 'ended');
      assert.equal(detail.agreements[0]!.dpas[0]!.status, 'ended');
      const renewal = await post(`/api/v1/customers/${customerId}/agreements/${agreementId}/dpas`, {
        reason: 'late',
      });
      assert.equal(renewal.statusCode, 400);
      const record = (
        await t.app.inject({ url: `/api/v1/customers/${customerId}/record`, headers: staff })
      ).json();
      assert.equal(
        record.rows.length,
        10,
        'the data stay on record until their retention ends (clause 2.4, 10)',
      );
      t.clock.set('2026-03-30T08:00:00Z');
    });

    test('an instruction that would infringe the GDPR is held until the customer answers', async () => {
      const future = await post(`/api/v1/customers/${customerId}/instructions`, {
        receivedOn: '2026-04-02',
        fromName: 'Sander Bol',
        channel: 'email',
        text: 'x',
      });
      assert.equal(errorOf(future).field, 'body.receivedOn');
      const created = await post(`/api/v1/customers/${customerId}/instructions`, {
        receivedOn: '2026-03-30',
        fromName: 'Sander Bol',
        channel: 'email',
        text: 'Bewaar alle gespreksopnames tien jaar.',
        serviceLineCodes: ['voip'],
        attachments: [
          {
            name: 'mail.eml',
            mime: 'message/rfc822',
            dataBase64: Buffer.from('From: sander').toString('base64'),
          },
        ],
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      assert.equal(
        (
          await post(`/api/v1/customers/${customerId}/instructions/${id}/answer`, {
            answer: 'ok',
            outcome: 'in_force',
          })
        ).statusCode,
        400,
      );
      assert.equal(
        (
          await post(`/api/v1/customers/${customerId}/instructions/${id}/flag`, {
            concern: 'Strijdig met art. 5(1)(e) AVG.',
          })
        ).statusCode,
        204,
      );
      let list = (
        await t.app.inject({ url: `/api/v1/customers/${customerId}/instructions`, headers: staff })
      ).json().items;
      assert.equal(list[0].status, 'on_hold');
      assert.equal(list[0].noticeSentAt, t.clock.now().toISOString());
      assert.equal(list[0].attachments[0].fileName, 'mail.eml');
      await post(`/api/v1/customers/${customerId}/instructions/${id}/answer`, {
        answer: 'Dan zes maanden.',
        outcome: 'withdrawn',
      });
      list = (
        await t.app.inject({ url: `/api/v1/customers/${customerId}/instructions`, headers: staff })
      ).json().items;
      assert.equal(list[0].status, 'withdrawn');
    });

    test('ids of one customer do not reach another customer’s agreement', async () => {
      const other = (
        await post('/api/v1/customers', { legalName: 'Ander B.V.', kvkNumber: '87654321' })
      ).json().id;
      const cross = await post(`/api/v1/customers/${other}/agreements/${agreementId}/notice`, {
        noticeGivenOn: '2026-03-30',
        endDate: '2026-12-31',
      });
      assert.equal(cross.statusCode, 404);
      const dpaId = (await get()).agreements[0]!.dpas[0]!.id;
      assert.equal(
        (
          await t.app.inject({
            url: `/api/v1/customers/${other}/agreements/${agreementId}/dpas/${dpaId}/signatures/${dpaId}/file`,
            headers: staff,
          })
        ).statusCode,
        404,
      );
    });

    test('every change is in the audit log', async () => {
      const auditor = await t.bearerFor('auditor');
      const events = (
        await t.app.inject({ url: '/api/v1/audit/events?limit=200&order=asc', headers: auditor })
      )
        .json()
        .items.map((e: { action: string }) => e.action);
      for (const action of [
        'customer.created',
        'customer.contact_added',
        'agreement.created',
        'dpa.sent',
        'dpa.signed',
        'dpa.version_created',
        'dpa.superseded',
        'agreement.notice_given',
        'instruction.recorded',
        'instruction.flagged',
        'instruction.answered',
      ]) {
        assert.ok(events.includes(action), action);
      }
    });
  });

  describe(`customer list, import and demo data (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    before(async () => {
      t = await createTestApp(engine, { now: '2026-06-15T10:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      staff = (await t.signInAs('privacy-officer')).headers;
    });
    after(() => t.close());

    const header =
      'Bedrijfsnaam;KvK-nummer;Straat;Postcode;Plaats;Land;Contractnummer;Startdatum;Diensten;Tekenbevoegde naam;Tekenbevoegde e-mail;ICT-verantwoordelijke naam;ICT-verantwoordelijke e-mail;ICT-verantwoordelijke telefoon;Privacycontact naam;Privacycontact e-mail';
    const row = (name: string, kvk: string, ref: string, phone = '0546 123456') =>
      `${name};${kvk};Marktstraat 1;7607 AB;Almelo;NL;${ref};2024-01-01;cloud;Jan Smit;jan@x.example;Piet Bos;piet@x.example;${phone};;`;
    const importCsv = (body: string | Buffer, query = '') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/import${query}`,
        headers: { ...staff, 'content-type': 'text/csv' },
        payload: body,
      });

    test('an import with any invalid row imports nothing and reports each row', async () => {
      const csv = [
        header,
        row('Één B.V.', '11111111', 'A-1'),
        row('Twee B.V.', '11111111', 'A-2'),
        row('Drie B.V.', '3333', 'A-3', 'geen'),
      ].join('\n');
      const report = (await importCsv(csv)).json();
      assert.equal(report.imported, 0);
      assert.deepEqual(
        report.problems.map((p: { row: number; column: string }) => [p.row, p.column]),
        [
          [3, 'KvK-nummer'],
          [4, 'KvK-nummer'],
        ],
      );
      assert.equal((await t.app.inject({ url: '/api/v1/customers', headers: staff })).json().total, 0);
      const skipped = (await importCsv(csv, '?skipInvalid=true')).json();
      assert.equal(skipped.imported, 1);
      const list = (await t.app.inject({ url: '/api/v1/customers?q=%C3%A9%C3%A9n', headers: staff })).json();
      assert.equal(list.items[0].legalName, 'Één B.V.');
      assert.deepEqual(list.items[0].services, ['cloud']);
    });

    test('a file in another encoding or with a wrong header is refused whole', async () => {
      const latin1 = Buffer.from(`${header}\n${row('Café Brands', '22222222', 'B-1')}`, 'latin1');
      const encoding = await importCsv(latin1);
      assert.equal(encoding.statusCode, 400);
      assert.equal(errorOf(encoding).code, 'import.encoding');
      const wrong = await importCsv('Naam,Nummer\nx,1');
      assert.equal(errorOf(wrong).code, 'import.header');
      assert.equal((await importCsv('')).statusCode, 400);
    });

    test('demo customers can be added and removed again, leaving the data as before', async () => {
      const tables = [
        'customers',
        'customer_contacts',
        'agreements',
        'agreement_services',
        'dpas',
        'dpa_signatures',
      ];
      const counts = async () =>
        Promise.all(
          tables.map(async (name) =>
            Number(
              (await t.db.execute<{ n: string }>(sql.raw(`select count(*) as n from ${name}`))).rows[0]!.n,
            ),
          ),
        );
      const before = await counts();
      const added = await addDemoCustomers(t.ctx);
      assert.equal(added.added, 40);
      const list = (
        await t.app.inject({ url: '/api/v1/customers?demo=true&limit=100', headers: staff })
      ).json();
      assert.equal(list.total, 40);
      const statuses = list.items.map((c: { status: string }) => c.status);
      assert.ok(statuses.includes('terminated'));
      assert.equal(statuses.filter((s: string) => s === 'ended').length, 1);
      const ended = list.items.find((c: { status: string }) => c.status === 'ended');
      assert.equal(ended.dpaStatus, 'ended', 'the list shows the DPA ended with its agreement (clause 2.3)');
      const voip = (
        await t.app.inject({ url: '/api/v1/customers?demo=true&serviceLine=voip&limit=100', headers: staff })
      ).json();
      assert.ok(voip.total > 0 && voip.total < 40);
      const page = (
        await t.app.inject({
          url: '/api/v1/customers?limit=10&offset=10&sort=kvkNumber&order=desc',
          headers: staff,
        })
      ).json();
      assert.equal(page.items.length, 10);
      assert.equal((await addDemoCustomers(t.ctx)).added, 0, 'adding twice does not duplicate them');
      assert.equal((await removeDemoCustomers(t.ctx)).removed, 40);
      assert.deepEqual(await counts(), before);
    });
  });
}
