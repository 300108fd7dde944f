import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildIban } from '../../../../test/fixtures/scanner/scanner.builders.ts';
import { createPrng } from '../../../../test/fixtures/scanner/scanner.prng.ts';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { runJobNow } from '../../jobs/runtime.ts';
import { auditEvents } from '../audit/audit.table.ts';
import { addDemoCustomers } from '../customers/customers.demo.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { defaultAppSettings } from '../settings/settings.schemas.ts';
import { ensureProcessorProfile, updateAppSettings } from '../settings/settings.usecases.ts';
import { diskNameOf, mergeDataTypes, scanTypeLabels } from './breaches.scans.models.ts';
import { claimScan, recordScanProgress, resolveServerPath, scanClaimed } from './breaches.scans.ts';
import { breachScans } from './breaches.table.ts';

const v1 = '/api/v1';

// A small customer export: one person per row with an e-mail address, a mobile number and an IBAN.
function buildLeak(rows: number) {
  const rng = createPrng(20261129);
  const values: string[] = [];
  const lines = ['klantnummer;naam;email;mobiel;iban'];
  for (let i = 0; i < rows; i++) {
    const email = `persoon${i}@voorbeeld.nl`;
    const phone = `+31612${String(i).padStart(6, '0')}`;
    const iban = buildIban(rng);
    values.push(email, phone, iban);
    lines.push(`K${1000 + i};Persoon ${i};${email};${phone};${iban}`);
  }
  return { csv: Buffer.from(`${lines.join('\n')}\n`), values };
}

type Scan = {
  id: string;
  source: string;
  status: string;
  fileName: string;
  size: number;
  bytesDone: number;
  bytesTotal: number;
  error: string | null;
  fileDeletedAt: string | null;
  customerId: string | null;
  proposal: string | null;
  result: {
    types: { type: string; count: number; distinct: number; label: { nl: string; en: string } }[];
    persons: { min: number; max: number };
    skipped: { file: string; reason: string }[];
  } | null;
};
type Affected = {
  customerId: string;
  included: boolean;
  dataTypes: string[];
  personsMin: number | null;
  personsMax: number | null;
};

test('scanner types map to Annex 3 wording, added once in the customer’s language', () => {
  assert.equal(scanTypeLabels.EMAIL.nl, 'e-mailadressen');
  assert.equal(scanTypeLabels.BSN.nl, 'burgerservicenummers (BSN)');
  assert.equal(scanTypeLabels.IBAN.en, 'bank account numbers (IBAN)');
  assert.deepEqual(mergeDataTypes(['Naam', 'E-mailadressen'], ['EMAIL', 'PHONE', 'EMAIL'], 'nl'), [
    'Naam',
    'E-mailadressen',
    'telefoonnummers',
  ]);
  assert.deepEqual(mergeDataTypes([], ['IMEI'], 'en'), ['mobile device identifiers (IMEI)']);
  assert.equal(diskNameOf('abc', 'export klanten.CSV.gz'), 'abc.csv.gz');
  assert.equal(diskNameOf('abc', '../../etc/passwd'), 'abc');
});

test('a server path must lie inside a configured root, also through symlinks', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'art28-roots-'));
  try {
    const root = path.join(base, 'leaks');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'dump.csv'), 'email\na@b.nl\n');
    fs.writeFileSync(path.join(base, 'secret.key'), 'x');
    fs.symlinkSync(path.join(base, 'secret.key'), path.join(root, 'link.key'));
    const code = async (roots: string[], given: string) =>
      resolveServerPath(roots, given).then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
    assert.equal(await code([], path.join(root, 'dump.csv')), 'breaches.scan_paths_off');
    assert.equal(await code([root], path.join(root, 'dump.csv')), 'ok');
    assert.equal(await code([root], root), 'ok');
    assert.equal(await code([root], 'leaks/dump.csv'), 'breaches.scan_path_relative');
    assert.equal(await code([root], path.join(base, 'secret.key')), 'breaches.scan_path_outside');
    assert.equal(await code([root], path.join(root, '..', 'secret.key')), 'breaches.scan_path_outside');
    assert.equal(await code([root], path.join(root, 'link.key')), 'breaches.scan_path_outside');
    assert.equal(await code([root], path.join(root, 'missing.csv')), 'breaches.scan_path_missing');
    const found = await resolveServerPath([root], path.join(root, 'dump.csv'));
    assert.equal(found.size, 13);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

