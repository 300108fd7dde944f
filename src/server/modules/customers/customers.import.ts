import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { type AppError, badRequest } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { checkServicePeriod, normalisePhone } from './customers.models.ts';
import * as repo from './customers.repository.ts';
import { agreementServices, agreements, customerContacts, customers, dpas } from './customers.table.ts';
import type { ServiceLineLookup } from './customers.usecases.ts';

// One row per customer, as an MSP exports it from its CRM. Dutch headers; the English ones are accepted too.
export const importColumns = [
  ['Bedrijfsnaam', 'legalName'],
  ['KvK-nummer', 'kvkNumber'],
  ['Straat', 'street'],
  ['Postcode', 'postalCode'],
  ['Plaats', 'city'],
  ['Land', 'country'],
  ['Contractnummer', 'agreementReference'],
  ['Startdatum', 'agreementStart'],
  ['Diensten', 'services'],
  ['Tekenbevoegde naam', 'signatoryName'],
  ['Tekenbevoegde e-mail', 'signatoryEmail'],
  ['ICT-verantwoordelijke naam', 'ictLeadName'],
  ['ICT-verantwoordelijke e-mail', 'ictLeadEmail'],
  ['ICT-verantwoordelijke telefoon', 'ictLeadPhone'],
  ['Privacycontact naam', 'privacyName'],
  ['Privacycontact e-mail', 'privacyEmail'],
] as const;

type Key = (typeof importColumns)[number][1];

const optional = z.string().trim().max(254).default('');
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD.');
const rowSchema = z
  .object({
    legalName: z.string().trim().min(1, 'Fill in the company name.').max(200),
    kvkNumber: z
      .string()
      .trim()
      .regex(/^\d{8}$/, 'A KvK number has 8 digits.'),
    street: optional,
    postalCode: optional,
    city: optional,
    country: z
      .string()
      .trim()
      .toUpperCase()
      .default('NL')
      .transform((v) => v || 'NL')
      .pipe(z.string().length(2, 'Use a two-letter country code.')),
    agreementReference: z.string().trim().min(1, 'Fill in the contract number.').max(60),
    agreementStart: day,
    services: z.string().trim().min(1, 'Name at least one service.'),
    signatoryName: z.string().trim().min(1, 'Name the signatory.').max(200),
    signatoryEmail: z.string().trim().email('Not an e-mail address.'),
    ictLeadName: z.string().trim().min(1, 'Name the ICT lead.').max(200),
    ictLeadEmail: z.string().trim().email('Not an e-mail address.'),
    ictLeadPhone: z.string().trim().min(1, 'The ICT lead needs a phone number (clause 8.1).'),
    privacyName: optional,
    privacyEmail: z.union([z.literal(''), z.string().trim().email('Not an e-mail address.')]).default(''),
  })
  .superRefine((row, issue) => {
    if (row.privacyEmail && !row.privacyName) {
      issue.addIssue({
        code: 'custom',
        path: ['privacyName'],
        message: 'Name the privacy contact whose e-mail is given.',
      });
    }
  });
type ImportRow = z.infer<typeof rowSchema>;

export type RowProblem = { row: number; field: string; column: string; message: string };
export type ImportReport = {
  rows: number;
  valid: number;
  imported: number;
  skipped: number;
  problems: RowProblem[];
};

export async function readImportFile(bytes: Buffer, fileName: string): Promise<Record<string, string>[]> {
  if (bytes.length === 0) {
    throw badRequest('import.empty', 'The file is empty.', 'file');
  }
  const isXlsx = fileName.toLowerCase().endsWith('.xlsx') || bytes.subarray(0, 2).toString('latin1') === 'PK';
  let table: string[][];
  if (isXlsx) {
    // exceljs takes ~2 s to load; only spreadsheet work pays for it.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw badRequest('import.unreadable', 'The file is not a readable XLSX workbook.', 'file');
    }
    const sheet = workbook.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      table.push(
        values.map((v) =>
          v instanceof Date
            ? v.toISOString().slice(0, 10)
            : v === null || v === undefined
              ? ''
              : typeof v === 'object' && 'text' in v
                ? String((v as { text: unknown }).text)
                : String(v),
        ),
      );
    });
  } else {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (
      text.includes('\uFFFD') ||
      bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) ||
      bytes.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))
    ) {
      throw badRequest(
        'import.encoding',
        'The file is not UTF-8 text. Save it as "CSV UTF-8" and try again.',
        'file',
      );
    }
    const body = text.replace(/^\uFEFF/, '');
    const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    try {
      table = parse(body, { delimiter, skip_empty_lines: true, relax_column_count: true });
    } catch (error) {
      throw badRequest('import.csv', `The CSV cannot be read: ${(error as Error).message}`, 'file');
    }
  }
  const [header, ...rows] = table;
  if (!header) {
    throw badRequest('import.empty', 'The file holds no rows.', 'file');
  }
  const keys = header.map(
    (h) =>
      importColumns.find(
        ([nl, en]) =>
          nl.toLowerCase() === h.trim().toLowerCase() || en.toLowerCase() === h.trim().toLowerCase(),
      )?.[1],
  );
  const missing = importColumns
    .filter(
      ([, key]) =>
        !keys.includes(key) &&
        ['legalName', 'kvkNumber', 'agreementReference', 'agreementStart', 'services'].includes(key),
    )
    .map(([nl]) => nl);
  if (missing.length > 0) {
    throw badRequest(
      'import.header',
      `The header lacks the columns: ${missing.join(', ')}. Expected: ${importColumns.map(([nl]) => nl).join('; ')}.`,
      'file',
    );
  }
  return rows.map((cells) =>
    Object.fromEntries(keys.flatMap((key, i) => (key ? [[key, cells[i] ?? '']] : []))),
  );
}

