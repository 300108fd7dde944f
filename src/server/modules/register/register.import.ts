import { parse } from 'csv-parse/sync';
import { describeRetention, parseRetentionSentence, retentionRuleSchema } from '../../../shared/retention.ts';
import type { Ctx } from '../../context.ts';
import type { DbOrTx } from '../../db/database.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import {
  type ColumnKey,
  columnHeaders,
  columnOrder,
  processedHeaderPattern,
  roleWords,
  unprotectCell,
} from './register.export.ts';
import { changedFields, isDuplicate, normaliseDataType } from './register.models.ts';
import * as repo from './register.repository.ts';
import {
  type EntryFields,
  type EntryView,
  entryFieldsSchema,
  type ImportReport,
} from './register.schemas.ts';
import {
  beginChange,
  commitChange,
  insertEntryInTx,
  loadSnapshot,
  retireEntryInTx,
  updateEntryInTx,
} from './register.usecases.ts';

// Importing a register file (the CSV or XLSX that the export writes). The file is read whole and every row
// checked before anything is written; one transaction applies it, so a file lands entirely or not at all.

type Issue = { column: string | null; code: string; message: string };
type FileResult =
  | { ok: true; format: 'csv' | 'xlsx'; rows: string[][] }
  | { ok: false; format: 'csv' | 'xlsx' | null; errors: Omit<Issue, 'column'>[] };

const fileError = (format: 'csv' | 'xlsx' | null, code: string, message: string): FileResult => ({
  ok: false,
  format,
  errors: [{ code, message }],
});

const startsWith = (bytes: Buffer, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

export async function readImportFile(bytes: Buffer): Promise<FileResult> {
  if (bytes.length === 0) {
    return fileError(null, 'register.import.empty', 'The file is empty.');
  }
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    return readXlsx(bytes);
  }
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    return fileError(
      null,
      'register.import.xls',
      'This is an old Excel 97-2003 (.xls) file. Save it as Excel workbook (.xlsx) or as "CSV UTF-8" and import that.',
    );
  }
  return readCsv(bytes);
}

function decodeUtf8(
  bytes: Buffer,
): { ok: true; text: string } | { ok: false; code: string; message: string } {
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) {
    return {
      ok: false,
      code: 'register.import.encoding',
      message:
        'The file is UTF-16 text. Save it as "CSV UTF-8" (in Excel: Save as → CSV UTF-8) and import that.',
    };
  }
  const nul = bytes.subarray(0, 4096).indexOf(0);
  if (nul >= 0) {
    return {
      ok: false,
      code: 'register.import.encoding',
      message: `The file holds a zero byte at offset ${nul}: it is UTF-16 or not a text file. Save it as "CSV UTF-8".`,
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return {
      ok: false,
      code: 'register.import.encoding',
      message: `The file is not UTF-8: byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at offset ${offset} (line ${
        bytes.subarray(0, offset).toString('latin1').split('\n').length
      }) is not valid UTF-8, which is typical of a Windows-1252 or Latin-1 file. Save it as "CSV UTF-8" and import that.`,
    };
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // the shortest prefix that fails to decode ends at the bad byte (up to 3 bytes of an incomplete sequence)
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return low;
}

function readCsv(bytes: Buffer): FileResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return fileError('csv', decoded.code, decoded.message);
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Dutch Excel saves CSV with ";" between fields; the export writes ",". The header row tells which.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
    return { ok: true, format: 'csv', rows: rows.map((row) => row.map(unprotectCell)) };
  } catch (error) {
    return fileError('csv', 'register.import.csv', `The CSV cannot be read: ${(error as Error).message}`);
  }
}

async function readXlsx(bytes: Buffer): Promise<FileResult> {
  // exceljs takes ~2 s to load; only spreadsheet work pays for it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return fileError(
      'xlsx',
      'register.import.xlsx',
      `The XLSX file cannot be read: ${(error as Error).message}`,
    );
  }
  const sheet = workbook.getWorksheet('Register') ?? workbook.worksheets[0];
  if (!sheet) {
    return fileError('xlsx', 'register.import.xlsx', 'The workbook has no worksheet.');
  }
  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => row.getCell(c + 1).text ?? ''));
  }
  return { ok: true, format: 'xlsx', rows };
}

// ---- the header --------------------------------------------------------------------------------------------

const requiredColumns: ColumnKey[] = [
  'service',
  'dataType',
  'retention',
  'processed',
  'subprocessors',
  'dataCategories',
  'dataSubjects',
];

