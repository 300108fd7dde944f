import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, like } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { runJobNow } from '../../jobs/runtime.ts';
import { auditEvents } from '../audit/audit.table.ts';
import { addDemoCustomers } from '../customers/customers.demo.ts';
import { customers } from '../customers/customers.table.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { defaultAppSettings, seedProcessorProfile } from '../settings/settings.schemas.ts';
import {
  ensureProcessorProfile,
  updateAppSettings,
  updateProcessorProfile,
} from '../settings/settings.usecases.ts';
import { countdownNl } from './requests.jobs.ts';
import { dsrEvidence, dsrPackages, dsrRequests, dsrTasks, dsrWarnings } from './requests.table.ts';
import {
  addEvidence,
  changeStatus,
  completeRequest,
  revealIdentities,
  submitRequest,
  updateTask,
} from './requests.usecases.ts';

const privacyDesk = 'privacy@contict.example';
const person = 'piet.pietersen@example.nl';

test('the countdown reads in days and hours', () => {
  const hour = 3600 * 1000;
  assert.equal(countdownNl(29 * 60 * 1000), 'minder dan een uur');
  assert.equal(countdownNl(5 * hour + 29 * 60 * 1000), '5 uur');
  assert.equal(countdownNl(72 * hour - 1), '3 dagen');
  assert.equal(countdownNl(24 * hour), '1 dag');
  assert.equal(countdownNl(71 * hour), '2 dagen en 23 uur');
  assert.equal(countdownNl(-25 * hour), '1 dag en 1 uur');
});

