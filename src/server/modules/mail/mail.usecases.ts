import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Locale } from '../../../shared/roles.ts';
import { loadMailEnvironment, type MailEnvironment } from '../../config.ts';
import { type Ctx, systemActor } from '../../context.ts';
import type { Db, DbOrTx } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { JobDeps } from '../../jobs/job.types.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { getProcessorLogo, getProcessorProfile } from '../settings/settings.usecases.ts';
import { requestMailDelivery } from './mail.dispatch.ts';
import {
  claimLeaseMs,
  describeSmtpError,
  formatSmtpUrl,
  isPermanentFailure,
  maskSmtpUrl,
  maxAttempts,
  nextAttemptAt,
  nodemailerOptions,
  parseSender,
  parseSmtpUrl,
  type SmtpServer,
} from './mail.models.ts';
import {
  claimDueEmails,
  completeClaim,
  countEmailsByStatus,
  type EmailEventRow,
  type EmailFilter,
  type EmailRow,
  findEmail,
  findEmailEvents,
  findEmails,
  findMailSettings,
  insertEmail,
  insertEmailEvent,
  lockEmail,
  lockOutbox,
  moveDueToOutbox,
  releaseClaims,
  updateEmail,
  upsertMailSettings,
} from './mail.repository.ts';
import type { MailSettings, MailSettingsInput } from './mail.schemas.ts';
import type { EmailStatus } from './mail.table.ts';
import {
  type Branding,
  logoContentId,
  renderEmail,
  type TemplateData,
  type TemplateName,
} from './mail.templates.ts';

type ProcessorFacts = { legalName: string; privacyContactEmail: string; hasLogo: boolean };

// queueEmail runs inside the caller's transaction, so it must read through that transaction too: on the embedded
// database a second connection would wait for the very transaction that is waiting for it. The settings module
// takes a Ctx; its reads only use ctx.db, which a transaction serves as well.
async function processorFacts(tx: DbOrTx, ctx: Pick<Ctx, 'clock' | 'actor'>): Promise<ProcessorFacts> {
  const profile = await getProcessorProfile({ ...ctx, db: tx as Db });
  return {
    legalName: profile.legalName,
    privacyContactEmail: profile.privacyContactEmail,
    hasLogo: profile.logo !== null,
  };
}

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────────────────

export type MailConfig = {
  smtp: SmtpServer | null;
  smtpSource: 'settings' | 'environment' | null;
  from: { name: string; address: string; source: MailSettings['from']['source'] };
};

function resolveConfig(
  stored: { smtpUrl: string | null; mailFrom: string | null } | null,
  env: MailEnvironment,
  processor: Pick<ProcessorFacts, 'legalName' | 'privacyContactEmail'>,
): MailConfig {
  const override = stored?.smtpUrl ? parseSmtpUrl(stored.smtpUrl) : null;
  const fromEnv = env.smtpUrl ? parseSmtpUrl(env.smtpUrl) : null;
  const smtp = override ?? fromEnv;
  const candidates: [string | null | undefined, MailConfig['from']['source']][] = [
    [stored?.mailFrom, 'settings'],
    [env.mailFrom, 'environment'],
    // Most providers only accept mail from the mailbox that logged in.
    [smtp?.username, 'smtp-user'],
    [processor.privacyContactEmail, 'processor'],
  ];
  for (const [value, source] of candidates) {
    const sender = value ? parseSender(value) : null;
    if (sender) {
      return {
        smtp,
        smtpSource: override ? 'settings' : fromEnv ? 'environment' : null,
        from: { name: sender.name ?? processor.legalName, address: sender.address, source },
      };
    }
  }
  return {
    smtp,
    smtpSource: override ? 'settings' : fromEnv ? 'environment' : null,
    from: { name: processor.legalName, address: 'art28@localhost', source: 'default' },
  };
}

export async function loadMailConfig(
  db: DbOrTx,
  ctx: Pick<Ctx, 'clock' | 'actor'>,
  env: MailEnvironment = loadMailEnvironment(),
) {
  const [stored, processor] = await Promise.all([findMailSettings(db), processorFacts(db, ctx)]);
  return { config: resolveConfig(stored, env, processor), stored, processor };
}

const presentServer = (server: SmtpServer | null) =>
  server
    ? {
        host: server.host,
        port: server.port,
        security: server.security,
        username: server.username,
        passwordSet: server.password !== '',
        url: maskSmtpUrl(server),
      }
    : null;

