import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type {
  Column,
  Content,
  ContentTable,
  CustomTableLayout,
  Node,
  NodeQueries,
  Style,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import type { Block, DocumentModel, Inline, SignatureParty, TableColumn } from './documents.model.ts';
import { type FontkitFont, installSharedShaping } from './documents.shaping.ts';
import { columnPercents, fillFooter, labelsFor, syllableBreaks, typeset } from './documents.text.ts';

// DocumentModel → PDF with pdfmake 0.3 (server API: one shared instance, fonts from its virtual file system).

const require = createRequire(import.meta.url);

type Pdfmake = typeof import('pdfmake') & {
  // Not in @types/pdfmake 0.3.3, but the Node build reads fonts from it before asking the local access policy.
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
};
type Fontkit = { create(buffer: Buffer): FontkitFont };

const ROBOTO = {
  normal: 'Roboto-Regular.ttf',
  // pdfmake's Roboto has no Bold; its own examples use Medium for bold.
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
};

// A4 in points, margins leave room for the running header and footer.
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 62, top: 84, right: 56, bottom: 64 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const COLOR = {
  ink: '#1b1f24',
  muted: '#5b6470',
  accent: '#1f3a5f',
  rule: '#c5cdd8',
  zebra: '#eef2f7',
  marking: '#9b1c1c',
};

const BODY_SIZE = 10;
const TABLE_SIZE = 8.5;
const CELL_PADDING_X = 5;
const CLAUSE_NUMBER_WIDTH = 34;

type Setup = { pdfmake: Pdfmake; regular: FontkitFont; bold: FontkitFont };
let setup: Setup | null = null;

// Once per process: fonts into pdfmake's in-memory file system, and every other file or URL refused, so nothing a
// template writes can make the renderer read a server file or call out (an image is only ever a data URL).
function ensureSetup(): Setup {
  if (setup) {
    return setup;
  }
  const pdfmake = require('pdfmake') as Pdfmake;
  const fontkit = require('fontkit') as Fontkit;
  const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = new Map<string, Buffer>();
  for (const file of Object.values(ROBOTO)) {
    const buffer = readFileSync(join(fontDir, file));
    files.set(file, buffer);
    pdfmake.virtualfs.writeFileSync(file, buffer);
  }
  pdfmake.setFonts({ Roboto: { ...ROBOTO } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  const fonts = Object.fromEntries(
    Object.entries(ROBOTO).map(([type, file]) => [type, fontkit.create(files.get(file)!)]),
  ) as Record<keyof typeof ROBOTO, FontkitFont>;
  installSharedShaping('Roboto', fonts);
  setup = { pdfmake, regular: fonts.normal, bold: fonts.bold };
  return setup;
}

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const { pdfmake } = ensureSetup();
  return pdfmake.createPdf(buildDocDefinition(model)).getBuffer();
}

export function buildDocDefinition(model: DocumentModel): TDocumentDefinitions {
  const created = new Date(model.createdAt);
  if (Number.isNaN(created.getTime())) {
    throw new Error(`DocumentModel.createdAt is not a date: ${model.createdAt}`);
  }
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    language: model.language === 'nl' ? 'nl-NL' : 'en-GB',
    // The dates also seed the file ID pdfkit writes, so fixing them makes the bytes depend on the model alone.
    info: {
      title: model.title,
      subject: model.subject,
      author: model.author,
      creator: 'art28',
      producer: 'art28 (pdfmake)',
      creationDate: created,
      modDate: created,
    },
    images: model.header.logo
      ? { logo: `data:${model.header.logo.mime};base64,${model.header.logo.dataBase64}` }
      : undefined,
    header: () => pageHeader(model),
    footer: (page, pages) => pageFooter(model, page, pages),
    defaultStyle: { font: 'Roboto', fontSize: BODY_SIZE, lineHeight: 1.25, color: COLOR.ink },
    styles: STYLES,
    content: renderContent(model),
    pageBreakBefore: keepHeadlineWithNext,
  };
}

const STYLES: Record<string, Style> = {
  h1: { fontSize: 16, bold: true, color: COLOR.accent, margin: [0, 14, 0, 8], lineHeight: 1.15 },
  h2: { fontSize: 12.5, bold: true, color: COLOR.accent, margin: [0, 12, 0, 5], lineHeight: 1.15 },
  h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3] },
  normal: { margin: [0, 0, 0, 6] },
  small: { fontSize: 8.5, margin: [0, 0, 0, 5] },
  muted: { fontSize: 9, color: COLOR.muted, margin: [0, 0, 0, 5] },
  clauseNumber: { bold: true },
  caption: { fontSize: 9.5, bold: true, color: COLOR.accent, margin: [0, 8, 0, 4] },
  factLabel: { fontSize: 9, color: COLOR.muted, margin: [0, 1, 0, 0] },
  signatureRole: { fontSize: 10.5, bold: true, color: COLOR.accent },
  signatureLabel: { fontSize: 8.5, color: COLOR.muted },
};