const headerText = (key: ColumnKey) =>
  key === 'processed' ? 'Verwerkt door <verwerker>' : columnHeaders[key];

function mapHeader(
  header: string[],
): { ok: true; index: Map<ColumnKey, number> } | { ok: false; message: string } {
  const index = new Map<ColumnKey, number>();
  const unknown: string[] = [];
  const twice: string[] = [];
  header.forEach((cell, i) => {
    const text = cell.trim();
    if (text === '') {
      return;
    }
    const key = processedHeaderPattern.test(text)
      ? 'processed'
      : columnOrder.find((k) => k !== 'processed' && columnHeaders[k].toLowerCase() === text.toLowerCase());
    if (!key) {
      unknown.push(text);
    } else if (index.has(key)) {
      twice.push(text);
    } else {
      index.set(key, i);
    }
  });
  const missing = requiredColumns.filter((k) => !index.has(k)).map(headerText);
  if (missing.length === 0 && unknown.length === 0 && twice.length === 0) {
    return { ok: true, index };
  }
  const problems = [
    missing.length ? `missing ${missing.map((m) => `"${m}"`).join(', ')}` : '',
    unknown.length ? `unknown ${unknown.map((m) => `"${m}"`).join(', ')}` : '',
    twice.length ? `twice ${twice.map((m) => `"${m}"`).join(', ')}` : '',
  ].filter(Boolean);
  return {
    ok: false,
    message: `The first row is not the register's header (${problems.join('; ')}). Expected the columns of the export: ${columnOrder
      .map(headerText)
      .join(', ')}.`,
  };
}

// ---- rows --------------------------------------------------------------------------------------------------

type Resolved = EntryFields & { subprocessors: { id: string; name: string }[] };
type ParsedRow = {
  row: number;
  id: string | null;
  fields: Partial<Resolved> & Pick<Resolved, 'serviceLine' | 'dataTypeNl' | 'subprocessors'>;
  errors: Issue[];
  // fields whose cell was already refused, so the schema check does not report them a second time
  failed: Set<string>;
};

