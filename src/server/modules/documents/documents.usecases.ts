import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Locale } from '../../../shared/roles.ts';
import type { Ctx } from '../../context.ts';
import type { DbOrTx } from '../../db/database.ts';
import type { Attachment } from '../../http/attachment.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { localDate } from '../customers/customers.models.ts';
import { buildCustomerRecord, type CustomerRecord, recordDownload } from '../customers/customers.record.ts';
import { getCustomer } from '../customers/customers.usecases.ts';
import { getRegister } from '../register/register.usecases.ts';
import { getProcessorProfile } from '../settings/settings.usecases.ts';
import { buildDpaDocument, buildRecordDocument, type DpaInput, type RecordInput } from './documents.build.ts';
import { renderDocx } from './documents.docx.ts';
import type { DocumentModel } from './documents.model.ts';
import { renderPdf } from './documents.pdf.ts';
import {
  type DocumentFormat,
  type DocumentKind,
  documentTemplates,
  generatedDocuments,
} from './documents.table.ts';
import {
  defaultTemplate,
  TemplateInvalidError,
  type TemplateKind,
  validateTemplate,
} from './documents.templates.ts';

export type GenerateRequest = { kind: DocumentKind; format: DocumentFormat; language?: Locale | undefined };

export const documentMime: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

// --- templates --------------------------------------------------------------------------------------------------

// The admins' newest version, or the template shipped with art28 (version 0) until they save one.
export async function currentTemplate(db: DbOrTx, kind: TemplateKind, language: Locale) {
  const [row] = await db
    .select()
    .from(documentTemplates)
    .where(and(eq(documentTemplates.kind, kind), eq(documentTemplates.language, language)))
    .orderBy(desc(documentTemplates.version))
    .limit(1);
  return row
    ? {
        version: row.version,
        body: row.body,
        note: row.note,
        createdBy: row.createdBy,
        createdAt: row.createdAt,
      }
    : { version: 0, body: defaultTemplate(kind, language), note: null, createdBy: 'art28', createdAt: null };
}