// A heading or table caption must not end a page: it moves to the next when nothing follows it on its page, or
// when it sits in the last stretch of the page and what follows runs on over the break (a table whose first rows
// moved on still reports a place at the page foot, so "something follows" alone is not enough).
const HEADLINE_FOOT = 0.85;

function keepHeadlineWithNext(node: Node, queries: NodeQueries): boolean {
  if (node.headlineLevel === undefined) {
    return false;
  }
  // pdfmake asks once per node, so a heading looks past the caption under it to the table both introduce.
  const next = queries.getFollowingNodesOnPage().find((n) => n.headlineLevel === undefined);
  if (!next) {
    return true;
  }
  const page = node.pageNumbers[0] ?? 0;
  return node.startPosition.verticalRatio > HEADLINE_FOOT && next.pageNumbers.some((p) => p > page);
}

function renderContent(model: DocumentModel): Content[] {
  const content: Content[] = [];
  let breakNext = false;
  for (const block of model.blocks) {
    if (block.kind === 'pageBreak') {
      breakNext = content.length > 0;
      continue;
    }
    const nodes = renderBlock(block, model);
    const first = nodes[0];
    if (breakNext && isNode(first)) {
      nodes[0] = { ...first, pageBreak: 'before' } as Content;
    }
    breakNext = false;
    content.push(...nodes);
  }
  return content.map((node, i) => {
    const next = content[i + 1];
    const endsPage =
      next === undefined || (isNode(next) && 'pageBreak' in next && next.pageBreak === 'before');
    return endsPage ? withoutBottomMargin(node) : node;
  });
}

function isNode(content: Content | undefined): content is Exclude<Content, string | number | Content[]> {
  return typeof content === 'object' && content !== null && !Array.isArray(content);
}

// pdfmake turns to a new page for a bottom margin that no longer fits on the current one; before a page break or
// at the end of the document that new page stays empty.
function withoutBottomMargin(node: Content): Content {
  if (!isNode(node)) {
    return node;
  }
  const margin = 'margin' in node && Array.isArray(node.margin) ? node.margin : undefined;
  if (!margin) {
    return { ...node, marginBottom: 0 } as Content;
  }
  const [left = 0, top = 0, right = left] = margin;
  return { ...node, margin: [left, top, right, 0] } as Content;
}

function pageHeader(model: DocumentModel): Content {
  const logoHeight = 22;
  const text: Column = {
    text: model.header.text,
    fontSize: 9,
    color: COLOR.muted,
    width: '*',
    margin: [model.header.logo ? 8 : 0, model.header.logo ? 6 : 0, 0, 0],
  };
  const marking: Column = {
    text: model.marking,
    fontSize: 9,
    bold: true,
    color: COLOR.marking,
    characterSpacing: 0.6,
    width: 'auto',
    alignment: 'right',
    margin: [0, model.header.logo ? 6 : 0, 0, 0],
  };
  const logo: Column[] = model.header.logo
    ? [{ width: 'auto', stack: [{ image: 'logo', fit: [96, logoHeight] }] }]
    : [];
  return {
    margin: [MARGIN.left, 30, MARGIN.right, 0],
    stack: [
      { columns: [...logo, text, marking], columnGap: 0 },
      {
        canvas: [
          { type: 'line', x1: 0, y1: 6, x2: CONTENT_WIDTH, y2: 6, lineWidth: 0.6, lineColor: COLOR.rule },
        ],
      },
    ],
  };
}

