import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pdfText } from '../../../../test/fixtures/pdf-text.ts';
import { buildConsentDocument, type ConsentDocumentInput, consentStatement } from './documents.consent.ts';
import { renderPdf } from './documents.pdf.ts';

// The consent declaration as a reader of the PDF gets it: poppler's text of the rendered file must carry what the
// customer agreed to, both parties, the sub-processor, where it processes and the reference of the answer.

const processorKvk = '87654321';
const customerKvk = '12345678';
const reference = '3f0c1e9a-7b42-4d1e-9c55-2a8e6b0d4f11';

function input(language: 'nl' | 'en', decision: 'give' | 'object'): ConsentDocumentInput {
  const base = {
    processor: 'Delta Werkplek ICT B.V.',
    customer: 'Bakkerij Van Dijk B.V.',
    subprocessor: 'Acme Cloud',
  };
  return {
    language,
    decision,
    generatedAt: '2026-03-14T09:42:17.000Z',
    processor: {
      legalName: base.processor,
      kvkNumber: processorKvk,
      address: 'Stationsweg 12, 3811 AB Amersfoort',
      privacyContactName: 'Eva de Groot',
      privacyContactEmail: 'privacy@deltawerkplek.nl',
    },
    customer: { legalName: base.customer, kvkNumber: customerKvk, address: 'Dorpsstraat 1, 1234 AB Ergens' },
    answeredBy: { name: 'Jan van Dijk', email: 'jan@bakkerijvandijk.nl', method: 'portal' },
    subprocessor: {
      name: base.subprocessor,
      legalName: 'Acme Cloud Services Inc.',
      registrationNumber: 'DE-4411',
      country: 'US',
      address: '1 Market Street, San Francisco',
      services: 'Back-up opslag',
    },
    proposal: {
      reason: 'Vervanging van de huidige back-upleverancier',
      effectiveFrom: '2026-04-01',
      serviceLines: ['Cloudwerkplek', 'Back-up'],
      replaces: 'Oude Backup B.V.',
    },
    locations: [
      { country: 'NL', zone: 'eea', basis: null },
      { country: 'US', zone: 'adequacy', basis: 'adequacy (EU) 2023/1795 (DPF) (Art. 45)' },
    ],
    transferRequired: true,
    transferConsentGiven: decision === 'give',
    statement: consentStatement({ language, decision, ...base, transferCountries: ['US'] }),
    objectionReason: decision === 'object' ? 'Geen doorgifte naar de Verenigde Staten gewenst.' : null,
    reference,
  };
}

const cases = [
  {
    language: 'nl',
    decision: 'give',
    title: 'Verklaring toestemming Sub-verwerker',
    country: 'Verenigde Staten',
  },
  { language: 'nl', decision: 'object', title: 'Bezwaar tegen Sub-verwerker', country: 'Verenigde Staten' },
  { language: 'en', decision: 'give', title: 'Consent to a sub-processor', country: 'United States' },
  { language: 'en', decision: 'object', title: 'Objection to a sub-processor', country: 'United States' },
] as const;

describe('consent declaration PDF', () => {
  for (const c of cases) {
    test(`${c.language}, ${c.decision}: holds the statement, both parties, the sub-processor, the country and the reference`, async () => {
      const data = input(c.language, c.decision);
      const model = buildConsentDocument(data);
      const text = pdfText(await renderPdf(model));
      assert.ok(text.startsWith(c.title), `the title opens the document: ${text.slice(0, 80)}`);
      assert.ok(text.includes(data.statement), `the statement is in the PDF: ${data.statement}`);
      assert.ok(text.includes(processorKvk), "the processor's KvK number");
      assert.ok(text.includes(customerKvk), "the customer's KvK number");
      assert.ok(text.includes('Delta Werkplek ICT B.V.') && text.includes('Bakkerij Van Dijk B.V.'));
      assert.ok(text.includes('Acme Cloud'), "the sub-processor's name");
      assert.ok(text.includes(c.country), `the transfer country (${c.country})`);
      assert.ok(text.includes(reference), 'the reference');
      assert.ok(text.includes('Jan van Dijk') && text.includes('jan@bakkerijvandijk.nl'), 'who answered');
      // 09:42 UTC on 14 March is 10:42 in Amsterdam (CET).
      assert.ok(text.includes('10:42'), 'the time of the answer in Europe/Amsterdam');
      assert.ok(
        text.includes(c.language === 'nl' ? 'via het klantportaal' : 'via the customer portal'),
        'the method',
      );
      assert.equal(
        text.includes('Geen doorgifte naar de Verenigde Staten gewenst.'),
        c.decision === 'object',
        'the objection reason only when objecting',
      );
    });
  }

  test('the same input gives byte-identical PDFs, also after rendering another', async () => {
    const first = await renderPdf(buildConsentDocument(input('nl', 'give')));
    const other = await renderPdf(buildConsentDocument(input('en', 'object')));
    const again = await renderPdf(buildConsentDocument(input('nl', 'give')));
    assert.ok(!other.equals(first));
    assert.ok(again.equals(first), 'PDF bytes differ between two renderings of one input');
  });
});