const splitList = (value: string) =>
  value
    .split(/[;\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const sameText = (a: string, b: string) => a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseRow(
  cells: string[],
  rowNumber: number,
  index: Map<ColumnKey, number>,
  lines: { code: string; nameNl: string; retiredAt: string | null }[],
  parties: { id: string; name: string; retiredAt: string | null }[],
): ParsedRow {
  const errors: Issue[] = [];
  const failed = new Set<string>();
  const cell = (key: ColumnKey) => {
    const i = index.get(key);
    return i === undefined ? undefined : (cells[i] ?? '').trim();
  };
  const fail = (key: ColumnKey, code: string, message: string) => {
    errors.push({ column: key === 'processed' ? 'Verwerkt door' : columnHeaders[key], code, message });
    failed.add(fieldOfColumn[key] ?? key);
  };

  const activeLines = lines.filter((l) => l.retiredAt === null);
  const code = cell('serviceCode');
  const name = cell('service') ?? '';
  let serviceLine = '';
  if (code) {
    const line = activeLines.find((l) => l.code === code);
    if (!line) {
      fail('serviceCode', 'register.unknown_service_line', `There is no active service line "${code}".`);
    } else if (name && name.toLowerCase() !== line.nameNl.toLowerCase()) {
      fail(
        'service',
        'register.import.service_mismatch',
        `"${name}" is not the name of service line "${code}" (${line.nameNl}).`,
      );
    } else {
      serviceLine = line.code;
    }
  } else {
    const line = activeLines.find((l) => l.nameNl.toLowerCase() === name.toLowerCase());
    if (line) {
      serviceLine = line.code;
    } else {
      fail(
        'service',
        'register.unknown_service_line',
        name ? `There is no active service "${name}".` : 'Name the service.',
      );
    }
  }

  const dataTypeNl = cell('dataType') ?? '';
  const dataTypeEn = cell('dataTypeEn');

  let retentionRule: EntryFields['retentionRule'] | undefined;
  const sentence = cell('retention') ?? '';
  const json = cell('retentionRule');
  if (json) {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      fail('retentionRule', 'register.import.rule_json', 'This is not valid JSON.');
    }
    if (value !== undefined) {
      const parsed = retentionRuleSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail(
          'retentionRule',
          'register.invalid_retention',
          `${issue?.path.join('.') || 'rule'}: ${issue?.message ?? 'invalid'}`,
        );
      } else if (sentence && !sameText(sentence, describeRetention(parsed.data, 'nl'))) {
        fail(
          'retention',
          'register.import.retention_mismatch',
          `"${sentence}" does not say what the rule in "${columnHeaders.retentionRule}" says ("${describeRetention(parsed.data, 'nl')}"). Change one of them, or empty "${columnHeaders.retentionRule}" to use the sentence.`,
        );
      } else {
        retentionRule = parsed.data;
      }
    }
  } else {
    const parsed = parseRetentionSentence(sentence);
    if (parsed.ok) {
      retentionRule = parsed.rule;
    } else {
      fail('retention', 'register.invalid_retention', parsed.message);
    }
  }

  const processedText = (cell('processed') ?? '').toLowerCase();
  const processed = ['ja', 'yes', 'true'].includes(processedText)
    ? true
    : ['nee', 'no', 'false'].includes(processedText)
      ? false
      : undefined;
  if (processed === undefined) {
    fail('processed', 'register.import.yes_no', `Write "Ja" or "Nee", not "${processedText}".`);
  }

  const subprocessors: { id: string; name: string }[] = [];
  for (const partyName of splitList(cell('subprocessors') ?? '')) {
    const party = parties.find(
      (p) => p.retiredAt === null && p.name.toLowerCase() === partyName.toLowerCase(),
    );
    if (party) {
      subprocessors.push({ id: party.id, name: party.name });
    } else {
      fail(
        'subprocessors',
        'register.unknown_subprocessor',
        `There is no active sub-processor "${partyName}".`,
      );
    }
  }

  const roleText = cell('role')?.toLowerCase();
  let processorRole: EntryFields['processorRole'] | undefined;
  if (roleText) {
    processorRole = (Object.entries(roleWords).find(
      ([code, word]) => roleText === word || roleText === code,
    )?.[0] ?? undefined) as EntryFields['processorRole'] | undefined;
    if (!processorRole) {
      fail(
        'role',
        'register.import.role',
        `Write "${roleWords.processor}" or "${roleWords.controller}", not "${roleText}".`,
      );
    }
  }

  const idText = cell('id');
  if (idText && !uuidPattern.test(idText)) {
    fail('id', 'register.import.id', `"${idText}" is not an entry id.`);
  }

  return {
    row: rowNumber,
    id: idText && uuidPattern.test(idText) ? idText.toLowerCase() : null,
    fields: {
      serviceLine,
      dataTypeNl,
      ...(dataTypeEn ? { dataTypeEn } : {}),
      dataCategories: splitList(cell('dataCategories') ?? '') as EntryFields['dataCategories'],
      dataSubjects: splitList(cell('dataSubjects') ?? '') as EntryFields['dataSubjects'],
      ...(processed !== undefined ? { processedByProcessor: processed } : {}),
      ...(processorRole ? { processorRole } : {}),
      ...(retentionRule ? { retentionRule } : {}),
      subprocessors,
      subprocessorIds: subprocessors.map((s) => s.id),
    },
    errors,
    failed,
  };
}

const fieldOfColumn: Partial<Record<ColumnKey, string>> = {
  service: 'serviceLine',
  serviceCode: 'serviceLine',
  retention: 'retentionRule',
  retentionRule: 'retentionRule',
  processed: 'processedByProcessor',
  subprocessors: 'subprocessorIds',
  role: 'processorRole',
};

const fieldColumn: Record<string, ColumnKey> = {
  serviceLine: 'service',
  dataTypeNl: 'dataType',
  dataTypeEn: 'dataTypeEn',
  dataCategories: 'dataCategories',
  dataSubjects: 'dataSubjects',
  processedByProcessor: 'processed',
  processorRole: 'role',
  retentionRule: 'retentionRule',
  subprocessorIds: 'subprocessors',
};

// ---- the plan ----------------------------------------------------------------------------------------------

type PlannedRow = {
  row: number;
  status: 'create' | 'update' | 'unchanged' | 'invalid';
  existing: EntryView | null;
  fields: Resolved | null;
  changes: string[];
  errors: Issue[];
};

const sameParties = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export type ImportOptions = { skipInvalid: boolean; dryRun: boolean; retireMissing: boolean };

