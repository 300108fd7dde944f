import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { seedProcessorProfile } from '../settings/settings.schemas.ts';
import { ensureProcessorProfile, updateProcessorProfile } from '../settings/settings.usecases.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF').toString('base64');
const privacyDesk = 'privacy@contict.example';

type Signature = { id: string; party: string; method: string; accountId: string | null; ip: string | null };
type Dpa = {
  id: string;
  version: number;
  status: string;
  effectiveDate: string | null;
  signatures: Signature[];
};
type Detail = {
  id: string;
  contacts: { id: string; email: string; roles: string[] }[];
  agreements: { id: string; status: string; dpas: Dpa[] }[];
};
type Overview = {
  customer: { id: string; legalName: string; kvkNumber: string };
  agreements: { id: string; status: string; dpa: { id: string; version: number; status: string } | null }[];
  openItems: { kind: string; id: string; dueAt: string | null }[];
};

for (const engine of testEngines()) {
  describe(`customer portal (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    let customerId: string;
    let contactId: string;
    let agreementId: string;
    let admin: { user: { id: string; email: string; name: string }; headers: Record<string, string> };
    let member: { user: { id: string; email: string; name: string }; headers: Record<string, string> };

    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await updateProcessorProfile(t.ctx, { ...seedProcessorProfile, privacyContactEmail: privacyDesk });
      await seedRegister(t.ctx);
      staff = await t.bearerFor('admin');
      const built = await t.buildCustomer({ legalName: 'Bakkerij Bolletje B.V.' });
      customerId = built.customer.id;
      contactId = built.contact.id;
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${customerId}/agreements`,
        headers: staff,
        payload: {
          reference: 'OVK-PORTAL-1',
          startDate: '2025-01-01',
          services: [
            { serviceLineCode: 'cloud', startDate: '2025-01-01' },
            { serviceLineCode: 'voip', startDate: '2025-01-01' },
          ],
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      agreementId = created.json<Detail>().agreements[0]!.id;
      admin = await t.signInPortal(customerId, 'customer-admin');
      member = await t.signInPortal(customerId, 'customer-member');
    });
    after(() => t.close());

    const as = (who: { headers: Record<string, string> }) => ({
      get: (url: string) => t.app.inject({ url: `/api/v1${url}`, headers: who.headers }),
      send: (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
        t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, payload }),
    });
    const staffGet = async <T>(url: string) => {
      const response = await t.app.inject({ url: `/api/v1${url}`, headers: staff });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<T>();
    };
    const staffPost = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: staff, payload });
    const mailToDesk = async () =>
      (
        await staffGet<{ items: { subject: string; template: string; related: { id: string } | null }[] }>(
          `/mail/messages?to=${encodeURIComponent(privacyDesk)}&limit=200`,
        )
      ).items;
    const dpaIdOf = async (version: number) =>
      (await staffGet<Detail>(`/customers/${customerId}`)).agreements[0]!.dpas.find(
        (d) => d.version === version,
      )!.id;

    test('a draft DPA is the processor’s work in progress: the portal shows it once it is sent', async () => {
      const portal = (await as(member).get('/portal/customer')).json<Detail>();
      assert.deepEqual(portal.agreements[0]!.dpas, []);
      let overview = (await as(member).get('/portal/overview')).json<Overview>();
      assert.equal(overview.agreements[0]!.dpa, null);
      assert.deepEqual(overview.openItems, []);

      const dpaId = await dpaIdOf(1);
      assert.equal(
        (await staffPost(`/customers/${customerId}/agreements/${agreementId}/dpas/${dpaId}/send`, {}))
          .statusCode,
        200,
      );
      overview = (await as(member).get('/portal/overview')).json<Overview>();
      assert.equal(overview.customer.legalName, 'Bakkerij Bolletje B.V.');
      assert.match(overview.customer.kvkNumber, /^\d{8}$/);
      assert.deepEqual(overview.agreements[0]!.dpa, {
        id: dpaId,
        version: 1,
        status: 'sent',
        sentAt: '2026-03-02T09:00:00.000Z',
        effectiveDate: null,
        inForce: false,
      });
      assert.deepEqual(
        overview.openItems.map((i) => [i.kind, i.id, i.dueAt]),
        [['dpa_signature', dpaId, null]],
      );
    });

    test('the portal customer is the staff detail of the own customer, without signers’ addresses', async () => {
      const dpaId = await dpaIdOf(1);
      const signed = await staffPost(
        `/customers/${customerId}/agreements/${agreementId}/dpas/${dpaId}/signatures`,
        {
          party: 'processor',
          signerName: 'Femke Jansen',
          signerRole: 'Directeur',
          signedAt: '2026-03-02T09:00:00Z',
          file: { name: 'verwerkersovereenkomst.pdf', dataBase64: pdf },
        },
      );
      assert.equal(signed.statusCode, 200, signed.body);
      const staffView = await staffGet<Detail>(`/customers/${customerId}`);
      const portal = (await as(member).get('/portal/customer')).json<Detail>();
      assert.deepEqual(Object.keys(portal).sort(), Object.keys(staffView).sort());
      assert.equal(portal.id, customerId);
      const staffSignature = staffView.agreements[0]!.dpas[0]!.signatures[0]!;
      const portalSignature = portal.agreements[0]!.dpas[0]!.signatures[0]!;
      assert.equal(staffSignature.ip, '127.0.0.1');
      assert.deepEqual(portalSignature, { ...staffSignature, ip: null });

      const file = await as(member).get(
        `/portal/agreements/${agreementId}/dpas/${dpaId}/signatures/${portalSignature.id}/file`,
      );
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.ok(file.body.startsWith('%PDF-'));
      const overview = (await as(member).get('/portal/overview')).json<Overview>();
      assert.equal(
        overview.openItems[0]!.kind,
        'dpa_signature',
        'signed by the processor, waiting for the customer',
      );
    });

    test('only a customer-admin signs; the signature makes the DPA active and clears the open item', async () => {
      const dpaId = await dpaIdOf(1);
      const url = `/portal/agreements/${agreementId}/dpas/${dpaId}/sign`;
      const body = { signerName: 'Sander Bol', signerRole: 'Directeur' };
      assert.equal((await as(member).send('POST', url, body)).statusCode, 403);
      const missing = await as(admin).send('POST', url, { signerName: 'Sander Bol' });
      assert.equal(missing.statusCode, 400);
      assert.equal(errorOf(missing).field, 'body.signerRole');

      const signed = await as(admin).send('POST', url, body);
      assert.equal(signed.statusCode, 200, signed.body);
      const dpa = signed.json<Dpa>();
      assert.equal(dpa.status, 'active');
      assert.equal(dpa.effectiveDate, '2026-03-02');
      const mine = dpa.signatures.find((s) => s.party === 'customer')!;
      assert.equal(mine.method, 'portal');
      assert.equal(mine.accountId, admin.user.id);
      assert.equal(mine.ip, null);
      const staffSignature = (
        await staffGet<Detail>(`/customers/${customerId}`)
      ).agreements[0]!.dpas[0]!.signatures.find((s) => s.party === 'customer')!;
      assert.equal(staffSignature.ip, '127.0.0.1', 'the processor keeps the address as evidence');

      const again = await as(admin).send('POST', url, body);
      assert.equal(again.statusCode, 400);
      assert.equal(errorOf(again).code, 'dpas.not_signable');
      const told = (await mailToDesk()).filter((m) =>
        /verwerkersovereenkomst versie 1 ondertekend/.test(m.subject),
      );
      assert.equal(
        told.length,
        1,
        'staff are told once about the signature (not about the refused second one)',
      );

      const overview = (await as(member).get('/portal/overview')).json<Overview>();
      assert.equal(overview.agreements[0]!.dpa!.status, 'active');
      assert.deepEqual(overview.openItems, []);
    });

    test('signing a new version first leaves it signed_by_customer until the processor signs', async () => {
      assert.equal(
        (
          await staffPost(`/customers/${customerId}/agreements/${agreementId}/dpas`, {
            reason: 'Register gewijzigd',
          })
        ).statusCode,
        201,
      );
      const v2 = await dpaIdOf(2);
      await staffPost(`/customers/${customerId}/agreements/${agreementId}/dpas/${v2}/send`, {});
      let overview = (await as(admin).get('/portal/overview')).json<Overview>();
      assert.deepEqual(overview.agreements[0]!.dpa, {
        id: v2,
        version: 2,
        status: 'sent',
        sentAt: '2026-03-02T09:00:00.000Z',
        effectiveDate: null,
        inForce: false,
      });
      const signed = await as(admin).send('POST', `/portal/agreements/${agreementId}/dpas/${v2}/sign`, {
        signerName: 'Sander Bol',
        signerRole: 'Directeur',
      });
      assert.equal(signed.json<Dpa>().status, 'signed_by_customer');
      overview = (await as(admin).get('/portal/overview')).json<Overview>();
      assert.equal(overview.agreements[0]!.dpa!.status, 'signed_by_customer');
      assert.ok(!overview.openItems.some((i) => i.kind === 'dpa_signature'));
      const portal = (await as(admin).get('/portal/customer')).json<Detail>();
      assert.deepEqual(
        portal.agreements[0]!.dpas.map((d) => [d.version, d.status]),
        [
          [2, 'signed_by_customer'],
          [1, 'active'],
        ],
        'the old version stays in force until the new one is active',
      );
    });

    test('the record of processing is the customer’s own, in JSON, CSV and XLSX', async () => {
      const record = (await as(member).get('/portal/record')).json<{
        controller: { id: string };
        rows: unknown[];
        subprocessors: { name: string }[];
      }>();
      assert.equal(record.controller.id, customerId);
      assert.equal(record.rows.length, 10); // 3 Cloud + 7 VoIP rows of Annex 1
      const staffRecord = await staffGet<{ rows: unknown[] }>(`/customers/${customerId}/record`);
      assert.deepEqual(record.rows, staffRecord.rows);
      const csv = await as(member).get('/portal/record?format=csv');
      assert.match(csv.headers['content-disposition'] as string, /verwerkingsregister-\d{8}-2026-03-02\.csv/);
      assert.equal(csv.body.trim().split('\n').length, 11);
      const xlsx = await as(member).get('/portal/record?format=xlsx');
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    });

    test('the sub-processors are those of the customer’s services, consented to by signing the DPA', async () => {
      const list = (await as(member).get('/portal/subprocessors')).json<{
        items: {
          name: string;
          serviceLines: string[];
          state: string;
          basis: string | null;
          active: boolean;
        }[];
        requests: unknown[];
      }>();
      const register = await staffGet<{
        entries: { serviceLine: string; retiredAt: string | null; subprocessors: { name: string }[] }[];
      }>('/register');
      const expected = new Set(
        register.entries
          .filter((e) => ['cloud', 'voip'].includes(e.serviceLine) && e.retiredAt === null)
          .flatMap((e) => e.subprocessors.map((s) => s.name)),
      );
      const everyone = new Set(register.entries.flatMap((e) => e.subprocessors.map((s) => s.name)));
      assert.ok(
        expected.size > 0 && everyone.size > expected.size,
        'the seed has sub-processors of other services',
      );
      assert.deepEqual(new Set(list.items.map((s) => s.name)), expected);
      assert.deepEqual(list.requests, []);
      for (const item of list.items) {
        // The agreement's Annex 1 names them: the customer's signature on the DPA is its consent (seed 3.4, 5.1).
        assert.deepEqual([item.state, item.basis, item.active], ['given', 'dpa', true], item.name);
        assert.ok(
          item.serviceLines.length > 0 && item.serviceLines.every((l) => ['cloud', 'voip'].includes(l)),
        );
      }
      const record = (await as(member).get('/portal/record')).json<{ subprocessors: { name: string }[] }>();
      assert.deepEqual(
        new Set(record.subprocessors.map((s) => s.name)),
        expected,
        'the same list as the record',
      );
    });

    test('an instruction given in the portal is documented as such and staff are told', async () => {
      const before = (await mailToDesk()).length;
      const bad = await as(member).send('POST', '/portal/instructions', {
        text: 'Zet het mobiele abonnement op naam van de nieuwe directeur.',
        serviceLineCodes: ['mobiel'],
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).field, 'body.serviceLineCodes.0');
      const created = await as(member).send('POST', '/portal/instructions', {
        text: 'Bewaar de gespreksopnames voortaan drie maanden.',
        serviceLineCodes: ['voip'],
        attachments: [
          { name: 'besluit.txt', mime: 'text/plain', dataBase64: Buffer.from('Besluit').toString('base64') },
        ],
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json<{ id: string }>().id;
      const items = (await as(member).get('/portal/instructions')).json<{
        items: {
          id: string;
          channel: string;
          fromName: string;
          receivedOn: string;
          status: string;
          attachments: { id: string; fileName: string }[];
        }[];
      }>().items;
      const mine = items.find((i) => i.id === id)!;
      assert.equal(mine.channel, 'portal');
      assert.equal(mine.fromName, member.user.name);
      assert.equal(mine.receivedOn, '2026-03-02');
      assert.equal(mine.status, 'in_force');
      const file = await as(member).get(`/portal/instructions/${id}/attachments/${mine.attachments[0]!.id}`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.body, 'Besluit');

      const mail = await mailToDesk();
      assert.equal(
        mail.length,
        before + 1,
        'one notice to the processor’s privacy contact; the refused one sent none',
      );
      const notice = mail.find((m) => /instructie van Bakkerij Bolletje B\.V\./.test(m.subject));
      assert.equal(notice?.template, 'notice');
      assert.equal(notice?.related?.id, customerId);

      const named = await as(admin).send('POST', '/portal/instructions', {
        text: 'Namens de directie.',
        fromName: 'Mr. Bol',
      });
      assert.equal(named.statusCode, 201);
      const all = (await as(admin).get('/portal/instructions')).json<{
        items: { id: string; fromName: string }[];
      }>().items;
      assert.equal(all.find((i) => i.id === named.json<{ id: string }>().id)!.fromName, 'Mr. Bol');
    });

    test('without a privacy contact address the instruction is recorded and no mail is queued', async () => {
      await updateProcessorProfile(t.ctx, { ...seedProcessorProfile, privacyContactEmail: '' });
      try {
        const before = await staffGet<{ total: number }>('/mail/messages?template=notice');
        const created = await as(member).send('POST', '/portal/instructions', { text: 'Geen mail nodig.' });
        assert.equal(created.statusCode, 201);
        assert.equal(
          (await staffGet<{ total: number }>('/mail/messages?template=notice')).total,
          before.total,
        );
      } finally {
        await updateProcessorProfile(t.ctx, { ...seedProcessorProfile, privacyContactEmail: privacyDesk });
      }
    });

    test('an instruction the processor holds as infringing is an open item until the customer answers', async () => {
      const created = await as(member).send('POST', '/portal/instructions', {
        text: 'Deel alle logbestanden met ons marketingbureau.',
      });
      const id = created.json<{ id: string }>().id;
      const flagged = await staffPost(`/customers/${customerId}/instructions/${id}/flag`, {
        concern: 'Strijdig met art. 5 lid 1 sub b AVG (doelbinding).',
      });
      assert.equal(flagged.statusCode, 204);
      const overview = (await as(member).get('/portal/overview')).json<Overview>();
      const item = overview.openItems.find((i) => i.id === id) as unknown as Record<string, unknown>;
      assert.equal(item.kind, 'instruction_answer');
      assert.equal(item.concern, 'Strijdig met art. 5 lid 1 sub b AVG (doelbinding).');
      assert.equal(item.dueAt, null);
    });

    test('a customer-admin sees pending invites among the open items, with their expiry; a member does not', async () => {
      const invited = await as(admin).send('POST', '/portal/invites', {
        email: 'nieuw@bolletje.example',
        name: 'Nieuwe Collega',
        role: 'customer-member',
      });
      assert.equal(invited.statusCode, 201, invited.body);
      const invite = invited.json<{ invite: { id: string; expiresAt: string } }>().invite;
      const forAdmin = (await as(admin).get('/portal/overview')).json<Overview>();
      assert.deepEqual(
        forAdmin.openItems.filter((i) => i.kind === 'invite').map((i) => [i.id, i.dueAt]),
        [[invite.id, invite.expiresAt]],
      );
      assert.equal(invite.expiresAt, '2026-03-09T09:00:00.000Z');
      const forMember = (await as(member).get('/portal/overview')).json<Overview>();
      assert.ok(!forMember.openItems.some((i) => i.kind === 'invite'));
    });

    test('a customer-admin keeps the contacts current: validated, audited as the portal user, staff told', async () => {
      const before = (await mailToDesk()).length;
      const ilse = { name: 'Ilse Jansen', email: 'ilse@bolletje.example', roles: ['ict-lead'] };
      assert.equal(
        (await as(member).send('POST', '/portal/contacts', { ...ilse, phone: '0612345678' })).statusCode,
        403,
      );
      assert.equal((await as(member).send('DELETE', `/portal/contacts/${contactId}`)).statusCode, 403);
      const noPhone = await as(admin).send('POST', '/portal/contacts', ilse);
      assert.equal(noPhone.statusCode, 400);
      assert.equal(errorOf(noPhone).field, 'body.phone');

      const original = { name: 'Sander Bol', email: 'sander@bolletje.example', phone: '+31 546 123 456' };
      const dropLead = await as(admin).send('PUT', `/portal/contacts/${contactId}`, {
        ...original,
        roles: ['signatory'],
      });
      assert.equal(dropLead.statusCode, 400);
      assert.equal(errorOf(dropLead).code, 'contacts.last_ict_lead');
      assert.equal(errorOf(dropLead).field, 'body.roles');

      const added = await as(admin).send('POST', '/portal/contacts', { ...ilse, phone: '0612345678' });
      assert.equal(added.statusCode, 201, added.body);
      const ilseId = added.json<Detail>().contacts.find((c) => c.email === 'ilse@bolletje.example')!.id;
      const moved = await as(admin).send('PUT', `/portal/contacts/${contactId}`, {
        ...original,
        roles: ['signatory', 'privacy-contact'],
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.deepEqual(moved.json<Detail>().contacts.find((c) => c.id === contactId)!.roles, [
        'signatory',
        'privacy-contact',
      ]);

      const lastPrivacy = await as(admin).send('DELETE', `/portal/contacts/${contactId}`);
      assert.equal(lastPrivacy.statusCode, 400);
      assert.equal(errorOf(lastPrivacy).code, 'contacts.last_privacy_contact');
      assert.equal(errorOf(lastPrivacy).field, 'params.contactId');
      const lastLead = await as(admin).send('DELETE', `/portal/contacts/${ilseId}`);
      assert.equal(errorOf(lastLead).code, 'contacts.last_ict_lead');

      const billing = await as(admin).send('POST', '/portal/contacts', {
        name: 'Boekhouding',
        email: 'facturen@bolletje.example',
        roles: ['billing'],
      });
      const billingId = billing
        .json<Detail>()
        .contacts.find((c) => c.email === 'facturen@bolletje.example')!.id;
      const removed = await as(admin).send('DELETE', `/portal/contacts/${billingId}`);
      assert.equal(removed.statusCode, 200);
      assert.ok(!removed.json<Detail>().contacts.some((c) => c.id === billingId));

      const events = (
        await staffGet<{ items: { action: string; actorId: string | null; actorLabel: string }[] }>(
          `/audit/events?entityId=${customerId}&limit=100`,
        )
      ).items.filter((e) => e.action.startsWith('customer.contact_') && e.actorId === admin.user.id);
      assert.deepEqual(events.map((e) => e.action).sort(), [
        'customer.contact_added',
        'customer.contact_added',
        'customer.contact_removed',
        'customer.contact_updated',
      ]);
      assert.ok(events.every((e) => e.actorLabel === admin.user.email));

      const mail = await mailToDesk();
      assert.equal(mail.length, before + 4, 'a notice per change made; refused changes sent none');
      assert.equal(
        mail.filter((m) => /^Contactpersonen van Bakkerij Bolletje B\.V\./.test(m.subject)).length,
        4,
      );
    });
  });
}
