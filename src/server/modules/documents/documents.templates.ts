import fs from 'node:fs';
import { AppError } from '../../http/errors.ts';
import type { Block, Inline } from './documents.model.ts';

// The template language admins edit (issue 6). A template is data, never code: plain text, one construct per
// line, placeholders that are replaced by plain text, and block directives that insert generated blocks. There
// are no conditions, loops or expressions, and a value filled in is never read as template syntax again (a
// customer called "**{{x}}**" stays exactly that), so editing a template cannot make art28 execute anything.
//
//   # Heading / ## Heading / ### Heading        headings, level 1–3
//   3.4 Verwerker schakelt …                     a clause: its number (digits with dots, e.g. 3.4 or 10.1) and text
//   - item                                       a bullet list item
//   1. item                                      a numbered list item, numbered 1, 2, 3 … in order
//       indented text                            continues the clause, item or paragraph above it
//   (blank line)                                 ends a paragraph
//   **text**                                     bold; opening a clause it marks the defined term (article 1)
//   {{customer.legalName}}                       a placeholder, replaced by text
//   {{parties}} on a line of its own             a block directive: generated blocks (tables, parties, signatures)

export type TemplateIssue = {
  // 1-based line; null when the issue concerns the template as a whole (a required directive is missing)
  line: number | null;
  message: string;
};

export type TemplateInline =
  | { kind: 'text'; text: string; bold: boolean }
  | { kind: 'placeholder'; name: string; bold: boolean; line: number };

export type TemplateNode =
  | { kind: 'heading'; line: number; level: 1 | 2 | 3; content: TemplateInline[] }
  | { kind: 'clause'; line: number; number: string; content: TemplateInline[] }
  | { kind: 'paragraph'; line: number; content: TemplateInline[] }
  | { kind: 'list'; line: number; ordered: boolean; items: TemplateInline[][] }
  | { kind: 'directive'; line: number; name: string };

export type ParsedTemplate = { nodes: TemplateNode[]; issues: TemplateIssue[] };

// ---- vocabulary ----------------------------------------------------------------------------------------------

export const templateKinds = ['dpa'] as const;
export type TemplateKind = (typeof templateKinds)[number];
export type TemplateLanguage = 'nl' | 'en';

export type PlaceholderInfo = { name: string; description: Record<TemplateLanguage, string> };
export type DirectiveInfo = {
  name: string;
  required: boolean;
  description: Record<TemplateLanguage, string>;
};

