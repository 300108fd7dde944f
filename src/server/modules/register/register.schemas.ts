import { z } from 'zod';
import {
  dataCategoryCodes,
  dataSubjectCodes,
  gdprOperationCodes,
  operationCodePattern,
  processorRoles,
  serviceLineCodePattern,
} from '../../../shared/register-taxonomy.ts';
import { retentionKinds, retentionRuleSchema } from '../../../shared/retention.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

// ---- service lines -----------------------------------------------------------------------------------------

export const serviceLineSchema = z
  .object({
    code: z.string(),
    nameNl: z.string(),
    nameEn: z.string(),
    productName: z.string().nullable(),
    purposeNl: z.string(),
    purposeEn: z.string(),
    position: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    retiredAt: z.string().nullable(),
  })
  .meta({ id: 'ServiceLine' });
export type ServiceLineView = z.infer<typeof serviceLineSchema>;

const serviceLineFields = {
  nameNl: text(100),
  nameEn: text(100),
  productName: optionalText(100),
  purposeNl: text(2000),
  purposeEn: text(2000),
  position: z.number().int().min(0).max(1_000_000).optional(),
};
export const newServiceLineSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(serviceLineCodePattern, 'A code is 2-40 lower-case letters, digits or dashes, e.g. "voip".'),
    ...serviceLineFields,
  })
  .meta({ id: 'NewServiceLine' });
export const serviceLineUpdateSchema = z.object(serviceLineFields).meta({ id: 'ServiceLineUpdate' });
export type NewServiceLine = z.infer<typeof newServiceLineSchema>;
export type ServiceLineUpdate = z.infer<typeof serviceLineUpdateSchema>;

// ---- processing operations ---------------------------------------------------------------------------------

export const operationSchema = z
  .object({
    code: z.string(),
    labelNl: z.string(),
    labelEn: z.string(),
    gdprOperation: z.enum(gdprOperationCodes).nullable(),
    position: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    retiredAt: z.string().nullable(),
  })
  .meta({ id: 'ProcessingOperation' });
export type OperationView = z.infer<typeof operationSchema>;

const operationFields = {
  labelNl: text(100),
  labelEn: text(100),
  gdprOperation: z.enum(gdprOperationCodes).nullable(),
  position: z.number().int().min(0).max(1_000_000).optional(),
};
export const newOperationSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(
        operationCodePattern,
        'A code is 2-40 lower-case letters, digits or underscores, e.g. "collect".',
      ),
    ...operationFields,
  })
  .meta({ id: 'NewProcessingOperation' });
export const operationUpdateSchema = z.object(operationFields).meta({ id: 'ProcessingOperationUpdate' });
export type NewOperation = z.infer<typeof newOperationSchema>;
export type OperationUpdate = z.infer<typeof operationUpdateSchema>;

// ---- parties (sub-processors) ------------------------------------------------------------------------------

export const partySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string().nullable(),
    country: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    retiredAt: z.string().nullable(),
  })
  .meta({ id: 'Party' });
export type PartyView = z.infer<typeof partySchema>;

// ";" separates sub-processors in the CSV and XLSX exports, so a name cannot hold one.
export const partyFieldsSchema = z
  .object({
    name: text(200).refine((v) => !/[;\n\r]/.test(v), 'A name cannot contain ";" or a line break.'),
    legalName: optionalText(200),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Use the two-letter ISO 3166-1 country code, e.g. NL.')
      .nullish()
      .transform((v) => v ?? null),
  })
  .meta({ id: 'PartyFields' });
export type PartyFields = z.infer<typeof partyFieldsSchema>;

// ---- entries -----------------------------------------------------------------------------------------------

export const entrySchema = z
  .object({
    id: z.string(),
    serviceLine: z.string(),
    dataTypeNl: z.string(),
    dataTypeEn: z.string(),
    dataCategories: z.array(z.string()),
    dataSubjects: z.array(z.string()),
    specialCategory: z.boolean(),
    criminalData: z.boolean(),
    processedByProcessor: z.boolean(),
    processorRole: z.enum(processorRoles),
    retentionRule: retentionRuleSchema,
    retentionNl: z.string(),
    retentionEn: z.string(),
    subprocessors: z.array(z.object({ id: z.string(), name: z.string() })),
    position: z.number(),
    revision: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    retiredAt: z.string().nullable(),
  })
  .meta({ id: 'RegisterEntry' });