export async function getMailSettings(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>): Promise<MailSettings> {
  const env = loadMailEnvironment();
  const { config, stored } = await loadMailConfig(ctx.db, ctx, env);
  return {
    smtp: presentServer(config.smtp),
    smtpSource: config.smtpSource,
    from: config.from,
    override: {
      smtp: presentServer(stored?.smtpUrl ? parseSmtpUrl(stored.smtpUrl) : null),
      mailFrom: stored?.mailFrom ?? null,
    },
    environment: {
      smtpUrl: env.smtpUrl ? maskSmtpUrl(parseSmtpUrl(env.smtpUrl)) : null,
      mailFrom: env.mailFrom ?? null,
    },
    updatedAt: stored?.updatedAt.toISOString() ?? null,
  };
}

export async function updateMailSettings(ctx: Ctx, input: MailSettingsInput) {
  const before = await getMailSettings(ctx);
  await ctx.db.transaction(async (tx) => {
    const stored = await findMailSettings(tx);
    const previous = stored?.smtpUrl ? parseSmtpUrl(stored.smtpUrl) : null;
    const smtp: SmtpServer | null = input.smtp
      ? {
          host: input.smtp.host,
          port: input.smtp.port,
          security: input.smtp.security,
          username: input.smtp.username,
          // The form never sees the stored password; leaving the field out keeps it.
          password: input.smtp.password ?? previous?.password ?? '',
        }
      : null;
    await upsertMailSettings(tx, {
      smtpUrl: smtp ? formatSmtpUrl(smtp) : null,
      mailFrom: input.mailFrom,
      updatedAt: ctx.clock.now(),
    });
    await recordAuditEvent(tx, ctx, {
      action: 'mail.settings_updated',
      entityType: 'settings',
      entityId: 'mail',
      before: { smtp: before.override.smtp, mailFrom: before.override.mailFrom },
      after: {
        smtp: presentServer(smtp),
        mailFrom: input.mailFrom,
        passwordChanged: input.smtp?.password !== undefined && input.smtp.password !== previous?.password,
      },
    });
  });
  return getMailSettings(ctx);
}

// ── Queueing (the outbox) ───────────────────────────────────────────────────────────────────────────────────────

const recipientSchema = z.email().max(320);

export type QueueEmailInput<T extends TemplateName> = {
  to: string;
  template: T;
  locale: Locale;
  data: TemplateData<T>;
  // What the message is about (a customer contact's invite, a breach): lets the log be filtered per subject.
  related?: { type: string; id?: string | null | undefined } | undefined;
  // Holds a single-use link (invite, password reset): the bodies are erased from the log once it is sent.
  sensitive?: boolean | undefined;
};

// Call inside the use case's own transaction: the message is stored (rendered, so the log shows exactly what was
// sent) and commits or rolls back with the change it belongs to. Delivery happens after commit, by the
// mail.deliver job. Without an SMTP server the message goes straight to the outbox page.
export async function queueEmail<T extends TemplateName>(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'clock' | 'actor'>,
  input: QueueEmailInput<T>,
): Promise<{ id: string; status: EmailStatus }> {
  const to = recipientSchema.safeParse(input.to.trim());
  if (!to.success) {
    throw badRequest('mail.invalid_recipient', `Not an e-mail address: ${input.to}`);
  }
  const { config, processor } = await loadMailConfig(tx, ctx);
  const brand: Branding = {
    processorName: processor.legalName,
    privacyContactEmail: processor.privacyContactEmail,
    logoCid: processor.hasLogo ? logoContentId : null,
  };
  const rendered = renderEmail(input.template, input.data, input.locale, brand);
  const now = ctx.clock.now();
  const status: EmailStatus = config.smtp ? 'queued' : 'outbox';
  const row = await insertEmail(tx, {
    toAddress: to.data,
    subject: rendered.subject,
    template: input.template,
    locale: input.locale,
    textBody: rendered.text,
    htmlBody: rendered.html,
    sensitive: input.sensitive ?? false,
    status,
    attempts: 0,
    nextAttemptAt: status === 'queued' ? now : null,
    relatedEntityType: input.related?.type ?? null,
    relatedEntityId: input.related?.id ?? null,
    queuedBy: ctx.actor.label,
    createdAt: now,
    updatedAt: now,
  });
  await insertEmailEvent(tx, {
    emailId: row.id,
    kind: 'queued',
    attempt: 0,
    actorLabel: ctx.actor.label,
    occurredAt: now,
  });
  if (status === 'outbox') {
    await insertEmailEvent(tx, {
      emailId: row.id,
      kind: 'outbox',
      attempt: 0,
      detail: 'No SMTP server is configured.',
      actorLabel: 'system',
      occurredAt: now,
    });
  } else {
    requestMailDelivery();
  }
  return { id: row.id, status };
}

