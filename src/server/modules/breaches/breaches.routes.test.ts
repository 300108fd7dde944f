import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { addDemoCustomers, removeDemoCustomers } from '../customers/customers.demo.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { seedProcessorProfile } from '../settings/settings.schemas.ts';
import { ensureProcessorProfile, updateProcessorProfile } from '../settings/settings.usecases.ts';
import { remindUpdatesDue, sendDeadlineWarnings } from './breaches.notices.ts';

const v1 = '/api/v1';
const privacyDesk = 'privacy@contict.example';

type Detail = {
  id: string;
  legalName: string;
  agreements: { services: { serviceLineCode: string }[] }[];
};
type Incident = {
  id: string;
  reference: string;
  dueAt: string;
  status: string;
  counts: Record<string, number>;
};
type Affected = {
  customerId: string;
  legalName: string;
  included: boolean;
  reasoning: string;
  agreementEnded: boolean;
  matchedParties: string[];
  dataTypes: string[];
  subjectsGroup: string;
  personsMin: number | null;
  personsMax: number | null;
  dueAt: string;
  status: string;
  lateByMinutes: number | null;
  ictLead: { name: string; phone: string | null } | null;
  calls: { outcome: string; caller: string }[];
};

// Issue 8, first part: one incident at the VoIP sub-processor finds every customer whose data it holds, each with
// its own clause 8.1 clock, and the calls to their ICT leads are kept.
for (const engine of testEngines()) {
  describe(`incidents and their affected customers (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    let voip: Detail[];
    let others: Detail[];
    let enreach: string;
    let incident: Incident;

    const get = async <T>(url: string) => {
      const response = await t.app.inject({ url: `${v1}${url}`, headers: staff });
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      return response.json<T>();
    };
    const send = (method: 'POST' | 'PUT', url: string, payload: object) =>
      t.app.inject({ method, url: `${v1}${url}`, headers: staff, payload });
    const fields = (extra: object = {}) => ({
      title: 'Inbraak bij de VoIP-leverancier',
      summary: 'Onbevoegde toegang tot het Broadworks-platform van de telefonieleverancier.',
      discoveredAt: '2026-03-28T09:30:00Z',
      aspects: ['confidentiality'],
      actions: ['read', 'copied'],
      partyIds: [enreach],
      severity: 'high',
      notifiable: true,
      decisionReasoning: 'Gespreksgegevens zijn ingezien; dat raakt de klanten en hun bellers.',
      ...extra,
    });
    const affected = async () =>
      (await get<{ items: Affected[] }>(`/incidents/${incident.id}/customers`)).items;

    before(async () => {
      // the day before summer time starts: discovery + 24 hours runs over the change
      t = await createTestApp(engine, { now: '2026-03-28T10:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await updateProcessorProfile(t.ctx, {
        ...seedProcessorProfile,
        privacyContactName: 'Privacy Desk',
        privacyContactEmail: privacyDesk,
      });
      await seedRegister(t.ctx);
      await addDemoCustomers(t.ctx);
      staff = await t.bearerFor('admin');
      const all = (await get<{ items: { id: string }[] }>('/customers?limit=500')).items;
      const details = await Promise.all(all.map((c) => get<Detail>(`/customers/${c.id}`)));
      const takesVoip = (d: Detail) =>
        d.agreements.some((a) => a.services.some((s) => s.serviceLineCode === 'voip'));
      voip = details.filter(takesVoip);
      others = details.filter((d) => !takesVoip(d));
      enreach = (await get<{ items: { id: string; name: string }[] }>('/register/parties')).items.find(
        (p) => p.name === 'Enreach/Routit',
      )!.id;
      const counted = await send('PUT', `/customers/${voip[0]!.id}/headcounts`, {
        items: [{ serviceLineCode: 'voip', persons: 25, unit: 'toestellen' }],
      });
      assert.equal(counted.statusCode, 200, counted.body);
    });
    after(() => t.close());

    test('a discovery in the future or a period that ends before it starts is refused, nothing stored', async () => {
      const future = await send('POST', '/incidents', fields({ discoveredAt: '2026-03-28T10:05:00Z' }));
      assert.equal(future.statusCode, 400);
      assert.equal(errorOf(future).field, 'body.discoveredAt');
      const period = await send(
        'POST',
        '/incidents',
        fields({ occurredFrom: '2026-03-27T12:00:00Z', occurredTo: '2026-03-27T08:00:00Z' }),
      );
      assert.equal(errorOf(period).field, 'body.occurredTo');
      assert.deepEqual((await get<{ items: unknown[] }>('/incidents')).items, []);
    });

    test('an incident at the VoIP sub-processor finds every customer taking VoIP, each due 24 hours after discovery', async () => {
      const created = await send('POST', '/incidents', fields());
      assert.equal(created.statusCode, 201, created.body);
      incident = created.json<Incident>();
      assert.equal(incident.reference, 'INC-2026-001');
      // 10:30 winter time + 24 h = 11:30 summer time: exact instant arithmetic
      assert.equal(incident.dueAt, '2026-03-29T09:30:00.000Z');
      const rows = await affected();
      assert.deepEqual(
        new Set(rows.map((r) => r.customerId)),
        new Set(voip.map((c) => c.id)),
        'exactly the customers taking VoIP',
      );
      assert.ok(others.length > 0);
      assert.ok(rows.every((r) => r.included && r.status === 'to_notify' && r.dueAt === incident.dueAt));
      assert.ok(rows.every((r) => r.matchedParties.includes(enreach)));
      assert.deepEqual(
        new Set(rows.map((r) => r.reasoning)),
        new Set(['art28: gegevens bij Enreach/Routit']),
        'the reasoning is for staff: in Dutch, also for a customer who reads English',
      );
      assert.ok(
        rows.some((r) => r.agreementEnded),
        'the customer whose agreement ended still has data there (seed 2.4)',
      );
      const first = rows.find((r) => r.customerId === voip[0]!.id)!;
      assert.deepEqual([first.personsMin, first.personsMax], [25, 25], 'from the customer’s VoIP headcount');
      assert.ok(first.dataTypes.length > 0 && first.subjectsGroup.length > 0);
      assert.ok(first.ictLead?.phone, 'the ICT lead and the number to phone (clause 8.1)');
      assert.equal(incident.counts.included, voip.length);
    });

    test('calls to the ICT lead are kept; reaching someone marks the customer phoned', async () => {
      const outsider = others[0]!;
      const wrong = await send('POST', `/incidents/${incident.id}/customers/${outsider.id}/calls`, {
        calledAt: '2026-03-28T09:50:00Z',
        calleeName: 'Iemand',
        phoneNumber: '+31612345678',
        outcome: 'reached',
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal(errorOf(wrong).field, 'params.customerId');
      const target = voip[1]!;
      const lead = (await affected()).find((r) => r.customerId === target.id)!.ictLead!;
      const voicemail = await send('POST', `/incidents/${incident.id}/customers/${target.id}/calls`, {
        calledAt: '2026-03-28T09:45:00Z',
        calleeName: lead.name,
        phoneNumber: lead.phone,
        outcome: 'voicemail',
      });
      assert.equal(voicemail.json<Affected>().status, 'to_notify');
      assert.equal(
        (await get<Incident>(`/incidents/${incident.id}`)).counts.phoned,
        0,
        'a voicemail is no call that reached anyone',
      );
      const reached = await send('POST', `/incidents/${incident.id}/customers/${target.id}/calls`, {
        calledAt: '2026-03-28T09:55:00Z',
        calleeName: lead.name,
        phoneNumber: lead.phone,
        outcome: 'reached',
        note: 'Uitgelegd wat er is gebeurd; schriftelijke melding volgt.',
      });
      assert.equal(reached.statusCode, 200, reached.body);
      const row = reached.json<Affected>();
      assert.equal(row.status, 'phoned');
      assert.deepEqual(
        row.calls.map((c) => c.outcome),
        ['voicemail', 'reached'],
      );
      assert.equal((await get<Incident>(`/incidents/${incident.id}`)).counts.phoned, 1);
      const future = await send('POST', `/incidents/${incident.id}/customers/${target.id}/calls`, {
        calledAt: '2026-03-28T11:00:00Z',
        calleeName: lead.name,
        phoneNumber: lead.phone!,
        outcome: 'reached',
      });
      assert.equal(errorOf(future).field, 'body.calledAt');
    });

    test('staff exclude a customer with their reasoning and correct the estimate', async () => {
      const target = voip[2]!;
      const bad = await send('PUT', `/incidents/${incident.id}/customers/${target.id}`, {
        included: true,
        reasoning: 'Telling gecorrigeerd',
        personsMin: 40,
        personsMax: 10,
      });
      assert.equal(errorOf(bad).field, 'body.personsMax');
      const excluded = await send('PUT', `/incidents/${incident.id}/customers/${target.id}`, {
        included: false,
        reasoning: 'Deze klant gebruikt alleen nummerbehoud; geen gesprekken via het platform.',
      });
      assert.equal(excluded.statusCode, 200, excluded.body);
      assert.equal(excluded.json<Affected>().included, false);
      const again = await send('POST', `/incidents/${incident.id}/impact`, {});
      assert.equal(again.statusCode, 200);
      assert.equal(
        again.json<{ items: Affected[] }>().items.find((r) => r.customerId === target.id)?.included,
        false,
        'recomputing keeps what staff decided',
      );
    });

    test('staff are warned 6 hours and 1 hour before the deadline, each once', async () => {
      assert.deepEqual(await sendDeadlineWarnings({ db: t.db, clock: t.clock }), { warned: 0 });
      t.clock.advance(18 * 3600 * 1000); // 04:00 UTC on the 29th, summer time: 5.5 hours left
      assert.deepEqual(await sendDeadlineWarnings({ db: t.db, clock: t.clock }), { warned: 1 });
      assert.deepEqual(await sendDeadlineWarnings({ db: t.db, clock: t.clock }), { warned: 0 });
      t.clock.advance(5 * 3600 * 1000); // 09:00 UTC: half an hour left
      assert.deepEqual(await sendDeadlineWarnings({ db: t.db, clock: t.clock }), { warned: 1 });
      const subjects = (await t.mailTo(privacyDesk)).map((m) => m.subject);
      assert.ok(subjects.some((s) => s.startsWith('Nog 6 uur')));
      assert.ok(subjects.some((s) => s.startsWith('Nog 1 uur')));
    });

    test('the open obligations come soonest first, and turn overdue when the clock passes the deadline', async () => {
      const open = await get<{ items: { customerId: string; dueAt: string; overdue: boolean }[] }>(
        '/breach-obligations',
      );
      assert.equal(open.items.length, voip.length - 1, 'all included ones, phoned or not');
      assert.ok(open.items.every((o) => !o.overdue));
      t.clock.advance(24 * 3600 * 1000);
      const late = await get<{ items: { overdue: boolean }[] }>('/breach-obligations');
      assert.ok(
        late.items.every((o) => o.overdue),
        '24 hours after 10:00, the 09:30 discovery is overdue',
      );
      assert.equal((await get<Incident>(`/incidents/${incident.id}`)).counts.late, voip.length - 1);
    });

    test('the written notice answers Annex 3, records its lateness, and the customer acknowledges it in the portal', async () => {
      const target = voip[0]!;
      const noCause = await send('POST', `/incidents/${incident.id}/notices`, { customerIds: [target.id] });
      assert.equal(noCause.statusCode, 400);
      assert.equal(errorOf(noCause).field, 'incident.rootCause');
      const moved = await send(
        'PUT',
        `/incidents/${incident.id}`,
        fields({ discoveredAt: '2026-03-28T08:00:00Z' }),
      );
      assert.equal(errorOf(moved).field, 'body.discoveredAt');
      const completed = await send(
        'PUT',
        `/incidents/${incident.id}`,
        fields({
          rootCause: 'Een gestolen beheerderswachtwoord zonder tweestapsverificatie.',
          likelyConsequences: 'Bellers kunnen gericht worden benaderd met phishing.',
        }),
      );
      assert.equal(completed.statusCode, 200, completed.body);
      assert.equal(
        completed.json<{ likelyConsequences: string }>().likelyConsequences,
        'Bellers kunnen gericht worden benaderd met phishing.',
      );
      await send('PUT', `/incidents/${incident.id}/customers/${voip[1]!.id}`, {
        included: true,
        reasoning: 'Nog niet bekend of de klant adressen van bellers bewaart',
        contactsKnown: 'unknown',
      });
      const unknown = await send('POST', `/incidents/${incident.id}/notices`, { customerIds: [voip[1]!.id] });
      assert.equal(errorOf(unknown).code, 'breaches.notice_incomplete');
      assert.equal(errorOf(unknown).field, `customers.${voip[1]!.id}.contactsKnown`);
      await send('PUT', `/incidents/${incident.id}/customers/${target.id}`, {
        included: true,
        reasoning: 'Adresboeken staan op het platform',
        contactsKnown: 'partly',
      });
      const unexplained = await send('POST', `/incidents/${incident.id}/notices`, {
        customerIds: [target.id],
      });
      assert.equal(errorOf(unexplained).field, 'body.lateReason', 'the 24 hours have passed');
      const targetLead = (await affected()).find((r) => r.customerId === target.id)!.ictLead!;
      const called = await send('POST', `/incidents/${incident.id}/customers/${target.id}/calls`, {
        calledAt: '2026-03-29T08:00:00Z',
        calleeName: targetLead.name,
        phoneNumber: targetLead.phone,
        outcome: 'reached',
      });
      assert.equal(called.json<Affected>().status, 'phoned', called.body);
      const sent = await send('POST', `/incidents/${incident.id}/notices`, {
        customerIds: [target.id],
        lateReason: 'De omvang werd pas na forensisch onderzoek duidelijk.',
      });
      assert.equal(sent.statusCode, 200, sent.body);
      const row = (await affected()).find((r) => r.customerId === target.id)!;
      assert.equal(row.status, 'notice_sent');
      const { counts } = await get<Incident>(`/incidents/${incident.id}`);
      assert.equal(counts.noticeSent, 1);
      assert.equal(counts.phoned, 2, 'a customer phoned before its written notice still counts as phoned');
      // due 09:30 UTC on the 29th, sent 09:00 UTC on the 30th
      assert.equal(row.lateByMinutes, 23 * 60 + 30);
      const lead = (
        await get<{ contacts: { email: string; roles: string[] }[] }>(`/customers/${target.id}`)
      ).contacts.find((c) => c.roles.includes('ict-lead'))!;
      const mail = (await t.mailTo(lead.email))[0]!;
      assert.match(mail.subject, /INC-2026-001/);
      for (const needle of [
        '1. ',
        '25–25',
        'gestolen beheerderswachtwoord',
        'Waarschijnlijke gevolgen voor de betrokkenen: Bellers kunnen gericht worden benaderd',
        '72 uur',
      ]) {
        assert.ok(mail.textBody.includes(needle), needle);
      }
      assert.ok(
        !/autoriteit persoonsgegevens.*gemeld door/i.test(mail.textBody),
        'we never notify the authority',
      );

      const portal = (await t.signInPortal(target.id, 'customer-member')).headers;
      const list = await t.app.inject({ url: `${v1}/portal/breaches`, headers: portal });
      const [notice] = list.json<{
        items: {
          id: string;
          status: string;
          content: { personsMax: number; customerGuidanceDeadline: string };
        }[];
      }>().items;
      assert.equal(notice!.content.personsMax, 25);
      assert.equal(
        notice!.content.customerGuidanceDeadline,
        new Date(t.clock.now().getTime() + 72 * 3600 * 1000).toISOString(),
      );
      const ack = await t.app.inject({
        method: 'POST',
        url: `${v1}/portal/breaches/${notice!.id}/acknowledge`,
        headers: portal,
      });
      assert.equal(ack.statusCode, 200, ack.body);
      assert.equal(ack.json<{ status: string }>().status, 'acknowledged');
      const pdf = await t.app.inject({
        method: 'GET',
        url: `${v1}/portal/breaches/${notice!.id}/pdf`,
        headers: portal,
      });
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.ok(pdf.rawPayload.subarray(0, 5).toString('latin1') === '%PDF-', 'the notice as a PDF');
      assert.ok((await t.mailTo(privacyDesk)).some((m) => m.subject.includes('bevestigt de melding')));
    });

    test('updates keep notified customers informed (8.2); silence is reminded; the AP form is the customer’s to file', async () => {
      const target = voip[0]!;
      const notTold = await send('POST', `/incidents/${incident.id}/updates`, {
        changes: 'Alle wachtwoorden zijn vervangen.',
        customerIds: [voip[1]!.id],
      });
      assert.equal(errorOf(notTold).field, 'body.customerIds.0');
      assert.deepEqual(await remindUpdatesDue({ db: t.db, clock: t.clock }), { reminded: 0 });
      t.clock.advance(25 * 3600 * 1000);
      assert.deepEqual(await remindUpdatesDue({ db: t.db, clock: t.clock }), { reminded: 1 });
      assert.deepEqual(
        await remindUpdatesDue({ db: t.db, clock: t.clock }),
        { reminded: 0 },
        'once per silence',
      );
      const update = await send('POST', `/incidents/${incident.id}/updates`, {
        changes: 'Alle beheerderswachtwoorden zijn vervangen en tweestapsverificatie is verplicht gesteld.',
      });
      assert.equal(update.statusCode, 200, update.body);
      assert.equal(update.json<{ sent: number }>().sent, 1);
      const portal = (await t.signInPortal(target.id, 'customer-member')).headers;
      const notices = (await t.app.inject({ url: `${v1}/portal/breaches`, headers: portal })).json<{
        items: { id: string; version: number; changes: string | null }[];
      }>().items;
      assert.deepEqual(
        notices.map((n) => n.version),
        [2, 1],
      );
      assert.match(notices[0]!.changes!, /tweestapsverificatie/);
      const form = await t.app.inject({
        url: `${v1}/portal/breaches/${notices[0]!.id}/ap-form`,
        headers: portal,
      });
      assert.equal(form.statusCode, 200);
      assert.match(form.headers['content-disposition'] as string, /meldformulier\.json/);
      const json = form.json<Record<string, Record<string, unknown>>>();
      assert.equal(json['5_persons']!.max, 25);
      assert.equal(json['1_contact']!.organisation, null, 'the customer fills in its own details');
      assert.equal(
        json['7_consequences']!.likelyConsequences,
        'Bellers kunnen gericht worden benaderd met phishing.',
        'Art. 33(3)(c) in the form’s consequences section',
      );
    });

    test('open → contained → closed, never back; a closed incident takes no changes', async () => {
      assert.equal(
        (await send('POST', `/incidents/${incident.id}/status`, { status: 'contained' })).json<Incident>()
          .status,
        'contained',
      );
      assert.equal(
        (await send('POST', `/incidents/${incident.id}/status`, { status: 'closed' })).json<Incident>()
          .status,
        'closed',
      );
      const back = await send('POST', `/incidents/${incident.id}/status`, { status: 'contained' });
      assert.equal(back.statusCode, 409);
      const late = await send('POST', `/incidents/${incident.id}/updates`, {
        changes: 'Nog een laatste bericht.',
      });
      assert.equal(late.statusCode, 409);
      assert.equal(errorOf(late).field, 'params.incidentId');
      const change = await send('PUT', `/incidents/${incident.id}/customers/${voip[0]!.id}`, {
        included: false,
        reasoning: 'te laat',
      });
      assert.equal(change.statusCode, 409);
    });

    test('every step is in the audit log', async () => {
      const actions = async (entityId: string) =>
        (
          await get<{ items: { action: string }[] }>(`/audit/events?entityId=${entityId}&limit=200`)
        ).items.map((e) => e.action);
      const onIncident = await actions(incident.id);
      for (const action of [
        'incident.registered',
        'incident.impact_computed',
        'incident.contained',
        'incident.closed',
      ]) {
        assert.ok(onIncident.includes(action), action);
      }
      assert.ok((await actions(voip[1]!.id)).includes('incident.customer_phoned'));
      assert.ok((await actions(voip[2]!.id)).includes('incident.customer_adjusted'));
      const first = await actions(voip[0]!.id);
      for (const action of [
        'customer.headcounts_saved',
        'incident.notice_sent',
        'incident.notice_acknowledged',
      ]) {
        assert.ok(first.includes(action), action);
      }
    });

    test('removing the demo customers takes their part in the incident with them; the incident stays', async () => {
      // a question in the portal thread goes with them too
      const portal = (await t.signInPortal(voip[0]!.id, 'customer-member')).headers;
      const [notice] = (await t.app.inject({ url: `${v1}/portal/breaches`, headers: portal })).json<{
        items: { id: string }[];
      }>().items;
      const asked = await t.app.inject({
        method: 'POST',
        url: `${v1}/portal/breaches/${notice!.id}/messages`,
        headers: portal,
        payload: { body: 'Moeten wij onze bellers inlichten?' },
      });
      assert.equal(asked.statusCode, 201, asked.body);
      assert.equal((await removeDemoCustomers(t.ctx)).removed, voip.length + others.length);
      assert.equal((await get<{ items: unknown[] }>(`/incidents/${incident.id}/customers`)).items.length, 0);
      assert.equal((await get<Incident>(`/incidents/${incident.id}`)).reference, 'INC-2026-001');
    });
  });
}
