import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  SoftHyphen,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel, Inline, SignatureParty, TableColumn } from './documents.model.ts';
import {
  columnPercents,
  labelsFor,
  SOFT_HYPHEN,
  softHyphenate,
  splitFooter,
  typeset,
} from './documents.text.ts';

// DocumentModel → Word (.docx) with docx 9. The same page, the same blocks and the same words as the PDF; Word lays
// the lines out itself, so it is the content and its structure that match, not the line breaks.

// Twips (1/20 pt). A4, and the PDF's margins.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { left: 1240, right: 1120, top: 1680, bottom: 1280, header: 600, footer: 520 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const HANGING = 680;

const COLOR = {
  ink: '1B1F24',
  muted: '5B6470',
  accent: '1F3A5F',
  rule: 'C5CDD8',
  zebra: 'EEF2F7',
  marking: '9B1C1C',
  white: 'FFFFFF',
};
const FONT = 'Calibri';
// Half-points.
const SIZE = { body: 20, table: 17, small: 17, header: 18 };
// Words this long get soft hyphens in table cells, where columns are narrow.
const HYPHENATE_FROM = 14;

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const created = new Date(model.createdAt);
  if (Number.isNaN(created.getTime())) {
    throw new Error(`DocumentModel.createdAt is not a date: ${model.createdAt}`);
  }
  const doc = new Document({
    title: model.title,
    subject: model.subject,
    creator: model.author,
    lastModifiedBy: model.author,
    styles: buildStyles(model),
    numbering: { config: NUMBERING },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN },
          },
        },
        headers: { default: buildHeader(model) },
        footers: { default: buildFooter(model) },
        children: renderBlocks(model),
      },
    ],
  });
  // docx writes the wall clock into docProps/core.xml; this one carries model.createdAt instead.
  const packed = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: coreXml(model, created) },
  ]);
  return fixZipTimestamps(packed, created);
}

function buildStyles(model: DocumentModel) {
  const lang = model.language === 'nl' ? 'nl-NL' : 'en-GB';
  const heading = (size: number, before: number, after: number, color = COLOR.accent) => ({
    run: { font: FONT, size, bold: true, color },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: {
        run: { font: FONT, size: SIZE.body, color: COLOR.ink, language: { value: lang } },
        paragraph: { spacing: { after: 120, line: 276 } },
      },
      heading1: heading(32, 280, 160),
      heading2: heading(25, 240, 100),
      heading3: heading(21, 160, 60, COLOR.ink),
    },
    paragraphStyles: [
      {
        id: 'Caption',
        name: 'Caption',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 19, bold: true, color: COLOR.accent },
        paragraph: { spacing: { before: 160, after: 80 }, keepNext: true },
      },
      {
        id: 'Small',
        name: 'Small',
        basedOn: 'Normal',
        run: { size: SIZE.small },
        paragraph: { spacing: { after: 100 } },
      },
      {
        id: 'Muted',
        name: 'Muted',
        basedOn: 'Normal',
        run: { size: 18, color: COLOR.muted },
        paragraph: { spacing: { after: 100 } },
      },
      {
        id: 'Clause',
        name: 'Clause',
        basedOn: 'Normal',
        paragraph: { indent: { left: HANGING, hanging: HANGING }, spacing: { after: 100 } },
      },
    ],
  };
}

const NUMBERING = [
  {
    reference: 'bullets',
    levels: [
      {
        level: 0,
        format: LevelFormat.BULLET,
        text: '•',
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: HANGING + 360, hanging: 300 } } },
      },
    ],
  },
  {
    reference: 'numbers',
    levels: [
      {
        level: 0,
        format: LevelFormat.DECIMAL,
        text: '%1.',
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: HANGING + 360, hanging: 360 } } },
      },
    ],
  },
];

function buildHeader(model: DocumentModel): Header {
  const logo = model.header.logo ? [logoRun(model.header.logo), new TextRun({ text: '   ' })] : [];
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOR.rule, space: 6 } },
        spacing: { after: 0 },
        children: [
          ...logo,
          new TextRun({ text: model.header.text, size: SIZE.header, color: COLOR.muted }),
          new TextRun({ children: [new Tab()] }),
          new TextRun({ text: model.marking, size: SIZE.header, bold: true, color: COLOR.marking }),
        ],
      }),
    ],
  });
}

