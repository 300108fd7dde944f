import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns.ts';

export const emailStatuses = ['queued', 'sent', 'failed', 'outbox'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

// The transactional outbox and the delivery log in one: a use case inserts the rendered message in its own
// transaction (so a rolled-back change sends nothing), and the mail.deliver job sends it and records the outcome.
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    template: text('template').notNull(),
    locale: text('locale', { enum: ['nl', 'en'] }).notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    // A message with a single-use link (invite, password reset): its bodies are erased once it is sent.
    sensitive: boolean('sensitive').notNull().default(false),
    bodiesErasedAt: instant('bodies_erased_at'),
    status: text('status', { enum: emailStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    // A worker's lease while it talks to the SMTP server outside any transaction; a crashed worker's lease expires.
    claimedUntil: instant('claimed_until'),
    claimToken: text('claim_token'),
    lastError: text('last_error'),
    smtpMessageId: text('smtp_message_id'),
    smtpResponse: text('smtp_response'),
    relatedEntityType: text('related_entity_type'),
    relatedEntityId: text('related_entity_id'),
    queuedBy: text('queued_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    index('outbound_emails_due_idx').on(t.status, t.nextAttemptAt),
    index('outbound_emails_created_idx').on(t.createdAt),
    index('outbound_emails_related_idx').on(t.relatedEntityType, t.relatedEntityId),
  ],
);

export const emailEventKinds = ['queued', 'outbox', 'deferred', 'sent', 'failed', 'released'] as const;
export type EmailEventKind = (typeof emailEventKinds)[number];

// Every step of a message (queued, each failed attempt, sent, failed, a manual send): what staff show a customer
// who says the breach notice never arrived.
export const outboundEmailEvents = pgTable(
  'outbound_email_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    emailId: uuid('email_id')
      .notNull()
      .references(() => outboundEmails.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: emailEventKinds }).notNull(),
    attempt: integer('attempt').notNull(),
    detail: text('detail'),
    actorLabel: text('actor_label').notNull(),
    occurredAt: instant('occurred_at').notNull(),
  },
  (t) => [index('outbound_email_events_email_idx').on(t.emailId, t.occurredAt)],
);

// Overrides of SMTP_URL and MAIL_FROM made in the settings page; null falls back to the environment. One row.
export const mailSettings = pgTable('mail_settings', {
  id: integer('id').primaryKey(),
  smtpUrl: text('smtp_url'),
  mailFrom: text('mail_from'),
  updatedAt: instant('updated_at').notNull(),
});