for (const engine of testEngines()) {
  describe(`scanning a leaked file from an incident (${engine})`, () => {
    let t: TestApp;
    let writer: Record<string, string>;
    let incidentId: string;
    let affected: Affected[];
    const leak = buildLeak(60);

    const upload = (
      body: Buffer,
      query: string,
      headers: Record<string, string> = writer,
      contentType = 'application/octet-stream',
    ) =>
      t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans?${query}`,
        headers: { ...headers, 'content-type': contentType },
        payload: body,
      });
    const scans = async () =>
      (await t.app.inject({ url: `${v1}/incidents/${incidentId}/scans`, headers: writer })).json<{
        items: Scan[];
      }>().items;
    const customersOf = async () =>
      (await t.app.inject({ url: `${v1}/incidents/${incidentId}/customers`, headers: writer })).json<{
        items: Affected[];
      }>().items;
    const rowOf = async (id: string) =>
      (await t.db.select().from(breachScans).where(eq(breachScans.id, id)))[0]!;

    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-28T10:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      await addDemoCustomers(t.ctx);
      writer = (await t.signInAs('staff')).headers;
      const admin = await t.bearerFor('admin');
      const parties = (await t.app.inject({ url: `${v1}/register/parties`, headers: admin })).json<{
        items: { id: string; name: string }[];
      }>().items;
      const created = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents`,
        headers: admin,
        payload: {
          title: 'Export van klantgegevens gelekt',
          summary:
            'Een export met klantgegevens stond onbeveiligd op een server van de telefonieleverancier.',
          discoveredAt: '2026-03-28T09:30:00Z',
          aspects: ['confidentiality'],
          actions: ['copied'],
          partyIds: [parties.find((p) => p.name === 'Enreach/Routit')!.id],
          severity: 'high',
          notifiable: true,
          decisionReasoning: 'Persoonsgegevens van klanten van klanten zijn gekopieerd.',
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      incidentId = created.json<{ id: string }>().id;
      affected = (await customersOf()).filter((c) => c.included);
      assert.ok(affected.length >= 2, 'the demo data has several VoIP customers');
    });
    after(() => t.close());

    test('an upload is stored, scanned by the job, and only the summary is kept; the file is deleted', async () => {
      const customerId = affected[0]!.customerId;
      const created = await upload(leak.csv, `fileName=klanten.csv&customerId=${customerId}`);
      assert.equal(created.statusCode, 201, created.body);
      const queued = created.json<Scan>();
      assert.equal(queued.status, 'queued');
      assert.equal(queued.size, leak.csv.length);
      assert.equal(queued.customerId, customerId);
      const stored = await rowOf(queued.id);
      assert.ok(fs.existsSync(stored.path), 'the upload waits on disk');
      assert.ok(!stored.path.includes('klanten'), 'the client’s file name is not used on disk');
      assert.equal((fs.statSync(stored.path).mode & 0o777).toString(8), '600');

      const outcome = await runJobNow('breaches.scan', t.jobDeps, { scanId: queued.id });
      assert.deepEqual(outcome, { scanned: true, status: 'done' });
      // a second run (the cron fallback) finds nothing left to claim
      assert.deepEqual(await runJobNow('breaches.scan', t.jobDeps, { scanId: queued.id }), {
        scanned: false,
      });

      const [scan] = (await scans()).filter((s) => s.id === queued.id);
      assert.equal(scan!.status, 'done', scan!.error ?? '');
      assert.equal(scan!.bytesDone, leak.csv.length);
      assert.equal(scan!.proposal, 'proposed');
      const types = Object.fromEntries(scan!.result!.types.map((x) => [x.type, [x.count, x.distinct]]));
      assert.deepEqual(types.EMAIL, [60, 60]);
      assert.deepEqual(types.PHONE, [60, 60]);
      assert.deepEqual(types.IBAN, [60, 60]);
      assert.equal(scan!.result!.types.find((x) => x.type === 'EMAIL')!.label.nl, 'e-mailadressen');
      // one row, one person: e-mail, mobile and IBAN are linked
      assert.deepEqual(scan!.result!.persons, { min: 60, max: 180 });

      assert.ok(!fs.existsSync(stored.path), 'the upload is deleted after the scan');
      assert.ok(scan!.fileDeletedAt);
      const row = JSON.stringify(await rowOf(queued.id));
      const listed = JSON.stringify(await scans());
      const audit = JSON.stringify(await t.db.select().from(auditEvents));
      for (const value of leak.values) {
        assert.ok(!row.includes(value), `the row holds no value from the file (${value})`);
        assert.ok(!listed.includes(value), `the response holds no value from the file (${value})`);
        assert.ok(!audit.includes(value), `the audit log holds no value from the file (${value})`);
      }
    });

    test('accepting the proposal fills the customer’s data types and persons, once', async () => {
      const [scan] = await scans();
      const customerId = affected[0]!.customerId;
      const before = (await customersOf()).find((c) => c.customerId === customerId)!;
      const detail = (await t.app.inject({ url: `${v1}/customers/${customerId}`, headers: writer })).json<{
        locale: 'nl' | 'en';
      }>();
      const accepted = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans/${scan!.id}/accept`,
        headers: writer,
        payload: { apply: { dataTypes: true, persons: true } },
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json<Scan>().proposal, 'accepted');
      const afterwards = await customersOf();
      const mine = afterwards.find((c) => c.customerId === customerId)!;
      const labels = ['EMAIL', 'PHONE', 'IBAN'].map((type) => scanTypeLabels[type as 'EMAIL'][detail.locale]);
      for (const label of labels) {
        assert.ok(mine.dataTypes.includes(label), `${label} in ${mine.dataTypes.join('; ')}`);
      }
      assert.deepEqual(mine.dataTypes.slice(0, before.dataTypes.length), before.dataTypes);
      assert.equal(new Set(mine.dataTypes).size, mine.dataTypes.length);
      assert.deepEqual([mine.personsMin, mine.personsMax], [60, 180]);
      // only the scan's customer: the others keep their answers
      const other = afterwards.find((c) => c.customerId === affected[1]!.customerId)!;
      assert.deepEqual(other.dataTypes, affected[1]!.dataTypes);

      const again = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans/${scan!.id}/accept`,
        headers: writer,
        payload: { apply: { dataTypes: true, persons: true } },
      });
      assert.equal(again.statusCode, 409);
      assert.equal(errorOf(again).code, 'breaches.scan_not_proposed');
      const events = await t.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'incident.scan_accepted'));
      assert.equal(events.length, 1);
    });

    test('a scan without a customer applies to the chosen customers; a proposal can be dismissed', async () => {
      const first = (await upload(leak.csv, 'fileName=export.csv')).json<Scan>();
      const second = (await upload(leak.csv, 'fileName=export2.csv')).json<Scan>();
      // the cron fallback runs every queued scan
      assert.deepEqual(await runJobNow('breaches.scan', t.jobDeps, {}), { scanned: 2, interrupted: 0 });
      const target = affected[1]!.customerId;
      const notAffected = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans/${first.id}/accept`,
        headers: writer,
        payload: {
          customerIds: [target, '00000000-0000-4000-8000-000000000000'],
          apply: { dataTypes: true, persons: false },
        },
      });
      assert.equal(notAffected.statusCode, 400);
      assert.equal(errorOf(notAffected).field, 'body.customerIds');
      const accepted = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans/${first.id}/accept`,
        headers: writer,
        payload: { customerIds: [target], apply: { dataTypes: true, persons: false } },
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      const mine = (await customersOf()).find((c) => c.customerId === target)!;
      assert.equal(mine.personsMin, affected[1]!.personsMin, 'persons left alone');
      assert.ok(mine.dataTypes.length > affected[1]!.dataTypes.length);
      const dismissed = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans/${second.id}/dismiss`,
        headers: writer,
      });
      assert.equal(dismissed.statusCode, 200, dismissed.body);
      assert.equal(dismissed.json<Scan>().proposal, 'dismissed');
    });

    test('an empty upload is refused naming the body; a binary file fails with the reason; a kept file stays', async () => {
      const empty = await upload(Buffer.alloc(0), 'fileName=leeg.csv');
      assert.equal(empty.statusCode, 400, empty.body);
      assert.equal(errorOf(empty).field, 'body');
      const noName = await upload(leak.csv, 'fileName=');
      assert.equal(noName.statusCode, 400);
      assert.equal(errorOf(noName).field, 'querystring.fileName');
      const stranger = await upload(
        leak.csv,
        'fileName=a.csv&customerId=00000000-0000-4000-8000-000000000000',
      );
      assert.equal(errorOf(stranger).field, 'query.customerId');

      const binary = Buffer.alloc(4096);
      binary.write('\x7fELF', 0, 'latin1');
      const bin = (await upload(binary, 'fileName=program.bin')).json<Scan>();
      assert.deepEqual(await runJobNow('breaches.scan', t.jobDeps, { scanId: bin.id }), {
        scanned: true,
        status: 'failed',
      });
      const failed = (await scans()).find((s) => s.id === bin.id)!;
      assert.equal(failed.status, 'failed');
      assert.match(failed.error ?? '', /program\.bin.*binary/i);
      assert.equal(failed.proposal, null);
      assert.ok(!fs.existsSync((await rowOf(bin.id)).path));

      const kept = (await upload(leak.csv, 'fileName=bewaren.csv&keepFile=true')).json<Scan>();
      await runJobNow('breaches.scan', t.jobDeps, { scanId: kept.id });
      const keptPath = (await rowOf(kept.id)).path;
      assert.ok(fs.existsSync(keptPath), 'kept on purpose');
      assert.equal((await scans()).find((s) => s.id === kept.id)!.fileDeletedAt, null);

      // deleted later, when it is no longer needed as evidence
      const removeFile = () =>
        t.app.inject({
          method: 'DELETE',
          url: `${v1}/incidents/${incidentId}/scans/${kept.id}/file`,
          headers: writer,
        });
      const removed = await removeFile();
      assert.equal(removed.statusCode, 200, removed.body);
      assert.ok(removed.json<Scan>().fileDeletedAt);
      assert.ok(!fs.existsSync(keptPath), 'the kept upload is gone');
      const events = await t.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'incident.scan_file_deleted'));
      assert.equal(events.length, 1);
      const again = await removeFile();
      assert.equal(again.statusCode, 409);
      assert.equal(errorOf(again).field, 'params.scanId');
    });

    test('staff stop a queued scan (never scanned, upload removed) and a running one (its result is not kept)', async () => {
      const cancel = (id: string) =>
        t.app.inject({
          method: 'POST',
          url: `${v1}/incidents/${incidentId}/scans/${id}/cancel`,
          headers: writer,
        });
      const queued = (await upload(leak.csv, 'fileName=wachtrij.csv')).json<Scan>();
      const queuedPath = (await rowOf(queued.id)).path;
      const stopped = await cancel(queued.id);
      assert.equal(stopped.statusCode, 200, stopped.body);
      assert.equal(stopped.json<Scan>().status, 'cancelled');
      assert.ok(!fs.existsSync(queuedPath), 'the upload of a stopped scan is removed');
      assert.deepEqual(await runJobNow('breaches.scan', t.jobDeps, { scanId: queued.id }), {
        scanned: false,
      });
      const twice = await cancel(queued.id);
      assert.equal(twice.statusCode, 409);
      assert.equal(errorOf(twice).code, 'breaches.scan_not_active');

      // running: the job learns of the stop at its next progress report, and does not overwrite it at the end
      const running = (await upload(leak.csv, 'fileName=bezig.csv')).json<Scan>();
      const claimed = await claimScan(t.jobDeps, running.id);
      assert.ok(claimed);
      const progress = { bytesDone: 10, bytesTotal: leak.csv.length, filesDone: 0, filesTotal: 1 };
      assert.equal(await recordScanProgress(t.jobDeps, running.id, progress), true);
      assert.equal((await cancel(running.id)).statusCode, 200);
      assert.equal(
        await recordScanProgress(t.jobDeps, running.id, progress),
        false,
        'the job is told to stop',
      );
      assert.deepEqual(await scanClaimed(t.jobDeps, claimed), { scanned: true, status: 'cancelled' });
      const after = (await scans()).find((s) => s.id === running.id)!;
      assert.equal(after.status, 'cancelled');
      assert.equal(after.result, null);
      assert.equal(after.proposal, null);
      assert.ok(after.fileDeletedAt, 'its upload is removed too');
      assert.ok(!fs.existsSync(claimed.path));
      const audit = await t.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'incident.scan_cancelled'));
      assert.equal(audit.length, 2);
      const finished = await t.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'incident.scan_finished'));
      assert.ok(!JSON.stringify(finished).includes(running.id), 'no finish is recorded for a stopped scan');
    });

    test('an upload over the limit is refused with 413 and leaves nothing behind', async () => {
      // the server's general body limit (2 MB) does not apply: this route streams to disk under its own limit
      const large = Buffer.concat(
        Array.from({ length: Math.ceil((3 * 1024 * 1024) / leak.csv.length) }, () => leak.csv),
      );
      const accepted = await upload(large, 'fileName=groot-maar-toegestaan.csv');
      assert.equal(accepted.statusCode, 201, accepted.body);
      await runJobNow('breaches.scan', t.jobDeps, { scanId: accepted.json<Scan>().id });
      await updateAppSettings(t.ctx, { ...defaultAppSettings, scanUploadLimitMb: 1 });
      const before = (await scans()).length;
      const dir = path.dirname((await t.db.select().from(breachScans))[0]!.path);
      const big = Buffer.concat(
        Array.from({ length: Math.ceil((1.5 * 1024 * 1024) / leak.csv.length) }, () => leak.csv),
      );
      assert.ok(big.length > 1024 * 1024);
      const refused = await upload(big, 'fileName=groot.csv');
      assert.equal(refused.statusCode, 413, refused.body);
      assert.equal(errorOf(refused).code, 'breaches.scan_too_large');
      assert.match(errorOf(refused).message, /1 MB/);
      // without a declared length, the counter cuts it off while streaming
      const streamed = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans?fileName=groot.csv`,
        headers: { ...writer, 'content-type': 'application/octet-stream' },
        payload: Readable.from([big.subarray(0, 700_000), big.subarray(700_000)]),
      });
      assert.equal(streamed.statusCode, 413, streamed.body);
      assert.equal((await scans()).length, before);
      assert.deepEqual(fs.readdirSync(dir), [], 'no partial file is left');
      await updateAppSettings(t.ctx, defaultAppSettings);
    });

    test('the auditor cannot upload; a server path is refused unless the server allows roots', async () => {
      const auditor = (await t.signInAs('auditor')).headers;
      const refused = await upload(leak.csv, 'fileName=a.csv', auditor);
      assert.equal(refused.statusCode, 403);
      const admin = await t.bearerFor('admin');
      const serverPath = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans/server-path`,
        headers: admin,
        payload: { path: '/etc/passwd' },
      });
      assert.equal(serverPath.statusCode, 400);
      assert.equal(errorOf(serverPath).code, 'breaches.scan_paths_off');
      assert.equal(errorOf(serverPath).field, 'body.path');
      const roots = await t.app.inject({ url: `${v1}/scan-roots`, headers: admin });
      assert.deepEqual(roots.json(), { roots: [] });
    });

    test('a scan whose process died is failed after 15 silent minutes and its upload removed, on the record', async () => {
      const lost = (await upload(leak.csv, 'fileName=verloren.csv')).json<Scan>();
      const claimed = await claimScan(t.jobDeps, lost.id);
      assert.ok(claimed && fs.existsSync(claimed.path));
      const start = t.clock.now();
      try {
        t.clock.advance(14 * 60_000);
        assert.deepEqual(await runJobNow('breaches.scan', t.jobDeps, {}), { scanned: 0, interrupted: 0 });
        t.clock.advance(2 * 60_000);
        assert.deepEqual(await runJobNow('breaches.scan', t.jobDeps, {}), { scanned: 0, interrupted: 1 });
      } finally {
        t.clock.set(start);
      }
      const after = (await scans()).find((s) => s.id === lost.id)!;
      assert.equal(after.status, 'failed');
      assert.match(after.error ?? '', /interrupted/);
      assert.ok(after.fileDeletedAt, 'the row says the upload is gone');
      assert.ok(!fs.existsSync(claimed.path), 'and it is');
      const failed = await t.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'incident.scan_failed'));
      assert.ok(JSON.stringify(failed).includes(lost.id), 'the failure is audited');
    });
  });
}

for (const engine of testEngines()) {
  describe(`scanning a file on the server (${engine})`, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'art28-roots-'));
    let t: TestApp;
    after(async () => {
      await t.close();
      fs.rmSync(root, { recursive: true, force: true });
    });

    test('an admin names a file under a configured root; it is scanned and never deleted by art28', async () => {
      t = await createTestApp(engine, { now: '2026-03-28T10:00:00Z', scanRoots: [root] });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      const admin = await t.bearerFor('admin');
      const roots = await t.app.inject({ url: `${v1}/scan-roots`, headers: admin });
      assert.deepEqual(roots.json(), { roots: [root] });
      const staff = (await t.signInAs('staff')).headers;
      assert.equal((await t.app.inject({ url: `${v1}/scan-roots`, headers: staff })).statusCode, 403);

      const parties = (await t.app.inject({ url: `${v1}/register/parties`, headers: admin })).json<{
        items: { id: string; name: string }[];
      }>().items;
      const created = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents`,
        headers: admin,
        payload: {
          title: 'Logbestand gelekt',
          summary: 'Een logbestand met gegevens stond onbeveiligd op een server.',
          discoveredAt: '2026-03-28T09:30:00Z',
          aspects: ['confidentiality'],
          actions: ['copied'],
          partyIds: [parties[0]!.id],
          severity: 'medium',
          notifiable: false,
          decisionReasoning: 'Onderzoek loopt.',
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const incidentId = created.json<{ id: string }>().id;
      const leak = buildLeak(10);
      const file = path.join(root, 'dump.csv');
      fs.writeFileSync(file, leak.csv);
      const queued = await t.app.inject({
        method: 'POST',
        url: `${v1}/incidents/${incidentId}/scans/server-path`,
        headers: admin,
        payload: { path: file },
      });
      assert.equal(queued.statusCode, 201, queued.body);
      const scan = queued.json<Scan>();
      assert.equal(scan.source, 'server-path');
      assert.deepEqual(await runJobNow('breaches.scan', t.jobDeps, { scanId: scan.id }), {
        scanned: true,
        status: 'done',
      });
      assert.ok(fs.existsSync(file), 'a file on the server stays');
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `${v1}/incidents/${incidentId}/scans/${scan.id}/file`,
        headers: admin,
      });
      assert.equal(removed.statusCode, 409);
      assert.equal(errorOf(removed).code, 'breaches.scan_file_not_ours');
      assert.ok(fs.existsSync(file));
    });
  });
}