// Every placeholder a DPA template may use. Each one the template uses must have a value when the document is
// generated; an empty one is reported as missing data, never printed as a gap in a signed agreement.
export const dpaPlaceholders = [
  {
    name: 'customer.legalName',
    description: { nl: 'Statutaire naam van de klant', en: "The customer's legal name" },
  },
  {
    name: 'customer.kvkNumber',
    description: { nl: 'KvK-nummer van de klant', en: "The customer's KvK number" },
  },
  {
    name: 'customer.address',
    description: { nl: 'Adres van de klant (straat, postcode, plaats)', en: "The customer's address" },
  },
  { name: 'customer.city', description: { nl: 'Vestigingsplaats van de klant', en: "The customer's city" } },
  {
    name: 'customer.signatory.name',
    description: { nl: 'Naam van de tekenbevoegde van de klant', en: "The customer's signatory" },
  },
  {
    name: 'customer.signatory.email',
    description: { nl: 'E-mailadres van de tekenbevoegde', en: "The signatory's e-mail address" },
  },
  {
    name: 'customer.ictLead.name',
    description: { nl: 'Naam van de ICT-eindverantwoordelijke', en: "The customer's ICT lead" },
  },
  {
    name: 'customer.ictLead.phone',
    description: {
      nl: 'Telefoonnummer van de ICT-eindverantwoordelijke (datalekken, artikel 8.1)',
      en: "The ICT lead's phone number (breaches, clause 8.1)",
    },
  },
  {
    name: 'customer.privacyContact.name',
    description: {
      nl: 'Privacycontactpersoon of functionaris gegevensbescherming van de klant',
      en: "The customer's privacy contact or DPO",
    },
  },
  {
    name: 'customer.privacyContact.email',
    description: {
      nl: 'E-mailadres van die privacycontactpersoon',
      en: "That privacy contact's e-mail address",
    },
  },
  {
    name: 'processor.legalName',
    description: { nl: 'Naam van de verwerker (instellingen)', en: "The processor's legal name (settings)" },
  },
  {
    name: 'processor.kvkNumber',
    description: { nl: 'KvK-nummer van de verwerker', en: "The processor's KvK number" },
  },
  { name: 'processor.address', description: { nl: 'Adres van de verwerker', en: "The processor's address" } },
  {
    name: 'processor.city',
    description: { nl: 'Vestigingsplaats van de verwerker', en: "The processor's city" },
  },
  {
    name: 'processor.privacyContact.name',
    description: { nl: 'Privacycontactpersoon van de verwerker', en: "The processor's privacy contact" },
  },
  {
    name: 'processor.privacyContact.email',
    description: {
      nl: 'E-mailadres van die privacycontactpersoon',
      en: "That privacy contact's e-mail address",
    },
  },
  {
    name: 'processor.privacyContact.phone',
    description: {
      nl: 'Telefoonnummer van die privacycontactpersoon',
      en: "That privacy contact's phone number",
    },
  },
  {
    name: 'processor.breachPhone',
    description: { nl: 'Meldnummer datalekken van de verwerker', en: "The processor's breach hotline" },
  },
  {
    name: 'agreement.reference',
    description: { nl: 'Kenmerk van de Overeenkomst', en: 'Reference of the Agreement' },
  },
  {
    name: 'agreement.startDate',
    description: { nl: 'Ingangsdatum van de Overeenkomst', en: 'Start date of the Agreement' },
  },
  {
    name: 'dpa.version',
    description: { nl: 'Versienummer van deze verwerkersovereenkomst', en: 'Version number of this DPA' },
  },
  {
    name: 'dpa.date',
    description: { nl: 'Datum waarop het document is opgesteld', en: 'The date the document was generated' },
  },
  {
    name: 'register.version',
    description: {
      nl: 'Versie van het verwerkingsregister waaruit Bijlage 1 komt',
      en: 'Version of the register Annex 1 is taken from',
    },
  },
] as const satisfies readonly PlaceholderInfo[];
export type DpaPlaceholder = (typeof dpaPlaceholders)[number]['name'];

export const dpaDirectives = [
  {
    name: 'parties',
    required: true,
    description: { nl: 'De gegevens van beide partijen', en: "The two parties' details" },
  },
  {
    name: 'annex1',
    required: true,
    description: {
      nl: 'Bijlage 1: doelen, bewerkingen, de registerregels van de diensten van de klant, sub-verwerkers',
      en: "Annex 1: purposes, operations, the register rows of the customer's services, sub-processors",
    },
  },
  {
    name: 'annex2',
    required: false,
    description: {
      nl: 'Bijlage 2: beveiligingsmaatregelen uit de beveiligingsmodule (zolang die er niet is: tekst in de template)',
      en: 'Annex 2: security measures from the security module (until it exists: text in the template)',
    },
  },
  {
    name: 'annex3',
    required: false,
    description: {
      nl: 'Bijlage 3: wie een datalek meldt aan wie, met telefoonnummers (artikel 8.1)',
      en: 'Annex 3: who reports a breach to whom, with phone numbers (clause 8.1)',
    },
  },
  {
    name: 'signatures',
    required: true,
    description: { nl: 'Het ondertekeningsblok', en: 'The signature block' },
  },
  {
    name: 'pagebreak',
    required: false,
    description: { nl: 'Nieuwe pagina', en: 'Page break' },
  },
] as const satisfies readonly DirectiveInfo[];
export type DpaDirective = (typeof dpaDirectives)[number]['name'];

