import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RetentionRule } from '../../../shared/retention.ts';

// Annex 1 "Verwerkingsdoelen": one row per kind of service. Other modules (customers, documents) refer to a
// service line by its stable text code, so a renamed service keeps its links.
export const serviceLines = pgTable('service_lines', {
  code: text('code').primaryKey(),
  nameNl: text('name_nl').notNull(),
  nameEn: text('name_en').notNull(),
  productName: text('product_name'),
  purposeNl: text('purpose_nl').notNull(),
  purposeEn: text('purpose_en').notNull(),
  position: integer('position').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
});

// Annex 1 "Verwerkingsactiviteiten", each tied to the operation of Art. 4(2) GDPR it is (null: not named there;
// the article's list is open, "such as").
export const processingOperations = pgTable('processing_operations', {
  code: text('code').primaryKey(),
  labelNl: text('label_nl').notNull(),
  labelEn: text('label_en').notNull(),
  gdprOperation: text('gdpr_operation'),
  position: integer('position').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
});

// Third parties the processor engages (clause 3.4, 5.1). The sub-processor module extends this table with
// consent, transfer and contract data; register entries link to a party by its uuid.
export const parties = pgTable(
  'parties',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    country: text('country'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('parties_active_name_idx').on(sql`lower(${t.name})`).where(sql`retired_at is null`)],
);

// One row of the Annex 1 table. Never deleted: a retired entry stays for the history and for documents that
// cited it.
export const registerEntries = pgTable(
  'register_entries',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    serviceLineCode: text('service_line_code')
      .notNull()
      .references(() => serviceLines.code),
    dataTypeNl: text('data_type_nl').notNull(),
    dataTypeEn: text('data_type_en').notNull(),
    dataCategories: jsonb('data_categories').$type<string[]>().notNull(),
    dataSubjects: jsonb('data_subjects').$type<string[]>().notNull(),
    processedByProcessor: boolean('processed_by_processor').notNull(),
    processorRole: text('processor_role', { enum: ['processor', 'controller'] })
      .notNull()
      .default('processor'),
    retentionRule: jsonb('retention_rule').$type<RetentionRule>().notNull(),
    position: integer('position').notNull(),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('register_entries_service_line_idx').on(t.serviceLineCode)],
);

export const registerEntryParties = pgTable(
  'register_entry_parties',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => registerEntries.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.partyId] }),
    index('register_entry_parties_party_idx').on(t.partyId),
  ],
);

// Append-only: every committed change to the register adds the whole register as it then stood, so "what did the
// register say on 1 May" is one lookup, and a document can cite "register version 12".
export const registerVersions = pgTable(
  'register_versions',
  {
    version: integer('version').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    summary: text('summary').notNull(),
    auditEventId: bigint('audit_event_id', { mode: 'number' }),
    snapshot: jsonb('snapshot').notNull(),
  },
  (t) => [index('register_versions_created_idx').on(t.createdAt)],
);