// Issue 9: warnings at 3 days, 1 day and when the 14-day deadline passes, each once, on a fixed clock (a month end
// and the change to winter time); none while on hold. Afterwards the export package expires and, after the
// retention period, the person's identities go while the evidence of handling stays.
for (const engine of testEngines()) {
  describe(`data subject request jobs (${engine})`, () => {
    let t: TestApp;
    let customerId: string;
    let legalName: string;
    const keys = () => ({ dataKey: t.dataKey, publicUrl: 'http://localhost' });

    const submit = (rightType: 'access' | 'erasure', receivedAt?: string) =>
      submitRequest(
        t.ctx,
        keys(),
        customerId,
        { rightType, identities: [{ type: 'email', value: person }], notes: 'Meneer Jansen belde zelf.' },
        { channel: 'portal', ...(receivedAt ? { receivedAt: new Date(receivedAt) } : {}) },
      );
    // deadline warnings about one request, oldest first
    const warnings = async (reference: string) =>
      (
        await t.db
          .select()
          .from(outboundEmails)
          .where(
            and(eq(outboundEmails.toAddress, privacyDesk), like(outboundEmails.subject, `%${reference}%`)),
          )
          .orderBy(asc(outboundEmails.createdAt))
      ).filter((m) => /^(Nog|Termijn)/.test(m.subject));
    const at = async (instant: string) => {
      t.clock.set(instant);
      return runJobNow('requests.deadline-warnings', t.jobDeps);
    };

    before(async () => {
      t = await createTestApp(engine, { now: '2026-02-10T10:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await updateProcessorProfile(t.ctx, { ...seedProcessorProfile, privacyContactEmail: privacyDesk });
      await seedRegister(t.ctx);
      await addDemoCustomers(t.ctx);
      const [first] = await t.db
        .select({ id: customers.id, legalName: customers.legalName })
        .from(customers)
        .where(eq(customers.locale, 'nl'))
        .orderBy(asc(customers.kvkNumber))
        .limit(1);
      customerId = first!.id;
      legalName = first!.legalName;
    });
    after(() => t.close());

    let onHold: { id: string; reference: string };

    test('at a month end: 3 days, 1 day and passed, each once; a request on hold hears nothing', async () => {
      t.clock.set('2026-02-15T10:00:00Z');
      const request = await submit('access');
      // 15 February + 14 days = 1 March (2026 has no 29 February), to its last millisecond in winter time
      assert.equal(request.dueAt, '2026-03-01T22:59:59.999Z');
      onHold = await submit('access');
      await changeStatus(t.ctx, onHold.id, { status: 'on_hold', reason: 'Wacht op het klantnummer.' });

      await at('2026-02-26T22:59:59Z');
      assert.deepEqual(await warnings(request.reference), []);
      await at('2026-02-26T23:00:00Z'); // the end of 26 February: 3 days to go
      await at('2026-02-27T08:00:00Z');
      let sent = await warnings(request.reference);
      assert.deepEqual(
        sent.map((m) => m.subject),
        [`Nog 3 dagen: verzoek ${request.reference} van ${legalName}`],
      );
      const body = sent[0]!.textBody;
      assert.match(body, /uiterlijk 1 maart 2026 om 23:59/);
      assert.match(body, /Nog 3 dagen\./);
      assert.match(body, /Inzage|inzage/);
      assert.ok(body.includes(`http://localhost/requests/${request.id}`), 'links to the request');

      await at('2026-02-28T22:59:59Z');
      assert.equal((await warnings(request.reference)).length, 1);
      await at('2026-02-28T23:00:00Z'); // end of 28 February, the last day of the month: 1 day to go
      await at('2026-03-01T12:00:00Z');
      sent = await warnings(request.reference);
      assert.deepEqual(
        sent.map((m) => m.subject),
        [
          `Nog 3 dagen: verzoek ${request.reference} van ${legalName}`,
          `Nog 1 dag: verzoek ${request.reference} van ${legalName}`,
        ],
      );

      await at('2026-03-01T22:59:59.999Z');
      assert.equal((await warnings(request.reference)).length, 2, 'due, not yet passed');
      await at('2026-03-01T23:00:00Z');
      await at('2026-03-02T23:00:00Z');
      sent = await warnings(request.reference);
      assert.equal(sent.length, 3);
      assert.equal(sent[2]!.subject, `Termijn verstreken: verzoek ${request.reference} van ${legalName}`);
      assert.match(sent[2]!.textBody, /verstreken/);

      const kinds = await t.db.select().from(dsrWarnings).where(eq(dsrWarnings.requestId, request.id));
      assert.deepEqual(kinds.map((k) => k.kind).sort(), ['1d', '3d', 'passed']);
      assert.deepEqual(await warnings(onHold.reference), [], 'on hold: the clock stands still');
      assert.deepEqual(await t.db.select().from(dsrWarnings).where(eq(dsrWarnings.requestId, onHold.id)), []);
    });

    test('across the change to winter time the 3-day mark is the end of the local day, not 72 hours', async () => {
      t.clock.set('2026-10-13T10:00:00Z');
      const request = await submit('erasure');
      // received 13 October (summer time), due the end of 27 October (winter time, clocks went back on the 25th)
      assert.equal(request.dueAt, '2026-10-27T22:59:59.999Z');
      // whoever owns an open task hears it too
      const owner = await t.buildUser({ email: 'eigenaar@contict.example', name: 'Eigenaar' });
      await updateTask(t.ctx, request.id, request.taskList[0]!.id, {}, { id: owner.id, name: owner.name });

      await at('2026-10-24T21:59:59Z');
      assert.deepEqual(await warnings(request.reference), []);
      // the end of 24 October in summer time; 72 exact hours before the due instant would be an hour later
      await at('2026-10-24T22:00:00Z');
      assert.deepEqual(
        (await warnings(request.reference)).map((m) => m.subject),
        [`Nog 3 dagen: verzoek ${request.reference} van ${legalName}`],
      );
      await at('2026-10-25T01:30:00Z'); // during the repeated hour
      assert.equal((await warnings(request.reference)).length, 1);

      await at('2026-10-26T22:59:59Z');
      assert.equal((await warnings(request.reference)).length, 1);
      await at('2026-10-26T23:00:00Z');
      await at('2026-10-27T23:00:00Z');
      await at('2026-10-27T23:15:00Z');
      assert.deepEqual(
        (await warnings(request.reference)).map((m) => m.subject.split(':')[0]),
        ['Nog 3 dagen', 'Nog 1 dag', 'Termijn verstreken'],
      );
      assert.deepEqual(
        (await t.mailTo('eigenaar@contict.example')).map((m) => m.subject.split(':')[0]).reverse(),
        ['Nog 3 dagen', 'Nog 1 dag', 'Termijn verstreken'],
      );
      assert.deepEqual(await warnings(onHold.reference), [], 'still on hold, still nothing');
    });

    test('the export package is deleted after its lifetime, then the download answers 404', async () => {
      t.clock.set('2026-11-02T10:00:00Z');
      const request = await submit('access');
      const [first, ...rest] = request.taskList;
      await addEvidence(t.ctx, request.id, first!.id, {
        note: 'Export uit het klantportaal van de leverancier.',
        file: {
          fileName: 'export.json',
          contentType: 'application/json',
          bytes: Buffer.from('{"name":"Piet"}'),
        },
      });
      await updateTask(t.ctx, request.id, first!.id, { outcome: 'found', outcomeNote: 'Eén profiel.' });
      for (const task of rest) {
        await updateTask(t.ctx, request.id, task.id, { outcome: 'not_found', outcomeNote: null });
      }
      await completeRequest(t.ctx, keys(), request.id);
      const staff = await t.bearerFor('admin');
      const download = () => t.app.inject({ url: `/api/v1/requests/${request.id}/package`, headers: staff });
      assert.equal((await download()).statusCode, 200);

      t.clock.set('2026-12-02T09:59:59Z');
      await runJobNow('requests.retention', t.jobDeps);
      const [kept] = await t.db.select().from(dsrPackages).where(eq(dsrPackages.requestId, request.id));
      assert.ok(kept?.bytes, 'still within 30 days');

      t.clock.set('2026-12-02T10:00:00Z');
      const result = (await runJobNow('requests.retention', t.jobDeps)) as { packagesDeleted: number };
      assert.ok(result.packagesDeleted >= 1);
      const [gone] = await t.db.select().from(dsrPackages).where(eq(dsrPackages.requestId, request.id));
      assert.equal(gone!.bytes, null);
      assert.equal(gone!.deletedAt?.toISOString(), '2026-12-02T10:00:00.000Z');
      assert.equal(gone!.sha256, kept.sha256, 'the digest stays as evidence');
      assert.equal((await download()).statusCode, 404);
      const events = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'request.package_deleted'), eq(auditEvents.entityId, request.id)));
      assert.equal(events.length, 1);

      await runJobNow('requests.retention', t.jobDeps);
      assert.equal(
        (
          await t.db
            .select()
            .from(auditEvents)
            .where(
              and(eq(auditEvents.action, 'request.package_deleted'), eq(auditEvents.entityId, request.id)),
            )
        ).length,
        1,
        'a second run changes nothing',
      );
    });

    test('90 days after completion the identities and data files go; the evidence of handling stays', async () => {
      const [request] = await t.db
        .select()
        .from(dsrRequests)
        .where(eq(dsrRequests.receivedAt, new Date('2026-11-02T10:00:00Z')));
      const id = request!.id;
      const tasksBefore = await t.db.select().from(dsrTasks).where(eq(dsrTasks.requestId, id));
      const [evidenceBefore] = await t.db.select().from(dsrEvidence).where(eq(dsrEvidence.requestId, id));

      // completed 2 November 11:00 local; 90 days later is 31 January 11:00 local (10:00 UTC)
      t.clock.set('2027-01-31T09:59:59Z');
      await runJobNow('requests.retention', t.jobDeps);
      assert.deepEqual((await revealIdentities(t.ctx, keys(), id)).items, [
        { type: 'email', value: person, format: 'raw' },
      ]);

      t.clock.set('2027-01-31T10:00:00Z');
      const result = (await runJobNow('requests.retention', t.jobDeps)) as { identitiesErased: number };
      assert.equal(result.identitiesErased, 1, 'only the finished request old enough');
      const [after] = await t.db.select().from(dsrRequests).where(eq(dsrRequests.id, id));
      assert.equal(after!.identitiesSealed, null);
      assert.equal(after!.customerNotes, null, 'the customer’s notes may name the person too');
      assert.equal(after!.identitiesErasedAt?.toISOString(), '2027-01-31T10:00:00.000Z');
      assert.deepEqual(
        after!.identitiesMasked,
        request!.identitiesMasked,
        'the masked form stays for display',
      );
      assert.deepEqual(after!.response, request!.response, 'what we told the customer stays');
      assert.equal(after!.status, 'completed');
      await assert.rejects(revealIdentities(t.ctx, keys(), id), { statusCode: 409 });

      const [evidence] = await t.db.select().from(dsrEvidence).where(eq(dsrEvidence.requestId, id));
      assert.equal(evidence!.bytes, null);
      assert.equal(evidence!.erasedAt?.toISOString(), '2027-01-31T10:00:00.000Z');
      assert.equal(evidence!.fileName, evidenceBefore!.fileName);
      assert.equal(evidence!.sha256, evidenceBefore!.sha256);
      assert.equal(evidence!.note, evidenceBefore!.note);
      const tasksAfter = await t.db.select().from(dsrTasks).where(eq(dsrTasks.requestId, id));
      assert.deepEqual(tasksAfter, tasksBefore, 'tasks and their outcomes are untouched');

      const [event] = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'request.identities_erased'), eq(auditEvents.entityId, id)));
      assert.ok(event, 'audited');
      assert.equal(JSON.stringify(event).includes(person), false, 'the audit trail never holds the identity');

      // open requests (the missed one, the one on hold) keep their identities; a second run changes nothing
      const again = (await runJobNow('requests.retention', t.jobDeps)) as { identitiesErased: number };
      assert.equal(again.identitiesErased, 0);
      const [held] = await t.db.select().from(dsrRequests).where(eq(dsrRequests.id, onHold.id));
      assert.ok(held!.identitiesSealed);
      const chain = (await runJobNow('audit.verify-chain', t.jobDeps)) as { ok: boolean };
      assert.equal(chain.ok, true, 'the audit chain still verifies');
    });

    test('the retention period is a setting', async () => {
      await updateAppSettings(t.ctx, { ...defaultAppSettings, requestRetentionDays: 30 });
      t.clock.set('2027-02-01T10:00:00Z');
      const request = await submit('erasure');
      await changeStatus(t.ctx, request.id, { status: 'rejected', reason: 'Wij hebben geen gegevens.' });
      t.clock.set('2027-03-03T09:59:00Z');
      await runJobNow('requests.retention', t.jobDeps);
      let [row] = await t.db.select().from(dsrRequests).where(eq(dsrRequests.id, request.id));
      assert.equal(row!.identitiesErasedAt, null, '30 days are not over yet');
      t.clock.set('2027-03-03T10:00:00Z');
      await runJobNow('requests.retention', t.jobDeps);
      [row] = await t.db.select().from(dsrRequests).where(eq(dsrRequests.id, request.id));
      assert.equal(row!.identitiesErasedAt?.toISOString(), '2027-03-03T10:00:00.000Z');
      assert.equal(row!.statusReason, 'Wij hebben geen gegevens.');
    });
  });
}