describe('consent declaration model', () => {
  test('is deterministic and dated by the answer, not the clock', () => {
    const a = buildConsentDocument(input('en', 'give'));
    assert.deepEqual(buildConsentDocument(input('en', 'give')), a);
    assert.equal(a.createdAt, '2026-03-14T09:42:17.000Z');
    assert.equal(a.language, 'en');
  });

  test('labels the zones and says when no transfer consent is needed', () => {
    const data = input('nl', 'give');
    const model = buildConsentDocument({
      ...data,
      locations: [
        { country: 'DE', zone: 'eea', basis: null },
        { country: 'IN', zone: 'third-country', basis: 'SCC 2021/914, module 3 (Art. 46(2)(c))' },
      ],
    });
    const table = model.blocks.find((b) => b.kind === 'table');
    assert.ok(table?.kind === 'table');
    assert.deepEqual(
      table.rows.map((r) => r.slice(0, 2)),
      [
        ['Duitsland', 'EER'],
        ['India', 'Derde land'],
      ],
    );
    const inEea = buildConsentDocument({
      ...data,
      locations: [{ country: 'NL', zone: 'eea', basis: null }],
      transferRequired: false,
      transferConsentGiven: false,
    });
    const paragraphs = inEea.blocks.flatMap((b) =>
      b.kind === 'paragraph' ? [b.content.map((c) => (typeof c === 'string' ? c : c.text)).join('')] : [],
    );
    assert.ok(paragraphs.some((p) => p.startsWith('Niet nodig')));
  });

  test('writes the time of the answer in Dutch summer time too', () => {
    const model = buildConsentDocument({ ...input('nl', 'give'), generatedAt: '2026-07-01T08:05:00Z' });
    const recorded = model.blocks.findLast((b) => b.kind === 'facts');
    assert.ok(recorded?.kind === 'facts');
    assert.deepEqual(
      recorded.rows.find(([label]) => label === 'Datum en tijd'),
      ['Datum en tijd', '01-07-2026 om 10:05 uur (Nederlandse tijd)'],
    );
  });

  test('refuses an answer time that is not an ISO instant', () => {
    assert.throws(
      () => buildConsentDocument({ ...input('nl', 'give'), generatedAt: 'yesterday' }),
      RangeError,
    );
  });
});

describe('consentStatement', () => {
  const parties = { customer: 'Klant B.V.', processor: 'Verwerker B.V.', subprocessor: 'Acme Cloud' };

  test('cites clause 6.1 only when there are transfer countries', () => {
    for (const language of ['nl', 'en'] as const) {
      for (const decision of ['give', 'object'] as const) {
        const without = consentStatement({ language, decision, ...parties, transferCountries: [] });
        const withTransfer = consentStatement({ language, decision, ...parties, transferCountries: ['US'] });
        assert.ok(!without.includes('6.1'), `${language}/${decision} without transfer: ${without}`);
        assert.ok(withTransfer.includes('6.1'), `${language}/${decision} with transfer: ${withTransfer}`);
        for (const s of [without, withTransfer]) {
          assert.ok(s.includes('3.4') && s.includes('5.1'));
          assert.ok(s.includes('Klant B.V.') && s.includes('Verwerker B.V.') && s.includes('Acme Cloud'));
        }
      }
    }
  });

  test('writes the agreed Dutch sentence, with the countries by their Dutch name', () => {
    assert.equal(
      consentStatement({ language: 'nl', decision: 'give', ...parties, transferCountries: ['US', 'IN'] }),
      'Klant B.V. geeft Verwerker B.V. voorafgaande schriftelijke toestemming om Acme Cloud in te schakelen als Sub-verwerker (artikel 3.4 en 5.1 van de Verwerkersovereenkomst) en om daarbij Persoonsgegevens te laten verwerken buiten de Europese Economische Ruimte, in de Verenigde Staten en India (artikel 6.1).',
    );
    assert.match(
      consentStatement({ language: 'nl', decision: 'object', ...parties, transferCountries: [] }),
      /^Klant B\.V\. maakt bezwaar en geeft Verwerker B\.V\. geen toestemming/,
    );
  });

  test('writes the English sentence, with the countries by their English name', () => {
    const s = consentStatement({ language: 'en', decision: 'give', ...parties, transferCountries: ['GB'] });
    assert.match(s, /^Klant B\.V\. gives Verwerker B\.V\. prior written consent to engage Acme Cloud/);
    assert.ok(s.includes('in the United Kingdom (clause 6.1)'), s);
  });
});