// ── Delivery ────────────────────────────────────────────────────────────────────────────────────────────────────

export type DeliverySummary = { sent: number; deferred: number; failed: number; outbox: number };
type DeliveryDeps = Pick<JobDeps, 'db' | 'clock'> & { log?: JobDeps['log'] | undefined };

const batchSize = 10;
const maxBatchesPerRun = 20;
// Errors where the server was never reached or refused us as a client: the next message would meet the same fate.
const connectionErrors = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH',
  'ETLS',
  'EPROTOCOL',
]);

type Logo = { bytes: Buffer; mime: string } | null;

function messageOf(row: EmailRow, config: MailConfig, logo: Logo) {
  const usesLogo = row.htmlBody.includes(`cid:${logoContentId}`);
  const extension = logo?.mime === 'image/jpeg' ? 'jpg' : logo?.mime === 'image/svg+xml' ? 'svg' : 'png';
  return {
    from: { name: config.from.name, address: config.from.address },
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    attachments:
      usesLogo && logo
        ? [
            {
              filename: `logo.${extension}`,
              content: logo.bytes,
              contentType: logo.mime,
              cid: logoContentId,
              contentDisposition: 'inline' as const,
            },
          ]
        : [],
    headers: {
      // RFC 3834: no out-of-office replies to notices.
      'Auto-Submitted': 'auto-generated',
      'X-Art28-Message-Id': row.id,
    },
  };
}

// Sends what is due: claims a batch (a lease, in a short transaction), talks SMTP outside any transaction, and
// records each outcome. `ids` limits the run to given messages (the test mail, "send now").
export async function deliverDueEmails(
  deps: DeliveryDeps,
  options: { ids?: readonly string[] } = {},
): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, deferred: 0, failed: 0, outbox: 0 };
  const ctx = { db: deps.db, clock: deps.clock, actor: systemActor };
  const { config } = await loadMailConfig(deps.db, ctx);

  if (!config.smtp) {
    // The SMTP settings were removed after these were queued: park them where staff can see them.
    const parked = await deps.db.transaction(async (tx) => {
      const rows = await moveDueToOutbox(tx, deps.clock.now(), options.ids);
      for (const row of rows) {
        await insertEmailEvent(tx, {
          emailId: row.id,
          kind: 'outbox',
          attempt: row.attempts,
          detail: 'No SMTP server is configured.',
          actorLabel: 'system',
          occurredAt: deps.clock.now(),
        });
      }
      return rows.length;
    });
    summary.outbox = parked;
    return summary;
  }

  const smtp = config.smtp;
  let transport: ReturnType<typeof nodemailer.createTransport> | null = null;
  let logo: Logo | undefined;
  try {
    for (let batch = 0; batch < maxBatchesPerRun; batch++) {
      const token = randomUUID();
      const now = deps.clock.now();
      const claimed = await deps.db.transaction((tx) =>
        claimDueEmails(tx, {
          now,
          leaseUntil: new Date(now.getTime() + claimLeaseMs),
          token,
          limit: batchSize,
          ids: options.ids,
        }),
      );
      if (claimed.length === 0) {
        break;
      }
      logo ??= await getProcessorLogo(ctx);
      transport ??= nodemailer.createTransport(nodemailerOptions(smtp));
      let unreachable = false;
      for (const [index, row] of claimed.entries()) {
        try {
          const info = await transport.sendMail(messageOf(row, config, logo));
          await recordSent(deps, row, token, info);
          summary.sent++;
        } catch (error) {
          const outcome = await recordFailure(deps, row, token, error);
          summary[outcome]++;
          const code = (error as { code?: string }).code;
          if (code && connectionErrors.has(code)) {
            unreachable = true;
            const rest = claimed.slice(index + 1).map((r) => r.id);
            await deps.db.transaction((tx) => releaseClaims(tx, rest, token, deps.clock.now()));
            deps.log?.warn({ code, host: smtp.host }, 'SMTP server unreachable; the rest of the batch waits');
            break;
          }
        }
      }
      if (unreachable || options.ids) {
        break;
      }
    }
  } finally {
    transport?.close();
  }
  return summary;
}

