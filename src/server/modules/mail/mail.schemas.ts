import { z } from 'zod';
import { locales } from '../../../shared/roles.ts';
import { parseSender, smtpSecurities } from './mail.models.ts';
import { emailEventKinds, emailStatuses } from './mail.table.ts';

const senderField = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .refine(
    (value) => parseSender(value) !== null,
    'Use an address like privacy@contict.nl or "Contict <privacy@contict.nl>".',
  );

export const smtpServerInputSchema = z
  .object({
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:-]+$/, 'A host name or IP address.'),
    port: z.number().int().min(1).max(65535),
    security: z.enum(smtpSecurities),
    username: z.string().trim().max(320),
    // Left out: keep the stored password. An empty string: no password.
    password: z.string().max(1000).optional(),
  })
  .meta({ id: 'SmtpServerUpdate' });

export const mailSettingsInputSchema = z
  .object({
    // null: use SMTP_URL from the environment (or the outbox when that is unset too).
    smtp: smtpServerInputSchema.nullable(),
    // null: use MAIL_FROM from the environment.
    mailFrom: senderField.nullable(),
  })
  .meta({ id: 'MailSettingsUpdate' });
export type MailSettingsInput = z.infer<typeof mailSettingsInputSchema>;

const smtpServerSchema = z
  .object({
    host: z.string(),
    port: z.number(),
    security: z.enum(smtpSecurities),
    username: z.string(),
    passwordSet: z.boolean(),
    // The connection URL with the password masked.
    url: z.string(),
  })
  .meta({ id: 'SmtpServer' });

export const mailSettingsSchema = z
  .object({
    // What delivery uses now.
    smtp: smtpServerSchema.nullable(),
    smtpSource: z.enum(['settings', 'environment']).nullable(),
    from: z.object({
      name: z.string(),
      address: z.string(),
      source: z.enum(['settings', 'environment', 'smtp-user', 'processor', 'default']),
    }),
    // The overrides stored from the settings page, and what the environment sets underneath them.
    override: z.object({ smtp: smtpServerSchema.nullable(), mailFrom: z.string().nullable() }),
    environment: z.object({ smtpUrl: z.string().nullable(), mailFrom: z.string().nullable() }),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'MailSettings' });
export type MailSettings = z.infer<typeof mailSettingsSchema>;

export const testEmailInputSchema = z
  .object({
    to: z.email().max(320),
    locale: z.enum(locales).default('nl'),
  })
  .meta({ id: 'TestEmailRequest' });

export const emailListQuerySchema = z.object({
  status: z.enum(emailStatuses).optional(),
  to: z.string().trim().max(320).optional(),
  template: z.string().trim().max(50).optional(),
  relatedType: z.string().trim().max(50).optional(),
  relatedId: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const emailSummarySchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    template: z.string(),
    locale: z.enum(locales),
    status: z.enum(emailStatuses),
    attempts: z.number(),
    maxAttempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    sensitive: z.boolean(),
    related: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
    queuedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'EmailSummary' });

export const emailEventSchema = z
  .object({
    kind: z.enum(emailEventKinds),
    attempt: z.number(),
    detail: z.string().nullable(),
    actor: z.string(),
    occurredAt: z.string(),
  })
  .meta({ id: 'EmailEvent' });

export const emailDetailSchema = emailSummarySchema
  .extend({
    text: z.string(),
    // The HTML part for a sandboxed preview: the logo inlined as a data: URL, and a policy that loads nothing else.
    htmlPreview: z.string(),
    bodiesErasedAt: z.string().nullable(),
    smtpMessageId: z.string().nullable(),
    smtpResponse: z.string().nullable(),
    events: z.array(emailEventSchema),
  })
  .meta({ id: 'EmailDetail' });

export const emailListSchema = z
  .object({
    items: z.array(emailSummarySchema),
    total: z.number(),
    counts: z.object(
      Object.fromEntries(emailStatuses.map((s) => [s, z.number()])) as Record<
        (typeof emailStatuses)[number],
        z.ZodNumber
      >,
    ),
  })
  .meta({ id: 'EmailList' });

export const releaseOutboxResultSchema = z
  .object({ released: z.number(), sent: z.number(), deferred: z.number(), failed: z.number() })
  .meta({ id: 'OutboxRelease' });
