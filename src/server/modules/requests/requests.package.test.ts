import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { asc, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { pdfText } from '../../../../test/fixtures/pdf-text.ts';
import { createTestApp, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { addDemoCustomers } from '../customers/customers.demo.ts';
import { customers } from '../customers/customers.table.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { seedProcessorProfile } from '../settings/settings.schemas.ts';
import { ensureProcessorProfile, updateProcessorProfile } from '../settings/settings.usecases.ts';
import { buildPackage, packageContentType, packageLifetimeDays } from './requests.package.ts';
import { dsrEvidence, dsrPackages, dsrRequests, dsrTasks } from './requests.table.ts';
import { addEvidence, completeRequest, submitRequest, updateTask } from './requests.usecases.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const person = 'jan.jansen@example.nl';

type PackageJson = {
  reference: string;
  right: string;
  customer: string;
  receivedAt: string;
  completedAt: string;
  identities: { type: string; value: string }[];
  systems: {
    system: string;
    kind: string;
    dataTypes: string[];
    outcome: string;
    note: string | null;
    files: { path: string; name: string; size: number; sha256: string }[];
  }[];
};

// Issue 9, the result to the customer: for access and portability an export package (JSON, CSV, the files from
// each system and a readable PDF in the customer's language), for erasure a statement of what was erased where.
for (const engine of testEngines()) {
  describe(`export package and erasure statement (${engine})`, () => {
    let t: TestApp;
    let customerId: string;
    let legalName: string;
    const keys = () => ({ dataKey: t.dataKey, publicUrl: 'http://localhost' });

    // A request whose first task found the person (with two exports of the same name and a note) and whose other
    // tasks found nothing, or — for erasure — erased them.
    async function handled(rightType: 'access' | 'erasure') {
      const request = await submitRequest(
        t.ctx,
        keys(),
        customerId,
        { rightType, identities: [{ type: 'email', value: person }] },
        { channel: 'portal' },
      );
      const [first, ...rest] = request.taskList;
      assert.ok(first, 'the request has a task per system');
      if (rightType === 'access') {
        await addEvidence(t.ctx, request.id, first.id, {
          file: {
            fileName: 'contacts.csv',
            contentType: 'text/csv',
            bytes: Buffer.from('name,phone\nJan,0612\n'),
          },
        });
        t.clock.advance(60_000); // the second export of the same name comes second
        await addEvidence(t.ctx, request.id, first.id, {
          file: {
            fileName: 'contacts.csv',
            contentType: 'text/csv',
            bytes: Buffer.from('name\nJ. Jansen\n'),
          },
        });
        await addEvidence(t.ctx, request.id, first.id, { note: 'Gezocht op e-mailadres en naam.' });
      }
      await updateTask(t.ctx, request.id, first.id, {
        outcome: rightType === 'access' ? 'found' : 'done',
        outcomeNote: rightType === 'access' ? 'Twee contactkaarten.' : 'Contactkaarten verwijderd.',
      });
      for (const task of rest) {
        await updateTask(t.ctx, request.id, task.id, { outcome: 'not_found', outcomeNote: null });
      }
      return completeRequest(t.ctx, keys(), request.id);
    }

    before(async () => {
      t = await createTestApp(engine, { now: '2026-10-20T10:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await updateProcessorProfile(t.ctx, {
        ...seedProcessorProfile,
        privacyContactEmail: 'privacy@contict.example',
      });
      await seedRegister(t.ctx);
      await addDemoCustomers(t.ctx);
      // the first demo customer: Dutch, with services in the register
      const [first] = await t.db
        .select({ id: customers.id, legalName: customers.legalName, locale: customers.locale })
        .from(customers)
        .where(eq(customers.locale, 'nl'))
        .orderBy(asc(customers.kvkNumber))
        .limit(1);
      customerId = first!.id;
      legalName = first!.legalName;
    });
    after(() => t.close());

    test('an access request gives a zip with request.json, systems.csv, the files per system and a Dutch PDF', async () => {
      const done = await handled('access');
      const tasks = done.taskList;
      assert.ok(done.package, 'the package is announced on the request');
      const [pkg] = await t.db.select().from(dsrPackages).where(eq(dsrPackages.requestId, done.id));
      assert.ok(pkg?.bytes);
      assert.equal(pkg.fileName, `${done.reference}.zip`);
      assert.equal(pkg.sha256, sha256(pkg.bytes));
      assert.equal(pkg.size, pkg.bytes.length);
      assert.equal(pkg.expiresAt.getTime() - pkg.createdAt.getTime(), packageLifetimeDays * 86_400_000);
      assert.equal(packageContentType(pkg.fileName), 'application/zip');

      const files = unzipSync(pkg.bytes);
      const folder = tasks[0]!.title.replace(/[/\\:*?"<>|]+/g, '-');
      assert.deepEqual(Object.keys(files), [
        'request.json',
        'systems.csv',
        'samenvatting.pdf',
        `files/${folder}/contacts.csv`,
        `files/${folder}/contacts-2.csv`,
      ]);
      assert.equal(strFromU8(files[`files/${folder}/contacts.csv`]!), 'name,phone\nJan,0612\n');

      const json = JSON.parse(strFromU8(files['request.json']!)) as PackageJson;
      assert.equal(json.reference, done.reference);
      assert.equal(json.right, 'access');
      assert.equal(json.customer, legalName);
      assert.equal(json.completedAt, t.clock.now().toISOString());
      assert.deepEqual(json.identities, [{ type: 'email', format: 'raw', value: person }]);
      assert.deepEqual(
        json.systems.map((s) => [s.system, s.outcome]),
        tasks.map((task, i) => [task.title, i === 0 ? 'found' : 'not_found']),
      );
      assert.equal(json.systems[0]!.note, 'Twee contactkaarten.');
      assert.deepEqual(
        json.systems[0]!.dataTypes,
        tasks[0]!.dataTypes.map((d) => d.nl),
      );
      const listed = json.systems[0]!.files;
      assert.deepEqual(
        listed.map((f) => [f.path, f.sha256]),
        [
          [`files/${folder}/contacts.csv`, sha256(files[`files/${folder}/contacts.csv`]!)],
          [`files/${folder}/contacts-2.csv`, sha256(files[`files/${folder}/contacts-2.csv`]!)],
        ],
      );
      // the digests in the package are the ones stored as evidence
      const evidence = await t.db.select().from(dsrEvidence).where(eq(dsrEvidence.requestId, done.id));
      assert.deepEqual(
        new Set(listed.map((f) => f.sha256)),
        new Set(evidence.filter((e) => e.sha256).map((e) => e.sha256)),
      );

      const csv = parse(strFromU8(files['systems.csv']!), { bom: true }) as string[][];
      assert.deepEqual(csv[0], [
        'system',
        'kind',
        'service_lines',
        'data_types',
        'outcome',
        'note',
        'completed_at',
        'files',
      ]);
      assert.equal(csv.length, tasks.length + 1, 'one row per system');
      assert.deepEqual(
        csv.slice(1).map((row) => [row[0], row[4]]),
        tasks.map((task, i) => [task.title, i === 0 ? 'found' : 'not_found']),
      );

      const text = pdfText(Buffer.from(files['samenvatting.pdf']!));
      assert.match(text, new RegExp(`Samenvatting verzoek ${done.reference}`));
      assert.match(text, new RegExp(legalName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      for (const task of tasks) {
        assert.ok(text.includes(task.title), `the PDF names ${task.title}`);
      }
      assert.match(text, /gevonden/);
      assert.match(text, /niet gevonden/);
      assert.match(text, /contacts-2\.csv/);
      assert.ok(text.includes(person), 'the customer sees whom the package is about');
    });

    test('the same input gives the same bytes, and an English customer gets summary.pdf in English', async () => {
      const [request] = await t.db
        .select()
        .from(dsrRequests)
        .where(eq(dsrRequests.rightType, 'access'))
        .limit(1);
      const tasks = await t.db
        .select()
        .from(dsrTasks)
        .where(eq(dsrTasks.requestId, request!.id))
        .orderBy(asc(dsrTasks.position));
      const evidence = await t.db.select().from(dsrEvidence).where(eq(dsrEvidence.requestId, request!.id));
      const input = {
        request: request!,
        customer: { legalName: 'Example Ltd', locale: 'en' as const },
        tasks,
        // a different order in, the same order out
        evidence: [...evidence].reverse(),
        identities: [{ type: 'email', value: person, format: 'raw' }],
        now: new Date('2026-10-20T10:00:00Z'),
      };
      const one = await buildPackage(input);
      const two = await buildPackage({ ...input, evidence });
      assert.equal(one.sha256, two.sha256);
      assert.deepEqual(one.bytes, two.bytes);
      const files = unzipSync(one.bytes);
      assert.deepEqual(Object.keys(files).slice(0, 3), ['request.json', 'systems.csv', 'summary.pdf']);
      const text = pdfText(Buffer.from(files['summary.pdf']!));
      assert.match(text, new RegExp(`Summary of request ${request!.reference}`));
      assert.match(text, /not found/);
      assert.match(text, /Example Ltd/);
    });

    test('the package downloads while it lasts, counted and audited', async () => {
      const [pkg] = await t.db.select().from(dsrPackages).limit(1);
      const staff = await t.bearerFor('admin');
      const response = await t.app.inject({
        url: `/api/v1/requests/${pkg!.requestId}/package`,
        headers: staff,
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(sha256(response.rawPayload), pkg!.sha256);
    });

    test('an erasure request gives a PDF statement of what was erased where, naming the person only masked', async () => {
      const done = await handled('erasure');
      const [pkg] = await t.db.select().from(dsrPackages).where(eq(dsrPackages.requestId, done.id));
      assert.ok(pkg?.bytes);
      assert.equal(pkg.fileName, `${done.reference}-verklaring-wissing.pdf`);
      assert.equal(packageContentType(pkg.fileName), 'application/pdf');
      assert.equal(pkg.sha256, sha256(pkg.bytes));
      const text = pdfText(pkg.bytes);
      assert.match(text, new RegExp(`Verklaring van wissing ${done.reference}`));
      for (const task of done.taskList) {
        assert.ok(text.includes(task.title), `the statement names ${task.title}`);
      }
      assert.match(text, /uitgevoerd/);
      assert.match(text, /Contactkaarten verwijderd\./);
      assert.match(text, /20-10-2026/);
      assert.ok(text.includes(done.identities[0]!.masked), 'the masked identity');
      assert.ok(!text.includes(person), 'never the identity itself');
    });
  });
}