async function recordSent(
  deps: DeliveryDeps,
  row: EmailRow,
  token: string,
  info: { messageId?: string; response?: string },
) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const done = await completeClaim(tx, row.id, token, {
      status: 'sent',
      sentAt: now,
      updatedAt: now,
      nextAttemptAt: null,
      lastError: null,
      smtpMessageId: info.messageId ?? null,
      smtpResponse: info.response?.slice(0, 1000) ?? null,
      // A single-use link should not sit readable in a log once it reached the recipient's server.
      ...(row.sensitive ? { textBody: '', htmlBody: '', bodiesErasedAt: now } : {}),
    });
    if (done) {
      await insertEmailEvent(tx, {
        emailId: row.id,
        kind: 'sent',
        attempt: row.attempts,
        detail: info.response?.slice(0, 1000) ?? null,
        actorLabel: 'system',
        occurredAt: now,
      });
    }
  });
}

async function recordFailure(
  deps: DeliveryDeps,
  row: EmailRow,
  token: string,
  error: unknown,
): Promise<'deferred' | 'failed'> {
  const now = deps.clock.now();
  const message = describeSmtpError(error);
  // A test mail answers the admin's question right away; retrying it later would only deliver a stale test.
  const next = isPermanentFailure(error) || row.template === 'test' ? null : nextAttemptAt(row.attempts, now);
  await deps.db.transaction(async (tx) => {
    const done = await completeClaim(tx, row.id, token, {
      status: next ? 'queued' : 'failed',
      nextAttemptAt: next,
      lastError: message,
      updatedAt: now,
    });
    if (done) {
      await insertEmailEvent(tx, {
        emailId: row.id,
        kind: next ? 'deferred' : 'failed',
        attempt: row.attempts,
        detail: message,
        actorLabel: 'system',
        occurredAt: now,
      });
    }
  });
  deps.log?.warn(
    { emailId: row.id, attempt: row.attempts, nextAttemptAt: next?.toISOString() ?? null },
    `mail delivery failed: ${message}`,
  );
  return next ? 'deferred' : 'failed';
}

// ── Staff actions ───────────────────────────────────────────────────────────────────────────────────────────────

const notConfigured = () =>
  conflict(
    'mail.not_configured',
    'No SMTP server is configured: set SMTP_URL or the SMTP settings under Settings → E-mail first.',
  );

export async function sendTestEmail(ctx: Ctx, input: { to: string; locale: Locale }, log?: JobDeps['log']) {
  const { config } = await loadMailConfig(ctx.db, ctx);
  if (!config.smtp) {
    throw notConfigured();
  }
  const queued = await ctx.db.transaction((tx) =>
    queueEmail(tx, ctx, {
      to: input.to,
      template: 'test',
      locale: input.locale,
      data: { requestedBy: ctx.actor.label },
      related: { type: 'mail-test' },
    }),
  );
  await deliverDueEmails({ db: ctx.db, clock: ctx.clock, log }, { ids: [queued.id] });
  return getEmail(ctx, queued.id);
}

// "Send now": an outbox message once SMTP is configured, a failed one after the cause was fixed, or a deferred
// one without waiting for its next attempt. A sent message is not sent twice.
export async function sendEmailNow(ctx: Ctx, id: string, log?: JobDeps['log']) {
  const { config } = await loadMailConfig(ctx.db, ctx);
  await ctx.db.transaction(async (tx) => {
    const row = await lockEmail(tx, id);
    if (!row) {
      throw notFound('Message');
    }
    if (row.status === 'sent') {
      throw conflict('mail.already_sent', 'This message was sent already.');
    }
    if (row.bodiesErasedAt) {
      throw conflict('mail.erased', 'The content of this message was erased; it cannot be sent again.');
    }
    if (!config.smtp) {
      throw notConfigured();
    }
    const now = ctx.clock.now();
    if (row.claimedUntil && row.claimedUntil > now) {
      throw conflict('mail.sending', 'This message is being sent right now.');
    }
    const after = await updateEmail(tx, id, {
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      updatedAt: now,
    });
    await insertEmailEvent(tx, {
      emailId: id,
      kind: 'released',
      attempt: 0,
      detail: `Sent now by ${ctx.actor.label} (was ${row.status}).`,
      actorLabel: ctx.actor.label,
      occurredAt: now,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'mail.send_requested',
      entityType: 'email',
      entityId: id,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
      after: { status: after.status, to: row.toAddress, subject: row.subject, template: row.template },
    });
  });
  await deliverDueEmails({ db: ctx.db, clock: ctx.clock, log }, { ids: [id] });
  return getEmail(ctx, id);
}