// 22 pt high like the PDF's, at Word's 96 pixels to the inch; wide logos stop at 96 pt.
function logoRun(logo: NonNullable<DocumentModel['header']['logo']>): ImageRun {
  const data = Buffer.from(logo.dataBase64, 'base64');
  const size = imageSize(data, logo.mime);
  const scale = Math.min(((22 / 72) * 96) / size.height, ((96 / 72) * 96) / size.width);
  return new ImageRun({
    type: logo.mime === 'image/png' ? 'png' : 'jpg',
    data,
    transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
    // docx numbers drawings from one process-wide counter; the only drawing of the file takes 1, every time.
    altText: { id: '1', name: 'Logo', description: 'Logo', title: 'Logo' },
  });
}

function buildFooter(model: DocumentModel): Footer {
  const style = { size: 16, color: COLOR.muted };
  const parts = splitFooter(model.footer).map((part) =>
    part.kind === 'text'
      ? new TextRun({ ...style, text: part.text })
      : new TextRun({
          ...style,
          children: [part.kind === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES],
        }),
  );
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        children: [
          new TextRun({ ...style, text: model.title }),
          new TextRun({ children: [new Tab()] }),
          ...parts,
        ],
      }),
    ],
  });
}

function renderBlocks(model: DocumentModel): (Paragraph | Table)[] {
  let lists = 0;
  return model.blocks.flatMap((block) => {
    if (block.kind === 'list') {
      lists += 1;
    }
    return renderBlock(block, model, lists);
  });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function renderBlock(block: Block, model: DocumentModel, listInstance: number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          heading: HEADINGS[block.level],
          pageBreakBefore: block.pageBreakBefore ?? false,
          children: [new TextRun({ text: block.text })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          style: block.style === 'small' ? 'Small' : block.style === 'muted' ? 'Muted' : undefined,
          children: renderInlines(block.content),
        }),
      ];
    case 'clause':
      return [
        new Paragraph({
          style: 'Clause',
          children: [
            new TextRun({ text: block.number, bold: true }),
            new TextRun({ children: [new Tab()] }),
            ...renderInlines(block.content),
          ],
        }),
      ];
    case 'list':
      return block.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: block.ordered ? 'numbers' : 'bullets', level: 0, instance: listInstance },
            spacing: { after: 40 },
            children: renderInlines(item),
          }),
      );
    case 'table':
      return renderTable(block.caption, block.columns, block.rows);
    case 'facts':
      return [renderFacts(block.rows)];
    case 'signatures':
      return [renderSignatures(block.parties, model)];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function renderInlines(content: Inline[]): TextRun[] {
  return content.map((inline) =>
    typeof inline === 'string'
      ? new TextRun({ text: typeset(inline) })
      : new TextRun({
          text: typeset(inline.text),
          bold: inline.bold || inline.term || undefined,
          italics: inline.italics || undefined,
        }),
  );
}

// Soft hyphens as Word's own optional-hyphen element: a hyphen shows only where Word breaks the word.
function hyphenatedRun(text: string, options: { bold?: boolean; color?: string; size?: number }): TextRun {
  const pieces = softHyphenate(typeset(text), HYPHENATE_FROM).split(SOFT_HYPHEN);
  const children: (string | SoftHyphen)[] = pieces.flatMap((piece, i) =>
    i === 0 ? [piece] : [new SoftHyphen(), piece],
  );
  return new TextRun({ ...options, children });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

function twipWidths(percents: number[]): number[] {
  return percents.map((p) => Math.round((p / 100) * CONTENT_WIDTH));
}

function renderTable(
  caption: string | undefined,
  columns: TableColumn[],
  rows: string[][],
): (Paragraph | Table)[] {
  const widths = twipWidths(columnPercents(columns));
  const cell = (text: string, width: number, fill: string | undefined, header: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
      margins: { top: 50, bottom: 50, left: 100, right: 100 },
      children: [
        new Paragraph({
          spacing: { after: 0, line: 252 },
          children: [
            hyphenatedRun(
              text,
              header ? { bold: true, color: COLOR.white, size: SIZE.table } : { size: SIZE.table },
            ),
          ],
        }),
      ],
    });
  // tableHeader: Word repeats the row at the top of every page the table runs over (issue 6).
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell(c.header, widths[i] ?? 0, COLOR.accent, true)),
  });
  const body = rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: columns.map((_, i) =>
          cell(row[i] ?? '', widths[i] ?? 0, r % 2 === 1 ? COLOR.zebra : undefined, false),
        ),
      }),
  );
  const table = new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      ...NO_BORDERS,
      bottom: { style: BorderStyle.SINGLE, size: 8, color: COLOR.accent },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: COLOR.rule },
    },
    rows: [header, ...body],
  });
  const spacer = new Paragraph({ spacing: { after: 120 }, children: [] });
  return caption
    ? [new Paragraph({ style: 'Caption', children: [new TextRun(caption)] }), table, spacer]
    : [table, spacer];
}