export async function saveTemplate(
  ctx: Ctx,
  kind: TemplateKind,
  language: Locale,
  input: { body: string; note?: string | undefined },
) {
  const issues = validateTemplate(input.body, kind);
  if (issues.length > 0) {
    throw new TemplateInvalidError(issues);
  }
  return ctx.db.transaction(async (tx) => {
    const before = await currentTemplate(tx, kind, language);
    const [row] = await tx
      .insert(documentTemplates)
      .values({
        kind,
        language,
        version: before.version + 1,
        body: input.body,
        note: input.note?.trim() || null,
        createdBy: ctx.actor.label,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await recordAuditEvent(tx, ctx, {
      action: 'document_template.saved',
      entityType: 'document_template',
      entityId: `${kind}/${language}`,
      before: { version: before.version, sha256: sha256(before.body) },
      after: { version: row!.version, sha256: sha256(row!.body), note: row!.note },
    });
    return row!;
  });
}

// --- inputs -----------------------------------------------------------------------------------------------------

type Collected = {
  legalName: string;
  kind: DocumentKind;
  language: Locale;
  build: () => DocumentModel;
  // What decides the content, without the day it was made: equal hashes mean an equal document (issue 6).
  comparable: unknown;
  meta: {
    templateVersion: number | null;
    registerVersion: number | null;
    agreementId: string | null;
    dpaId: string | null;
    dpaVersion: number | null;
  };
  baseName: string;
};

function logoOf(profile: Awaited<ReturnType<typeof getProcessorProfile>>): DpaInput['logo'] {
  return profile.logo && profile.logoMime
    ? { mime: profile.logoMime, dataBase64: profile.logo.toString('base64') }
    : null;
}

const withoutDay = (record: CustomerRecord) => {
  const { generatedAt, asOfDate, ...rest } = record;
  return rest;
};

const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);

async function collect(ctx: Ctx, customerId: string, request: GenerateRequest): Promise<Collected> {
  // A consent declaration records what the customer answered (documents.consent.ts); there is nothing to
  // generate it from on request.
  if (request.kind === 'consent') {
    throw badRequest(
      'documents.kind_not_generated',
      'A consent declaration is made from the customer’s answer and cannot be generated on request.',
      'kind',
    );
  }
  const customer = await getCustomer(ctx, customerId);
  const language = request.language ?? customer.locale;
  const [record, profile] = await Promise.all([
    buildCustomerRecord(ctx, customerId, { forDpa: request.kind === 'dpa' }),
    getProcessorProfile(ctx),
  ]);
  const register = await getRegister(ctx, { includeRetired: false });
  const operations = register.operations.map((o) => ({ labelNl: o.labelNl, labelEn: o.labelEn }));
  const logo = logoOf(profile);
  const today = localDate(ctx.clock.now());
  if (request.kind === 'record') {
    const input: RecordInput = { record, operations, language, logo };
    return {
      legalName: customer.legalName,
      kind: 'record',
      language,
      build: () => buildRecordDocument(input),
      comparable: { ...input, record: withoutDay(record) },
      meta: {
        templateVersion: null,
        registerVersion: record.registerVersion,
        agreementId: customer.agreements[0]?.id ?? null,
        dpaId: null,
        dpaVersion: null,
      },
      baseName: `${language === 'nl' ? 'verwerkingsregister' : 'record-of-processing'}-${slug(customer.legalName)}`,
    };
  }
  const agreement = customer.agreements[0] ?? null;
  // The newest version of the DPA: the one being sent for signature, or the one in force.
  const dpa = agreement?.dpas.reduce<(typeof agreement.dpas)[number] | null>(
    (newest, d) => (newest === null || d.version > newest.version ? d : newest),
    null,
  );
  const template = await currentTemplate(ctx.db, 'dpa', language);
  const { logo: _logo, logoMime: _mime, id: _id, updatedAt: _updated, ...processor } = profile;
  const input: DpaInput = {
    record: {
      registerVersion: record.registerVersion,
      services: record.services,
      rows: record.rows,
      subprocessors: record.subprocessors,
    },
    processor,
    customer: {
      legalName: customer.legalName,
      kvkNumber: customer.kvkNumber,
      street: customer.street,
      postalCode: customer.postalCode,
      city: customer.city,
      country: customer.country,
      contacts: customer.contacts,
    },
    agreement: agreement ? { reference: agreement.reference, startDate: agreement.startDate } : null,
    dpa: { version: dpa?.version ?? 1 },
    operations,
    language,
    // The DPA carries the date its version was made, so regenerating it later gives the same document.
    generatedOn: dpa ? localDate(new Date(dpa.createdAt)) : today,
    logo,
  };
  return {
    legalName: customer.legalName,
    kind: 'dpa',
    language,
    build: () => buildDpaDocument(input, template.body),
    comparable: { ...input, templateVersion: template.version },
    meta: {
      templateVersion: template.version,
      registerVersion: record.registerVersion,
      agreementId: agreement?.id ?? null,
      dpaId: dpa?.id ?? null,
      dpaVersion: dpa?.version ?? null,
    },
    baseName: `${language === 'nl' ? 'verwerkersovereenkomst' : 'data-processing-agreement'}-${slug(customer.legalName)}-v${dpa?.version ?? 1}`,
  };
}

export async function renderModel(model: DocumentModel, format: DocumentFormat) {
  return format === 'pdf' ? renderPdf(model) : renderDocx(model);
}

// The customer's record of processing in the format asked for: the data itself (JSON) or a file. Staff and
// portal routes both answer with this.
export async function recordInFormat(
  ctx: Ctx,
  customerId: string,
  format: 'json' | 'csv' | 'xlsx' | 'pdf' | 'docx',
): Promise<{ record: CustomerRecord } | Attachment> {
  if (format === 'pdf' || format === 'docx') {
    const file = await renderDocument(ctx, customerId, { kind: 'record', format });
    return { body: file.file, fileName: file.fileName, contentType: file.mime };
  }
  const record = await buildCustomerRecord(ctx, customerId);
  return format === 'json' ? { record } : recordDownload(record, format);
}

// --- generate, list, download -----------------------------------------------------------------------------------

export async function generateDocument(ctx: Ctx, customerId: string, request: GenerateRequest) {
  const collected = await collect(ctx, customerId, request);
  const file = await renderModel(collected.build(), request.format);
  const inputsSha256 = sha256(canonicalize(collected.comparable) ?? '');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(generatedDocuments)
      .values({
        customerId,
        kind: collected.kind,
        format: request.format,
        language: collected.language,
        ...collected.meta,
        inputsSha256,
        inputs: collected.comparable as object,
        fileName: `${collected.baseName}.${request.format}`,
        fileSha256: sha256(file),
        sizeBytes: file.length,
        file,
        createdBy: ctx.actor.label,
        createdAt: ctx.clock.now(),
      })
      .returning();
    const document = presentDocument(row!);
    await recordAuditEvent(tx, ctx, {
      action: 'document.generated',
      entityType: 'customer',
      entityId: customerId,
      after: document,
    });
    return document;
  });
}