async function planImport(db: DbOrTx, file: { rows: string[][] }) {
  const snapshot = await loadSnapshot(db);
  const active = snapshot.entries.filter((e) => e.retiredAt === null);
  const header = mapHeader(file.rows[0] ?? []);
  if (!header.ok) {
    return { ok: false as const, message: header.message };
  }
  const claimedBy = new Map<string, number>();
  const planned: PlannedRow[] = [];
  file.rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) {
      return;
    }
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const parsed = parseRow(cells, i + 2, header.index, snapshot.serviceLines, snapshot.parties);
    const errors = [...parsed.errors];
    let existing: EntryView | null = null;
    if (parsed.id) {
      existing = active.find((e) => e.id === parsed.id) ?? null;
      if (!existing) {
        errors.push({
          column: columnHeaders.id,
          code: 'register.import.unknown_id',
          message: snapshot.entries.some((e) => e.id === parsed.id)
            ? `Entry ${parsed.id} is retired; empty the Id to add it again.`
            : `There is no entry ${parsed.id}; empty the Id to add the row as a new entry.`,
        });
      }
    } else if (parsed.fields.serviceLine) {
      existing =
        active.find(
          (e) =>
            !claimedBy.has(e.id) &&
            e.serviceLine === parsed.fields.serviceLine &&
            normaliseDataType(e.dataTypeNl) === normaliseDataType(parsed.fields.dataTypeNl) &&
            sameParties(
              e.subprocessors.map((s) => s.id),
              parsed.fields.subprocessorIds ?? [],
            ),
        ) ?? null;
    }
    if (existing && claimedBy.has(existing.id)) {
      errors.push({
        column: parsed.id ? columnHeaders.id : null,
        code: 'register.import.same_entry_twice',
        message: `Row ${claimedBy.get(existing.id)} changes the same entry.`,
      });
      existing = null;
    }
    // Columns a file may leave out keep the entry's value, or take the default for a new entry.
    const candidate = {
      dataTypeEn: existing?.dataTypeEn ?? parsed.fields.dataTypeNl,
      processorRole: existing?.processorRole ?? 'processor',
      ...parsed.fields,
    };
    const checked = entryFieldsSchema.safeParse(candidate);
    if (!checked.success) {
      for (const issue of checked.error.issues.filter((i) => !parsed.failed.has(String(i.path[0])))) {
        const key = fieldColumn[String(issue.path[0])] ?? null;
        const column = key === 'processed' ? 'Verwerkt door' : key ? columnHeaders[key] : null;
        if (!errors.some((e) => e.column === column)) {
          const where = issue.path.slice(1).join('.');
          errors.push({
            column,
            code: 'register.import.invalid',
            message: `${where ? `${where}: ` : ''}${issue.message}`,
          });
        }
      }
    }
    if (errors.length > 0 || !checked.success) {
      planned.push({ row: parsed.row, status: 'invalid', existing, fields: null, changes: [], errors });
      return;
    }
    const fields: Resolved = { ...checked.data, subprocessors: parsed.fields.subprocessors };
    if (existing) {
      claimedBy.set(existing.id, parsed.row);
      const changes = changedFields(existing, { ...existing, ...fields });
      planned.push({
        row: parsed.row,
        status: changes.length ? 'update' : 'unchanged',
        existing,
        fields,
        changes,
        errors,
      });
    } else {
      planned.push({ row: parsed.row, status: 'create', existing: null, fields, changes: [], errors });
    }
  });

  // No two active entries may say the same once the file is in: check each row against the rest of the result.
  const kept = active.filter((e) => !claimedBy.has(e.id));
  for (const [i, row] of planned.entries()) {
    if (!row.fields) {
      continue;
    }
    const clash =
      planned.slice(0, i).find((other) => other.fields && isDuplicate(other.fields, row.fields!))?.row ??
      kept.find((e) => isDuplicate({ ...e, subprocessorIds: e.subprocessors.map((s) => s.id) }, row.fields!));
    if (clash !== undefined) {
      row.status = 'invalid';
      row.errors.push({
        column: columnHeaders.dataType,
        code: 'register.duplicate_entry',
        message:
          typeof clash === 'number'
            ? `Row ${clash} has the same data type for this service with a sub-processor in common.`
            : `The register already has this data type for this service with a sub-processor in common (entry ${clash.id}); put its Id in the row to change it.`,
      });
      if (row.existing) {
        claimedBy.delete(row.existing.id);
      }
    }
  }
  return { ok: true as const, planned, toRetire: active.filter((e) => !claimedBy.has(e.id)) };
}

// ---- the use case ------------------------------------------------------------------------------------------

