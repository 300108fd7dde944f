import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { ensureProcessorProfile } from '../settings/settings.usecases.ts';
import { xlsxMime } from './register.export.ts';
import type { ImportReport } from './register.schemas.ts';
import { seedRegister } from './register.usecases.ts';

const agreementColumns = [
  'Type dienst',
  'Type persoonsgegevens',
  'Bewaartermijn',
  'Verwerkt door Contict',
  'Sub-verwerker',
];

// Edits a CSV the way a person does in a spreadsheet: by column name, row by row.
function editCsv(csv: string, edit: (rows: Record<string, string>[]) => Record<string, string>[]) {
  const [header, ...rows] = parse(csv.replace(/^\uFEFF/, '')) as string[][];
  const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
  const edited = edit(records);
  return stringify([header!, ...edited.map((r) => header!.map((h) => r[h] ?? ''))]);
}

for (const engine of testEngines()) {
  describe(`register export and import (${engine})`, () => {
    let t: TestApp;
    let officer: Record<string, string>;
    const exportAs = async (format: string) => {
      const response = await t.app.inject({
        url: `/api/v1/register/export?format=${format}`,
        headers: officer,
      });
      assert.equal(response.statusCode, 200, response.body);
      return response;
    };
    const importFile = (body: string | Buffer, query = '', contentType = 'text/csv') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/register/import${query}`,
        headers: { ...officer, 'content-type': contentType },
        payload: body,
      });
    const reportOf = (response: { json: () => unknown }) =>
      (response.json() as { report: ImportReport }).report;
    const versionCount = async () =>
      (await t.app.inject({ url: '/api/v1/register/versions', headers: officer })).json<{ total: number }>()
        .total;

    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      officer = (await t.signInAs('privacy-officer')).headers;
    });
    after(() => t.close());

    test('JSON export: 25 rows with the agreement’s values and the structure', async () => {
      const response = await exportAs('json');
      assert.equal(response.headers['x-register-version'], '1');
      const rows = response.json<Record<string, unknown>[]>();
      assert.equal(rows.length, 25);
      const voipCdr = rows.find((r) => r.service === 'VoIP' && r.dataType === 'Call Detail Records');
      assert.deepEqual(
        {
          retention: voipCdr?.retention,
          processedByProcessor: voipCdr?.processedByProcessor,
          subprocessors: voipCdr?.subprocessors,
          dataCategories: voipCdr?.dataCategories,
          dataSubjects: voipCdr?.dataSubjects,
        },
        {
          retention: '6 maanden, daarna overschreven; of tot moment van opzeggen + 1 maand',
          processedByProcessor: false,
          subprocessors: ['Enreach/Routit'],
          dataCategories: ['telecom.cdr', 'telecom.phone_number'],
          dataSubjects: ['customer.employees', 'customer.correspondents'],
        },
      );
      assert.deepEqual(rows.find((r) => r.dataType === 'Office 365 Back-up')?.subprocessors, [
        'Solarwinds Cove',
        'AFAS',
      ]);
    });

    test('CSV export carries Annex 1’s Dutch columns first; importing it back changes nothing', async () => {
      const csv = (await exportAs('csv')).body;
      const [header, first] = parse(csv.replace(/^\uFEFF/, '')) as string[][];
      assert.deepEqual(header!.slice(0, 5), agreementColumns);
      assert.deepEqual(first!.slice(0, 5), [
        'Administratie',
        'Contactgegevens bevoegde contactpersonen',
        'Tot moment van opzeggen + 1 maand',
        'Ja',
        'AFAS; Clientele; Dynamics',
      ]);
      const response = await importFile(csv);
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json<ImportReport>();
      assert.deepEqual(report.counts, {
        rows: 25,
        create: 0,
        update: 0,
        unchanged: 25,
        invalid: 0,
        retire: 0,
      });
      assert.equal(await versionCount(), 1, 'an import that changes nothing makes no version');
      assert.equal((await exportAs('csv')).body, csv, 'the register is as it was');
    });

    test('XLSX export opens in a spreadsheet with the same columns, and imports back unchanged', async () => {
      const response = await exportAs('xlsx');
      assert.equal(response.headers['content-type'], xlsxMime);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Register')!;
      assert.deepEqual(
        agreementColumns.map((_, i) => sheet.getRow(1).getCell(i + 1).text),
        agreementColumns,
      );
      assert.equal(sheet.rowCount, 26);
      assert.equal(
        sheet.getRow(8).getCell(3).text,
        '6 maanden, daarna overschreven; of tot moment van opzeggen + 1 maand',
      );
      assert.equal(workbook.getWorksheet('Verwerkingsdoelen')?.rowCount, 7);
      const imported = await importFile(response.rawPayload, '', xlsxMime);
      assert.equal(imported.statusCode, 200, imported.body);
      assert.equal(imported.json<ImportReport>().counts.unchanged, 25);
    });

    test('an edited file with an invalid row is refused whole with a per-row report, unless invalid rows are skipped', async () => {
      const csv = (await exportAs('csv')).body;
      const edited = editCsv(csv, (rows) => {
        const ip = rows.find(
          (r) => r['Type dienst'] === 'VoIP' && r['Type persoonsgegevens'] === 'IP-adres',
        )!;
        ip.Bewaartermijn = '3 maanden, daarna verwijderd';
        ip['Bewaarregel (JSON)'] = '';
        const added = {
          ...ip,
          'Type persoonsgegevens': 'Voicemail',
          'Type persoonsgegevens (Engels)': 'Voicemail',
          Bewaartermijn: 'Tot moment van opzeggen + 1 maand',
          Id: '',
          Dienstcode: '',
        };
        const bad = { ...added, 'Type persoonsgegevens': 'Faxen', 'Sub-verwerker': 'Enreach/Routit; KPN' };
        const zero = {
          ...added,
          'Type persoonsgegevens': 'Opnames',
          Bewaartermijn: 'Tot moment van opzeggen + 0 maanden',
        };
        return [...rows, added, bad, zero];
      });

      const refused = await importFile(edited);
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(errorOf(refused).code, 'register.import_rejected');
      const report = reportOf(refused);
      assert.deepEqual(report.counts, {
        rows: 28,
        create: 1,
        update: 1,
        unchanged: 24,
        invalid: 2,
        retire: 0,
      });
      assert.deepEqual(
        report.rows
          .filter((r) => r.status === 'invalid')
          .map((r) => [r.row, r.errors.map((e) => [e.column, e.code])]),
        [
          [28, [['Sub-verwerker', 'register.unknown_subprocessor']]],
          [29, [['Bewaartermijn', 'register.invalid_retention']]],
        ],
      );
      assert.match(report.rows.find((r) => r.row === 28)!.errors[0]!.message, /"KPN"/);
      assert.match(report.rows.find((r) => r.row === 29)!.errors[0]!.message, /at least 1 month/);
      assert.equal(await versionCount(), 1, 'nothing imported');

      const dryRun = await importFile(edited, '?dryRun=true&skipInvalid=true');
      assert.equal(dryRun.statusCode, 200);
      assert.equal(dryRun.json<ImportReport>().applied, false);
      assert.equal(await versionCount(), 1, 'a dry run writes nothing');

      const skipped = await importFile(edited, '?skipInvalid=true');
      assert.equal(skipped.statusCode, 200, skipped.body);
      const applied = skipped.json<ImportReport>();
      assert.equal(applied.applied, true);
      assert.equal(applied.registerVersion, 2);
      assert.deepEqual(applied.rows.find((r) => r.status === 'update')?.changes, ['retentionRule']);
      const rows = (await exportAs('json')).json<
        { dataType: string; service: string; retention: string }[]
      >();
      assert.equal(rows.length, 26);
      assert.equal(
        rows.find((r) => r.service === 'VoIP' && r.dataType === 'IP-adres')?.retention,
        '3 maanden, daarna verwijderd',
      );
      const events = (
        await t.app.inject({ url: '/api/v1/audit/events?action=register.', headers: officer })
      ).json<{ items: { action: string; after: { registerVersion: number } }[] }>();
      assert.deepEqual(
        events.items
          .filter((e) => e.after.registerVersion === 2)
          .map((e) => e.action)
          .sort(),
        ['register.entry_created', 'register.entry_updated', 'register.imported'],
      );
    });

    test('a row repeating another, or the sentence contradicting the rule, is named by row and column', async () => {
      const csv = (await exportAs('csv')).body;
      const edited = editCsv(csv, (rows) => {
        rows[0]!.Bewaartermijn = '2 maanden, daarna verwijderd';
        const copy = { ...rows[3]!, Id: '' };
        return [...rows, copy];
      });
      const report = reportOf(await importFile(edited));
      assert.deepEqual(
        report.rows
          .filter((r) => r.status === 'invalid')
          .map((r) => [r.row, r.errors.map((e) => [e.column, e.code])]),
        [
          [2, [['Bewaartermijn', 'register.import.retention_mismatch']]],
          [28, [['Type persoonsgegevens', 'register.duplicate_entry']]],
        ],
      );
    });

    test('with retireMissing the file is the whole register: a row left out is retired', async () => {
      const csv = (await exportAs('csv')).body;
      const edited = editCsv(csv, (rows) => rows.filter((r) => r['Type persoonsgegevens'] !== 'Voicemail'));
      const dryRun = await importFile(edited, '?dryRun=true&retireMissing=true');
      assert.deepEqual(
        dryRun.json<ImportReport>().retired.map((r) => r.dataType),
        ['Voicemail'],
      );
      const response = await importFile(edited, '?retireMissing=true');
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json<ImportReport>().counts.retire, 1);
      assert.equal((await exportAs('json')).json<unknown[]>().length, 25);
    });

    test('a data type a spreadsheet would run as a formula is exported inert and imports back as it was', async () => {
      const parties = (await t.app.inject({ url: '/api/v1/register/parties', headers: officer })).json()
        .items;
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/register/entries',
        headers: officer,
        payload: {
          serviceLine: 'connectivity',
          dataTypeNl: '=HYPERLINK("http://example.invalid")',
          dataTypeEn: '-log',
          dataCategories: ['network.ip'],
          dataSubjects: ['customer.employees'],
          processedByProcessor: true,
          retentionRule: { kind: 'untilAgreementEndPlus', months: 1 },
          subprocessorIds: [parties[0].id],
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const csv = (await exportAs('csv')).body;
      assert.match(csv, /,"'=HYPERLINK\(""http:\/\/example\.invalid""\)",[^,]+,Ja,AFAS,connectivity,'-log,/);
      const report = (await importFile(csv)).json<ImportReport>();
      assert.equal(report.counts.unchanged, report.counts.rows);
      const retired = await t.app.inject({
        method: 'POST',
        url: `/api/v1/register/entries/${created.json().id}/retire`,
        headers: officer,
      });
      assert.equal(retired.statusCode, 200);
    });

    test('a Dutch Excel CSV with ";" between fields and only the agreement’s columns imports', async () => {
      const csv = (await exportAs('csv')).body;
      const [header, ...rows] = parse(csv.replace(/^\uFEFF/, '')) as string[][];
      const keep = [...agreementColumns, 'Gegevenscategorieën', 'Categorieën betrokkenen'].map((h) =>
        header!.indexOf(h),
      );
      const dutch = stringify(
        [header!, ...rows].map((r) => keep.map((i) => r[i]!)),
        { delimiter: ';' },
      );
      const response = await importFile(dutch);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json<ImportReport>().counts.unchanged, 25);
    });

    test('a file in another encoding, with a wrong header or not a file at all is refused with a clear report', async () => {
      const csv = (await exportAs('csv')).body;
      const before = await versionCount();

      const latin1 = await importFile(Buffer.from(csv.replace(/^\uFEFF/, ''), 'latin1'));
      assert.equal(latin1.statusCode, 400);
      assert.equal(reportOf(latin1).fileErrors[0]?.code, 'register.import.encoding');
      assert.match(
        reportOf(latin1).fileErrors[0]!.message,
        /not UTF-8: byte 0xeb at offset \d+ \(line 1\).*Windows-1252/,
      );

      const utf16 = await importFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
      assert.equal(reportOf(utf16).fileErrors[0]?.code, 'register.import.encoding');
      assert.match(reportOf(utf16).fileErrors[0]!.message, /UTF-16/);

      const header = await importFile('Naam,Wat,Hoe lang\nAFAS,IBAN,altijd\n');
      assert.equal(header.statusCode, 400);
      assert.equal(reportOf(header).fileErrors[0]?.code, 'register.import.header');
      assert.match(
        reportOf(header).fileErrors[0]!.message,
        /missing "Type dienst".*unknown "Naam", "Wat", "Hoe lang"/,
      );

      const empty = await importFile(Buffer.alloc(0), '', 'application/octet-stream');
      assert.equal(errorOf(empty).code, 'register.import_rejected');

      const json = await t.app.inject({
        method: 'POST',
        url: '/api/v1/register/import',
        headers: officer,
        payload: { rows: [] },
      });
      assert.equal(json.statusCode, 400);
      assert.equal(errorOf(json).code, 'register.import.body');

      const broken = await importFile(Buffer.from('PK\u0003\u0004 not really a zip'), '', xlsxMime);
      assert.equal(reportOf(broken).fileErrors[0]?.code, 'register.import.xlsx');
      assert.equal(await versionCount(), before, 'nothing imported');
    });

    test('the processor’s current name heads the "Verwerkt door" column', async () => {
      const profile = (await t.app.inject({ url: '/api/v1/processor', headers: officer })).json();
      const { hasLogo, updatedAt, ...body } = profile;
      const admin = (await t.signInAs('admin')).headers;
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/processor',
        headers: admin,
        payload: { ...body, legalName: 'Contict B.V.' },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const csv = (await exportAs('csv')).body;
      assert.match(
        csv,
        /^\uFEFFType dienst,Type persoonsgegevens,Bewaartermijn,Verwerkt door Contict B\.V\.,Sub-verwerker,/,
      );
      assert.equal((await importFile(csv)).statusCode, 200, 'a file with the old or new name imports');
    });
  });
}
