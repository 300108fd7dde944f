import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  type identityTypes,
  requestChannels,
  requestStatuses,
  rightTypes,
  taskKinds,
  taskOutcomes,
  taskStatuses,
} from '../../../shared/requests.ts';
import { bytea, instant } from '../../db/columns.ts';
import { apiTokens } from '../accounts/accounts.table.ts';
import { customers } from '../customers/customers.table.ts';
import { parties } from '../register/register.table.ts';

export {
  identityTypes,
  requestChannels,
  requestStatuses,
  rightTypes,
  taskKinds,
  taskOutcomes,
  taskStatuses,
} from '../../../shared/requests.ts';

// What the staff screens may show of an identity without decrypting it: its type and a masked form.
export type MaskedIdentity = {
  type: (typeof identityTypes)[number];
  format: 'raw' | 'sha256';
  masked: string;
};

// A customer's request for assistance with one data subject request (seed 3.6: within 14 days). The person's
// identities are stored encrypted (requests.crypto.ts) and erased after the retention period; everything else is
// the evidence of handling and stays.
export const dsrRequests = pgTable(
  'dsr_requests',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    channel: text('channel', { enum: requestChannels }).notNull(),
    rightType: text('right_type', { enum: rightTypes }).notNull(),
    receivedAt: instant('received_at').notNull(),
    // the date the person asked the customer: the customer's own Art. 12(3) month runs from it (guidance only)
    customerReceivedOn: date('customer_received_on'),
    customerDeadlineExtended: boolean('customer_deadline_extended').notNull().default(false),
    // AES-256-GCM envelope of the identities, and their masked forms for display
    identitiesSealed: text('identities_sealed'),
    identitiesMasked: jsonb('identities_masked').$type<MaskedIdentity[]>().notNull(),
    identitiesErasedAt: instant('identities_erased_at'),
    scope: jsonb('scope').$type<string[]>().notNull(),
    customerNotes: text('customer_notes'),
    status: text('status', { enum: requestStatuses }).notNull(),
    statusReason: text('status_reason'),
    dueAt: instant('due_at').notNull(),
    holdStartedAt: instant('hold_started_at'),
    heldDays: integer('held_days').notNull().default(0),
    completedAt: instant('completed_at'),
    // restriction and objection can be lifted later (Art. 18(3), 21)
    liftedAt: instant('lifted_at'),
    liftedReason: text('lifted_reason'),
    // what we tell the customer when done: per system, what was found and done (composed at completion)
    response: jsonb('response').$type<Record<string, unknown>>(),
    // OpenDSR v2.0: the controller's own id for the request, unique per customer, and where to send status changes
    subjectRequestId: uuid('subject_request_id'),
    submittedTime: instant('submitted_time'),
    regulation: text('regulation'),
    callbackUrls: jsonb('callback_urls').$type<string[]>().notNull().default([]),
    apiTokenId: uuid('api_token_id').references(() => apiTokens.id),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('dsr_requests_customer_idx').on(t.customerId, t.receivedAt),
    index('dsr_requests_open_idx').on(t.status, t.dueAt),
    uniqueIndex('dsr_requests_opendsr_idx').on(t.customerId, t.subjectRequestId),
  ],
);

// One place that holds the customer's data in scope: a system of our own (per service line) or a sub-processor.
// `connector` names the automatic executor that may take the task later; null means people do it.
export const dsrTasks = pgTable(
  'dsr_tasks',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    requestId: uuid('request_id')
      .notNull()
      .references(() => dsrRequests.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: taskKinds }).notNull(),
    partyId: uuid('party_id').references(() => parties.id),
    serviceLineCodes: jsonb('service_line_codes').$type<string[]>().notNull(),
    entryIds: jsonb('entry_ids').$type<string[]>().notNull(),
    dataTypes: jsonb('data_types').$type<{ nl: string; en: string }[]>().notNull(),
    title: text('title').notNull(),
    connector: text('connector'),
    ownerUserId: uuid('owner_user_id'),
    ownerName: text('owner_name'),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: taskStatuses }).notNull(),
    outcome: text('outcome', { enum: taskOutcomes }),
    outcomeNote: text('outcome_note'),
    requestedAt: instant('requested_at'),
    requestedTo: text('requested_to'),
    completedAt: instant('completed_at'),
    completedBy: text('completed_by'),
    position: integer('position').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('dsr_tasks_request_idx').on(t.requestId, t.position)],
);

// Proof of what was done for a task: a note or a file (a screenshot, an export, the sub-processor's reply). The
// files of an access or portability task also go into the customer's export package.
export const dsrEvidence = pgTable(
  'dsr_evidence',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    taskId: uuid('task_id')
      .notNull()
      .references(() => dsrTasks.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => dsrRequests.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    note: text('note'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    bytes: bytea('bytes'),
    size: integer('size'),
    sha256: text('sha256'),
    // files holding the person's data are removed with the identities; the note and the digest stay as evidence
    erasedAt: instant('erased_at'),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('dsr_evidence_task_idx').on(t.taskId)],
);

// The export package for an access or portability request: a zip the customer downloads for a limited time.
export const dsrPackages = pgTable('dsr_packages', {
  requestId: uuid('request_id')
    .primaryKey()
    .references(() => dsrRequests.id),
  customerId: uuid('customer_id')
    .notNull()
    .references(() => customers.id),
  fileName: text('file_name').notNull(),
  bytes: bytea('bytes'),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  downloadCount: integer('download_count').notNull().default(0),
  lastDownloadedAt: instant('last_downloaded_at'),
  deletedAt: instant('deleted_at'),
});

// Which deadline warnings went out for a request (3 days, 1 day, passed), so the job sends each once.
export const dsrWarnings = pgTable(
  'dsr_warnings',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => dsrRequests.id),
    kind: text('kind', { enum: ['3d', '1d', 'passed'] }).notNull(),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.kind] })],
);

// OpenDSR v2.0: every signed message we sent (receipts, status callbacks), kept as Art. 5(2) evidence, and the
// delivery state of callbacks, which a job retries.
export const opendsrMessages = pgTable(
  'opendsr_messages',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    requestId: uuid('request_id')
      .notNull()
      .references(() => dsrRequests.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ['receipt', 'cancel_receipt', 'callback'] }).notNull(),
    url: text('url'),
    body: text('body').notNull(),
    signature: text('signature').notNull(),
    delivery: text('delivery', { enum: ['none', 'pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: instant('last_attempt_at'),
    lastResult: text('last_result'),
    nextAttemptAt: instant('next_attempt_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('opendsr_messages_request_idx').on(t.requestId, t.createdAt),
    index('opendsr_messages_due_idx').on(t.delivery, t.nextAttemptAt),
  ],
);

// The processor's OpenDSR signing key and certificate: self-signed on first start for local use, or the CA-issued
// pair from settings in production. The private key is sealed with the data key like identities are.
export const opendsrKeys = pgTable('opendsr_keys', {
  id: integer('id').primaryKey(),
  source: text('source', { enum: ['self-signed', 'configured'] }).notNull(),
  certificatePem: text('certificate_pem').notNull(),
  privateKeySealed: text('private_key_sealed').notNull(),
  createdAt: instant('created_at').notNull(),
});
