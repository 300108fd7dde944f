import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { sampleDocumentModel, sampleLogo, samplePng } from '../../../../test/fixtures/document-model.ts';
import { renderDocx } from './documents.docx.ts';
import type { Block, DocumentModel } from './documents.model.ts';
import { renderPdf } from './documents.pdf.ts';
import { plainText, syllableBreaks } from './documents.text.ts';

// What a reader of the PDF and of the Word file gets: the text as poppler extracts it, page by page, and the Word
// XML as a real parser reads it. No "it runs" checks: each test fails when the renderer drops or garbles content.

let dir = '';
const logo = sampleLogo();
const model = sampleDocumentModel({ logo });
let pdf: Buffer;
let docx: Buffer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'art28-documents-test-'));
  pdf = await renderPdf(model);
  docx = await renderDocx(model);
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tool(command: string, args: string[], file: Buffer): string {
  const path = join(dir, `${createHash('sha256').update(file).digest('hex').slice(0, 16)}.pdf`);
  writeFileSync(path, file);
  return execFileSync(command, [...args, path, ...(command === 'pdftotext' ? ['-'] : [])], {
    encoding: 'utf8',
  });
}

function pageCount(file: Buffer): number {
  const match = /^Pages:\s+(\d+)/m.exec(tool('pdfinfo', [], file));
  assert.ok(match, 'pdfinfo names the page count');
  return Number(match[1]);
}

// A4 in points (pdftotext crops in points at its default 72 dpi): the running header sits above y=76, the footer
// below y=786, the body in between.
const AREA = { header: [0, 76], body: [76, 786], footer: [786, 842] } as const;

function pagesText(file: Buffer, area: keyof typeof AREA): string[] {
  const [top, bottom] = AREA[area];
  const text = tool(
    'pdftotext',
    ['-layout', '-enc', 'UTF-8', '-x', '0', '-y', `${top}`, '-W', '596', '-H', `${bottom - top}`],
    file,
  );
  return text.split('\f').slice(0, pageCount(file));
}

