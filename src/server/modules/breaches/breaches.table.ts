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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns.ts';
import { customers } from '../customers/customers.table.ts';
import { serviceLines } from '../register/register.table.ts';

export const incidentStatuses = ['open', 'contained', 'closed'] as const;
export const ciaAspects = ['confidentiality', 'integrity', 'availability'] as const;
export const incidentActions = ['read', 'copied', 'altered', 'deleted', 'stolen', 'lost'] as const;
export const encryptionStates = ['none', 'partial', 'full', 'unknown'] as const;
export const severities = ['low', 'medium', 'high', 'critical'] as const;

// The processor's own register of security incidents (Art. 33(5) practice): every one, notifiable or not, with the
// reasoning for the decision. Never deleted; an incident only moves open → contained → closed.
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull().unique(),
    title: text('title').notNull(),
    // Annex 3 Q1: what happened, including the name of the system
    summary: text('summary').notNull(),
    discoveredAt: instant('discovered_at').notNull(),
    occurredFrom: instant('occurred_from'),
    occurredTo: instant('occurred_to'),
    ongoing: boolean('ongoing').notNull().default(false),
    detection: text('detection'),
    aspects: jsonb('aspects').$type<(typeof ciaAspects)[number][]>().notNull(),
    actions: jsonb('actions').$type<(typeof incidentActions)[number][]>().notNull(),
    affectedSystems: text('affected_systems'),
    serviceLineCodes: jsonb('service_line_codes').$type<string[]>().notNull(),
    partyIds: jsonb('party_ids').$type<string[]>().notNull(),
    // Annex 3 Q6
    rootCause: text('root_cause'),
    encryption: text('encryption', { enum: encryptionStates }).notNull(),
    measuresTaken: text('measures_taken'),
    measuresPlanned: text('measures_planned'),
    // AP form section 7 and Art. 33(3)(c): what the breach may mean for the people concerned
    likelyConsequences: text('likely_consequences'),
    severity: text('severity', { enum: severities }).notNull(),
    // whether it is a personal data breach customers must hear of (clause 8.1), and why (Art. 33(5))
    notifiable: boolean('notifiable').notNull(),
    decisionReasoning: text('decision_reasoning').notNull(),
    status: text('status', { enum: incidentStatuses }).notNull(),
    // seed 8.2 and decisions.md: while open, notified customers hear how it develops at least this often
    updateIntervalHours: integer('update_interval_hours').notNull().default(24),
    updateReminderAt: instant('update_reminder_at'),
    containedAt: instant('contained_at'),
    closedAt: instant('closed_at'),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('incidents_discovered_idx').on(t.discoveredAt)],
);

export const obligationStatuses = ['to_notify', 'phoned', 'notice_sent', 'acknowledged'] as const;
export const contactsKnown = ['yes', 'no', 'partly', 'unknown'] as const;

// One affected customer of an incident: what art28 computed, what staff decided (and why), and the clause 8.1
// obligation with its own 24-hour clock. Excluded customers stay, with the reasoning.
export const incidentCustomers = pgTable(
  'incident_customers',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    included: boolean('included').notNull(),
    reasoning: text('reasoning').notNull(),
    // why art28 found the customer: its service lines and sub-processors that the incident touches
    matchedServiceLines: jsonb('matched_service_lines').$type<string[]>().notNull(),
    matchedParties: jsonb('matched_parties').$type<string[]>().notNull(),
    agreementEnded: boolean('agreement_ended').notNull(),
    // Annex 3 Q2–Q5, proposed by art28 and adjusted by staff
    dataTypes: jsonb('data_types').$type<string[]>().notNull(),
    subjectsGroup: text('subjects_group').notNull(),
    vulnerableGroup: boolean('vulnerable_group').notNull().default(false),
    personsMin: integer('persons_min'),
    personsMax: integer('persons_max'),
    personsOverridden: boolean('persons_overridden').notNull().default(false),
    contactsKnown: text('contacts_known', { enum: contactsKnown }).notNull(),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: obligationStatuses }).notNull(),
    noticeSentAt: instant('notice_sent_at'),
    // frozen when the written notice goes out: how late it was (0 when on time), and why
    lateByMinutes: integer('late_by_minutes'),
    lateReason: text('late_reason'),
    acknowledgedAt: instant('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('incident_customers_pair_idx').on(t.incidentId, t.customerId),
    index('incident_customers_open_idx').on(t.status, t.dueAt),
  ],
);

