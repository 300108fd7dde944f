import { z } from 'zod';
import {
  ciaAspects,
  contactsKnown,
  encryptionStates,
  incidentActions,
  incidentStatuses,
  obligationStatuses,
  severities,
} from './breaches.table.ts';

const instant = z.iso.datetime({ offset: true });
const longText = (max = 10_000) => z.string().trim().max(max);

export const incidentFieldsSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    summary: longText().min(10),
    discoveredAt: instant,
    occurredFrom: instant.nullable().default(null),
    occurredTo: instant.nullable().default(null),
    ongoing: z.boolean().default(false),
    detection: longText(2000).nullable().default(null),
    aspects: z.array(z.enum(ciaAspects)).min(1).max(3),
    actions: z.array(z.enum(incidentActions)).max(6).default([]),
    affectedSystems: longText(2000).nullable().default(null),
    serviceLineCodes: z.array(z.string().min(1).max(40)).max(20).default([]),
    partyIds: z.array(z.uuid()).max(50).default([]),
    rootCause: longText().nullable().default(null),
    encryption: z.enum(encryptionStates).default('unknown'),
    measuresTaken: longText().nullable().default(null),
    measuresPlanned: longText().nullable().default(null),
    // AP form section 7, Art. 33(3)(c): the likely consequences for the people concerned
    likelyConsequences: longText().nullable().default(null),
    severity: z.enum(severities),
    notifiable: z.boolean(),
    decisionReasoning: longText().min(10),
    updateIntervalHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(24),
  })
  .meta({ id: 'NewIncident' });
export type IncidentFields = z.infer<typeof incidentFieldsSchema>;

export const incidentSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    title: z.string(),
    summary: z.string(),
    discoveredAt: z.string(),
    occurredFrom: z.string().nullable(),
    occurredTo: z.string().nullable(),
    ongoing: z.boolean(),
    detection: z.string().nullable(),
    aspects: z.array(z.enum(ciaAspects)),
    actions: z.array(z.enum(incidentActions)),
    affectedSystems: z.string().nullable(),
    serviceLineCodes: z.array(z.string()),
    partyIds: z.array(z.string()),
    rootCause: z.string().nullable(),
    encryption: z.enum(encryptionStates),
    measuresTaken: z.string().nullable(),
    measuresPlanned: z.string().nullable(),
    likelyConsequences: z.string().nullable(),
    severity: z.enum(severities),
    notifiable: z.boolean(),
    decisionReasoning: z.string(),
    status: z.enum(incidentStatuses),
    updateIntervalHours: z.number(),
    // clause 8.1: discovery + 24 hours, for every affected customer
    dueAt: z.string(),
    containedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    counts: z.object({
      included: z.number(),
      excluded: z.number(),
      toNotify: z.number(),
      phoned: z.number(),
      noticeSent: z.number(),
      acknowledged: z.number(),
      late: z.number(),
    }),
  })
  .meta({ id: 'Incident' });
export type IncidentView = z.infer<typeof incidentSchema>;

export const statusChangeSchema = z
  .object({ status: z.enum(['contained', 'closed']), note: longText(2000).optional() })
  .meta({ id: 'IncidentStatusChange' });

export const callSchema = z.object({
  id: z.string(),
  calledAt: z.string(),
  caller: z.string(),
  calleeName: z.string(),
  phoneNumber: z.string(),
  outcome: z.enum(['reached', 'voicemail', 'no_answer', 'wrong_number']),
  note: z.string().nullable(),
});

export const affectedCustomerSchema = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    customerId: z.string(),
    legalName: z.string(),
    included: z.boolean(),
    reasoning: z.string(),
    matchedServiceLines: z.array(z.string()),
    matchedParties: z.array(z.string()),
    agreementEnded: z.boolean(),
    dataTypes: z.array(z.string()),
    subjectsGroup: z.string(),
    vulnerableGroup: z.boolean(),
    personsMin: z.number().nullable(),
    personsMax: z.number().nullable(),
    contactsKnown: z.enum(contactsKnown),
    dueAt: z.string(),
    status: z.enum(obligationStatuses),
    noticeSentAt: z.string().nullable(),
    lateByMinutes: z.number().nullable(),
    lateReason: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    ictLead: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
    calls: z.array(callSchema),
    // the customer's question thread in the portal: its length, and the questions after the last answer
    messages: z.number(),
    unansweredQuestions: z.number(),
    lastMessageAt: z.string().nullable(),
  })
  .meta({ id: 'IncidentCustomer' });