// Whitespace as one space; a line that ends in a hyphen joins the next, as the model's "sub-verwerkers" was one word.
const normalize = (text: string) =>
  text
    .replace(/-\n\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

function clauses(m: DocumentModel): Extract<Block, { kind: 'clause' }>[] {
  return m.blocks.filter((b): b is Extract<Block, { kind: 'clause' }> => b.kind === 'clause');
}

describe('PDF', () => {
  test('holds the title and every clause, number and text, in the body of the pages', () => {
    const body = normalize(pagesText(pdf, 'body').join(' '));
    assert.ok(body.startsWith(model.title), 'the title opens the document');
    const all = clauses(model);
    assert.equal(all.length >= 30, true, 'the sample has the ten articles of clauses');
    for (const clause of all) {
      assert.ok(
        body.includes(`${clause.number} ${normalize(plainText(clause.content))}`),
        `clause ${clause.number}`,
      );
    }
  });

  test('keeps Dutch characters and quotes intact', () => {
    const body = normalize(pagesText(pdf, 'body').join('\n'));
    for (const text of [
      '„Data Pro Statement”',
      'beëindigd',
      'geïdentificeerde',
      'financiële',
      '€ 250.000',
      '€ 1.000.000',
      'København Ø',
    ]) {
      assert.ok(body.includes(text), `${text} is in the PDF text`);
    }
  });

  test('marks every page as confidential and numbers it "Pagina x van N"', () => {
    const pages = pageCount(pdf);
    assert.ok(pages >= 6, `the sample runs over several pages (${pages})`);
    const headers = pagesText(pdf, 'header');
    const footers = pagesText(pdf, 'footer');
    assert.equal(headers.length, pages);
    headers.forEach((header, i) => {
      assert.ok(header.includes(model.marking), `page ${i + 1} carries the marking`);
      assert.ok(header.includes('Delta Werkplek ICT B.V.'), `page ${i + 1} carries the header text`);
    });
    footers.forEach((footer, i) => {
      assert.ok(
        normalize(footer).includes(`Pagina ${i + 1} van ${pages}`),
        `page ${i + 1} footer: ${footer.trim()}`,
      );
    });
    assert.ok(footers[0]?.includes(`Pagina 1 van ${pages}`));
    assert.ok(footers[pages - 1]?.includes(`Pagina ${pages} van ${pages}`));
  });

  test('repeats the header row of a table on every page it runs over', () => {
    const pages = pagesText(pdf, 'body');
    const first = pages.findIndex((p) => p.includes('Tabel 1.'));
    const last = pages.findIndex((p) => p.includes('Bijlage 2. Sub-verwerkers'));
    // The 46 register rows, by the service that opens each (wrapped or hyphenated in its narrow column).
    const rowStart = /^ ?(Cloudwerkplek|VoIP-telefonie|Mobiele|Connectivi|Beveiliging|Administratie)/gm;
    let rows = 0;
    let pagesWithRows = 0;
    for (let i = first; i <= last; i++) {
      const table = (pages[i] ?? '').split('Bijlage 2. Sub-verwerkers')[0] ?? '';
      const found = table.match(rowStart)?.length ?? 0;
      if (found > 0) {
        pagesWithRows += 1;
        assert.match(
          table,
          /Type dienst\s+Type persoonsgegevens\s+Bewaartermijn/,
          `header row on page ${i + 1}`,
        );
      }
      rows += found;
    }
    assert.equal(rows, 46, 'every row of the table is there');
    assert.ok(pagesWithRows >= 2, 'the table runs over more than one page');
  });

  test('leaves no page empty where a block ends at the foot of a page before a page break', async () => {
    // Paragraphs of two heights fill the first page to every depth in steps of a few points; at some depth the last
    // one's spacing below no longer fits, which made pdfmake open a page that the break after it left empty.
    const line = (text: string, style: 'normal' | 'small'): Block => ({
      kind: 'paragraph',
      style,
      content: [text],
    });
    for (let small = 0; small <= 6; small++) {
      for (let count = 28; count <= 33; count++) {
        const blocks: Block[] = [
          ...Array.from({ length: small }, (_, i) => line(`Klein ${i + 1}.`, 'small')),
          ...Array.from({ length: count }, (_, i) => line(`Regel ${i + 1}.`, 'normal')),
          { kind: 'heading', level: 1, text: 'Bijlage 1', pageBreakBefore: true },
          { kind: 'pageBreak' },
          line('Bijlage 2', 'normal'),
        ];
        const pages = pagesText(await renderPdf({ ...model, blocks }), 'body');
        const shape = pages.map((page) => (page.trim() === '' ? 'empty' : 'text')).join(', ');
        assert.ok(!shape.includes('empty'), `${small} small and ${count} normal paragraphs: ${shape}`);
      }
    }
  });

  test('breaks long words in a narrow cell at syllables with a hyphen, inside the cell', async () => {
    const word = 'Gebruikersauthenticatiegegevensverwerkingsregister';
    const narrow: DocumentModel = {
      ...model,
      header: { ...model.header, logo: null },
      blocks: [
        {
          kind: 'table',
          columns: [{ header: 'Categorie', width: 0.18 }, { header: 'Toelichting' }],
          rows: [[word, 'Een gewone zin die gewoon over meerdere regels mag lopen.']],
        },
      ],
    };
    const lines = pagesText(await renderPdf(narrow), 'body')[0]?.split('\n') ?? [];
    const pieces = lines
      .map((line) => line.trim().split(/\s{2,}/)[0] ?? '')
      .filter((cell) => /^[A-Za-z-]+$/.test(cell) && cell !== 'Categorie');
    assert.ok(pieces.length >= 3, `the word is broken over several lines: ${pieces.join(' | ')}`);
    assert.equal(
      pieces.map((p) => p.replace(/-$/, '')).join(''),
      word,
      'nothing lost or added but the hyphens',
    );
    for (const piece of pieces.slice(0, -1)) {
      assert.ok(piece.endsWith('-'), `"${piece}" ends with a hyphen`);
    }
    const breaks = syllableBreaks(word);
    let at = 0;
    for (const piece of pieces.slice(0, -1)) {
      at += piece.length - 1;
      assert.ok(breaks.includes(at), `break after "${word.slice(0, at)}" is a syllable break`);
    }
  });

  test('shows the logo once in every page header, and no image without one', async () => {
    const pages = pageCount(pdf);
    const images = tool('pdfimages', ['-list'], pdf)
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => line.trim().split(/\s+/));
    assert.deepEqual(
      images.map((cols) => Number(cols[0])),
      Array.from({ length: pages }, (_, i) => i + 1),
      'one image per page',
    );
    for (const cols of images) {
      assert.equal(`${cols[3]}x${cols[4]}`, '96x32', 'the logo at its own pixel size');
    }
    const bare = await renderPdf({ ...model, header: { ...model.header, logo: null } });
    assert.equal(
      tool('pdfimages', ['-list'], bare)
        .split('\n')
        .slice(2)
        .filter((l) => l.trim()).length,
      0,
    );
  });

  test('refuses to read a local file or fetch a URL, whatever a document definition names', async () => {
    await renderPdf(model);
    // The very instance renderPdf set up (Node caches the module): its access policies are in force.
    const pdfmake = createRequire(import.meta.url)('pdfmake') as typeof import('pdfmake');
    for (const image of ['/etc/hostname', 'https://example.invalid/logo.png']) {
      await assert.rejects(pdfmake.createPdf({ content: [{ image }] }).getBuffer(), /denied/, image);
    }
  });
});