function pageFooter(model: DocumentModel, page: number, pages: number): Content {
  return {
    margin: [MARGIN.left, 26, MARGIN.right, 0],
    fontSize: 8,
    color: COLOR.muted,
    columns: [
      { text: model.title, width: '*' },
      { text: fillFooter(model.footer, page, pages), width: 'auto', alignment: 'right' },
    ],
  };
}

function renderBlock(block: Block, model: DocumentModel): Content[] {
  switch (block.kind) {
    case 'heading':
      return [
        {
          text: block.text,
          style: `h${block.level}`,
          headlineLevel: block.level,
          pageBreak: block.pageBreakBefore ? 'before' : undefined,
        },
      ];
    case 'paragraph':
      return [{ text: renderInlines(block.content), style: block.style ?? 'normal' }];
    case 'clause':
      return [renderClause(block.number, block.content)];
    case 'list':
      return [renderList(block.ordered, block.items)];
    case 'table':
      return renderTable(block.caption, block.columns, block.rows);
    case 'facts':
      return [renderFacts(block.rows)];
    case 'signatures':
      return [renderSignatures(block.parties, model)];
    case 'pageBreak':
      // renderContent turns it into a break before the next block.
      return [];
  }
}

function renderInlines(content: Inline[]): Content[] {
  return content.map((inline) =>
    typeof inline === 'string'
      ? { text: typeset(inline) }
      : {
          text: typeset(inline.text),
          bold: inline.bold || inline.term || undefined,
          italics: inline.italics || undefined,
        },
  );
}

// A hanging number column: the clause text lines up under itself, not under "10.3".
function renderClause(number: string, content: Inline[]): Content {
  return {
    columns: [
      { text: number, style: 'clauseNumber', width: CLAUSE_NUMBER_WIDTH },
      { text: renderInlines(content), width: '*' },
    ],
    columnGap: 4,
    margin: [0, 0, 0, 5],
  };
}

function renderList(ordered: boolean, items: Inline[][]): Content {
  const texts = items.map((item) => ({
    text: renderInlines(item),
    margin: [0, 0, 0, 2] as [number, number, number, number],
  }));
  const margin: [number, number, number, number] = [CLAUSE_NUMBER_WIDTH + 4, 0, 0, 6];
  return ordered ? { ol: texts, margin } : { ul: texts, margin };
}

const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: (i, node) => (i === node.table.body.length ? 0.8 : i <= 1 ? 0 : 0.4),
  hLineColor: (i, node) => (i === node.table.body.length ? COLOR.accent : COLOR.rule),
  vLineWidth: () => 0,
  fillColor: (row) => (row === 0 ? COLOR.accent : row % 2 === 0 ? COLOR.zebra : null),
  paddingLeft: () => CELL_PADDING_X,
  paddingRight: () => CELL_PADDING_X,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

function renderTable(caption: string | undefined, columns: TableColumn[], rows: string[][]): Content[] {
  const percents = columnPercents(columns);
  const textWidths = percents.map((p) => (p / 100) * CONTENT_WIDTH - 2 * CELL_PADDING_X);
  const { regular, bold } = ensureSetup();
  const header: TableCell[] = columns.map((column, i) => ({
    text: breakLongWords(column.header, textWidths[i] ?? 0, bold, TABLE_SIZE),
    bold: true,
    color: '#ffffff',
  }));
  const body: TableCell[][] = rows.map((row) =>
    columns.map((_, i) => ({
      text: breakLongWords(typeset(row[i] ?? ''), textWidths[i] ?? 0, regular, TABLE_SIZE),
    })),
  );
  const table: ContentTable = {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      // A row cut in two across pages reads as two rows; a row moves whole.
      dontBreakRows: true,
      widths: percents.map((p) => `${p}%`),
      body: [header, ...body],
    },
    layout: TABLE_LAYOUT,
    fontSize: TABLE_SIZE,
    lineHeight: 1.15,
    margin: [0, 0, 0, 10],
  };
  return caption ? [{ text: caption, style: 'caption', headlineLevel: 4 }, table] : [table];
}

function renderFacts(rows: [label: string, value: string][]): Content {
  const { regular } = ensureSetup();
  const valueWidth = 0.7 * CONTENT_WIDTH - 2 * CELL_PADDING_X;
  return {
    table: {
      widths: ['30%', '70%'],
      body: rows.map(([label, value]) => [
        { text: label, style: 'factLabel' },
        { text: breakLongWords(value, valueWidth, regular, BODY_SIZE) },
      ]),
    },
    layout: { ...TABLE_LAYOUT, hLineWidth: () => 0, fillColor: () => null, paddingLeft: () => 0 },
    margin: [0, 0, 0, 10],
  };
}

