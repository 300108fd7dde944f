import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { zipSync } from 'fflate';
import { DateTime } from 'luxon';
import { deadlineZone } from '../../../shared/deadlines.ts';
import { formatDocumentDate } from '../documents/documents.build.ts';
import { facts } from '../documents/documents.consent.ts';
import { fixZipTimestamps } from '../documents/documents.docx.ts';
import type { Block, DocumentModel } from '../documents/documents.model.ts';
import { renderPdf } from '../documents/documents.pdf.ts';
import { protectCell } from '../register/register.export.ts';
import type { dsrEvidence, dsrRequests, dsrTasks } from './requests.table.ts';

// How long the customer can download an export package (or an erasure statement) before the retention job
// deletes it. Short on purpose: the package is the person's data, and the customer keeps its own copy.
export const packageLifetimeDays = 30;

type Language = 'nl' | 'en';
type RequestRow = typeof dsrRequests.$inferSelect;
type TaskRow = typeof dsrTasks.$inferSelect;

export type PackageInput = {
  request: RequestRow;
  customer: { legalName: string; locale: Language };
  tasks: TaskRow[];
  evidence: (typeof dsrEvidence.$inferSelect)[];
  identities: { type: string; value: string; format: string }[];
  now: Date;
};

export type BuiltPackage = { fileName: string; bytes: Buffer; sha256: string };

// What getPackage should answer with: the erasure statement is a PDF, everything else the zip.
export const packageContentType = (fileName: string) =>
  fileName.endsWith('.pdf') ? 'application/pdf' : 'application/zip';

// ---- words ---------------------------------------------------------------------------------------------------

export const rightWords: Record<RequestRow['rightType'], Record<Language, string>> = {
  access: { nl: 'inzage', en: 'access' },
  rectification: { nl: 'rectificatie', en: 'rectification' },
  completion: { nl: 'aanvulling', en: 'completion' },
  erasure: { nl: 'wissen', en: 'erasure' },
  restriction: { nl: 'beperking van de verwerking', en: 'restriction of processing' },
  objection: { nl: 'bezwaar', en: 'objection' },
  portability: { nl: 'overdraagbaarheid', en: 'portability' },
};

const outcomeWords: Record<NonNullable<TaskRow['outcome']>, Record<Language, string>> = {
  found: { nl: 'gevonden', en: 'found' },
  not_found: { nl: 'niet gevonden', en: 'not found' },
  done: { nl: 'uitgevoerd', en: 'done' },
  not_possible: { nl: 'niet mogelijk', en: 'not possible' },
};