describe('determinism', () => {
  test('the same model gives the same PDF bytes, also after rendering another', async () => {
    const other = await renderPdf(sampleDocumentModel({ index: 3 }));
    const again = await renderPdf(model);
    assert.notDeepEqual(other, pdf);
    assert.ok(again.equals(pdf), 'PDF bytes differ between two renderings of one model');
  });

  test('the same model gives the same DOCX bytes, also after rendering another', async () => {
    await renderDocx(sampleDocumentModel({ index: 3, logo }));
    const again = await renderDocx(model);
    assert.ok(again.equals(docx), 'DOCX bytes differ between two renderings of one model');
  });

  test('stamps every zip entry of the DOCX with the time of the model, not of the clock', () => {
    // MS-DOS date and time of each central directory entry (APPNOTE 4.3.12), read back as a UTC instant.
    const end = docx.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = docx.readUInt32LE(end + 16);
    const stamps = new Set<string>();
    for (let i = 0; i < docx.readUInt16LE(end + 10); i++) {
      const time = docx.readUInt16LE(at + 12);
      const date = docx.readUInt16LE(at + 14);
      const stamp = Date.UTC(
        (date >> 9) + 1980,
        ((date >> 5) & 15) - 1,
        date & 31,
        time >> 11,
        (time >> 5) & 63,
      );
      stamps.add(new Date(stamp + (time & 31) * 2000).toISOString());
      at += 46 + docx.readUInt16LE(at + 28) + docx.readUInt16LE(at + 30) + docx.readUInt16LE(at + 32);
    }
    assert.deepEqual([...stamps], [model.createdAt]);
  });

  test('another process, in another time zone, later, writes the same bytes', async () => {
    // Characters that take pdfkit's own shaping path (one glyph for two characters, a decomposed ë, a ligature
    // character), met here in another order first, so a cache warmed by other documents would show.
    const tricky = (order: string[]): DocumentModel => ({
      ...model,
      blocks: [
        { kind: 'paragraph', content: [order.join(' ')] },
        { kind: 'table', columns: [{ header: 'Teken' }], rows: order.map((t) => [t]) },
      ],
    });
    const characters = ['Δ-waarde', '∆-operator', 'Ω', 'Ω', 'e\u0308en', 'één', 'ﬁnale', 'office', '€ 5'];
    await renderPdf(tricky([...characters].reverse()));
    const warm = await renderPdf(tricky(characters));
    const out = renderElsewhere(`
      const model = sampleDocumentModel({ logo: sampleLogo() });
      const tricky = ${JSON.stringify(tricky(characters))};
      console.log(sha(await renderPdf(model)), sha(await renderDocx(model)), sha(await renderPdf(tricky)));
    `);
    assert.equal(out, `${sha(pdf)} ${sha(docx)} ${sha(warm)}`);
  });

  test('the shared shaping cache changes no byte of the sample', () => {
    // Switched off before the renderer installs it (documents.shaping.ts checks this flag).
    const out = renderElsewhere(`
      createRequire(import.meta.url)('pdfmake/js/PDFDocument.js').default.prototype.sharedShaping = true;
      console.log(sha(await renderPdf(sampleDocumentModel({ logo: sampleLogo() }))));
    `);
    assert.equal(out, sha(pdf));
  });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Runs the code in a fresh Node process in another time zone, with the renderers and the fixture at hand.
function renderElsewhere(code: string): string {
  const script = `
    import { createHash } from 'node:crypto';
    import { createRequire } from 'node:module';
    import { sampleDocumentModel, sampleLogo } from '../../../../test/fixtures/document-model.ts';
    const sha = (b) => createHash('sha256').update(b).digest('hex');
    const { renderPdf } = await import('./documents.pdf.ts');
    const { renderDocx } = await import('./documents.docx.ts');
    ${code}
  `;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Pacific/Kiritimati' },
  }).trim();
}

describe('syllable breaks', () => {
  test('fall between the syllables of Dutch compounds', () => {
    const show = (word: string) => {
      let out = '';
      let from = 0;
      for (const at of syllableBreaks(word)) {
        out += `${word.slice(from, at)}·`;
        from = at;
      }
      return out + word.slice(from);
    };
    assert.equal(show('persoonsgegevensverwerking'), 'per·soons·ge·ge·vens·ver·wer·king');
    assert.equal(show('Cloudwerkplek'), 'Cloud·werk·plek');
    assert.equal(show('geschiktheid'), 'ge·schikt·heid');
    assert.equal(show('gebruikers'), 'ge·brui·kers');
    assert.equal(show('Connectiviteit/WiFi'), 'Con·nec·ti·vi·teit/·WiFi');
    assert.deepEqual(syllableBreaks('ab'), []);
  });
});

