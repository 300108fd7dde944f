import { z } from 'zod';
import { customerRoles } from '../../../shared/roles.ts';
import {
  customerDetailSchema,
  instructionFieldsSchema,
  signatureFieldsSchema,
} from '../customers/customers.schemas.ts';
import { dpaStatuses } from '../customers/customers.table.ts';

// The portal answers in the staff side's shapes where it shows the same thing (customer detail, DPA,
// instruction, record), so the web app reuses its types and components.
const agreementView = customerDetailSchema.shape.agreements.element;
export const portalDpaSchema = agreementView.shape.dpas.element;

const uuid = z.string().uuid();
export const portalAgreementParams = z.object({ agreementId: uuid });
export const portalDpaParams = portalAgreementParams.extend({ dpaId: uuid });
export const portalSignatureParams = portalDpaParams.extend({ signatureId: uuid });
export const portalContactParams = z.object({ contactId: uuid });
export const portalInstructionParams = z.object({ instructionId: uuid });
export const portalAttachmentParams = portalInstructionParams.extend({ attachmentId: uuid });

// The signer is named; when, how and from where come from the session and the clock, not the body.
export const portalSignatureSchema = signatureFieldsSchema
  .pick({ signerName: true, signerRole: true })
  .meta({ id: 'PortalDpaSignature' });
export type PortalSignatureFields = z.infer<typeof portalSignatureSchema>;

// Received today, through the portal; the sender defaults to the signed-in contact.
export const portalInstructionFieldsSchema = instructionFieldsSchema
  .omit({ receivedOn: true, channel: true })
  .extend({ fromName: instructionFieldsSchema.shape.fromName.optional() })
  .meta({ id: 'NewPortalInstruction' });
export type PortalInstructionFields = z.infer<typeof portalInstructionFieldsSchema>;

const openItemSchema = z.discriminatedUnion('kind', [
  // A DPA version waiting for the customer's signature (clause 2.1: in force once both have signed).
  z.object({
    kind: z.literal('dpa_signature'),
    id: z.string(),
    agreementId: z.string(),
    agreementReference: z.string(),
    version: z.number(),
    status: z.enum(dpaStatuses),
    sentAt: z.string().nullable(),
    dueAt: z.string().nullable(),
  }),
  // An instruction the processor holds as infringing, until the customer answers (Art. 28(3), last subparagraph).
  z.object({
    kind: z.literal('instruction_answer'),
    id: z.string(),
    receivedOn: z.string(),
    excerpt: z.string(),
    concern: z.string().nullable(),
    noticeSentAt: z.string().nullable(),
    dueAt: z.string().nullable(),
  }),
  // A colleague invited to the portal who has not accepted yet (customer-admins only); the link expires.
  z.object({
    kind: z.literal('invite'),
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(customerRoles),
    dueAt: z.string().nullable(),
  }),
  // A sub-processor the processor wants to engage, waiting for the customer's written consent (clause 3.4, 5.1).
  z.object({
    kind: z.literal('subprocessor_consent'),
    id: z.string(),
    partyId: z.string(),
    name: z.string(),
    transferRequired: z.boolean(),
    dueAt: z.string().nullable(),
  }),
]);
export type OpenItem = z.infer<typeof openItemSchema>;

export const portalOverviewSchema = z
  .object({
    customer: z.object({ id: z.string(), legalName: z.string(), kvkNumber: z.string() }),
    agreements: z.array(
      agreementView.pick({ id: true, reference: true, startDate: true, endDate: true, status: true }).extend({
        // the newest version the customer has been sent
        dpa: portalDpaSchema
          .pick({ id: true, version: true, status: true, sentAt: true, effectiveDate: true, inForce: true })
          .nullable(),
      }),
    ),
    openItems: z.array(openItemSchema),
  })
  .meta({ id: 'PortalOverview' });
export type PortalOverview = z.infer<typeof portalOverviewSchema>;
