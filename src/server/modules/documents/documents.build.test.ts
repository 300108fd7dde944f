import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dpaInput } from '../../../../test/fixtures/dpa-input.ts';
import { createTestApp, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import type { CustomerRecord } from '../customers/customers.record.ts';
import { buildCustomerRecord } from '../customers/customers.record.ts';
import { createAgreement, getCustomer, serviceLineLookup } from '../customers/customers.usecases.ts';
import { getRegister, seedRegister } from '../register/register.usecases.ts';
import { seedProcessorProfile } from '../settings/settings.schemas.ts';
import { ensureProcessorProfile, updateProcessorProfile } from '../settings/settings.usecases.ts';
import {
  buildDpaDocument,
  buildRecordDocument,
  DocumentDataMissingError,
  type DpaInput,
  formatDocumentDate,
} from './documents.build.ts';
import type { Block, DocumentModel, Inline } from './documents.model.ts';
import { defaultTemplate, TemplateInvalidError } from './documents.templates.ts';

// The clause numbers of the seed agreement (Verwerkersovereenkomst, articles 1–11), in order. Other modules cite
// them (3.4, 3.6, 5.1, 6.1, 8.1, 10 …), so every generated DPA must carry each one.
const seedClauses = [
  ...['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'],
  ...['2.1', '2.2', '2.3', '2.4'],
  ...['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7'],
  ...['4.1', '4.2', '4.3'],
  '5.1',
  '6.1',
  ...['7.1', '7.2'],
  ...['8.1', '8.2', '8.3', '8.4'],
  ...['9.1', '9.2'],
  ...['10.1', '10.2', '10.3'],
  ...['11.1', '11.2', '11.3', '11.4', '11.5'],
];

const inlineText = (content: Inline[]) => content.map((c) => (typeof c === 'string' ? c : c.text)).join('');

function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.text;
    case 'paragraph':
      return inlineText(block.content);
    case 'clause':
      return `${block.number} ${inlineText(block.content)}`;
    case 'list':
      return block.items.map(inlineText).join('\n');
    case 'table':
      return [block.caption ?? '', ...block.columns.map((c) => c.header), ...block.rows.flat()].join('\n');
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'signatures':
      return block.parties.map((p) => [p.role, p.organisation, p.name].join('\n')).join('\n');
    case 'pageBreak':
      return '';
  }
}
const textOf = (model: DocumentModel) => model.blocks.map(blockText).join('\n');

const clausesOf = (model: DocumentModel) =>
  model.blocks.flatMap((b) => (b.kind === 'clause' ? [b.number] : []));

// The Annex 1 table: the one with the service column first.
function annex1Table(model: DocumentModel) {
  const table = model.blocks.find(
    (b): b is Extract<Block, { kind: 'table' }> =>
      b.kind === 'table' && ['Dienst', 'Service'].includes(b.columns[0]?.header ?? ''),
  );
  assert.ok(table, 'the DPA has an Annex 1 table');
  return table;
}

const build = (input: DpaInput) => buildDpaDocument(input, defaultTemplate('dpa', input.language));

function missingOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DocumentDataMissingError, String(error));
    assert.equal(error.statusCode, 422);
    assert.equal(error.code, 'documents.data_missing');
    return error.missing;
  }
  assert.fail('expected a DocumentDataMissingError');
}

