import { z } from 'zod';
import { isKnownCountry } from '../../../shared/eea.ts';
import { transferMechanisms } from '../../../shared/transfers.ts';
import { consentStates, proposalStatuses } from './subprocessors.table.ts';

const day = z.iso.date();
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v));
const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isKnownCountry, 'Unknown country: use the two-letter ISO 3166-1 code, e.g. NL or US.');

export const locationSchema = z.object({
  country,
  kind: z.enum(['processing', 'storage', 'both']).default('both'),
  note: z.string().trim().max(200).optional(),
});

export const certificationSchema = z.object({
  name: z.string().trim().min(1).max(120),
  issuer: z.string().trim().max(120).optional(),
  validUntil: day.nullable().default(null),
});

// Everything clause 3.5 and Chapter V need on file; the name, legal name and seat stay with the register party.
export const profileFieldsSchema = z
  .object({
    registrationNumber: optional(60),
    vatNumber: optional(40),
    street: optional(200),
    postalCode: optional(20),
    city: optional(100),
    website: optional(300),
    contactName: optional(200),
    contactEmail: z.email().max(254).nullable().default(null),
    contactPhone: optional(40),
    servicesNl: optional(1000),
    servicesEn: optional(1000),
    locations: z.array(locationSchema).max(30).default([]),
    engagedByPartyId: z.uuid().nullable().default(null),
    certifications: z.array(certificationSchema).max(20).default([]),
    flowDownSignedOn: day.nullable().default(null),
    flowDownValidUntil: day.nullable().default(null),
    flowDownSameTermsConfirmedBy: optional(200),
    flowDownSameTermsConfirmedOn: day.nullable().default(null),
    dpfCertified: z.boolean().default(false),
    dpfCheckedOn: day.nullable().default(null),
    dpfRecertifyBy: day.nullable().default(null),
    pipedaCovered: z.boolean().default(false),
    transferMechanism: z.enum(transferMechanisms).nullable().default(null),
    sccModule: z.enum(['1', '2', '3', '4']).nullable().default(null),
    tiaCompletedOn: day.nullable().default(null),
    tiaNotes: optional(5000),
    namedInAgreement: z.boolean().default(false),
    reviewDueOn: day.nullable().default(null),
    notes: optional(5000),
  })
  .meta({ id: 'SubprocessorProfileFields' });
export type ProfileFields = z.infer<typeof profileFieldsSchema>;

// The profile as answered (no defaults or transforms: a response schema only describes).
const text = z.string().nullable();
const profileViewSchema = z.object({
  registrationNumber: text,
  vatNumber: text,
  street: text,
  postalCode: text,
  city: text,
  website: text,
  contactName: text,
  contactEmail: text,
  contactPhone: text,
  servicesNl: text,
  servicesEn: text,
  locations: z.array(
    z.object({
      country: z.string(),
      kind: z.enum(['processing', 'storage', 'both']),
      note: z.string().optional(),
    }),
  ),
  engagedByPartyId: text,
  certifications: z.array(
    z.object({ name: z.string(), issuer: z.string().optional(), validUntil: z.string().nullable() }),
  ),
  flowDownSignedOn: text,
  flowDownValidUntil: text,
  flowDownSameTermsConfirmedBy: text,
  flowDownSameTermsConfirmedOn: text,
  flowDownFileName: text,
  dpfCertified: z.boolean(),
  dpfCheckedOn: text,
  dpfRecertifyBy: text,
  pipedaCovered: z.boolean(),
  transferMechanism: z.enum(transferMechanisms).nullable(),
  sccModule: text,
  tiaCompletedOn: text,
  tiaNotes: text,
  namedInAgreement: z.boolean(),
  reviewDueOn: text,
  notes: text,
});

export const locationClassSchema = z.object({
  country: z.string(),
  kind: z.enum(['processing', 'storage', 'both']),
  zone: z.enum(['eea', 'adequacy', 'third-country']),
  basis: z.string().nullable(),
  needsTransferConsent: z.boolean(),
  problem: z.string().nullable(),
});

export const subprocessorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string().nullable(),
    country: z.string().nullable(),
    retiredAt: z.string().nullable(),
    profile: profileViewSchema.nullable(),
    locations: z.array(locationClassSchema),
    // seed 6.1: some location lies outside the EEA
    transferOutsideEea: z.boolean(),
    // why no customer's data can go there yet (a transfer without a lawful ground); empty when none
    transferProblems: z.array(z.string()),
    engagedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    engages: z.array(z.object({ id: z.string(), name: z.string() })),
    entries: z.array(z.object({ id: z.string(), serviceLine: z.string(), dataTypeNl: z.string() })),
    serviceLines: z.array(z.string()),
    consentCounts: z.record(z.string(), z.number()),
    alerts: z.array(z.object({ kind: z.string(), subject: z.string(), dueOn: z.string().nullable() })),
  })
  .meta({ id: 'Subprocessor' });
export type SubprocessorView = z.infer<typeof subprocessorSchema>;

export const consentViewStates = ['not-asked', 'by-signature', ...consentStates] as const;
export const inactiveReasons = [
  'not-asked',
  'asked',
  'dpa-not-signed',
  'objected',
  'withdrawn',
  'transfer-consent-missing',
  'transfer-basis-missing',
] as const;