export const templateVocabulary: Record<
  TemplateKind,
  { placeholders: readonly PlaceholderInfo[]; directives: readonly DirectiveInfo[] }
> = {
  dpa: { placeholders: dpaPlaceholders, directives: dpaDirectives },
};

// Directive names of every kind: the parser must know them to tell a directive line from a paragraph.
const directiveNames: ReadonlySet<string> = new Set(
  Object.values(templateVocabulary).flatMap((v) => v.directives.map((d) => d.name)),
);

// A template is edited in a form and stored whole; anything larger than this is not a document template.
export const maxTemplateChars = 200_000;

// ---- parsing -------------------------------------------------------------------------------------------------

type Segment = { line: number; text: string };
type RawNode =
  | { kind: 'heading'; line: number; level: 1 | 2 | 3; segs: Segment[] }
  | { kind: 'clause'; line: number; number: string; segs: Segment[] }
  | { kind: 'paragraph'; line: number; segs: Segment[] }
  | { kind: 'list'; line: number; ordered: boolean; items: Segment[][] }
  | { kind: 'directive'; line: number; name: string };

const headingLine = /^(#+)(?:\s+(.*))?$/;
const clauseLine = /^(\d+(?:\.\d+)+)\.?(?:\s+(.*))?$/;
const orderedItemLine = /^(\d+)\.\s+(.*)$/;
const bulletLine = /^-\s+(.*)$/;
const directiveLine = /^\{\{\s*([A-Za-z0-9_.]+)\s*\}\}$/;
const placeholderName = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/;

export function parseTemplate(text: string): ParsedTemplate {
  const issues: TemplateIssue[] = [];
  if (text.length > maxTemplateChars) {
    return {
      nodes: [],
      issues: [{ line: null, message: `The template is longer than ${maxTemplateChars} characters.` }],
    };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const raw: RawNode[] = [];
  // The clause, list item or paragraph an indented (or plain) line continues; null after a blank line.
  let open: Segment[] | null = null;
  let afterBlank = true;

  for (const [index, source] of lines.entries()) {
    const line = index + 1;
    const trimmed = source.trim();
    if (trimmed === '') {
      open = null;
      afterBlank = true;
      continue;
    }
    const indented = /^[ \t]/.test(source);
    const last = raw.at(-1);
    const directive = directiveLine.exec(trimmed);
    if (directive && directiveNames.has(directive[1]!)) {
      raw.push({ kind: 'directive', line, name: directive[1]! });
      open = null;
      afterBlank = false;
      continue;
    }
    // Indented: always a continuation, so a wrapped line may itself begin with "3.4" or "-".
    if (indented && open) {
      open.push({ line, text: trimmed });
      afterBlank = false;
      continue;
    }
    const heading = headingLine.exec(trimmed);
    const clause = heading ? null : clauseLine.exec(trimmed);
    const ordered = heading || clause ? null : orderedItemLine.exec(trimmed);
    const bullet = heading || clause || ordered ? null : bulletLine.exec(trimmed);
    if (heading) {
      const level = heading[1]!.length;
      const title = heading[2]?.trim() ?? '';
      if (level > 3) {
        issues.push({ line, message: 'Headings go down to level 3 (###).' });
      } else if (title === '') {
        issues.push({ line, message: 'A heading needs text after the #.' });
      } else {
        raw.push({ kind: 'heading', line, level: level as 1 | 2 | 3, segs: [{ line, text: title }] });
      }
      open = null;
    } else if (clause) {
      const body = clause[2]?.trim() ?? '';
      if (body === '') {
        issues.push({ line, message: `Clause ${clause[1]} has no text.` });
        open = null;
      } else {
        const node: RawNode = { kind: 'clause', line, number: clause[1]!, segs: [{ line, text: body }] };
        raw.push(node);
        open = node.segs;
      }
    } else if (ordered || bullet) {
      const isOrdered = ordered !== null;
      const body = (ordered ? ordered[2]! : bullet![1]!).trim();
      // A list goes on across blank lines, as long as nothing else came in between.
      const list = last?.kind === 'list' && last.ordered === isOrdered ? last : null;
      const item: Segment[] = [{ line, text: body }];
      if (ordered) {
        const expected = (list?.items.length ?? 0) + 1;
        if (Number(ordered[1]) !== expected) {
          issues.push({
            line,
            message: `This list item is numbered ${ordered[1]} where ${expected} was expected.`,
          });
        }
      }
      if (list) {
        list.items.push(item);
      } else {
        raw.push({ kind: 'list', line, ordered: isOrdered, items: [item] });
      }
      open = item;
    } else if (open && !afterBlank) {
      // A plain line right under a clause, item or paragraph continues it (as in Markdown).
      open.push({ line, text: trimmed });
    } else {
      const node: RawNode = { kind: 'paragraph', line, segs: [{ line, text: trimmed }] };
      raw.push(node);
      open = node.segs;
    }
    afterBlank = false;
  }

  checkClauseNumbers(raw, issues);
  const nodes = raw.map((node): TemplateNode => {
    if (node.kind === 'directive') {
      return node;
    }
    if (node.kind === 'list') {
      const items = node.items.map((segs) => parseSegments(segs, issues));
      return { kind: 'list', line: node.line, ordered: node.ordered, items };
    }
    const content = parseSegments(node.segs, issues);
    if (node.kind === 'heading') {
      return { kind: 'heading', line: node.line, level: node.level, content };
    }
    return node.kind === 'clause'
      ? { kind: 'clause', line: node.line, number: node.number, content }
      : { kind: 'paragraph', line: node.line, content };
  });
  return { nodes, issues: sortIssues(issues) };
}

// Other modules cite clauses by number (3.4 sub-processors, 8.1 breach notice, …): a number written twice or out
// of order is almost always a typo that would make those citations wrong.
function checkClauseNumbers(raw: RawNode[], issues: TemplateIssue[]) {
  const seen = new Map<string, number>();
  let previous: { number: string; parts: number[] } | null = null;
  for (const node of raw) {
    if (node.kind !== 'clause') {
      continue;
    }
    const first = seen.get(node.number);
    if (first !== undefined) {
      issues.push({
        line: node.line,
        message: `Clause ${node.number} appears twice (also on line ${first}).`,
      });
      continue;
    }
    seen.set(node.number, node.line);
    const parts = node.number.split('.').map(Number);
    if (previous && compareNumbers(parts, previous.parts) < 0) {
      issues.push({ line: node.line, message: `Clause ${node.number} comes after ${previous.number}.` });
    }
    previous = { number: node.number, parts };
  }
}

function compareNumbers(a: number[], b: number[]) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) {
      return diff;
    }
  }
  return 0;
}