export type AffectedCustomerView = z.infer<typeof affectedCustomerSchema>;

export const impactAdjustmentSchema = z
  .object({
    included: z.boolean(),
    reasoning: longText(2000).min(3),
    dataTypes: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    subjectsGroup: longText(500).min(1).optional(),
    vulnerableGroup: z.boolean().optional(),
    personsMin: z.number().int().min(0).nullable().optional(),
    personsMax: z.number().int().min(0).nullable().optional(),
    contactsKnown: z.enum(contactsKnown).optional(),
  })
  .meta({ id: 'IncidentCustomerAdjustment' });
export type ImpactAdjustment = z.infer<typeof impactAdjustmentSchema>;

export const callFieldsSchema = z
  .object({
    calledAt: instant,
    calleeName: z.string().trim().min(1).max(200),
    phoneNumber: z.string().trim().min(6).max(40),
    outcome: z.enum(['reached', 'voicemail', 'no_answer', 'wrong_number']),
    note: longText(2000).optional(),
  })
  .meta({ id: 'IncidentCall' });
export type CallFields = z.infer<typeof callFieldsSchema>;

// The open clause 8.1 obligations across all incidents, soonest deadline first (dashboard).
export const obligationSchema = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    incidentReference: z.string(),
    incidentTitle: z.string(),
    customerId: z.string(),
    legalName: z.string(),
    status: z.enum(obligationStatuses),
    dueAt: z.string(),
    overdue: z.boolean(),
  })
  .meta({ id: 'BreachObligation' });

export const headcountSchema = z
  .object({
    serviceLineCode: z.string().min(1).max(40),
    persons: z.number().int().min(0).max(10_000_000),
    unit: z.string().trim().min(1).max(40),
  })
  .meta({ id: 'Headcount' });

export const sendNoticesSchema = z
  .object({
    // default: every included customer still waiting for its notice
    customerIds: z.array(z.uuid()).min(1).max(20_000).optional(),
    // required when the 24 hours of clause 8.1 have passed for one of them
    lateReason: longText(2000).optional(),
  })
  .meta({ id: 'SendIncidentNotices' });

export const portalNoticeSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    changes: z.string().nullable(),
    sentAt: z.string(),
    language: z.enum(['nl', 'en']),
    content: z.object({
      reference: z.string(),
      title: z.string(),
      summary: z.string(),
      dataTypes: z.array(z.string()),
      personsMin: z.number(),
      personsMax: z.number(),
      subjectsGroup: z.string(),
      vulnerableGroup: z.boolean(),
      contactsKnown: z.string(),
      rootCause: z.string(),
      occurredFrom: z.string().nullable(),
      occurredTo: z.string().nullable(),
      discoveredAt: z.string(),
      ongoing: z.boolean(),
      aspects: z.array(z.string()),
      actions: z.array(z.string()),
      encryption: z.string(),
      affectedSystems: z.string().nullable(),
      measuresTaken: z.string().nullable(),
      measuresPlanned: z.string().nullable(),
      likelyConsequences: z.string().nullable(),
      processorContact: z.object({
        organisation: z.string(),
        name: z.string(),
        email: z.string(),
        phone: z.string(),
      }),
      // Art. 33(1) guidance only: the customer's own 72 hours, counted from this notice
      customerGuidanceDeadline: z.string(),
    }),
    status: z.enum(obligationStatuses),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .meta({ id: 'PortalBreachNotice' });

export const updateFieldsSchema = z
  .object({
    // seed 8.2: what developed and which measures were taken to limit, end and prevent it
    changes: longText(5000).min(10),
    // default: every customer that has had its notice
    customerIds: z.array(z.uuid()).min(1).max(20_000).optional(),
  })
  .meta({ id: 'IncidentUpdate' });

// Issue 8: the customer asks about a notice in the portal and staff answer there; messages are never edited.
export const messageFieldsSchema = z
  .object({ body: z.string().trim().min(1).max(5000) })
  .meta({ id: 'IncidentMessageFields' });

export const incidentMessageSchema = z
  .object({
    id: z.string(),
    author: z.enum(['customer', 'processor']),
    authorName: z.string(),
    noticeId: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'IncidentMessage' });
export type IncidentMessageView = z.infer<typeof incidentMessageSchema>;
