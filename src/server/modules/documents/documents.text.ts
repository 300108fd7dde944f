import type { DocumentModel, Inline, TableColumn } from './documents.model.ts';

// Text helpers both renderers share, so the PDF and the Word file say the same thing in the same words.

export function inlineText(inline: Inline): string {
  return typeof inline === 'string' ? inline : inline.text;
}

// Composed characters (NFC), as fonts have glyphs for "ë" rather than for "e" plus a diaeresis; and "€ 1.000.000"
// must not end a line with a lone "€": the space after a currency sign becomes a no-break space.
export function typeset(text: string): string {
  return text.normalize('NFC').replace(/([€$£]|\bEUR) (?=\d)/g, '$1\u00a0');
}

export function plainText(content: Inline[]): string {
  return content.map(inlineText).join('');
}

export type FooterPart = { kind: 'text'; text: string } | { kind: 'page' } | { kind: 'pages' };

// The footer is "Pagina {page} van {pages}"; Word needs the numbers as fields, so the template is cut at them.
export function splitFooter(template: string): FooterPart[] {
  const parts: FooterPart[] = [];
  for (const piece of template.split(/(\{page\}|\{pages\})/)) {
    if (piece === '{page}') {
      parts.push({ kind: 'page' });
    } else if (piece === '{pages}') {
      parts.push({ kind: 'pages' });
    } else if (piece !== '') {
      parts.push({ kind: 'text', text: piece });
    }
  }
  return parts;
}

export function fillFooter(template: string, page: number, pages: number): string {
  return splitFooter(template)
    .map((part) => (part.kind === 'text' ? part.text : String(part.kind === 'page' ? page : pages)))
    .join('');
}

export type SignatureLabels = { name: string; title: string; place: string; date: string; signature: string };

const signatureLabels: Record<DocumentModel['language'], SignatureLabels> = {
  nl: { name: 'Naam', title: 'Functie', place: 'Plaats', date: 'Datum', signature: 'Handtekening' },
  en: { name: 'Name', title: 'Title', place: 'Place', date: 'Date', signature: 'Signature' },
};

export function labelsFor(language: DocumentModel['language']): SignatureLabels {
  return signatureLabels[language];
}

// Dutch glues nouns together ("persoonsgegevensverwerkingsovereenkomst"); in a narrow table column such a word
// must break somewhere. Without a dictionary, syllable boundaries are the next best place: a consonant between two
// vowel groups starts the next syllable (ge-ge-vens), of two or more consonants the last one does (ver-wer-king),
// but for the onsets in onsetLength. Good enough for a break that shows a hyphen; never wrong in a way that changes
// the word, since the letters stay as they are.
const VOWEL = /[aeiouyàáâäèéêëìíîïòóôöùúûü]/;
const LETTER = /\p{L}/u;

function vowelMask(word: string): boolean[] {
  const lower = word.toLowerCase();
  return [...lower].map((ch, i) => VOWEL.test(ch) || (ch === 'j' && lower[i - 1] === 'i'));
}

// How many of the consonants between two vowels start the next syllable: one, or the pairs Dutch keeps together —
// "ch", "sch", and a stop or f/v before l or r (ge-brui-kers, werk-plek, ver-krij-gen).
function onsetLength(cluster: string): number {
  const lower = cluster.toLowerCase();
  if (lower.endsWith('sch')) {
    return 3;
  }
  if (lower.length >= 2 && (lower.endsWith('ch') || /[bcdfgkptv][lr]$/.test(lower))) {
    return 2;
  }
  return 1;
}

// Indexes i where the word may break before word[i], keeping at least two letters before and three after.
export function syllableBreaks(word: string): number[] {
  const chars = [...word];
  if (chars.length !== word.length) {
    return [];
  }
  const vowels = vowelMask(word);
  const breaks: number[] = [];
  let lastVowelEnd = -1;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === '-' || ch === '/') {
      breaks.push(i + 1);
      lastVowelEnd = -1;
      continue;
    }
    if (!vowels[i] || (i > 0 && vowels[i - 1])) {
      continue;
    }
    // A vowel group starts at i; the consonants since the previous group decide where the syllable starts.
    if (lastVowelEnd >= 0 && i > lastVowelEnd) {
      const cluster = word.slice(lastVowelEnd, i);
      if ([...cluster].every((c) => LETTER.test(c))) {
        breaks.push(cluster.length === 1 ? lastVowelEnd : i - onsetLength(cluster));
      }
    }
    let end = i;
    while (end < chars.length && vowels[end]) {
      end++;
    }
    lastVowelEnd = end;
  }
  return [...new Set(breaks)].filter((b) => b >= 2 && b <= chars.length - 3).sort((a, b) => a - b);
}

export const SOFT_HYPHEN = '\u00ad';

// Soft hyphens at the syllable breaks of words of at least minLength characters: Word shows a hyphen only where it
// breaks the line there.
export function softHyphenate(text: string, minLength: number): string {
  return text.replace(/\S+/g, (word) => {
    if (word.length < minLength) {
      return word;
    }
    let out = '';
    let from = 0;
    for (const at of syllableBreaks(word)) {
      out += word.slice(from, at) + (word[at - 1] === '-' || word[at - 1] === '/' ? '' : SOFT_HYPHEN);
      from = at;
    }
    return out + word.slice(from);
  });
}

// Relative widths as percentages of the text width; columns without one share what the others leave (fractions
// below 1), or take the average weight (when the given widths are weights like 2 and 3).
export function columnPercents(columns: TableColumn[]): number[] {
  const given = columns.filter((c) => c.width !== undefined && c.width > 0);
  const sum = given.reduce((total, c) => total + (c.width ?? 0), 0);
  const missing = columns.length - given.length;
  const fill = given.length === 0 ? 1 : sum < 1 ? (1 - sum) / Math.max(missing, 1) : sum / given.length;
  const weights = columns.map((c) => (c.width !== undefined && c.width > 0 ? c.width : fill));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / total) * 100);
}