function parseSegments(segs: Segment[], issues: TemplateIssue[]): TemplateInline[] {
  const out: TemplateInline[] = [];
  for (const [i, seg] of segs.entries()) {
    if (i > 0) {
      pushText(out, ' ', false);
    }
    parseInline(seg, out, issues);
  }
  return out;
}

function pushText(out: TemplateInline[], text: string, bold: boolean) {
  const last = out.at(-1);
  if (last?.kind === 'text' && last.bold === bold) {
    last.text += text;
  } else if (text !== '') {
    out.push({ kind: 'text', text, bold });
  }
}

// One line's worth of inline syntax. Bold and placeholders open and close on the same line, so an error can
// always name the line it is on.
function parseInline({ line, text }: Segment, out: TemplateInline[], issues: TemplateIssue[]) {
  let bold = false;
  let boldOpenedAt = -1;
  let i = 0;
  let buffer = '';
  const flush = () => {
    pushText(out, buffer, bold);
    buffer = '';
  };
  while (i < text.length) {
    if (text.startsWith('**', i)) {
      flush();
      bold = !bold;
      boldOpenedAt = i;
      i += 2;
    } else if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      const nextOpen = text.indexOf('{{', i + 2);
      if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
        issues.push({ line, message: `"{{" at column ${i + 1} is not closed with "}}".` });
        buffer += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      const inner = text.slice(i + 2, close).trim();
      flush();
      if (inner === '') {
        issues.push({ line, message: 'Empty placeholder "{{}}".' });
      } else if (!placeholderName.test(inner)) {
        issues.push({
          line,
          message: `"{{${inner}}}" is not a placeholder name (letters, digits and dots).`,
        });
      } else if (directiveNames.has(inner)) {
        issues.push({ line, message: `{{${inner}}} is a block directive: put it on a line of its own.` });
      } else {
        out.push({ kind: 'placeholder', name: inner, bold, line });
      }
      i = close + 2;
    } else if (text.startsWith('}}', i)) {
      issues.push({ line, message: `"}}" at column ${i + 1} has no "{{" before it.` });
      buffer += '}}';
      i += 2;
    } else {
      buffer += text[i];
      i++;
    }
  }
  flush();
  if (bold) {
    issues.push({ line, message: `"**" at column ${boldOpenedAt + 1} is not closed on this line.` });
  }
}