const words = {
  nl: {
    summaryFile: 'samenvatting.pdf',
    summaryTitle: (ref: string) => `Samenvatting verzoek ${ref}`,
    summarySubject: (right: string) => `Exportpakket bij een verzoek om ${right}`,
    summaryIntro: (customer: string, right: string) =>
      `Dit pakket bevat wat wij in onze eigen systemen en bij onze sub-verwerkers hebben gevonden over de betrokkene, voor het verzoek om ${right} dat ${customer} (Verantwoordelijke) heeft ontvangen (artikel 3.6 van de Verwerkersovereenkomst). Verantwoordelijke beantwoordt het verzoek zelf richting de betrokkene.`,
    statementFile: (ref: string) => `${ref}-verklaring-wissing.pdf`,
    statementTitle: (ref: string) => `Verklaring van wissing ${ref}`,
    statementSubject: 'Wat bij een verzoek om wissing is gewist, en waar',
    statementIntro: (customer: string) =>
      `Op verzoek van ${customer} (Verantwoordelijke) hebben wij de persoonsgegevens van de betrokkene gewist in onze eigen systemen en bij onze sub-verwerkers (artikel 17 AVG, artikel 3.6 van de Verwerkersovereenkomst). Hieronder staat per systeem wat er is gebeurd.`,
    statementIdentity:
      'De betrokkene is hieronder alleen gemaskeerd vermeld: deze verklaring bevat geen persoonsgegevens van de betrokkene meer.',
    statementOutcomes:
      '"Uitgevoerd" betekent dat de gegevens zijn gewist; "niet gevonden" dat het systeem geen gegevens van de betrokkene bevatte; bij "niet mogelijk" staat de reden in de toelichting.',
    marking: 'Vertrouwelijk',
    footer: 'Pagina {page} van {pages}',
    request: 'Het verzoek',
    reference: 'Kenmerk',
    right: 'Recht',
    customer: 'Verantwoordelijke',
    received: 'Ontvangen',
    completed: 'Afgerond',
    subject: 'Betrokkene',
    perSystem: 'Per systeem',
    systemColumns: ['Systeem', 'Gegevens', 'Uitkomst', 'Toelichting'],
    statementColumns: ['Systeem', 'Uitkomst', 'Toelichting', 'Datum'],
    filesHeading: 'Bestanden in dit pakket',
    fileColumns: ['Bestand', 'Grootte'],
    noFiles: 'Dit pakket bevat geen bestanden met gegevens uit de systemen.',
    contents: 'Inhoud van het pakket',
    contentItems: [
      'request.json — het verzoek en de uitkomst per systeem, machineleesbaar, met de SHA-256 van elk bestand',
      'systems.csv — één regel per systeem',
      'files/ — de gegevens van de betrokkene zoals geëxporteerd uit elk systeem',
    ],
    subprocessor: 'sub-verwerker',
    own: 'eigen systeem',
    none: '—',
    when: (date: string, time: string) => `${date} om ${time} uur`,
  },
  en: {
    summaryFile: 'summary.pdf',
    summaryTitle: (ref: string) => `Summary of request ${ref}`,
    summarySubject: (right: string) => `Export package for a request for ${right}`,
    summaryIntro: (customer: string, right: string) =>
      `This package holds what we found about the person in our own systems and at our sub-processors, for the request for ${right} that ${customer} (Controller) received (clause 3.6 of the Data Processing Agreement). Controller answers the person itself.`,
    statementFile: (ref: string) => `${ref}-erasure-statement.pdf`,
    statementTitle: (ref: string) => `Statement of erasure ${ref}`,
    statementSubject: 'What was erased where for an erasure request',
    statementIntro: (customer: string) =>
      `At the request of ${customer} (Controller) we erased the person's personal data in our own systems and at our sub-processors (Art. 17 GDPR, clause 3.6 of the Data Processing Agreement). Below, per system, is what was done.`,
    statementIdentity:
      'The person is named below in masked form only: this statement holds no personal data of the person any more.',
    statementOutcomes:
      '"Done" means the data was erased; "not found" that the system held no data of the person; for "not possible" the note gives the reason.',
    marking: 'Confidential',
    footer: 'Page {page} of {pages}',
    request: 'The request',
    reference: 'Reference',
    right: 'Right',
    customer: 'Controller',
    received: 'Received',
    completed: 'Completed',
    subject: 'Person',
    perSystem: 'Per system',
    systemColumns: ['System', 'Data', 'Outcome', 'Note'],
    statementColumns: ['System', 'Outcome', 'Note', 'Date'],
    filesHeading: 'Files in this package',
    fileColumns: ['File', 'Size'],
    noFiles: 'This package holds no files of data from the systems.',
    contents: 'Contents of the package',
    contentItems: [
      "request.json — the request and each system's outcome, machine-readable, with the SHA-256 of every file",
      'systems.csv — one row per system',
      "files/ — the person's data as exported from each system",
    ],
    subprocessor: 'sub-processor',
    own: 'own system',
    none: '—',
    when: (date: string, time: string) => `${date} at ${time}`,
  },
} as const;

// ---- helpers -------------------------------------------------------------------------------------------------

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function moment(at: Date, language: Language): string {
  const local = DateTime.fromJSDate(at, { zone: deadlineZone });
  return words[language].when(formatDocumentDate(local.toISODate()!, language), local.toFormat('HH:mm'));
}

function dateOf(at: Date | null, language: Language): string {
  return at
    ? formatDocumentDate(DateTime.fromJSDate(at, { zone: deadlineZone }).toISODate()!, language)
    : words[language].none;
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// One folder or file name inside the zip: no separators, no "..", nothing a file system refuses.
function pathSegment(name: string, fallback: string): string {
  const cleaned = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120);
  return cleaned || fallback;
}

// "export.csv" twice in one folder becomes "export.csv" and "export-2.csv".
function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const dot = name.lastIndexOf('.');
    candidate = dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

type PackedFile = {
  path: string;
  name: string;
  contentType: string | null;
  size: number;
  sha256: string;
  bytes: Buffer;
};