export async function importRegister(ctx: Ctx, bytes: Buffer, options: ImportOptions): Promise<ImportReport> {
  const file = await readImportFile(bytes);
  const report: ImportReport = {
    format: file.format,
    dryRun: options.dryRun,
    applied: false,
    registerVersion: null,
    counts: { rows: 0, create: 0, update: 0, unchanged: 0, invalid: 0, retire: 0 },
    fileErrors: file.ok ? [] : file.errors,
    rows: [],
    retired: [],
  };
  if (!file.ok) {
    return report;
  }
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    report.registerVersion = version - 1 || null;
    const plan = await planImport(tx, file);
    if (!plan.ok) {
      report.fileErrors.push({ code: 'register.import.header', message: plan.message });
      return report;
    }
    const toRetire = options.retireMissing ? plan.toRetire : [];
    report.rows = plan.planned.map((p) => ({
      row: p.row,
      status: p.status,
      entryId: p.existing?.id ?? null,
      serviceLine: p.fields?.serviceLine ?? p.existing?.serviceLine ?? null,
      dataType: p.fields?.dataTypeNl ?? p.existing?.dataTypeNl ?? null,
      changes: p.changes,
      errors: p.errors,
    }));
    report.retired = toRetire.map((e) => ({
      entryId: e.id,
      serviceLine: e.serviceLine,
      dataType: e.dataTypeNl,
    }));
    report.counts = {
      rows: plan.planned.length,
      create: plan.planned.filter((p) => p.status === 'create').length,
      update: plan.planned.filter((p) => p.status === 'update').length,
      unchanged: plan.planned.filter((p) => p.status === 'unchanged').length,
      invalid: plan.planned.filter((p) => p.status === 'invalid').length,
      retire: toRetire.length,
    };
    if (report.counts.rows === 0) {
      report.fileErrors.push({
        code: 'register.import.no_rows',
        message: 'The file has a header but no rows.',
      });
      return report;
    }
    if (report.counts.invalid > 0 && options.retireMissing) {
      // An invalid row may be the very entry that would then be retired as "missing".
      report.fileErrors.push({
        code: 'register.import.retire_with_invalid',
        message: 'Retiring entries missing from the file needs a file without invalid rows.',
      });
      return report;
    }
    if ((report.counts.invalid > 0 && !options.skipInvalid) || options.dryRun) {
      return report;
    }
    const writes = report.counts.create + report.counts.update + report.counts.retire;
    if (writes === 0) {
      report.applied = true;
      return report;
    }
    let position = await repo.maxEntryPosition(tx);
    for (const p of plan.planned) {
      if (p.status === 'create') {
        position += 10;
        const entry = await insertEntryInTx(tx, ctx, p.fields!, position);
        await recordAuditEvent(tx, ctx, {
          action: 'register.entry_created',
          entityType: 'register_entry',
          entityId: entry.id,
          after: { ...entry, registerVersion: version },
        });
        report.rows.find((r) => r.row === p.row)!.entryId = entry.id;
      } else if (p.status === 'update') {
        const after = await updateEntryInTx(tx, ctx, p.existing!, p.fields!);
        await recordAuditEvent(tx, ctx, {
          action: 'register.entry_updated',
          entityType: 'register_entry',
          entityId: after.id,
          before: p.existing,
          after: { ...after, registerVersion: version },
        });
      }
    }
    for (const entry of toRetire) {
      const after = await retireEntryInTx(tx, ctx, entry);
      await recordAuditEvent(tx, ctx, {
        action: 'register.entry_retired',
        entityType: 'register_entry',
        entityId: entry.id,
        before: entry,
        after: { ...after, registerVersion: version },
      });
    }
    await commitChange(tx, ctx, version, {
      action: 'register.imported',
      entityType: 'register',
      entityId: null,
      after: { format: file.format, counts: report.counts, skipInvalid: options.skipInvalid },
      summary: `Imported ${file.format.toUpperCase()}: ${report.counts.create} added, ${report.counts.update} changed, ${report.counts.retire} retired${
        report.counts.invalid ? `, ${report.counts.invalid} invalid rows skipped` : ''
      }`,
    });
    report.applied = true;
    report.registerVersion = version;
    return report;
  });
}

// What the import refuses: a file it cannot read, or invalid rows without skipInvalid. A dry run answers the same.
export const importRejected = (report: ImportReport, options: Pick<ImportOptions, 'skipInvalid'>) =>
  report.fileErrors.length > 0 || (report.counts.invalid > 0 && !options.skipInvalid);

export const describeImport = (report: ImportReport) =>
  report.fileErrors.length > 0
    ? report.fileErrors.map((e) => e.message).join(' ')
    : report.counts.invalid > 0 && !report.applied
      ? `${report.counts.invalid} of ${report.counts.rows} rows are invalid; nothing was imported.`
      : `${report.counts.create} added, ${report.counts.update} changed, ${report.counts.unchanged} unchanged, ${report.counts.retire} retired.`;