function sortIssues(issues: TemplateIssue[]) {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

// ---- validation ----------------------------------------------------------------------------------------------

function* placeholdersOf(nodes: TemplateNode[]) {
  for (const node of nodes) {
    const runs =
      node.kind === 'list'
        ? node.items.flat()
        : node.kind === 'directive'
          ? []
          : (node.content as TemplateInline[]);
    for (const run of runs) {
      if (run.kind === 'placeholder') {
        yield run;
      }
    }
  }
}

// Which placeholders and directives a template uses: the builder asks for exactly the data these need.
export function templateUsage(nodes: TemplateNode[]) {
  return {
    placeholders: new Set([...placeholdersOf(nodes)].map((p) => p.name)),
    directives: new Set(nodes.flatMap((n) => (n.kind === 'directive' ? [n.name] : []))),
  };
}

export function validateParsed(parsed: ParsedTemplate, kind: TemplateKind): TemplateIssue[] {
  const vocabulary = templateVocabulary[kind];
  const known = new Set(vocabulary.placeholders.map((p) => p.name));
  const allowed = new Map(vocabulary.directives.map((d) => [d.name, d]));
  const issues = [...parsed.issues];
  for (const placeholder of placeholdersOf(parsed.nodes)) {
    if (!known.has(placeholder.name)) {
      issues.push({ line: placeholder.line, message: `Unknown placeholder {{${placeholder.name}}}.` });
    }
  }
  const firstLine = new Map<string, number>();
  for (const node of parsed.nodes) {
    if (node.kind !== 'directive') {
      continue;
    }
    const info = allowed.get(node.name);
    if (!info) {
      issues.push({
        line: node.line,
        message: `{{${node.name}}} is not available in this kind of document.`,
      });
      continue;
    }
    const first = firstLine.get(node.name);
    if (first !== undefined && node.name !== 'pagebreak') {
      issues.push({ line: node.line, message: `{{${node.name}}} appears twice (also on line ${first}).` });
    }
    firstLine.set(node.name, first ?? node.line);
  }
  const missing = vocabulary.directives
    .filter((d) => d.required && !firstLine.has(d.name))
    .map((d) => ({ line: null, message: `The template needs {{${d.name}}} on a line of its own.` }));
  return [...sortIssues(issues), ...missing];
}

export function validateTemplate(text: string, kind: TemplateKind): TemplateIssue[] {
  return validateParsed(parseTemplate(text), kind);
}

export class TemplateInvalidError extends AppError {
  constructor(readonly issues: TemplateIssue[]) {
    const first = issues[0];
    super(
      400,
      'documents.template_invalid',
      `The template has ${issues.length} error${issues.length === 1 ? '' : 's'}; ${
        first ? `${first.line === null ? '' : `line ${first.line}: `}${first.message}` : ''
      }`,
    );
    this.name = 'TemplateInvalidError';
  }
}

// ---- filling -------------------------------------------------------------------------------------------------

export type TemplateFill = {
  // Plain text per placeholder; looked up as own properties only.
  values: Readonly<Record<string, string>>;
  directives: Readonly<Record<string, () => Block[]>>;
};

function placeholderValue(fill: TemplateFill, name: string): string {
  if (!Object.hasOwn(fill.values, name)) {
    throw new Error(`No value for the placeholder {{${name}}}; validate the template first.`);
  }
  return fill.values[name]!;
}

function toInlines(runs: TemplateInline[], fill: TemplateFill, definesTerm: boolean): Inline[] {
  const out: Inline[] = [];
  for (const run of runs) {
    const text = run.kind === 'text' ? run.text : placeholderValue(fill, run.name);
    const last = out.at(-1);
    if (text === '') {
      continue;
    }
    if (!run.bold) {
      if (typeof last === 'string') {
        out[out.length - 1] = last + text;
      } else {
        out.push(text);
      }
    } else if (last !== undefined && typeof last !== 'string') {
      last.text += text;
    } else {
      out.push({ text, bold: true });
    }
  }
  // Article 1 writes each definition as "1.1 **Term**: …": the bold opening a clause is the term defined there.
  const first = out[0];
  if (definesTerm && first !== undefined && typeof first !== 'string') {
    first.term = true;
  }
  return out;
}

const plain = (runs: TemplateInline[], fill: TemplateFill) =>
  toInlines(runs, fill, false)
    .map((r) => (typeof r === 'string' ? r : r.text))
    .join('');

export function fillTemplate(nodes: TemplateNode[], fill: TemplateFill): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node.kind) {
      case 'heading':
        blocks.push({ kind: 'heading', level: node.level, text: plain(node.content, fill) });
        break;
      case 'clause':
        blocks.push({ kind: 'clause', number: node.number, content: toInlines(node.content, fill, true) });
        break;
      case 'paragraph':
        blocks.push({ kind: 'paragraph', content: toInlines(node.content, fill, false) });
        break;
      case 'list':
        blocks.push({
          kind: 'list',
          ordered: node.ordered,
          items: node.items.map((item) => toInlines(item, fill, false)),
        });
        break;
      case 'directive': {
        if (node.name === 'pagebreak') {
          blocks.push({ kind: 'pageBreak' });
          break;
        }
        if (!Object.hasOwn(fill.directives, node.name)) {
          throw new Error(`No content for the directive {{${node.name}}}; validate the template first.`);
        }
        blocks.push(...fill.directives[node.name]!());
        break;
      }
    }
  }
  return mergePageBreaks(blocks);
}

// A page break right before a heading becomes the heading's own "page break before": Word and pdfmake then never
// leave an empty page when the break falls at a page end anyway.
function mergePageBreaks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const [i, block] of blocks.entries()) {
    const next = blocks[i + 1];
    if (block.kind === 'pageBreak' && next?.kind === 'heading') {
      continue;
    }
    const previous = blocks[i - 1];
    out.push(
      block.kind === 'heading' && previous?.kind === 'pageBreak'
        ? { ...block, pageBreakBefore: true }
        : block,
    );
  }
  return out;
}

// ---- the default templates shipped with art28 ----------------------------------------------------------------

const defaultTemplateCache = new Map<string, string>();

// The templates in ./templates are part of the product (the product never reads the reference folder): a fresh
// install generates from these until an admin saves an edited version.
export function defaultTemplate(kind: TemplateKind, language: TemplateLanguage): string {
  const key = `${kind}.${language}`;
  let text = defaultTemplateCache.get(key);
  if (text === undefined) {
    text = fs.readFileSync(new URL(`./templates/${key}.txt`, import.meta.url), 'utf8');
    defaultTemplateCache.set(key, text);
  }
  return text;
}