function renderFacts(rows: [label: string, value: string][]): Table {
  const widths = twipWidths([30, 70]);
  const cell = (width: number, run: TextRun) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { top: 30, bottom: 30, left: 0, right: 100 },
      children: [new Paragraph({ spacing: { after: 0 }, children: [run] })],
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell(widths[0] ?? 0, new TextRun({ text: label, size: 18, color: COLOR.muted })),
            cell(widths[1] ?? 0, hyphenatedRun(value, {})),
          ],
        }),
    ),
  });
}

function renderSignatures(parties: SignatureParty[], model: DocumentModel): Table {
  const labels = labelsFor(model.language);
  const width = Math.floor(CONTENT_WIDTH / Math.max(parties.length, 1));
  const cells = parties.map(
    (party) =>
      new TableCell({
        width: { size: width, type: WidthType.DXA },
        margins: { top: 0, bottom: 0, left: 0, right: 400 },
        children: [
          new Paragraph({
            keepNext: true,
            spacing: { after: 0 },
            children: [new TextRun({ text: party.role, bold: true, color: COLOR.accent, size: 21 })],
          }),
          new Paragraph({
            keepNext: true,
            spacing: { after: 120 },
            children: [new TextRun(party.organisation)],
          }),
          ...signatureLine(labels.name, party.name, 0),
          ...signatureLine(labels.title, party.title, 0),
          ...signatureLine(labels.place, party.place, 0),
          ...signatureLine(labels.date, party.date, 0),
          ...signatureLine(labels.signature, '', 520),
        ],
      }),
  );
  return new Table({
    width: { size: width * parties.length, type: WidthType.DXA },
    columnWidths: parties.map(() => width),
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: cells })],
  });
}

// The label, then the value (or nothing) on a line to sign or write on.
function signatureLine(label: string, value: string, spaceBefore: number): Paragraph[] {
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 60, after: 0 },
      children: [new TextRun({ text: label, size: SIZE.small, color: COLOR.muted })],
    }),
    new Paragraph({
      keepNext: true,
      spacing: { before: spaceBefore, after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOR.ink, space: 1 } },
      children: [new TextRun(value)],
    }),
  ];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function coreXml(model: DocumentModel, created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ',
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ',
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeXml(model.title)}</dc:title>`,
    `<dc:subject>${escapeXml(model.subject)}</dc:subject>`,
    `<dc:creator>${escapeXml(model.author)}</dc:creator>`,
    `<cp:lastModifiedBy>${escapeXml(model.author)}</cp:lastModifiedBy>`,
    `<dc:language>${model.language === 'nl' ? 'nl-NL' : 'en-GB'}</dc:language>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
}

// Width and height from a PNG's IHDR or a JPEG's start-of-frame marker.
export function imageSize(data: Buffer, mime: 'image/png' | 'image/jpeg'): { width: number; height: number } {
  if (mime === 'image/png') {
    if (data.length < 24 || data.readUInt32BE(12) !== 0x49484452) {
      throw new Error('Logo is not a PNG image');
    }
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) {
      break;
    }
    const marker = data[at + 1] ?? 0;
    // SOF0–SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: data.readUInt16BE(at + 7), height: data.readUInt16BE(at + 5) };
    }
    at += 2 + data.readUInt16BE(at + 2);
  }
  throw new Error('Logo is not a JPEG image with a readable size');
}

// The zip layer (fflate inside docx) stamps every entry with the time of packing, so two packings of one document
// differ. ZIP stores that time as MS-DOS date and time in each local header and its central directory entry
// (APPNOTE 4.3.7 and 4.3.12); writing model.createdAt there, in UTC, makes the file depend on the model alone.
export function fixZipTimestamps(zip: Buffer, when: Date): Buffer {
  const out = Buffer.from(zip);
  const time = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  const date = ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) {
    throw new Error('docx output is not a zip file');
  }
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) {
      throw new Error('docx output has a broken zip directory');
    }
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) {
      throw new Error('docx output has a broken zip entry');
    }
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