// Renders without storing: the portal's own record as PDF, the CLI to a file.
export async function renderDocument(ctx: Ctx, customerId: string, request: GenerateRequest) {
  const collected = await collect(ctx, customerId, request);
  const file = await renderModel(collected.build(), request.format);
  return { file, fileName: `${collected.baseName}.${request.format}`, mime: documentMime[request.format] };
}

type DocumentRow = typeof generatedDocuments.$inferSelect;

export function presentDocument(row: Omit<DocumentRow, 'file' | 'inputs'>) {
  return {
    id: row.id,
    customerId: row.customerId,
    kind: row.kind,
    format: row.format,
    language: row.language,
    templateVersion: row.templateVersion,
    registerVersion: row.registerVersion,
    agreementId: row.agreementId,
    dpaId: row.dpaId,
    dpaVersion: row.dpaVersion,
    inputsSha256: row.inputsSha256,
    fileName: row.fileName,
    fileSha256: row.fileSha256,
    sizeBytes: row.sizeBytes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

const listColumns = {
  id: generatedDocuments.id,
  customerId: generatedDocuments.customerId,
  kind: generatedDocuments.kind,
  format: generatedDocuments.format,
  language: generatedDocuments.language,
  templateVersion: generatedDocuments.templateVersion,
  registerVersion: generatedDocuments.registerVersion,
  agreementId: generatedDocuments.agreementId,
  dpaId: generatedDocuments.dpaId,
  dpaVersion: generatedDocuments.dpaVersion,
  inputsSha256: generatedDocuments.inputsSha256,
  fileName: generatedDocuments.fileName,
  fileSha256: generatedDocuments.fileSha256,
  sizeBytes: generatedDocuments.sizeBytes,
  createdBy: generatedDocuments.createdBy,
  createdAt: generatedDocuments.createdAt,
};

export async function listDocuments(ctx: Pick<Ctx, 'db' | 'clock'>, customerId: string) {
  await getCustomer(ctx, customerId);
  const rows = await ctx.db
    .select(listColumns)
    .from(generatedDocuments)
    .where(eq(generatedDocuments.customerId, customerId))
    .orderBy(desc(generatedDocuments.createdAt));
  return rows.map(presentDocument);
}

// The customer sees its records and the DPAs of versions sent to it; a draft's document is the processor's work
// in progress (as the portal hides draft DPA versions).
export async function listPortalDocuments(ctx: Pick<Ctx, 'db' | 'clock'>, customerId: string) {
  const customer = await getCustomer(ctx, customerId);
  const visibleDpas = new Set(
    customer.agreements.flatMap((a) => a.dpas.filter((d) => d.status !== 'draft').map((d) => d.id)),
  );
  return (await listDocuments(ctx, customerId)).filter(
    (d) => d.kind === 'record' || d.kind === 'consent' || (d.dpaId !== null && visibleDpas.has(d.dpaId)),
  );
}

// Scoped by customer: another customer's document id is not found.
export async function getPortalDocumentFile(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  customerId: string,
  documentId: string,
) {
  if (!(await listPortalDocuments(ctx, customerId)).some((d) => d.id === documentId)) {
    throw notFound('Document');
  }
  return getDocumentFile(ctx, customerId, documentId);
}

export async function getDocumentFile(ctx: Pick<Ctx, 'db'>, customerId: string, documentId: string) {
  const [row] = await ctx.db
    .select({
      file: generatedDocuments.file,
      fileName: generatedDocuments.fileName,
      format: generatedDocuments.format,
    })
    .from(generatedDocuments)
    .where(and(eq(generatedDocuments.id, documentId), eq(generatedDocuments.customerId, customerId)));
  if (!row) {
    throw notFound('Document');
  }
  return { ...row, mime: documentMime[row.format] };
}

// --- outdated ---------------------------------------------------------------------------------------------------

export type OutdatedReason = 'register' | 'services' | 'customer' | 'processor' | 'template' | 'dpa_version';

function reasonsBetween(
  kind: DocumentKind,
  stored: Record<string, unknown>,
  current: Record<string, unknown>,
) {
  const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);
  const reasons: OutdatedReason[] = [];
  const storedRecord = (stored.record ?? {}) as Record<string, unknown>;
  const currentRecord = (current.record ?? {}) as Record<string, unknown>;
  if (
    !same(storedRecord.rows, currentRecord.rows) ||
    !same(storedRecord.subprocessors, currentRecord.subprocessors)
  ) {
    reasons.push('register');
  }
  if (!same(storedRecord.services, currentRecord.services)) {
    reasons.push('services');
  }
  if (kind === 'dpa') {
    if (!same(stored.customer, current.customer) || !same(stored.agreement, current.agreement)) {
      reasons.push('customer');
    }
    if (!same(stored.processor, current.processor) || !same(stored.logo, current.logo)) {
      reasons.push('processor');
    }
    if (stored.templateVersion !== current.templateVersion) {
      reasons.push('template');
    }
    if (!same(stored.dpa, current.dpa)) {
      reasons.push('dpa_version');
    }
  } else if (
    !same(storedRecord.controller, currentRecord.controller) ||
    !same(storedRecord.processor, currentRecord.processor)
  ) {
    reasons.push('customer');
  }
  return reasons;
}

function withoutRegisterVersion(inputs: unknown) {
  const { record, ...rest } = inputs as { record?: Record<string, unknown> };
  if (!record) {
    return rest;
  }
  const { registerVersion: _version, ...recordRest } = record;
  return { ...rest, record: recordRest };
}

// Customers whose newest generated DPA or record no longer matches what art28 holds now (register, services,
// customer or processor details, template): the documents to generate and send again (issue 6, item 3). A consent
// declaration records an answer given at one moment: it is never out of date.
export async function listOutdatedDocuments(ctx: Ctx) {
  const newest = await ctx.db
    .selectDistinctOn([generatedDocuments.customerId, generatedDocuments.kind], {
      ...listColumns,
      inputs: generatedDocuments.inputs,
    })
    .from(generatedDocuments)
    .where(ne(generatedDocuments.kind, 'consent'))
    .orderBy(generatedDocuments.customerId, generatedDocuments.kind, desc(generatedDocuments.createdAt));
  const outdated = [];
  for (const document of newest) {
    const current = await collect(ctx, document.customerId, {
      kind: document.kind,
      format: document.format,
      language: document.language,
    });
    // The register's version number alone does not make a document outdated: a change to another service line's
    // rows bumps it for everyone, yet this customer's Annex 1 reads the same (the number is cited for traceability).
    if (
      canonicalize(withoutRegisterVersion(current.comparable)) ===
      canonicalize(withoutRegisterVersion(document.inputs))
    ) {
      continue;
    }
    const reasons = reasonsBetween(
      document.kind,
      document.inputs as Record<string, unknown>,
      current.comparable as Record<string, unknown>,
    );
    outdated.push({
      customerId: document.customerId,
      legalName: current.legalName,
      document: presentDocument(document),
      reasons: reasons.length > 0 ? reasons : (['customer'] as OutdatedReason[]),
    });
  }
  return outdated.sort((a, b) => a.legalName.localeCompare(b.legalName, 'nl'));
}