// One (customer, sub-processor) pair as both staff and the customer see it.
export const consentViewSchema = z
  .object({
    id: z.string().nullable(),
    partyId: z.string(),
    name: z.string(),
    legalName: z.string().nullable(),
    state: z.enum(consentViewStates),
    basis: z.enum(['dpa', 'explicit']).nullable(),
    since: z.string().nullable(),
    active: z.boolean(),
    // why it is not active (null when it is); the detail is a sentence for people
    reason: z.enum(inactiveReasons).nullable(),
    reasonDetail: z.string().nullable(),
    servicesNl: z.string().nullable(),
    servicesEn: z.string().nullable(),
    serviceLines: z.array(z.string()),
    locations: z.array(locationClassSchema),
    transferRequired: z.boolean(),
    transferConsentGiven: z.boolean(),
    proposalId: z.string().nullable(),
    askedAt: z.string().nullable(),
    respondBy: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredBy: z.string().nullable(),
    method: z.string().nullable(),
    objectionReason: z.string().nullable(),
    objectionReasonable: z.boolean().nullable(),
    objectionOutcome: z.string().nullable(),
    documentId: z.string().nullable(),
  })
  .meta({ id: 'SubprocessorConsent' });
export type ConsentView = z.infer<typeof consentViewSchema>;

export const proposalFieldsSchema = z
  .object({
    kind: z.enum(['add', 'replace']).default('add'),
    partyId: z.uuid(),
    replacesPartyId: z.uuid().nullable().default(null),
    serviceLineCodes: z.array(z.string().min(1).max(40)).min(1).max(20),
    // the register rows the sub-processor will work on; default: every active row of those services
    entryIds: z.array(z.uuid()).max(200).optional(),
    reason: z.string().trim().min(10).max(5000),
    effectiveFrom: day,
    windowDays: z.number().int().min(7).max(180).optional(),
  })
  .meta({ id: 'NewSubprocessorProposal' });
export type ProposalFields = z.infer<typeof proposalFieldsSchema>;

export const proposalSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['add', 'replace']),
    party: z.object({ id: z.string(), name: z.string() }),
    replaces: z.object({ id: z.string(), name: z.string() }).nullable(),
    serviceLineCodes: z.array(z.string()),
    entryIds: z.array(z.string()),
    reason: z.string(),
    effectiveFrom: z.string(),
    windowDays: z.number(),
    respondBy: z.string(),
    status: z.enum(proposalStatuses),
    createdBy: z.string(),
    createdAt: z.string(),
    withdrawnAt: z.string().nullable(),
    withdrawnReason: z.string().nullable(),
    progress: z.object({
      customers: z.number(),
      asked: z.number(),
      given: z.number(),
      objected: z.number(),
      overdue: z.number(),
      cancelled: z.number(),
      withdrawn: z.number(),
    }),
  })
  .meta({ id: 'SubprocessorProposal' });
export type ProposalView = z.infer<typeof proposalSchema>;

export const proposalDetailSchema = proposalSchema
  .extend({
    customers: z.array(
      z.object({
        customerId: z.string(),
        legalName: z.string(),
        state: z.enum(consentStates),
        respondBy: z.string().nullable(),
        escalatedAt: z.string().nullable(),
        answeredAt: z.string().nullable(),
        answeredBy: z.string().nullable(),
        objectionReason: z.string().nullable(),
        objectionReasonable: z.boolean().nullable(),
        objectionOutcome: z.string().nullable(),
        transferConsentGiven: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'SubprocessorProposalDetail' });

export const answerSchema = z
  .object({
    decision: z.enum(['give', 'object']),
    // seed 6.1: explicit written consent to the transfer outside the EEA, required when the pair needs it
    transferConsent: z.boolean().default(false),
    reason: z.string().trim().max(5000).optional(),
  })
  .meta({ id: 'SubprocessorConsentAnswer' });
export type AnswerFields = z.infer<typeof answerSchema>;

// Staff record an answer that came by e-mail or letter, naming who gave it.
export const staffAnswerSchema = answerSchema
  .extend({
    method: z.enum(['email', 'letter']),
    answeredBy: z.string().trim().min(1).max(200),
    answeredAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'SubprocessorConsentAnswerReceived' });
export type StaffAnswerFields = z.infer<typeof staffAnswerSchema>;

export const assessmentSchema = z
  .object({
    reasonable: z.boolean(),
    outcome: z.enum(['alternative', 'termination', 'proposal-withdrawn', 'other']),
    note: z.string().trim().max(5000).optional(),
  })
  .meta({ id: 'SubprocessorObjectionAssessment' });

export const withdrawalSchema = z
  .object({ reason: z.string().trim().min(3).max(5000) })
  .meta({ id: 'SubprocessorConsentWithdrawal' });

export const alertSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    partyId: z.string(),
    partyName: z.string(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    subject: z.string(),
    dueOn: z.string().nullable(),
    raisedAt: z.string(),
  })
  .meta({ id: 'SubprocessorAlert' });

export const portalSubprocessorListSchema = z
  .object({
    items: z.array(consentViewSchema),
    // the questions waiting for this customer's answer, with what, why, where and from when
    requests: z.array(
      consentViewSchema.extend({
        reasonForChange: z.string(),
        effectiveFrom: z.string(),
        kind: z.enum(['add', 'replace']),
        replaces: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'PortalSubprocessorList' });

export const publicListSchema = z
  .object({
    processor: z.string(),
    items: z.array(
      z.object({
        name: z.string(),
        purposeNl: z.string().nullable(),
        purposeEn: z.string().nullable(),
        countries: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'PublicSubprocessorList' });
