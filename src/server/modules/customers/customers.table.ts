import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../db/columns.ts';
import { serviceLines } from '../register/register.table.ts';

// The controllers ("Verantwoordelijke") the processor works for.
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    legalName: text('legal_name').notNull(),
    kvkNumber: text('kvk_number').notNull().unique(),
    street: text('street').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull().default('NL'),
    locale: text('locale', { enum: ['nl', 'en'] })
      .notNull()
      .default('nl'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('customers_name_idx').on(sql`lower(${t.legalName})`)],
);

export const contactRoles = ['signatory', 'ict-lead', 'privacy-contact', 'dpo', 'billing'] as const;
export type ContactRole = (typeof contactRoles)[number];

export const customerContacts = pgTable(
  'customer_contacts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    roles: jsonb('roles').$type<ContactRole[]>().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    removedAt: instant('removed_at'),
  },
  (t) => [index('customer_contacts_customer_idx').on(t.customerId)],
);

// The main agreement ("Overeenkomst", seed 1.7). Its dates decide the DPA's life (2.2, 2.3) and retention (10).
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    reference: text('reference').notNull().unique(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    noticeGivenOn: date('notice_given_on', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('agreements_customer_idx').on(t.customerId)],
);

export const agreementServices = pgTable(
  'agreement_services',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    serviceLineCode: text('service_line_code')
      .notNull()
      .references(() => serviceLines.code),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('agreement_services_agreement_idx').on(t.agreementId),
    index('agreement_services_line_idx').on(t.serviceLineCode),
  ],
);

export const dpaStatuses = [
  'draft',
  'sent',
  'signed_by_customer',
  'signed_by_processor',
  'active',
  'superseded',
] as const;
export type DpaStatus = (typeof dpaStatuses)[number];

// One DPA per agreement, in versions; a new version is signed again while the old one stays in force.
export const dpas = pgTable(
  'dpas',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: dpaStatuses }).notNull(),
    registerVersion: integer('register_version'),
    reason: text('reason'),
    sentAt: instant('sent_at'),
    effectiveDate: date('effective_date', { mode: 'string' }),
    supersededOn: date('superseded_on', { mode: 'string' }),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('dpas_agreement_version_idx').on(t.agreementId, t.version)],
);

export const dpaSignatures = pgTable(
  'dpa_signatures',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    dpaId: uuid('dpa_id')
      .notNull()
      .references(() => dpas.id, { onDelete: 'cascade' }),
    party: text('party', { enum: ['customer', 'processor'] }).notNull(),
    signerName: text('signer_name').notNull(),
    signerRole: text('signer_role').notNull(),
    signedAt: instant('signed_at').notNull(),
    method: text('method', { enum: ['uploaded_pdf', 'portal'] }).notNull(),
    fileName: text('file_name'),
    fileSha256: text('file_sha256'),
    file: bytea('file'),
    accountId: text('account_id'),
    ip: text('ip'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('dpa_signatures_party_idx').on(t.dpaId, t.party)],
);

export const instructionChannels = ['email', 'phone', 'letter', 'meeting', 'portal', 'other'] as const;
export const instructionStatuses = ['in_force', 'on_hold', 'withdrawn'] as const;

// Documented instructions (seed 3.1; GDPR Art. 28(3)(a)). One flagged as infringing is held until the customer
// answers the notice (Art. 28(3), last subparagraph).
export const instructions = pgTable(
  'instructions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    fromName: text('from_name').notNull(),
    channel: text('channel', { enum: instructionChannels }).notNull(),
    text: text('text').notNull(),
    serviceLineCodes: jsonb('service_line_codes').$type<string[]>().notNull(),
    status: text('status', { enum: instructionStatuses }).notNull(),
    concern: text('concern'),
    noticeSentAt: instant('notice_sent_at'),
    customerAnswer: text('customer_answer'),
    answeredAt: instant('answered_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('instructions_customer_idx').on(t.customerId)],
);

export const instructionAttachments = pgTable('instruction_attachments', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  instructionId: uuid('instruction_id')
    .notNull()
    .references(() => instructions.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  mime: text('mime').notNull(),
  sha256: text('sha256').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: instant('created_at').notNull(),
});