// Tasks in their order on the request, each with its files in the order they were added.
function filesPerTask(input: PackageInput): Map<string, PackedFile[]> {
  const folders = new Set<string>();
  const result = new Map<string, PackedFile[]>();
  for (const task of input.tasks) {
    const folder = unique(pathSegment(task.title, `system-${task.position + 1}`), folders);
    const names = new Set<string>();
    const files = input.evidence
      .filter((e) => e.taskId === task.id && e.bytes !== null && e.erasedAt === null)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map((e): PackedFile => {
        const name = unique(pathSegment(e.fileName ?? '', 'bestand'), names);
        const bytes = e.bytes!;
        return {
          path: `files/${folder}/${name}`,
          name,
          contentType: e.contentType,
          size: bytes.length,
          sha256: sha256(bytes),
          bytes,
        };
      });
    result.set(task.id, files);
  }
  return result;
}

// Zip timestamps as the Dutch wall clock of `at` (DOS time has no zone), written over fflate's own so the same
// input gives the same bytes.
function zipOf(entries: [path: string, bytes: Uint8Array][], at: Date): Buffer {
  const offsetMinutes = DateTime.fromJSDate(at, { zone: deadlineZone }).offset;
  const zipped = zipSync(Object.fromEntries(entries), { level: 6, mtime: at });
  return fixZipTimestamps(Buffer.from(zipped), new Date(at.getTime() + offsetMinutes * 60_000));
}

function documentOf(
  language: Language,
  customer: string,
  title: string,
  subject: string,
  createdAt: Date,
  blocks: Block[],
): DocumentModel {
  const w = words[language];
  return {
    language,
    title,
    subject,
    author: 'art28',
    createdAt: createdAt.toISOString(),
    header: { text: customer, logo: null },
    marking: w.marking,
    footer: w.footer,
    blocks,
  };
}

// ---- the export package ----------------------------------------------------------------------------------------

// The export package for access and portability (seed 3.6, Art. 15 and 20 GDPR): machine-readable JSON and CSV,
// the files exported from each system, and a readable PDF summary in the customer's language, in one zip.
// For erasure the customer's download is the statement of what was erased where instead.
export async function buildPackage(input: PackageInput): Promise<BuiltPackage> {
  if (input.request.rightType === 'erasure') {
    return buildErasureStatement(input);
  }
  const { request, customer, tasks, now } = input;
  const lang = customer.locale === 'en' ? 'en' : 'nl';
  const w = words[lang];
  const files = filesPerTask(input);
  const outcome = (t: TaskRow) => (t.outcome ? outcomeWords[t.outcome][lang] : w.none);

  const json = {
    format: 'art28-dsr-package',
    version: 1,
    reference: request.reference,
    right: request.rightType,
    customer: customer.legalName,
    receivedAt: request.receivedAt.toISOString(),
    dueAt: request.dueAt.toISOString(),
    completedAt: now.toISOString(),
    identities: input.identities.map((i) => ({ type: i.type, format: i.format, value: i.value })),
    systems: tasks.map((t) => ({
      system: t.title,
      kind: t.kind,
      serviceLines: t.serviceLineCodes,
      dataTypes: t.dataTypes.map((d) => d[lang]),
      outcome: t.outcome,
      note: t.outcomeNote,
      completedAt: t.completedAt?.toISOString() ?? null,
      files: (files.get(t.id) ?? []).map((f) => ({
        path: f.path,
        name: f.name,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
      })),
    })),
  };

  const csv = `\uFEFF${stringify(
    [
      ['system', 'kind', 'service_lines', 'data_types', 'outcome', 'note', 'completed_at', 'files'],
      ...tasks.map((t) => [
        t.title,
        t.kind,
        t.serviceLineCodes.join('; '),
        t.dataTypes.map((d) => d[lang]).join('; '),
        t.outcome ?? '',
        t.outcomeNote ?? '',
        t.completedAt?.toISOString() ?? '',
        (files.get(t.id) ?? []).map((f) => f.path).join('; '),
      ]),
    ].map((row) => row.map(protectCell)),
  )}`;

  const allFiles = tasks.flatMap((t) => files.get(t.id) ?? []);
  const right = rightWords[request.rightType][lang];
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: w.summaryTitle(request.reference) },
    { kind: 'paragraph', content: [w.summaryIntro(customer.legalName, right)] },
    { kind: 'heading', level: 2, text: w.request },
    {
      kind: 'facts',
      rows: facts([
        [w.reference, request.reference],
        [w.right, right],
        [w.customer, customer.legalName],
        [w.received, moment(request.receivedAt, lang)],
        [w.completed, moment(now, lang)],
        input.identities.length > 0
          ? [w.subject, input.identities.map((i) => `${i.type}: ${i.value}`).join('; ')]
          : null,
      ]),
    },
    { kind: 'heading', level: 2, text: w.perSystem },
    {
      kind: 'table',
      columns: w.systemColumns.map((header, i) => ({ header, width: [24, 34, 14, 28][i] })),
      rows: tasks.map((t) => [
        `${t.title} (${t.kind === 'subprocessor' ? w.subprocessor : w.own})`,
        t.dataTypes.map((d) => d[lang]).join('; ') || w.none,
        outcome(t),
        t.outcomeNote ?? '',
      ]),
    },
    { kind: 'heading', level: 2, text: w.filesHeading },
    allFiles.length > 0
      ? {
          kind: 'table',
          columns: w.fileColumns.map((header, i) => ({ header, width: [82, 18][i] })),
          rows: allFiles.map((f) => [f.path, sizeOf(f.size)]),
        }
      : { kind: 'paragraph', content: [w.noFiles] },
    { kind: 'heading', level: 2, text: w.contents },
    { kind: 'list', ordered: false, items: w.contentItems.map((item) => [item]) },
  ];
  const pdf = await renderPdf(
    documentOf(
      lang,
      customer.legalName,
      w.summaryTitle(request.reference),
      w.summarySubject(right),
      now,
      blocks,
    ),
  );

  // Fixed order: the description first, then every system's files in task order.
  const bytes = zipOf(
    [
      ['request.json', Buffer.from(`${JSON.stringify(json, null, 2)}\n`)],
      ['systems.csv', Buffer.from(csv)],
      [w.summaryFile, pdf],
      ...allFiles.map((f): [string, Uint8Array] => [f.path, f.bytes]),
    ],
    now,
  );
  return { fileName: `${request.reference}.zip`, bytes, sha256: sha256(bytes) };
}

