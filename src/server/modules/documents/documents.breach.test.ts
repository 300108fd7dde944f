import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pdfText } from '../../../../test/fixtures/pdf-text.ts';
import type { NoticeContent } from '../breaches/breaches.notices.ts';
import { type BreachNoticeDocumentInput, buildBreachNoticeDocument } from './documents.breach.ts';
import { renderPdf } from './documents.pdf.ts';

// The written breach notice (clause 8.1, Annex 3) as a reader of the PDF gets it: the seven answers, the
// reference, both parties and the customer's own decision under clause 8.3.

const reference = 'DL-2026-007';
const customerKvk = '12345678';

const content: NoticeContent = {
  reference,
  title: 'Phishing op de mailomgeving',
  summary: 'Mailbox overgenomen na phishing',
  dataTypes: ['naam', 'e-mailadres'],
  personsMin: 120,
  personsMax: 450,
  subjectsGroup: 'Klanten van de bakkerij',
  vulnerableGroup: false,
  contactsKnown: 'partly',
  rootCause: 'Gestolen wachtwoord zonder MFA',
  occurredFrom: '2026-03-14T07:00:00.000Z',
  occurredTo: null,
  discoveredAt: '2026-03-14T09:42:00.000Z',
  ongoing: true,
  aspects: ['confidentiality'],
  actions: ['read', 'copied'],
  encryption: 'none',
  affectedSystems: null,
  measuresTaken: 'Wachtwoord vervangen, sessies beëindigd',
  measuresPlanned: 'MFA voor alle accounts',
  likelyConsequences: 'Gerichte phishing op de klanten van de bakkerij',
  processorContact: {
    organisation: 'Delta Werkplek ICT B.V.',
    name: 'Eva de Groot',
    email: 'privacy@deltawerkplek.nl',
    phone: '+31 33 123 45 67',
  },
  customerGuidanceDeadline: '2026-03-17T11:00:00.000Z',
};

function input(language: 'nl' | 'en', version = 1): BreachNoticeDocumentInput {
  return {
    language,
    customer: { legalName: 'Bakkerij Van Dijk B.V.', kvkNumber: customerKvk },
    notice: {
      version,
      sentAt: '2026-03-14T11:00:00.000Z',
      changes: version > 1 ? 'Alle wachtwoorden zijn vervangen.' : null,
      content,
    },
  };
}

const cases = [
  {
    language: 'nl',
    version: 1,
    title: `Melding datalek ${reference}`,
    known: 'gedeeltelijk',
    period: '14-03-2026 om 08:00 uur (Nederlandse tijd) – onbekend',
    clause83: 'beslist Verantwoordelijke (artikel 8.3 van de Verwerkersovereenkomst)',
    deadline: '17-03-2026 om 12:00 uur',
  },
  {
    language: 'en',
    version: 1,
    title: `Data breach notice ${reference}`,
    known: 'partly',
    period: '14 March 2026 at 08:00 (Netherlands time) – unknown',
    clause83: 'is the decision of Controller (clause 8.3 of the Data Processing Agreement)',
    deadline: '17 March 2026 at 12:00',
  },
  {
    language: 'nl',
    version: 2,
    title: `Update 1 bij melding datalek ${reference}`,
    known: 'gedeeltelijk',
    period: '14-03-2026 om 08:00 uur (Nederlandse tijd) – onbekend',
    clause83: 'beslist Verantwoordelijke (artikel 8.3 van de Verwerkersovereenkomst)',
    deadline: '17-03-2026 om 12:00 uur',
  },
] as const;

describe('breach notice PDF', () => {
  for (const c of cases) {
    test(`${c.language}, version ${c.version}: holds the seven answers, the reference, the parties and clause 8.3`, async () => {
      const text = pdfText(await renderPdf(buildBreachNoticeDocument(input(c.language, c.version))));
      assert.ok(text.startsWith(c.title), `the title opens the document: ${text.slice(0, 80)}`);
      for (const answer of [
        content.summary,
        'naam, e-mailadres',
        '120–450',
        content.subjectsGroup,
        c.known,
        content.rootCause,
        c.period,
        content.likelyConsequences!,
      ]) {
        assert.ok(text.includes(answer), `the answer "${answer}" is in the PDF: ${text}`);
      }
      assert.ok(text.includes(reference), 'the reference');
      assert.ok(text.includes(customerKvk), "the customer's KvK number");
      assert.ok(text.includes('Bakkerij Van Dijk B.V.') && text.includes('Delta Werkplek ICT B.V.'));
      assert.ok(text.includes('privacy@deltawerkplek.nl'), "the processor's contact");
      assert.ok(text.includes(c.clause83), 'the customer decides (clause 8.3)');
      assert.ok(text.includes(c.deadline), 'the 72-hour guidance deadline in Europe/Amsterdam');
      // 09:42 UTC on 14 March is 10:42 in Amsterdam (CET).
      assert.ok(text.includes('10:42'), 'discovered at, in Europe/Amsterdam');
      assert.equal(
        text.includes('Alle wachtwoorden zijn vervangen.'),
        c.version > 1,
        'what changed, for updates',
      );
    });
  }

  test('the same input gives byte-identical PDFs, also after rendering another', async () => {
    const first = await renderPdf(buildBreachNoticeDocument(input('nl')));
    const other = await renderPdf(buildBreachNoticeDocument(input('en', 3)));
    const again = await renderPdf(buildBreachNoticeDocument(input('nl')));
    assert.ok(!other.equals(first));
    assert.ok(again.equals(first), 'PDF bytes differ between two renderings of one input');
  });
});

describe('breach notice model', () => {
  test('is deterministic and dated by the notice, not the clock', () => {
    const model = buildBreachNoticeDocument(input('en', 2));
    assert.deepEqual(buildBreachNoticeDocument(input('en', 2)), model);
    assert.equal(model.createdAt, '2026-03-14T11:00:00.000Z');
    assert.equal(model.title, `Update 1 to data breach notice ${reference}`);
    const table = model.blocks.find((b) => b.kind === 'table');
    assert.ok(table?.kind === 'table');
    assert.equal(table.rows.length, 7);
  });

  test('refuses a sending time that is not an ISO instant', () => {
    const data = input('nl');
    assert.throws(
      () => buildBreachNoticeDocument({ ...data, notice: { ...data.notice, sentAt: 'yesterday' } }),
      RangeError,
    );
  });
});
