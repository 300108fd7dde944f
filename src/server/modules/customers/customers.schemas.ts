import { z } from 'zod';
import { locales } from '../../../shared/roles.ts';
import { contactRoles, dpaStatuses, instructionChannels, instructionStatuses } from './customers.table.ts';

const day = z.iso.date();
const kvk = z
  .string()
  .trim()
  .regex(/^\d{8}$/, 'A KvK number has 8 digits.');
const name = z.string().trim().min(1).max(200);

export const customerFieldsSchema = z
  .object({
    legalName: name,
    kvkNumber: kvk,
    street: z.string().trim().max(200).default(''),
    postalCode: z.string().trim().max(20).default(''),
    city: z.string().trim().max(100).default(''),
    country: z.string().trim().length(2).toUpperCase().default('NL'),
    locale: z.enum(locales).default('nl'),
  })
  .meta({ id: 'NewCustomer' });
export type CustomerFields = z.infer<typeof customerFieldsSchema>;
export const customerPatchSchema = customerFieldsSchema.partial().meta({ id: 'CustomerPatch' });

export const contactFieldsSchema = z
  .object({
    name,
    email: z.string().trim().email().max(254),
    phone: z.string().trim().max(40).nullable().default(null),
    roles: z.array(z.enum(contactRoles)).min(1).max(contactRoles.length),
  })
  .meta({ id: 'NewContact' });
export type ContactFields = z.infer<typeof contactFieldsSchema>;

export const serviceFieldsSchema = z.object({
  serviceLineCode: z.string().min(1).max(40),
  startDate: day,
  endDate: day.nullable().default(null),
});
export type ServiceFields = z.infer<typeof serviceFieldsSchema>;

export const agreementFieldsSchema = z
  .object({
    reference: z.string().trim().min(1).max(60),
    startDate: day,
    services: z.array(serviceFieldsSchema).max(20).default([]),
  })
  .meta({ id: 'NewAgreement' });
export type AgreementFields = z.infer<typeof agreementFieldsSchema>;

export const noticeSchema = z.object({ noticeGivenOn: day, endDate: day }).meta({ id: 'AgreementNotice' });
export const serviceEndSchema = z.object({ endDate: day.nullable() }).meta({ id: 'ServiceEnd' });

export const signatureFieldsSchema = z
  .object({
    party: z.enum(['customer', 'processor']),
    signerName: name,
    signerRole: z.string().trim().min(1).max(100),
    signedAt: z.iso.datetime({ offset: true }),
    file: z.object({
      name: z.string().trim().min(1).max(200),
      dataBase64: z.string().min(1).max(14_000_000),
    }),
  })
  .meta({ id: 'NewDpaSignature' });
export type SignatureFields = z.infer<typeof signatureFieldsSchema>;

export const instructionFieldsSchema = z
  .object({
    receivedOn: day,
    fromName: name,
    channel: z.enum(instructionChannels),
    text: z.string().trim().min(1).max(20_000),
    serviceLineCodes: z.array(z.string().min(1).max(40)).max(20).default([]),
    attachments: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(200),
          mime: z.string().max(100),
          dataBase64: z.string().min(1).max(14_000_000),
        }),
      )
      .max(10)
      .default([]),
  })
  .meta({ id: 'NewInstruction' });
export type InstructionFields = z.infer<typeof instructionFieldsSchema>;

export const instructionFlagSchema = z
  .object({ concern: z.string().trim().min(1).max(5000) })
  .meta({ id: 'InstructionFlag' });
export const instructionAnswerSchema = z
  .object({ answer: z.string().trim().min(1).max(5000), outcome: z.enum(['in_force', 'withdrawn']) })
  .meta({ id: 'InstructionAnswer' });

export const customerParams = z.object({ customerId: z.string().uuid() });
export const contactParams = customerParams.extend({ contactId: z.string().uuid() });
export const agreementParams = customerParams.extend({ agreementId: z.string().uuid() });
export const serviceParams = agreementParams.extend({ serviceId: z.string().uuid() });
export const dpaParams = agreementParams.extend({ dpaId: z.string().uuid() });
export const signatureParams = dpaParams.extend({ signatureId: z.string().uuid() });
export const instructionParams = customerParams.extend({ instructionId: z.string().uuid() });

export const customerListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'terminated', 'ended', 'none']).optional(),
  serviceLine: z.string().max(40).optional(),
  demo: z.enum(['true', 'false']).optional(),
  sort: z.enum(['legalName', 'kvkNumber', 'city', 'createdAt']).default('legalName'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

const contactView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  roles: z.array(z.enum(contactRoles)),
});
const signatureView = z.object({
  id: z.string(),
  party: z.enum(['customer', 'processor']),
  signerName: z.string(),
  signerRole: z.string(),
  signedAt: z.string(),
  method: z.enum(['uploaded_pdf', 'portal']),
  fileName: z.string().nullable(),
  fileSha256: z.string().nullable(),
  accountId: z.string().nullable(),
  ip: z.string().nullable(),
});
const dpaView = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum([...dpaStatuses, 'ended']),
  registerVersion: z.number().nullable(),
  reason: z.string().nullable(),
  sentAt: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  supersededOn: z.string().nullable(),
  createdAt: z.string(),
  inForce: z.boolean(),
  signatures: z.array(signatureView),
});
const serviceView = z.object({
  id: z.string(),
  serviceLineCode: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  activeToday: z.boolean(),
});
const agreementView = z.object({
  id: z.string(),
  reference: z.string(),
  startDate: z.string(),
  noticeGivenOn: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.enum(['active', 'terminated', 'ended']),
  services: z.array(serviceView),
  dpas: z.array(dpaView),
});
const instructionView = z.object({
  id: z.string(),
  receivedOn: z.string(),
  fromName: z.string(),
  channel: z.enum(instructionChannels),
  text: z.string(),
  serviceLineCodes: z.array(z.string()),
  status: z.enum(instructionStatuses),
  concern: z.string().nullable(),
  noticeSentAt: z.string().nullable(),
  customerAnswer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  attachments: z.array(
    z.object({ id: z.string(), fileName: z.string(), mime: z.string(), sha256: z.string() }),
  ),
  createdAt: z.string(),
});
export const customerSummarySchema = z
  .object({
    id: z.string(),
    legalName: z.string(),
    kvkNumber: z.string(),
    city: z.string(),
    isDemo: z.boolean(),
    status: z.enum(['active', 'terminated', 'ended', 'none']),
    services: z.array(z.string()),
    dpaStatus: z.string().nullable(),
  })
  .meta({ id: 'CustomerSummary' });
export const customerDetailSchema = z
  .object({
    id: z.string(),
    legalName: z.string(),
    kvkNumber: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    locale: z.enum(locales),
    isDemo: z.boolean(),
    status: z.enum(['active', 'terminated', 'ended', 'none']),
    createdAt: z.string(),
    updatedAt: z.string(),
    contacts: z.array(contactView),
    agreements: z.array(agreementView),
  })
  .meta({ id: 'Customer' });
export const instructionSchema = instructionView.meta({ id: 'Instruction' });
export type CustomerDetail = z.infer<typeof customerDetailSchema>;