type XmlNode = { name: string; attributes: Record<string, string>; children: (XmlNode | string)[] };

// saxes rejects anything that is not well-formed XML 1.0, so parsing is the well-formedness check.
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', attributes: {}, children: [] };
  const stack: XmlNode[] = [root];
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
    };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    stack.at(-1)?.children.push(text);
  });
  parser.write(xml).close();
  return root;
}

function findAll(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    if (n.name === name) {
      found.push(n);
    }
    for (const child of n.children) {
      if (typeof child !== 'string') {
        walk(child);
      }
    }
  };
  walk(node);
  return found;
}

function allText(node: XmlNode): string {
  return node.children.map((child) => (typeof child === 'string' ? child : allText(child))).join('');
}

// A paragraph's text as Word shows it: w:t text, a tab for w:tab, nothing for an optional hyphen.
function paragraphText(p: XmlNode): string {
  return p.children
    .map((child) => {
      if (typeof child === 'string') {
        return '';
      }
      if (child.name === 'w:t' || child.name === 'w:instrText') {
        return child.children.filter((c): c is string => typeof c === 'string').join('');
      }
      if (child.name === 'w:tab' && p.name === 'w:r') {
        return '\t';
      }
      return paragraphText(child);
    })
    .join('');
}

describe('DOCX', () => {
  let files: Record<string, Uint8Array> = {};
  const xml = (path: string) => {
    const data = files[path];
    assert.ok(data, `${path} is in the package`);
    return parseXml(strFromU8(data));
  };

  before(() => {
    files = unzipSync(docx);
  });

  test('is a package whose every XML part is well-formed', () => {
    const parts = Object.keys(files).filter((path) => /\.(xml|rels)$/.test(path));
    assert.ok(parts.includes('word/document.xml') && parts.includes('[Content_Types].xml'));
    for (const path of parts) {
      assert.doesNotThrow(() => xml(path), `${path} is well-formed`);
    }
  });

  test('holds the title and every clause as a numbered paragraph, with headings as Word headings', () => {
    const paragraphs = findAll(xml('word/document.xml'), 'w:p').map((p) =>
      paragraphText(p).replace(/\u00a0/g, ' '),
    );
    assert.ok(paragraphs.includes(model.title));
    for (const clause of clauses(model)) {
      assert.ok(
        paragraphs.includes(`${clause.number}\t${plainText(clause.content)}`),
        `clause ${clause.number}`,
      );
    }
    const styles = findAll(xml('word/document.xml'), 'w:pStyle').map((s) => s.attributes['w:val']);
    const headings = model.blocks.filter((b) => b.kind === 'heading').length;
    assert.equal(styles.filter((s) => /^Heading[123]$/.test(s ?? '')).length, headings);
    assert.equal(styles.filter((s) => s === 'Clause').length, clauses(model).length);
  });

  test('repeats the header row of every table with columns across pages', () => {
    const doc = xml('word/document.xml');
    const tables = model.blocks.filter((b) => b.kind === 'table');
    const headerRows = findAll(doc, 'w:tr').filter((tr) => findAll(tr, 'w:tblHeader').length > 0);
    assert.equal(headerRows.length, tables.length);
    assert.match(
      paragraphText(headerRows[0] ?? { name: '', attributes: {}, children: [] }),
      /Type dienst.*Sub-verwerker/,
    );
  });

  test('has the marking in the header and PAGE / NUMPAGES fields in the footer', () => {
    const headers = Object.keys(files).filter((p) => /^word\/header\d+\.xml$/.test(p));
    const footers = Object.keys(files).filter((p) => /^word\/footer\d+\.xml$/.test(p));
    assert.ok(
      headers.some((h) => paragraphText(xml(h)).includes(model.marking)),
      'marking in a header',
    );
    const footer = footers.map((f) => paragraphText(xml(f))).join('\n');
    assert.match(footer, /Pagina\s*PAGE\s*van\s*NUMPAGES/);
  });

  test('carries the logo in word/media and the document properties from the model', () => {
    const media = Object.keys(files).filter((p) => p.startsWith('word/media/'));
    assert.equal(media.length, 1);
    assert.ok(Buffer.from(files[media[0] ?? ''] ?? []).equals(samplePng()), 'the logo bytes as given');
    const headerRels = Object.keys(files).filter((p) => /^word\/_rels\/header\d+\.xml\.rels$/.test(p));
    assert.ok(
      headerRels.some((r) => strFromU8(files[r] ?? new Uint8Array()).includes('media/')),
      'the header uses it',
    );
    const core = allText(xml('docProps/core.xml'));
    for (const value of [model.title, model.subject, model.author, model.createdAt.replace(/\.\d+Z$/, 'Z')]) {
      assert.ok(core.includes(value), `core properties hold ${value}`);
    }
  });
});
