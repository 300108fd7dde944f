import { createRequire } from 'node:module';

// pdfkit shapes every word with fontkit anew for each document: its cache of shaped words lives in the document.
// A thousand DPAs repeat the same few thousand words, so this cache is shared across documents, which takes about
// a quarter off the time of a PDF.
//
// It must not change a byte with what was rendered before. pdfkit keeps fontkit glyph objects, whose code points (the
// PDF's text map) are those of the first word that made the glyph in that font; shared across documents, they would
// carry one document's history into the next. So a word is cached as plain numbers, with the code points of each
// glyph taken from the word's own text (align), and only when the glyphs can be laid over the text that way; other
// words go pdfkit's own way, per document, as before. documents.render.test.ts compares a warm process with a
// fresh one.

const require = createRequire(import.meta.url);

type Glyph = { id: number; codePoints: number[]; advanceWidth: number };
type Position = {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth?: number;
};
type Run = { glyphs: Glyph[]; positions: Position[]; advanceWidth: number };
export type FontkitFont = {
  unitsPerEm: number;
  layout(text: string): Run;
  glyphForCodePoint(codePoint: number): { id: number };
};
// pdfkit's EmbeddedFont, as far as this module touches it.
type EmbeddedFont = { layoutCached(text: string): Run; sharedShaping?: true };
type PdfmakeDocument = {
  getFontType(bold: boolean, italics: boolean): string;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
};

// A bound on memory (under a kilobyte a word, so some 10 MB a font at most): a long-running server renders many
// customers' names; past this the cache starts afresh.
const MAX_WORDS = 10_000;

class SharedShaper {
  readonly runs = new Map<string, Run | null>();
  // Glyphs and positions recur across words; one object each keeps a cached word to two arrays of references.
  private readonly glyphs = new Map<string, Glyph>();
  private readonly positions = new Map<string, Position>();
  private readonly scale: number;

  constructor(private readonly font: FontkitFont) {
    this.scale = 1000 / font.unitsPerEm;
  }

  // A shared run for the text, or null when pdfkit must shape it itself.
  run(text: string): Run | null {
    let run = this.runs.get(text);
    if (run === undefined) {
      if (this.runs.size >= MAX_WORDS) {
        this.runs.clear();
        this.glyphs.clear();
        this.positions.clear();
      }
      run = this.shape(text);
      this.runs.set(text, run);
    }
    return run;
  }

  private shape(text: string): Run | null {
    const codePoints = [...text].map((ch) => ch.codePointAt(0) ?? 0);
    const shaped = this.font.layout(text);
    const clusters = this.align(
      shaped.glyphs.map((g) => g.id),
      codePoints,
    );
    if (!clusters) {
      return null;
    }
    const glyphs: Glyph[] = [];
    const positions: Position[] = [];
    let advanceWidth = 0;
    shaped.glyphs.forEach((glyph, i) => {
      const position = shaped.positions[i] ?? { xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0 };
      glyphs.push(
        this.glyph({ id: glyph.id, codePoints: clusters[i] ?? [], advanceWidth: glyph.advanceWidth }),
      );
      // The same arithmetic as pdfkit's EmbeddedFont.layoutRun, so every coordinate comes out the same.
      const scaled = this.position({
        xAdvance: position.xAdvance * this.scale,
        yAdvance: position.yAdvance * this.scale,
        xOffset: position.xOffset * this.scale,
        yOffset: position.yOffset * this.scale,
        advanceWidth: glyph.advanceWidth * this.scale,
      });
      positions.push(scaled);
      advanceWidth += scaled.xAdvance;
    });
    return { glyphs, positions, advanceWidth };
  }

  private glyph(glyph: Glyph): Glyph {
    const key = `${glyph.id}:${glyph.codePoints.join(',')}`;
    const known = this.glyphs.get(key);
    if (known) {
      return known;
    }
    this.glyphs.set(key, glyph);
    return glyph;
  }

  // pdfkit never changes a position it is given (word spacing copies it first), so one object can serve every word.
  private position(position: Position): Position {
    const key = `${position.xAdvance},${position.yAdvance},${position.xOffset},${position.yOffset},${position.advanceWidth}`;
    const known = this.positions.get(key);
    if (known) {
      return known;
    }
    this.positions.set(key, position);
    return position;
  }

  // The characters each glyph stands for, worked out from glyph ids alone (never from fontkit's glyph objects,
  // whose code points depend on history): a glyph is the font's own glyph for one character, or a ligature of two
  // to four ("fi", "ffi"). Null when the glyphs cannot be laid over the text that way.
  private align(ids: number[], codePoints: number[]): number[][] | null {
    const clusters: number[][] = [];
    const fit = (g: number, k: number): boolean => {
      if (g === ids.length) {
        return k === codePoints.length;
      }
      const single = codePoints[k];
      if (single !== undefined && ids[g] === this.font.glyphForCodePoint(single).id) {
        clusters.push([single]);
        if (fit(g + 1, k + 1)) {
          return true;
        }
        clusters.pop();
      }
      for (let length = 2; length <= 4 && k + length <= codePoints.length; length++) {
        clusters.push(codePoints.slice(k, k + length));
        if (fit(g + 1, k + length)) {
          return true;
        }
        clusters.pop();
      }
      return false;
    };
    return fit(0, 0) ? clusters : null;
  }
}

const shapers = new Map<string, SharedShaper>();

// Words in the shared cache, for the bench: it grows with new words (customer names), up to MAX_WORDS per font.
export function sharedShapingWords(): number {
  return [...shapers.values()].reduce((sum, shaper) => sum + shaper.runs.size, 0);
}

// Wraps pdfmake's provideFont once per process, so each font of the family a document opens takes its shaped words
// from the shared cache first. Fonts are keyed by pdfmake's type name: normal, bold, italics, bolditalics.
export function installSharedShaping(family: string, fonts: Record<string, FontkitFont>): void {
  const { default: PDFDocument } = require('pdfmake/js/PDFDocument.js') as {
    default: { prototype: PdfmakeDocument & { sharedShaping?: true } };
  };
  const proto = PDFDocument.prototype;
  if (proto.sharedShaping) {
    return;
  }
  for (const [type, font] of Object.entries(fonts)) {
    shapers.set(type, new SharedShaper(font));
  }
  const provideFont = proto.provideFont;
  proto.provideFont = function (this: PdfmakeDocument, name, bold, italics) {
    const font = provideFont.call(this, name, bold, italics);
    const shaper = name === family ? shapers.get(this.getFontType(bold, italics)) : undefined;
    if (shaper && !font.sharedShaping) {
      const own = font.layoutCached.bind(font);
      font.layoutCached = (text: string) => shaper.run(text) ?? own(text);
      font.sharedShaping = true;
    }
    return font;
  };
  proto.sharedShaping = true;
}