function renderSignatures(parties: SignatureParty[], model: DocumentModel): Content {
  const labels = labelsFor(model.language);
  const columns = parties.map((party) => ({
    width: '*',
    stack: [
      { text: party.role, style: 'signatureRole' },
      { text: party.organisation, margin: [0, 0, 0, 6] as [number, number, number, number] },
      {
        table: {
          widths: ['32%', '68%'],
          body: [
            signatureLine(labels.name, party.name, 18),
            signatureLine(labels.title, party.title, 18),
            signatureLine(labels.place, party.place, 18),
            signatureLine(labels.date, party.date, 18),
            signatureLine(labels.signature, '', 44),
          ],
        },
        layout: {
          defaultBorder: false,
          paddingLeft: () => 0,
          paddingRight: () => 4,
          hLineColor: () => COLOR.ink,
          hLineWidth: () => 0.5,
        },
      },
    ],
  }));
  return { columns, columnGap: 28, unbreakable: true, margin: [0, 12, 0, 0] };
}

// A value with a line under it, empty where the party writes it in by hand.
function signatureLine(label: string, value: string, height: number): TableCell[] {
  return [
    { text: label, style: 'signatureLabel', margin: [0, height - 11.5, 0, 0] },
    { text: value, border: [false, false, false, true], margin: [0, height - 13, 0, 1] },
  ];
}

// pdfmake splits a word wider than its cell wherever the width runs out, without a hyphen ("persoonsgege|vens").
// A word that wide always starts a line of its own, so cutting it here at syllable breaks, with a hyphen and a
// line end, gives exactly the lines pdfmake would lay out, only broken where a reader expects it.
export function breakLongWords(text: string, width: number, font: FontkitFont, fontSize: number): string {
  // Half a point of slack for rounding, so a chunk we think fits does not wrap once more inside pdfmake.
  const room = width - 0.5;
  const fits = (s: string) => fitsWithin(font, s, room / fontSize);
  return text.replace(/\S{8,}/g, (word) => (fits(word) ? word : splitWord(word, fits)));
}

const advances = new WeakMap<FontkitFont, Map<string, number>>();

// Shaping every candidate chunk with fontkit cost a sixth of the rendering time. Summing cached advance widths per
// character is as good except for kerning, a few per cent at most, so only a sum that close to the limit is shaped.
function fitsWithin(font: FontkitFont, text: string, ems: number): boolean {
  let table = advances.get(font);
  if (!table) {
    table = new Map();
    advances.set(font, table);
  }
  let sum = 0;
  for (const ch of text) {
    let advance = table.get(ch);
    if (advance === undefined) {
      advance = font.layout(ch).advanceWidth / font.unitsPerEm;
      table.set(ch, advance);
    }
    sum += advance;
  }
  if (Math.abs(sum - ems) > ems * 0.03) {
    return sum <= ems;
  }
  return font.layout(text).advanceWidth / font.unitsPerEm <= ems;
}

function splitWord(word: string, fits: (s: string) => boolean): string {
  const breaks = syllableBreaks(word);
  const lines: string[] = [];
  let start = 0;
  while (!fits(word.slice(start))) {
    const end = lastFittingBreak(word, start, breaks, fits);
    const hyphen = /[-/]$/.test(word.slice(start, end)) ? '' : '-';
    lines.push(word.slice(start, end) + hyphen);
    start = end;
  }
  lines.push(word.slice(start));
  return lines.join('\n');
}

function lastFittingBreak(
  word: string,
  start: number,
  breaks: number[],
  fits: (s: string) => boolean,
): number {
  let best = -1;
  for (const at of breaks) {
    if (at > start && fits(`${word.slice(start, at)}-`)) {
      best = at;
    }
  }
  if (best > 0) {
    return best;
  }
  // No syllable fits (a very narrow column): cut at the last letter that does, as pdfmake itself would.
  let end = start + 1;
  while (end < word.length - 1 && fits(`${word.slice(start, end + 1)}-`)) {
    end++;
  }
  return end;
}
