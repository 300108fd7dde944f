import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../db/columns.ts';
import { customers } from '../customers/customers.table.ts';

// 'consent': a customer's consent to (or objection against) a sub-processor (documents.consent.ts), made from its
// answer; it has no template, is never generated on request and is never out of date.
export const documentKinds = ['dpa', 'record', 'consent'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentFormats = ['pdf', 'docx'] as const;
export type DocumentFormat = (typeof documentFormats)[number];

// Admin-edited templates, in versions: a generated document names the version it was made from, and an old
// version stays readable so an old document can be explained.
export const documentTemplates = pgTable(
  'document_templates',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind', { enum: documentKinds }).notNull(),
    language: text('language', { enum: ['nl', 'en'] }).notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('document_templates_version_idx').on(t.kind, t.language, t.version)],
);

// Every generated file is kept with what it was made from, so "which DPA did we send on 1 May, from which
// register?" has an answer, and a changed register or customer shows which documents are out of date.
export const generatedDocuments = pgTable(
  'generated_documents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: documentKinds }).notNull(),
    format: text('format', { enum: documentFormats }).notNull(),
    language: text('language', { enum: ['nl', 'en'] }).notNull(),
    templateVersion: integer('template_version'),
    registerVersion: integer('register_version'),
    agreementId: uuid('agreement_id'),
    dpaId: uuid('dpa_id'),
    dpaVersion: integer('dpa_version'),
    // SHA-256 of the canonical JSON of everything the document was built from (RFC 8785): equal inputs, equal hash.
    inputsSha256: text('inputs_sha256').notNull(),
    inputs: jsonb('inputs').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    file: bytea('file').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('generated_documents_customer_idx').on(t.customerId, t.kind, t.createdAt)],
);
