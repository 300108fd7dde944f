import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import {
  identityTypes,
  requestChannels,
  requestStatuses,
  rightTypes,
  taskKinds,
  taskOutcomes,
  taskStatuses,
} from './requests.table.ts';

const day = z.iso.date({ error: 'Use a date like 2026-03-02.' });
const instant = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 instant like 2026-03-02T09:00:00Z.' });

// An identity the person gave the customer. E-mail and phone are checked and normalised, so a sub-processor gets a
// value it can search for; the others are free text.
export const identityInputSchema = z
  .object({
    type: z.enum(identityTypes),
    value: z.string().trim().min(1, 'Give the value.').max(320),
  })
  .transform((identity, context) => {
    if (identity.type === 'email') {
      const email = z.email().safeParse(identity.value.toLowerCase());
      if (!email.success) {
        context.addIssue({ code: 'custom', path: ['value'], message: 'Not an e-mail address.' });
        return z.NEVER;
      }
      return { type: identity.type, value: email.data };
    }
    if (identity.type === 'phone') {
      const phone = parsePhoneNumberFromString(identity.value, 'NL');
      if (!phone?.isValid()) {
        context.addIssue({ code: 'custom', path: ['value'], message: 'Not a phone number we can match.' });
        return z.NEVER;
      }
      return { type: identity.type, value: phone.number };
    }
    return identity;
  });
export type IdentityInput = z.output<typeof identityInputSchema>;

const identitiesSchema = z
  .array(identityInputSchema)
  .min(1, 'Give at least one identity of the person, such as an e-mail address.')
  .max(10);

// What a customer sends (portal and API): the right, who the person is, and what the customer knows.
export const requestFieldsSchema = z
  .object({
    rightType: z.enum(rightTypes),
    identities: identitiesSchema,
    // the date the person asked the customer (Art. 12(3) guidance)
    customerReceivedOn: day.nullable().optional(),
    customerDeadlineExtended: z.boolean().optional(),
    // service lines in scope; default all the customer takes
    scope: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
    notes: z.string().trim().max(5000).nullable().optional(),
  })
  .meta({ id: 'NewDataSubjectRequest' });
export type RequestFields = z.output<typeof requestFieldsSchema>;

// Staff enter requests that came by e-mail or phone, for a customer and with the instant it arrived.
export const staffRequestFieldsSchema = requestFieldsSchema
  .extend({
    customerId: z.uuid(),
    receivedAt: instant,
    channel: z.enum(['email', 'phone']),
  })
  .meta({ id: 'NewDataSubjectRequestByStaff' });
export type StaffRequestFields = z.output<typeof staffRequestFieldsSchema>;

export const statusChangeSchema = z
  .object({
    status: z.enum(['in_progress', 'on_hold', 'rejected', 'cancelled']),
    reason: z.string().trim().max(2000).nullable().optional(),
  })
  .meta({ id: 'DataSubjectRequestStatusChange' });

export const liftSchema = z.object({ reason: z.string().trim().min(3).max(2000) });

export const taskUpdateSchema = z
  .object({
    ownerUserId: z.uuid().nullable().optional(),
    outcome: z.enum(taskOutcomes).optional(),
    outcomeNote: z.string().trim().max(5000).nullable().optional(),
  })
  .meta({ id: 'DataSubjectRequestTaskUpdate' });
export type TaskUpdate = z.output<typeof taskUpdateSchema>;

const maskedSchema = z.object({
  type: z.enum(identityTypes),
  format: z.enum(['raw', 'sha256']),
  masked: z.string(),
});

export const evidenceSchema = z
  .object({
    id: z.string(),
    taskId: z.string(),
    note: z.string().nullable(),
    fileName: z.string().nullable(),
    contentType: z.string().nullable(),
    size: z.number().nullable(),
    sha256: z.string().nullable(),
    erased: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'DataSubjectRequestEvidence' });

export const taskSchema = z
  .object({
    id: z.string(),
    kind: z.enum(taskKinds),
    title: z.string(),
    party: z.object({ id: z.string(), name: z.string(), contactEmail: z.string().nullable() }).nullable(),
    serviceLineCodes: z.array(z.string()),
    dataTypes: z.array(z.object({ nl: z.string(), en: z.string() })),
    connector: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    dueAt: z.string(),
    status: z.enum(taskStatuses),
    outcome: z.enum(taskOutcomes).nullable(),
    outcomeNote: z.string().nullable(),
    requestedAt: z.string().nullable(),
    requestedTo: z.string().nullable(),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
    evidence: z.array(evidenceSchema),
  })
  .meta({ id: 'DataSubjectRequestTask' });
export type TaskView = z.infer<typeof taskSchema>;

export const requestSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    customer: z.object({ id: z.string(), legalName: z.string() }),
    channel: z.enum(requestChannels),
    rightType: z.enum(rightTypes),
    receivedAt: z.string(),
    customerReceivedOn: z.string().nullable(),
    customerDeadlineExtended: z.boolean(),
    // Art. 12(3): the customer's own deadline towards the person, as guidance (a date)
    customerDeadline: z.string().nullable(),
    identities: z.array(maskedSchema),
    identitiesErased: z.boolean(),
    scope: z.array(z.string()),
    notes: z.string().nullable(),
    status: z.enum(requestStatuses),
    statusReason: z.string().nullable(),
    dueAt: z.string(),
    heldDays: z.number(),
    onHoldSince: z.string().nullable(),
    completedAt: z.string().nullable(),
    liftable: z.boolean(),
    liftedAt: z.string().nullable(),
    liftedReason: z.string().nullable(),
    tasks: z.object({ total: z.number(), done: z.number() }),
    subjectRequestId: z.string().nullable(),
    package: z
      .object({ fileName: z.string(), size: z.number(), expiresAt: z.string(), deleted: z.boolean() })
      .nullable(),
    createdBy: z.string(),
  })
  .meta({ id: 'DataSubjectRequest' });
export type RequestView = z.infer<typeof requestSchema>;

export const requestDetailSchema = requestSchema
  .extend({
    taskList: z.array(taskSchema),
    response: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'DataSubjectRequestDetail' });
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const requestListQuery = z.object({
  status: z.enum([...requestStatuses, 'open']).optional(),
  customerId: z.uuid().optional(),
});