// Everything in the outbox goes to the queue at once (after SMTP was configured). The first messages are sent
// within the request; the rest by the next job runs.
const sendWithinRequest = 50;

export async function releaseOutbox(ctx: Ctx, log?: JobDeps['log']) {
  const { config } = await loadMailConfig(ctx.db, ctx);
  if (!config.smtp) {
    throw notConfigured();
  }
  const ids = await ctx.db.transaction(async (tx) => {
    const rows = await lockOutbox(tx);
    const now = ctx.clock.now();
    for (const row of rows) {
      await updateEmail(tx, row.id, { status: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: now });
      await insertEmailEvent(tx, {
        emailId: row.id,
        kind: 'released',
        attempt: 0,
        detail: `Released from the outbox by ${ctx.actor.label}.`,
        actorLabel: ctx.actor.label,
        occurredAt: now,
      });
    }
    if (rows.length > 0) {
      await recordAuditEvent(tx, ctx, {
        action: 'mail.outbox_released',
        entityType: 'email',
        entityId: null,
        after: { count: rows.length, ids: rows.map((r) => r.id) },
      });
    }
    return rows.map((r) => r.id);
  });
  const summary =
    ids.length > 0
      ? await deliverDueEmails(
          { db: ctx.db, clock: ctx.clock, log },
          { ids: ids.slice(0, sendWithinRequest) },
        )
      : { sent: 0, deferred: 0, failed: 0, outbox: 0 };
  if (ids.length > sendWithinRequest) {
    requestMailDelivery(log);
  }
  return { released: ids.length, sent: summary.sent, deferred: summary.deferred, failed: summary.failed };
}

// ── The delivery log ────────────────────────────────────────────────────────────────────────────────────────────

function presentSummary(row: EmailRow) {
  return {
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    template: row.template,
    locale: row.locale,
    status: row.status,
    attempts: row.attempts,
    maxAttempts,
    nextAttemptAt: row.status === 'queued' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastError: row.lastError,
    sensitive: row.sensitive,
    related: row.relatedEntityType ? { type: row.relatedEntityType, id: row.relatedEntityId } : null,
    queuedBy: row.queuedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

const previewPolicy =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; style-src \'unsafe-inline\'">';

function previewHtml(html: string, logo: Logo) {
  if (!html) {
    return '';
  }
  const inlined = logo
    ? html.replaceAll(`cid:${logoContentId}`, `data:${logo.mime};base64,${logo.bytes.toString('base64')}`)
    : html;
  return inlined.includes('<head>')
    ? inlined.replace('<head>', `<head>${previewPolicy}`)
    : previewPolicy + inlined;
}

const presentEvent = (event: EmailEventRow) => ({
  kind: event.kind,
  attempt: event.attempt,
  detail: event.detail,
  actor: event.actorLabel,
  occurredAt: event.occurredAt.toISOString(),
});

export async function getEmail(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, id: string) {
  const row = await findEmail(ctx.db, id);
  if (!row) {
    throw notFound('Message');
  }
  const [events, logo] = await Promise.all([findEmailEvents(ctx.db, id), getProcessorLogo({ ...ctx })]);
  return {
    ...presentSummary(row),
    text: row.textBody,
    htmlPreview: previewHtml(row.htmlBody, logo),
    bodiesErasedAt: row.bodiesErasedAt?.toISOString() ?? null,
    smtpMessageId: row.smtpMessageId,
    smtpResponse: row.smtpResponse,
    events: events.map(presentEvent),
  };
}

export async function listEmails(
  ctx: Pick<Ctx, 'db'>,
  filter: EmailFilter,
  page: { limit: number; offset: number },
) {
  const [{ items, total }, counts] = await Promise.all([
    findEmails(ctx.db, filter, page),
    countEmailsByStatus(ctx.db),
  ]);
  return { items: items.map(presentSummary), total, counts };
}