describe('the DPA document', () => {
  test("holds the customer's name, KvK number and agreement reference, and the processor's", () => {
    const model = build(dpaInput());
    const text = textOf(model);
    for (const needle of [
      'Bakkerij Van den Berg B.V.',
      '90000000',
      'OVK-2025-0042',
      'Contict B.V.',
      '08123456',
    ]) {
      assert.ok(text.includes(needle), needle);
    }
    assert.equal(model.language, 'nl');
    assert.equal(model.title, 'Verwerkersovereenkomst — Bakkerij Van den Berg B.V.');
    assert.equal(model.marking, 'Vertrouwelijk');
    assert.equal(model.footer, 'Pagina {page} van {pages}');
    assert.equal(model.header.text, 'Contict B.V.');
    assert.equal(model.createdAt, '2026-03-02T00:00:00.000Z');
    assert.ok(text.includes('versie 2 van deze Verwerkersovereenkomst, opgesteld op 02-03-2026'));
    assert.ok(text.includes('met kenmerk OVK-2025-0042 en ingangsdatum 01-01-2025'));
  });

  test('carries every clause number of the seed articles, in order, in both languages', () => {
    assert.deepEqual(clausesOf(build(dpaInput())), seedClauses);
    assert.deepEqual(clausesOf(build(dpaInput({ language: 'en' }))), seedClauses);
  });

  test("Annex 1 holds exactly the rows of the customer's service lines, none of another", () => {
    const model = build(dpaInput());
    const table = annex1Table(model);
    assert.deepEqual(
      table.rows.map((r) => [r[0], r[1]]),
      [
        ['VoIP', 'Call Detail Records — gespreksgegevens (CDR), telefoonnummer'],
        ['Cloud', 'Office 365 Back-up — naam, e-mailadres'],
      ],
    );
    const text = textOf(model);
    assert.ok(!text.includes('Simkaartnummer'));
    assert.ok(!text.includes('Mobiele provider'), 'nor its sub-processor');
    assert.ok(table.columns.length <= 5, 'fits A4 portrait');
  });

  test('Annex 1 shows retention as the rule and its date, who processes, and the sub-processors’ countries', () => {
    const table = annex1Table(build(dpaInput()));
    assert.equal(
      table.rows[0]![3],
      '6 maanden, daarna overschreven; of tot moment van opzeggen + 1 maand; uiterlijk tot en met 28-02-2027',
    );
    assert.equal(table.rows[0]![4], 'Enreach/Routit (sub-verwerker)');
    assert.equal(table.rows[1]![4], 'Contict B.V.; Solarwinds Cove, AFAS (sub-verwerkers)');
    const text = textOf(build(dpaInput()));
    assert.match(
      text,
      /Buiten de Europese Economische Ruimte verwerken: Solarwinds Cove \(Verenigde Staten\)/,
    );
    assert.match(text, /Van Enreach\/Routit is het vestigingsland nog niet vastgelegd/);
    assert.ok(text.includes('bestaan uit verzamelen, vastleggen en vernietigen.'));
  });

  test('English: Controller and Processor, dates as d MMMM yyyy', () => {
    const model = build(dpaInput({ language: 'en' }));
    const text = textOf(model);
    assert.equal(model.title, 'Data Processing Agreement — Bakkerij Van den Berg B.V.');
    assert.equal(model.marking, 'Confidential');
    assert.ok(text.includes('drawn up on 2 March 2026'));
    assert.ok(text.includes('with reference OVK-2025-0042 and start date 1 January 2025'));
    assert.equal(annex1Table(model).rows[0]![3]?.endsWith('at the latest until 28 February 2027'), true);
    const signatures = model.blocks.find((b) => b.kind === 'signatures');
    assert.deepEqual(
      signatures?.kind === 'signatures' && signatures.parties.map((p) => [p.role, p.organisation, p.name]),
      [
        ['Controller', 'Bakkerij Van den Berg B.V.', 'Anouk Bakker'],
        ['Processor', 'Contict B.V.', ''],
      ],
    );
  });

  test('Annex 3 names the ICT lead and the number a breach is reported on (clause 8.1)', () => {
    const text = textOf(build(dpaInput()));
    assert.match(
      text,
      /ICT-eindverantwoordelijke van Verantwoordelijke.*: Bram Visser, telefoon \+31 546 123 456/,
    );
    assert.match(text, /Meldnummer datalekken van Verwerker: \+31 546 000 000/);
  });

  test('a missing signatory is named', () => {
    const input = dpaInput();
    const contacts = input.customer.contacts.filter((c) => !c.roles.includes('signatory'));
    assert.deepEqual(
      missingOf(() => build({ ...input, customer: { ...input.customer, contacts } })),
      [{ field: 'customer.contacts.signatory', message: 'no signatory contact' }],
    );
  });

  test('everything missing is named at once: no agreement, no signatory, no ICT lead phone, no processor KvK', () => {
    const input = dpaInput();
    const missing = missingOf(() =>
      build({
        ...input,
        agreement: null,
        processor: { ...input.processor, kvkNumber: '' },
        customer: {
          ...input.customer,
          contacts: [
            { id: 'c2', name: 'Bram Visser', email: 'b@x.example', phone: null, roles: ['ict-lead'] },
          ],
        },
      }),
    );
    assert.deepEqual(
      missing.map((m) => m.message),
      [
        'no agreement',
        'no signatory contact',
        "no processor's KvK number (Settings)",
        'no phone number for the ICT lead (clause 8.1)',
      ],
    );
  });

  test('an agreement without service lines is refused', () => {
    const input = dpaInput();
    assert.deepEqual(
      missingOf(() => build({ ...input, record: { ...input.record, services: [] } })),
      [{ field: 'agreement.services', message: 'no service lines' }],
    );
  });

  test('a placeholder the template uses must have a value', () => {
    const input = dpaInput({ processor: { ...dpaInput().processor, privacyContactPhone: '' } });
    const template = `${defaultTemplate('dpa', 'nl')}\nBel {{processor.privacyContact.phone}}.\n`;
    assert.deepEqual(
      missingOf(() => buildDpaDocument(input, template)),
      [
        {
          field: 'processor.privacyContactPhone',
          message: "no processor's privacy contact phone (Settings)",
        },
      ],
    );
  });

  test('an invalid template is refused before anything is built', () => {
    assert.throws(
      () => buildDpaDocument(dpaInput(), '# Titel\n{{customer.iban}}\n'),
      (error: unknown) =>
        error instanceof TemplateInvalidError &&
        error.issues.some((i) => i.line === 2 && i.message === 'Unknown placeholder {{customer.iban}}.'),
    );
  });

  test('the same input gives a deep-equal model, and the input is left as it was', () => {
    const input = dpaInput({ logo: { mime: 'image/png', dataBase64: 'iVBORw0KGgo=' } });
    const copy = structuredClone(input);
    const first = build(input);
    const second = build(structuredClone(input));
    assert.deepEqual(first, second);
    assert.deepEqual(input, copy);
    assert.deepEqual(first.header.logo, { mime: 'image/png', dataBase64: 'iVBORw0KGgo=' });
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(first))), JSON.stringify(first), 'plain JSON');
  });

  test('an SVG logo is left out of the header (the model carries PNG and JPEG)', () => {
    assert.equal(
      build(dpaInput({ logo: { mime: 'image/svg+xml', dataBase64: 'PHN2Zz4=' } })).header.logo,
      null,
    );
  });

  test('generatedOn may be an instant: the date is the day in the Netherlands', () => {
    const model = build(dpaInput({ generatedOn: '2026-03-01T23:30:00Z' }));
    assert.equal(model.createdAt, '2026-03-01T23:30:00.000Z');
    assert.ok(textOf(model).includes('opgesteld op 02-03-2026'));
    assert.throws(() => build(dpaInput({ generatedOn: 'yesterday' })), RangeError);
  });
});