// Clause 8.1: the customer is told by phone, at its ICT lead's number. Every attempt counts.
export const incidentCalls = pgTable(
  'incident_calls',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    incidentCustomerId: uuid('incident_customer_id')
      .notNull()
      .references(() => incidentCustomers.id),
    calledAt: instant('called_at').notNull(),
    caller: text('caller').notNull(),
    calleeName: text('callee_name').notNull(),
    phoneNumber: text('phone_number').notNull(),
    outcome: text('outcome', { enum: ['reached', 'voicemail', 'no_answer', 'wrong_number'] }).notNull(),
    note: text('note'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('incident_calls_customer_idx').on(t.incidentCustomerId)],
);

// How many people a customer has per service line (seats, subscribers): the base of Annex 3 Q3's estimate.
export const customerHeadcounts = pgTable(
  'customer_headcounts',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    serviceLineCode: text('service_line_code')
      .notNull()
      .references(() => serviceLines.code),
    persons: integer('persons').notNull(),
    unit: text('unit').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.serviceLineCode] })],
);

// The written notice of clause 8.1 to one customer, as sent: the Annex 3 answers and everything else the customer
// needs for its own decision, frozen in the customer's language. Later updates (8.2) get their own versions.
export const incidentNotices = pgTable(
  'incident_notices',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    incidentCustomerId: uuid('incident_customer_id')
      .notNull()
      .references(() => incidentCustomers.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    version: integer('version').notNull(),
    // for an update (seed 8.2, version 2 and up): what changed since the previous notice
    changes: text('changes'),
    language: text('language', { enum: ['nl', 'en'] }).notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    sentTo: jsonb('sent_to').$type<string[]>().notNull(),
    sentBy: text('sent_by').notNull(),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [
    uniqueIndex('incident_notices_version_idx').on(t.incidentCustomerId, t.version),
    index('incident_notices_customer_idx').on(t.customerId, t.sentAt),
  ],
);

// Which deadline warnings went out for an incident (6 hours, 1 hour, passed), so the job sends each once.
export const incidentWarnings = pgTable(
  'incident_warnings',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind', { enum: ['6h', '1h', 'passed'] }).notNull(),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.kind] })],
);

// Seed 8.2 and issue 8 §5: the customer can ask about a notice in the portal and staff answer there; the thread is
// kept with the incident as part of what was communicated.
export const incidentMessages = pgTable(
  'incident_messages',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    incidentCustomerId: uuid('incident_customer_id')
      .notNull()
      .references(() => incidentCustomers.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    // the notice version the question is about, when the customer asked from a specific notice
    noticeId: uuid('notice_id').references(() => incidentNotices.id),
    author: text('author', { enum: ['customer', 'processor'] }).notNull(),
    authorName: text('author_name').notNull(),
    authorUserId: text('author_user_id').notNull(),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('incident_messages_thread_idx').on(t.incidentCustomerId, t.createdAt)],
);

export const scanSources = ['upload', 'server-path'] as const;
export const scanStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const scanProposals = ['proposed', 'accepted', 'dismissed'] as const;

// Issue 10 §4: a leaked file scanned for Annex 3 Q2 (which data types) and Q3 (how many people). Only the
// scanner's summary is kept — counts, distinct counts, person bounds, skipped files — never a value from the file,
// and the uploaded copy is deleted after the scan unless staff chose to keep it.
export const breachScans = pgTable(
  'breach_scans',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    // the affected customer the file belongs to, when staff know it
    incidentCustomerId: uuid('incident_customer_id').references(() => incidentCustomers.id),
    source: text('source', { enum: scanSources }).notNull(),
    fileName: text('file_name').notNull(),
    path: text('path').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    status: text('status', { enum: scanStatuses }).notNull(),
    bytesDone: bigint('bytes_done', { mode: 'number' }).notNull().default(0),
    bytesTotal: bigint('bytes_total', { mode: 'number' }).notNull().default(0),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    keepFile: boolean('keep_file').notNull().default(false),
    fileDeletedAt: instant('file_deleted_at'),
    proposal: text('proposal', { enum: scanProposals }),
    // what accepting the proposal wrote: to which customers, data types and/or persons
    applied: jsonb('applied').$type<{ customerIds: string[]; dataTypes: boolean; persons: boolean }>(),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('breach_scans_incident_idx').on(t.incidentId, t.createdAt),
    index('breach_scans_status_idx').on(t.status),
  ],
);