// ---- the erasure statement -------------------------------------------------------------------------------------

// Seed 3.6 for erasure: a statement of what was erased where, per system with its outcome, note and date. It names
// the person only in the masked form staff screens show, so it can be kept after the identities are erased.
export async function buildErasureStatement(
  input: Pick<PackageInput, 'request' | 'customer' | 'tasks' | 'now'>,
): Promise<BuiltPackage> {
  const { request, customer, tasks, now } = input;
  const lang = customer.locale === 'en' ? 'en' : 'nl';
  const w = words[lang];
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: w.statementTitle(request.reference) },
    { kind: 'paragraph', content: [w.statementIntro(customer.legalName)] },
    { kind: 'heading', level: 2, text: w.request },
    {
      kind: 'facts',
      rows: [
        [w.reference, request.reference],
        [w.right, rightWords.erasure[lang]],
        [w.customer, customer.legalName],
        [w.received, moment(request.receivedAt, lang)],
        [w.completed, moment(now, lang)],
        [w.subject, request.identitiesMasked.map((i) => `${i.type}: ${i.masked}`).join('; ') || w.none],
      ],
    },
    { kind: 'paragraph', style: 'muted', content: [w.statementIdentity] },
    { kind: 'heading', level: 2, text: w.perSystem },
    {
      kind: 'table',
      columns: w.statementColumns.map((header, i) => ({ header, width: [30, 16, 38, 16][i] })),
      rows: tasks.map((t) => [
        `${t.title} (${t.kind === 'subprocessor' ? w.subprocessor : w.own})`,
        t.outcome ? outcomeWords[t.outcome][lang] : w.none,
        t.outcomeNote ?? '',
        dateOf(t.completedAt, lang),
      ]),
    },
    { kind: 'paragraph', style: 'small', content: [w.statementOutcomes] },
  ];
  const bytes = await renderPdf(
    documentOf(
      lang,
      customer.legalName,
      w.statementTitle(request.reference),
      w.statementSubject,
      now,
      blocks,
    ),
  );
  return { fileName: w.statementFile(request.reference), bytes, sha256: sha256(bytes) };
}