describe('dates in documents', () => {
  test('dd-mm-yyyy in Dutch, d MMMM yyyy in English', () => {
    assert.equal(formatDocumentDate('2027-02-28', 'nl'), '28-02-2027');
    assert.equal(formatDocumentDate('2027-02-28', 'en'), '28 February 2027');
    assert.equal(formatDocumentDate('2026-05-01', 'en'), '1 May 2026');
  });
});

for (const engine of testEngines()) {
  describe(`documents from live data (${engine})`, () => {
    let t: TestApp;
    let record: CustomerRecord;
    let input: DpaInput;
    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      await updateProcessorProfile(t.ctx, {
        ...seedProcessorProfile,
        legalName: 'Contict B.V.',
        kvkNumber: '08123456',
      });
      const { customer } = await t.buildCustomer({ legalName: 'Tandartspraktijk Hengelo' });
      await createAgreement(t.ctx, serviceLineLookup, customer.id, {
        reference: 'OVK-2026-0001',
        startDate: '2026-01-01',
        services: [
          { serviceLineCode: 'cloud', startDate: '2026-01-01', endDate: null },
          { serviceLineCode: 'security', startDate: '2026-01-01', endDate: null },
        ],
      });
      // An agreement of another customer, with other service lines, in the same database.
      const other = await t.buildCustomer({ legalName: 'Andere Klant B.V.' });
      await createAgreement(t.ctx, serviceLineLookup, other.customer.id, {
        reference: 'OVK-2026-0002',
        startDate: '2026-01-01',
        services: [{ serviceLineCode: 'voip', startDate: '2026-01-01', endDate: null }],
      });
      const detail = await getCustomer(t.ctx, customer.id);
      record = await buildCustomerRecord(t.ctx, customer.id, { forDpa: true });
      const register = await getRegister(t.ctx, { includeRetired: false });
      const processor = record.processor;
      input = {
        record,
        processor: {
          ...seedProcessorProfile,
          legalName: processor.legalName,
          kvkNumber: processor.kvkNumber,
        },
        customer: detail,
        agreement: detail.agreements[0] ?? null,
        dpa: { version: detail.agreements[0]?.dpas[0]?.version ?? 1 },
        operations: register.operations.filter((o) => o.retiredAt === null),
        language: 'nl',
        generatedOn: record.asOfDate,
        logo: null,
      };
    });
    after(() => t.close());

    test("the DPA's Annex 1 holds exactly the register rows of the customer's service lines", async () => {
      const model = build(input);
      const table = annex1Table(model);
      const register = await getRegister(t.ctx, { includeRetired: false });
      const expected = register.entries.filter((e) => ['cloud', 'security'].includes(e.serviceLine));
      assert.equal(table.rows.length, expected.length);
      assert.deepEqual([...new Set(table.rows.map((r) => r[0]))], ['Cloud', 'Security']);
      const text = textOf(model);
      for (const needle of [
        'Tandartspraktijk Hengelo',
        '70000001',
        'OVK-2026-0001',
        'Fortinet',
        'Microsoft',
      ]) {
        assert.ok(text.includes(needle), needle);
      }
      for (const absent of [
        'Andere Klant',
        'OVK-2026-0002',
        'Enreach/Routit',
        'Broadworks',
        'Call Detail Records',
      ]) {
        assert.ok(!text.includes(absent), absent);
      }
      assert.deepEqual(clausesOf(model), seedClauses);
      assert.ok(text.includes(`verwerkingsregister van Verwerker, versie ${record.registerVersion}`));
      assert.match(
        text,
        /bestaan uit verzamelen, vastleggen, ordenen, .* anonimiseren, aggregeren en versleutelen\./,
      );
    });

    test('the same record gives the same model', () => {
      assert.deepEqual(build(input), build(structuredClone(input)));
    });

    test('the record of processing (Art. 30(2)) as a document', () => {
      const model = buildRecordDocument({ record, operations: input.operations, language: 'nl', logo: null });
      const text = textOf(model);
      const headings = model.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []));
      assert.deepEqual(headings, [
        'a. Verwerker en verwerkingsverantwoordelijke',
        'b. Categorieën van verwerkingen',
        'Diensten en verwerkingsdoeleinden',
        'Verwerkingsactiviteiten',
        'Persoonsgegevens, Betrokkenen, bewaartermijnen en Sub-verwerkers',
        'c. Doorgiften naar derde landen',
        'd. Beveiligingsmaatregelen',
      ]);
      assert.ok(text.includes('Tandartspraktijk Hengelo'));
      assert.ok(text.includes('OVK-2026-0001'));
      assert.ok(text.includes('Tekenbevoegde, ICT-eindverantwoordelijke, privacycontactpersoon'));
      assert.equal(annex1Table(model).rows.length, annex1Table(build(input)).rows.length);
      assert.equal(model.createdAt, record.generatedAt);
      assert.deepEqual(
        model,
        buildRecordDocument({ record, operations: input.operations, language: 'nl', logo: null }),
      );
      const en = buildRecordDocument({ record, language: 'en', logo: null });
      assert.ok(textOf(en).includes('Record of processing activities (Article 30(2) GDPR)'));
    });

    test('a customer without an agreement: the DPA names what is missing, the record says so', async () => {
      const { customer } = await t.buildCustomer({ legalName: 'Zonder Overeenkomst B.V.' });
      const bare = await buildCustomerRecord(t.ctx, customer.id);
      const detail = await getCustomer(t.ctx, customer.id);
      assert.deepEqual(
        missingOf(() => build({ ...input, record: bare, customer: detail, agreement: null })).map(
          (m) => m.field,
        ),
        ['agreement'],
      );
      const model = buildRecordDocument({ record: bare, language: 'nl', logo: null });
      assert.ok(textOf(model).includes('Er is geen overeenkomst vastgelegd'));
    });
  });
}
