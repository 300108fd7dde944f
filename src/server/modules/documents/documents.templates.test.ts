import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Block } from './documents.model.ts';
import {
  defaultTemplate,
  dpaPlaceholders,
  fillTemplate,
  parseTemplate,
  type TemplateFill,
  templateVocabulary,
  validateTemplate,
} from './documents.templates.ts';

// The smallest template the DPA accepts: the three required directives.
const required = ['{{parties}}', '{{annex1}}', '{{signatures}}'];
const dpa = (...lines: string[]) => [...lines, '', ...required].join('\n');

const fill = (values: Record<string, string> = {}): TemplateFill => ({
  values,
  directives: {
    parties: () => [{ kind: 'facts', rows: [['Naam', 'Klant B.V.']] }],
    annex1: () => [{ kind: 'table', columns: [{ header: 'Dienst' }], rows: [['Cloud']] }],
    signatures: () => [{ kind: 'signatures', parties: [] }],
  },
});

describe('template syntax', () => {
  test('headings, clauses with continuation lines, lists, paragraphs and directives', () => {
    const parsed = parseTemplate(
      [
        '# Artikel 3 — Verplichtingen',
        '## Onderdeel',
        '3.4 De Verwerker schakelt',
        '    geen derden in.',
        '3.5. Met trailing dot;',
        'a plain line right under a clause continues it.',
        '',
        '- first',
        '  continued',
        '- second',
        '',
        '1. one',
        '2. two',
        '',
        'A paragraph',
        'over two lines.',
        '',
        '{{pagebreak}}',
      ].join('\n'),
    );
    assert.deepEqual(parsed.issues, []);
    const blocks = fillTemplate(parsed.nodes, fill());
    assert.deepEqual(blocks, [
      { kind: 'heading', level: 1, text: 'Artikel 3 — Verplichtingen' },
      { kind: 'heading', level: 2, text: 'Onderdeel' },
      { kind: 'clause', number: '3.4', content: ['De Verwerker schakelt geen derden in.'] },
      {
        kind: 'clause',
        number: '3.5',
        content: ['Met trailing dot; a plain line right under a clause continues it.'],
      },
      { kind: 'list', ordered: false, items: [['first continued'], ['second']] },
      { kind: 'list', ordered: true, items: [['one'], ['two']] },
      { kind: 'paragraph', content: ['A paragraph over two lines.'] },
      { kind: 'pageBreak' },
    ] satisfies Block[]);
  });

  test('an indented line continues the block above even when it looks like a clause or list item', () => {
    const parsed = parseTemplate(
      '3.6 Binnen een termijn van\n    14 dagen, zie artikel\n    3.4 hierboven.\n  - geen lijst',
    );
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(fillTemplate(parsed.nodes, fill()), [
      {
        kind: 'clause',
        number: '3.6',
        content: ['Binnen een termijn van 14 dagen, zie artikel 3.4 hierboven. - geen lijst'],
      },
    ]);
  });

  test('**bold**; opening a clause it marks the defined term (article 1)', () => {
    const parsed = parseTemplate(
      '1.1 **Persoonsgegevens**: alle informatie.\n\nZie **artikel 8** en {{customer.legalName}}.',
    );
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(fillTemplate(parsed.nodes, fill({ 'customer.legalName': 'Klant B.V.' })), [
      {
        kind: 'clause',
        number: '1.1',
        content: [{ text: 'Persoonsgegevens', bold: true, term: true }, ': alle informatie.'],
      },
      {
        kind: 'paragraph',
        content: ['Zie ', { text: 'artikel 8', bold: true }, ' en Klant B.V..'],
      },
    ]);
  });

  test('a list goes on across blank lines; Windows line ends and a BOM are read', () => {
    const parsed = parseTemplate('\uFEFF1. one\r\n\r\n2. two\r\n- bullet');
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(fillTemplate(parsed.nodes, fill()), [
      { kind: 'list', ordered: true, items: [['one'], ['two']] },
      { kind: 'list', ordered: false, items: [['bullet']] },
    ]);
  });

  test('a page break before a heading becomes the heading’s page break', () => {
    const parsed = parseTemplate('Tekst.\n\n{{pagebreak}}\n# Bijlage 1\n\n{{pagebreak}}\nSlot.');
    assert.deepEqual(fillTemplate(parsed.nodes, fill()), [
      { kind: 'paragraph', content: ['Tekst.'] },
      { kind: 'heading', level: 1, text: 'Bijlage 1', pageBreakBefore: true },
      { kind: 'pageBreak' },
      { kind: 'paragraph', content: ['Slot.'] },
    ]);
  });
});

