import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, instant } from '../../db/columns.ts';
import { customers } from '../customers/customers.table.ts';
import { parties } from '../register/register.table.ts';

export type SubprocessorLocation = {
  country: string;
  kind: 'processing' | 'storage' | 'both';
  note?: string;
};
export type Certification = { name: string; issuer?: string | undefined; validUntil: string | null };

// What clause 3.5 and Chapter V ask us to know about a party of the register (register.table.ts `parties`):
// who it is, where it processes, the contract that binds it to our terms, and the ground for any transfer.
export const subprocessorProfiles = pgTable('subprocessor_profiles', {
  partyId: uuid('party_id')
    .primaryKey()
    .references(() => parties.id),
  registrationNumber: text('registration_number'),
  vatNumber: text('vat_number'),
  street: text('street'),
  postalCode: text('postal_code'),
  city: text('city'),
  website: text('website'),
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  servicesNl: text('services_nl'),
  servicesEn: text('services_en'),
  locations: jsonb('locations').$type<SubprocessorLocation[]>().notNull().default([]),
  // The chain of clause 3.5: this party works for that one (any depth; cycles are refused).
  engagedByPartyId: uuid('engaged_by_party_id').references(() => parties.id),
  certifications: jsonb('certifications').$type<Certification[]>().notNull().default([]),
  flowDownSignedOn: date('flow_down_signed_on'),
  flowDownValidUntil: date('flow_down_valid_until'),
  flowDownSameTermsConfirmedBy: text('flow_down_same_terms_confirmed_by'),
  flowDownSameTermsConfirmedOn: date('flow_down_same_terms_confirmed_on'),
  flowDownFileName: text('flow_down_file_name'),
  flowDownFileMime: text('flow_down_file_mime'),
  flowDownFile: bytea('flow_down_file'),
  dpfCertified: boolean('dpf_certified').notNull().default(false),
  dpfCheckedOn: date('dpf_checked_on'),
  dpfRecertifyBy: date('dpf_recertify_by'),
  pipedaCovered: boolean('pipeda_covered').notNull().default(false),
  transferMechanism: text('transfer_mechanism', { enum: ['scc', 'bcr', 'art49'] }),
  sccModule: text('scc_module'),
  tiaCompletedOn: date('tia_completed_on'),
  tiaNotes: text('tia_notes'),
  // One of the sub-processors the agreement's Annex 1 names: a customer's signature on the DPA is its consent.
  namedInAgreement: boolean('named_in_agreement').notNull().default(false),
  reviewDueOn: date('review_due_on'),
  notes: text('notes'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const proposalStatuses = ['open', 'withdrawn', 'closed'] as const;

// Staff propose to engage (or replace) a sub-processor for some services; every customer taking them is asked.
export const subprocessorProposals = pgTable(
  'subprocessor_proposals',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind', { enum: ['add', 'replace'] }).notNull(),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    replacesPartyId: uuid('replaces_party_id').references(() => parties.id),
    serviceLineCodes: jsonb('service_line_codes').$type<string[]>().notNull(),
    entryIds: jsonb('entry_ids').$type<string[]>().notNull(),
    reason: text('reason').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    windowDays: integer('window_days').notNull(),
    respondBy: instant('respond_by').notNull(),
    status: text('status', { enum: proposalStatuses }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    withdrawnAt: instant('withdrawn_at'),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [index('subprocessor_proposals_party_idx').on(t.partyId)],
);

export const consentStates = ['asked', 'given', 'objected', 'withdrawn', 'cancelled'] as const;
export type StoredConsentState = (typeof consentStates)[number];

// One row per (customer, sub-processor) once the question has been put (seed 3.4, 5.1, 6.1). No row and a signed
// DPA naming the party: consent by that signature (derived, not stored). Silence never changes the state.
export const subprocessorConsents = pgTable(
  'subprocessor_consents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    proposalId: uuid('proposal_id').references(() => subprocessorProposals.id),
    state: text('state', { enum: consentStates }).notNull(),
    askedAt: instant('asked_at'),
    respondBy: instant('respond_by'),
    remindedAt: instant('reminded_at'),
    escalatedAt: instant('escalated_at'),
    answeredAt: instant('answered_at'),
    answeredBy: text('answered_by'),
    answeredByUserId: uuid('answered_by_user_id'),
    method: text('method', { enum: ['portal', 'email', 'letter', 'dpa'] }),
    statement: text('statement'),
    // seed 6.1, recorded apart from the consent itself
    transferRequired: boolean('transfer_required').notNull().default(false),
    transferConsentGiven: boolean('transfer_consent_given').notNull().default(false),
    transferStatement: text('transfer_statement'),
    objectionReason: text('objection_reason'),
    objectionReasonable: boolean('objection_reasonable'),
    objectionOutcome: text('objection_outcome', {
      enum: ['alternative', 'termination', 'proposal-withdrawn', 'other'],
    }),
    objectionNote: text('objection_note'),
    assessedBy: text('assessed_by'),
    assessedAt: instant('assessed_at'),
    withdrawnAt: instant('withdrawn_at'),
    withdrawalReason: text('withdrawal_reason'),
    documentId: uuid('document_id'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('subprocessor_consents_pair_idx').on(t.customerId, t.partyId),
    index('subprocessor_consents_proposal_idx').on(t.proposalId),
  ],
);

export const alertKinds = [
  'flow-down-expired',
  'certification-expired',
  'dpf-recertification-due',
  'review-due',
  'consent-overdue',
] as const;
export type AlertKind = (typeof alertKinds)[number];

// Raised by the daily check, shown on the dashboard until the cause is gone; resolved rows stay as history.
export const subprocessorAlerts = pgTable(
  'subprocessor_alerts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind', { enum: alertKinds }).notNull(),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    dueOn: date('due_on'),
    raisedAt: instant('raised_at').notNull(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    uniqueIndex('subprocessor_alerts_open_idx')
      .on(t.kind, t.partyId, t.subject)
      .where(sql`resolved_at is null`),
  ],
);