export async function importCustomers(
  ctx: Ctx,
  lookup: ServiceLineLookup,
  records: Record<string, string>[],
  options: { skipInvalid: boolean; dryRun: boolean },
): Promise<ImportReport> {
  const problems: RowProblem[] = [];
  const valid: { row: number; data: ImportRow; services: string[]; phone: string }[] = [];
  const seenKvk = new Map<string, number>();
  const seenRef = new Map<string, number>();
  for (const [index, record] of records.entries()) {
    const row = index + 2; // the spreadsheet's own row number, after the header
    const before = problems.length;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          row,
          field: String(issue.path[0] ?? 'row') as Key,
          column: '',
          message: issue.message,
        });
      }
      continue;
    }
    const data = parsed.data;
    const kvkRow = seenKvk.get(data.kvkNumber);
    if (kvkRow) {
      problems.push({
        row,
        field: 'kvkNumber',
        column: '',
        message: `KvK number ${data.kvkNumber} is also on row ${kvkRow}.`,
      });
    } else if (await repo.findCustomerByKvk(ctx.db, data.kvkNumber)) {
      problems.push({
        row,
        field: 'kvkNumber',
        column: '',
        message: `A customer with KvK number ${data.kvkNumber} exists already.`,
      });
    }
    seenKvk.set(data.kvkNumber, row);
    const refRow = seenRef.get(data.agreementReference);
    if (refRow) {
      problems.push({
        row,
        field: 'agreementReference',
        column: '',
        message: `Contract number ${data.agreementReference} is also on row ${refRow}.`,
      });
    } else if (await repo.findAgreementByReference(ctx.db, data.agreementReference)) {
      problems.push({
        row,
        field: 'agreementReference',
        column: '',
        message: `An agreement ${data.agreementReference} exists already.`,
      });
    }
    seenRef.set(data.agreementReference, row);
    const services = [
      ...new Set(
        data.services
          .split(/[;,|]/)
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    for (const code of services) {
      if (!(await lookup.exists(ctx.db, code))) {
        problems.push({
          row,
          field: 'services',
          column: '',
          message: `There is no service line "${code}" in the register.`,
        });
      }
    }
    let phone = '';
    try {
      phone = normalisePhone(data.ictLeadPhone, 'ictLeadPhone');
    } catch (error) {
      problems.push({ row, field: 'ictLeadPhone', column: '', message: (error as AppError).message });
    }
    if (problems.length === before) {
      valid.push({ row, data, services, phone });
    }
  }
  for (const problem of problems) {
    problem.column = importColumns.find(([, key]) => key === problem.field)?.[0] ?? problem.field;
  }
  const report = {
    rows: records.length,
    valid: valid.length,
    imported: 0,
    skipped: records.length - valid.length,
    problems,
  };
  if ((problems.length > 0 && !options.skipInvalid) || options.dryRun || valid.length === 0) {
    return report;
  }
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const ids: string[] = [];
    for (const { data, services, phone } of valid) {
      const [customer] = await tx
        .insert(customers)
        .values({
          legalName: data.legalName,
          kvkNumber: data.kvkNumber,
          street: data.street,
          postalCode: data.postalCode,
          city: data.city,
          country: data.country,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      ids.push(customer!.id);
      const contacts = [
        {
          name: data.signatoryName,
          email: data.signatoryEmail.toLowerCase(),
          phone: null,
          roles: ['signatory' as const],
        },
        {
          name: data.ictLeadName,
          email: data.ictLeadEmail.toLowerCase(),
          phone,
          roles: ['ict-lead' as const],
        },
        ...(data.privacyEmail
          ? [
              {
                name: data.privacyName,
                email: data.privacyEmail.toLowerCase(),
                phone: null,
                roles: ['privacy-contact' as const],
              },
            ]
          : []),
      ];
      for (const contact of contacts) {
        await tx
          .insert(customerContacts)
          .values({ ...contact, customerId: customer!.id, createdAt: now, updatedAt: now });
      }
      const [agreement] = await tx
        .insert(agreements)
        .values({
          customerId: customer!.id,
          reference: data.agreementReference,
          startDate: data.agreementStart,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      for (const code of services) {
        checkServicePeriod({ startDate: data.agreementStart, endDate: null }, agreement!, 'services');
        await tx.insert(agreementServices).values({
          agreementId: agreement!.id,
          serviceLineCode: code,
          startDate: data.agreementStart,
          createdAt: now,
          updatedAt: now,
        });
      }
      await tx.insert(dpas).values({
        agreementId: agreement!.id,
        version: 1,
        status: 'draft',
        registerVersion: await lookup.currentRegisterVersion(tx),
        createdAt: now,
        updatedAt: now,
      });
    }
    await recordAuditEvent(tx, ctx, {
      action: 'customers.imported',
      entityType: 'customer',
      after: { imported: ids.length, skippedRows: problems.map((p) => p.row), ids },
    });
  });
  return { ...report, imported: valid.length };
}