describe('template validation', () => {
  const issuesOf = (text: string) => validateTemplate(text, 'dpa');

  test('the default templates are valid', () => {
    assert.deepEqual(issuesOf(defaultTemplate('dpa', 'nl')), []);
    assert.deepEqual(issuesOf(defaultTemplate('dpa', 'en')), []);
  });

  test('an unknown placeholder is refused with its line and name', () => {
    assert.deepEqual(issuesOf(dpa('# Titel', '', 'Beste {{customer.legalName}},', 'uw {{customer.iban}}.')), [
      { line: 4, message: 'Unknown placeholder {{customer.iban}}.' },
    ]);
  });

  test('placeholder names cannot reach object internals', () => {
    const issues = issuesOf(dpa('{{constructor}} {{__proto__}} {{toString}}'));
    assert.deepEqual(
      issues.map((i) => i.line),
      [1, 1, 1],
    );
    const messages = issues.map((i) => i.message);
    assert.ok(messages.includes('Unknown placeholder {{constructor}}.'));
    assert.ok(messages.includes('Unknown placeholder {{toString}}.'));
    assert.ok(messages.includes('"{{__proto__}}" is not a placeholder name (letters, digits and dots).'));
  });

  test('unbalanced {{ and }} are refused with their line', () => {
    assert.deepEqual(issuesOf(dpa('Goed.', 'Kapot {{customer.legalName', 'Ook }} kapot', 'En {{a{{b}}')), [
      { line: 2, message: '"{{" at column 7 is not closed with "}}".' },
      { line: 3, message: '"}}" at column 5 has no "{{" before it.' },
      { line: 4, message: '"{{" at column 4 is not closed with "}}".' },
      { line: 4, message: 'Unknown placeholder {{b}}.' },
    ]);
  });

  test('an unbalanced ** is refused with its line, also on a continuation line', () => {
    assert.deepEqual(issuesOf(dpa('3.1 **Vet** is goed,', '    maar **dit niet.')), [
      { line: 2, message: '"**" at column 6 is not closed on this line.' },
    ]);
  });

  test('a missing required directive is named', () => {
    const issues = issuesOf('# Verwerkersovereenkomst\n\n{{parties}}\n');
    assert.deepEqual(issues, [
      { line: null, message: 'The template needs {{annex1}} on a line of its own.' },
      { line: null, message: 'The template needs {{signatures}} on a line of its own.' },
    ]);
  });

  test('a directive inside a sentence, twice, or foreign to the kind is refused', () => {
    assert.deepEqual(issuesOf(dpa('Zie {{annex1}} hieronder.', '{{signatures}}')), [
      { line: 1, message: '{{annex1}} is a block directive: put it on a line of its own.' },
      { line: 6, message: '{{signatures}} appears twice (also on line 2).' },
    ]);
  });

  test('misnumbered list items, repeated or descending clause numbers and deep headings are refused', () => {
    assert.deepEqual(
      issuesOf(dpa('1. een', '3. drie', '', '3.4 Vier.', '3.4 Nog eens.', '3.2 Terug.', '#### Te diep', '#')),
      [
        { line: 2, message: 'This list item is numbered 3 where 2 was expected.' },
        { line: 5, message: 'Clause 3.4 appears twice (also on line 4).' },
        { line: 6, message: 'Clause 3.2 comes after 3.4.' },
        { line: 7, message: 'Headings go down to level 3 (###).' },
        { line: 8, message: 'A heading needs text after the #.' },
      ],
    );
  });

  test('a clause without text is refused', () => {
    assert.deepEqual(issuesOf(dpa('3.4')), [{ line: 1, message: 'Clause 3.4 has no text.' }]);
  });

  test('the placeholders and directives are listed as data, with descriptions in both languages', () => {
    const { placeholders, directives } = templateVocabulary.dpa;
    assert.equal(new Set(placeholders.map((p) => p.name)).size, placeholders.length);
    for (const item of [...placeholders, ...directives]) {
      assert.ok(item.description.nl && item.description.en, item.name);
    }
    assert.deepEqual(
      directives.filter((d) => d.required).map((d) => d.name),
      ['parties', 'annex1', 'signatures'],
    );
    assert.ok(placeholders.some((p) => p.name === 'agreement.reference'));
  });
});

describe('filling a template', () => {
  test('values are text: a value that looks like syntax is printed as it is, never parsed', () => {
    const parsed = parseTemplate(dpa('Partij: **{{customer.legalName}}** ({{customer.kvkNumber}}).'));
    assert.deepEqual(validateTemplate(dpa('x'), 'dpa'), []);
    const blocks = fillTemplate(
      parsed.nodes,
      fill({ 'customer.legalName': '**{{processor.kvkNumber}}** & Co', 'customer.kvkNumber': '12345678' }),
    );
    assert.deepEqual(blocks[0], {
      kind: 'paragraph',
      content: ['Partij: ', { text: '**{{processor.kvkNumber}}** & Co', bold: true }, ' (12345678).'],
    });
  });

  test('a filled default template holds every seed article and the generated blocks', () => {
    const parsed = parseTemplate(defaultTemplate('dpa', 'nl'));
    const values = Object.fromEntries(dpaPlaceholders.map((p) => [p.name, `<${p.name}>`]));
    const blocks = fillTemplate(parsed.nodes, {
      ...fill(values),
      directives: { ...fill().directives, annex3: () => [] },
    });
    const text = JSON.stringify(blocks);
    assert.ok(!text.includes('{{'), 'no placeholder is left');
    assert.ok(text.includes('<agreement.reference>'));
    assert.ok(blocks.some((b) => b.kind === 'signatures'));
    assert.ok(blocks.some((b) => b.kind === 'table'));
    const headings = blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
    assert.equal(headings.filter((h) => h.startsWith('Artikel')).length, 11);
    assert.deepEqual(
      headings.filter((h) => h.startsWith('Bijlage')),
      [
        'Bijlage 1 — Specificatie van de verwerkingen',
        'Bijlage 2 — Beveiligingsmaatregelen',
        'Bijlage 3 — Procedure datalekken',
      ],
    );
  });

  test('filling an unvalidated template with a placeholder that has no value fails loudly', () => {
    const parsed = parseTemplate('{{customer.legalName}}');
    assert.throws(
      () => fillTemplate(parsed.nodes, fill()),
      /No value for the placeholder \{\{customer.legalName\}\}/,
    );
  });
});