export type EntryView = z.infer<typeof entrySchema>;

const uniqueList = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1, `Name at least one ${what}.`)
    .max(30)
    .refine((list) => new Set(list).size === list.length, `A ${what} is listed twice.`);

export const entryFieldsSchema = z
  .object({
    serviceLine: z.string().trim().min(1).max(40),
    dataTypeNl: text(300),
    dataTypeEn: text(300),
    dataCategories: uniqueList(z.enum(dataCategoryCodes), 'data category'),
    dataSubjects: uniqueList(z.enum(dataSubjectCodes), 'category of data subjects'),
    processedByProcessor: z.boolean(),
    processorRole: z.enum(processorRoles).default('processor'),
    retentionRule: retentionRuleSchema,
    subprocessorIds: z
      .array(z.string().uuid())
      .max(20)
      .refine((list) => new Set(list).size === list.length, 'A sub-processor is listed twice.'),
  })
  .meta({ id: 'RegisterEntryFields' });
export type EntryFields = z.infer<typeof entryFieldsSchema>;

export const entryUpdateSchema = entryFieldsSchema
  .extend({
    // the revision the editor started from; a later change by someone else answers 409 instead of being lost
    revision: z.number().int().min(1).optional(),
  })
  .meta({ id: 'RegisterEntryUpdate' });

// ---- the register as a whole -------------------------------------------------------------------------------

export const versionSchema = z
  .object({
    version: z.number(),
    createdAt: z.string(),
    actorLabel: z.string(),
    action: z.string(),
    summary: z.string(),
  })
  .meta({ id: 'RegisterVersion' });
export type VersionView = z.infer<typeof versionSchema>;

export type RegisterSnapshot = {
  serviceLines: ServiceLineView[];
  operations: OperationView[];
  parties: PartyView[];
  entries: EntryView[];
};

export const registerViewSchema = z
  .object({
    version: versionSchema.nullable(),
    asOf: z.string().nullable(),
    serviceLines: z.array(serviceLineSchema),
    operations: z.array(operationSchema),
    parties: z.array(partySchema),
    entries: z.array(entrySchema),
  })
  .meta({ id: 'Register' });

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

const asOf = z
  .string()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success,
    'Give a date (2026-05-01) or an ISO instant with offset.',
  );

export const registerFilterSchema = z.object({
  serviceLine: z.string().max(40).optional(),
  subprocessor: z.string().max(200).optional(),
  dataCategory: z.enum(dataCategoryCodes).optional(),
  retention: z.enum(retentionKinds).optional(),
  includeRetired: flag,
  asOf: asOf.optional(),
  version: z.coerce.number().int().min(1).optional(),
});
export type RegisterFilter = z.infer<typeof registerFilterSchema>;

export const exportQuerySchema = z.object({
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  includeRetired: flag,
  asOf: asOf.optional(),
  version: z.coerce.number().int().min(1).optional(),
});

export const importQuerySchema = z.object({
  skipInvalid: flag,
  dryRun: flag,
  retireMissing: flag,
});

const importIssueSchema = z.object({ column: z.string().nullable(), code: z.string(), message: z.string() });
export const importReportSchema = z
  .object({
    format: z.enum(['csv', 'xlsx']).nullable(),
    dryRun: z.boolean(),
    applied: z.boolean(),
    registerVersion: z.number().nullable(),
    counts: z.object({
      rows: z.number(),
      create: z.number(),
      update: z.number(),
      unchanged: z.number(),
      invalid: z.number(),
      retire: z.number(),
    }),
    fileErrors: z.array(z.object({ code: z.string(), message: z.string() })),
    rows: z.array(
      z.object({
        row: z.number(),
        status: z.enum(['create', 'update', 'unchanged', 'invalid']),
        entryId: z.string().nullable(),
        serviceLine: z.string().nullable(),
        dataType: z.string().nullable(),
        changes: z.array(z.string()),
        errors: z.array(importIssueSchema),
      }),
    ),
    retired: z.array(z.object({ entryId: z.string(), serviceLine: z.string(), dataType: z.string() })),
  })
  .meta({ id: 'RegisterImportReport' });
export type ImportReport = z.infer<typeof importReportSchema>;

export const codeParamsSchema = z.object({ code: z.string().max(40) });
export const idParamsSchema = z.object({ id: z.string().uuid() });
