import { and, asc, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import type { Db, DbOrTx, Tx } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { findUser } from '../accounts/accounts.usecases.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { customers } from '../customers/customers.table.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import { notifyStaff } from '../portal/portal.notify.ts';
import { contentOf } from './breaches.notices.ts';
import type { IncidentMessageView } from './breaches.schemas.ts';
import { incidentCustomers, incidentMessages, incidentNotices, incidents } from './breaches.table.ts';

// Issue 8 §5 and seed 8.2: per notified customer one thread, the customer asking in the portal and staff answering
// there. Messages are only ever added: the thread is part of what was communicated about the breach.

type Links = { publicUrl: string };
type MessageRow = typeof incidentMessages.$inferSelect;

const present = (m: MessageRow): IncidentMessageView => ({
  id: m.id,
  author: m.author,
  authorName: m.authorName,
  noticeId: m.noticeId,
  body: m.body,
  createdAt: m.createdAt.toISOString(),
});

async function threadOf(db: DbOrTx, incidentCustomerId: string) {
  const rows = await db
    .select()
    .from(incidentMessages)
    .where(eq(incidentMessages.incidentCustomerId, incidentCustomerId))
    .orderBy(asc(incidentMessages.createdAt), asc(incidentMessages.id));
  return rows.map(present);
}

// Who wrote it, as the other side reads it: a person's name, else the actor's label (an API token).
async function authorOf(tx: Tx, ctx: Ctx) {
  if (ctx.actor.kind === 'user' && ctx.actor.id) {
    const user = await findUser({ db: tx as Db }, ctx.actor.id);
    return { name: user?.name ?? ctx.actor.label, id: ctx.actor.id };
  }
  return { name: ctx.actor.label, id: ctx.actor.id ?? ctx.actor.label };
}

// A notice of this customer, else not found: another customer's notice id answers exactly like an unknown one.
async function customerNotice(db: DbOrTx, customerId: string, noticeId: string) {
  const [found] = await db
    .select({ notice: incidentNotices, row: incidentCustomers })
    .from(incidentNotices)
    .innerJoin(incidentCustomers, eq(incidentCustomers.id, incidentNotices.incidentCustomerId))
    .where(and(eq(incidentNotices.id, noticeId), eq(incidentNotices.customerId, customerId)));
  if (!found) {
    throw notFound('Notice');
  }
  return found;
}

// ---- the customer's side ----------------------------------------------------------------------------------

export async function listPortalThread(ctx: Pick<Ctx, 'db'>, customerId: string, noticeId: string) {
  const { row } = await customerNotice(ctx.db, customerId, noticeId);
  return threadOf(ctx.db, row.id);
}

export async function askAboutNotice(
  ctx: Ctx,
  links: Links,
  customerId: string,
  noticeId: string,
  body: string,
) {
  const incidentCustomerId = await ctx.db.transaction(async (tx) => {
    const { notice, row } = await customerNotice(tx, customerId, noticeId);
    const author = await authorOf(tx, ctx);
    const [message] = await tx
      .insert(incidentMessages)
      .values({
        incidentCustomerId: row.id,
        customerId,
        noticeId: notice.id,
        author: 'customer',
        authorName: author.name,
        authorUserId: author.id,
        body,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await recordAuditEvent(tx, ctx, {
      action: 'incident.question_asked',
      entityType: 'customer',
      entityId: customerId,
      after: { ...message, incidentId: row.incidentId },
    });
    const reference = contentOf(notice.content).reference;
    await notifyStaff(tx, ctx, links, customerId, {
      subject: (name) => `${name} stelt een vraag over datalek ${reference}`,
      paragraphs: [`${author.name} vraagt in het portaal over de melding van ${reference}:`, body],
      action: { label: 'Incident openen in art28', url: `${links.publicUrl}/breaches/${row.incidentId}` },
    });
    return row.id;
  });
  return threadOf(ctx.db, incidentCustomerId);
}

// ---- the processor's side ---------------------------------------------------------------------------------

async function affectedRow(db: DbOrTx, incidentId: string, customerId: string, lock: boolean) {
  const [incident] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!incident) {
    throw notFound('Incident');
  }
  const query = db
    .select({ row: incidentCustomers, locale: customers.locale })
    .from(incidentCustomers)
    .innerJoin(customers, eq(customers.id, incidentCustomers.customerId))
    .where(and(eq(incidentCustomers.incidentId, incidentId), eq(incidentCustomers.customerId, customerId)));
  const [found] = lock ? await query.for('update', { of: incidentCustomers }) : await query;
  if (!found) {
    throw badRequest(
      'breaches.not_affected',
      'This customer is not among the affected customers of the incident.',
      'params.customerId',
    );
  }
  return found;
}

export async function listIncidentThread(ctx: Pick<Ctx, 'db'>, incidentId: string, customerId: string) {
  const { row } = await affectedRow(ctx.db, incidentId, customerId, false);
  return threadOf(ctx.db, row.id);
}

const answerWords = {
  nl: {
    subject: (ref: string, title: string) => `Antwoord op uw vraag over datalek ${ref}: ${title}`,
    intro: (who: string, ref: string) =>
      `${who} heeft in het portaal geantwoord op uw vraag over datalek ${ref}:`,
    action: 'Bekijken in het portaal',
  },
  en: {
    subject: (ref: string, title: string) => `Answer to your question about data breach ${ref}: ${title}`,
    intro: (who: string, ref: string) =>
      `${who} answered your question about data breach ${ref} in the portal:`,
    action: 'View in the portal',
  },
};

// Staff answer in the thread; the contacts who received the notice hear of it by e-mail, in the customer's
// language, with a link to the breach in the portal. Only a customer that had its notice has a thread.
export async function answerQuestion(
  ctx: Ctx,
  links: Links,
  incidentId: string,
  customerId: string,
  body: string,
) {
  const incidentCustomerId = await ctx.db.transaction(async (tx) => {
    const { row, locale } = await affectedRow(tx, incidentId, customerId, true);
    const [last] = await tx
      .select()
      .from(incidentNotices)
      .where(eq(incidentNotices.incidentCustomerId, row.id))
      .orderBy(desc(incidentNotices.version))
      .limit(1);
    if (!last) {
      throw conflict(
        'breaches.not_notified',
        'This customer has not had its notice, so there is no thread to answer in.',
        'params.customerId',
      );
    }
    const author = await authorOf(tx, ctx);
    const [message] = await tx
      .insert(incidentMessages)
      .values({
        incidentCustomerId: row.id,
        customerId,
        noticeId: null,
        author: 'processor',
        authorName: author.name,
        authorUserId: author.id,
        body,
        createdAt: ctx.clock.now(),
      })
      .returning();
    const content = contentOf(last.content);
    const w = answerWords[locale];
    const anchor = `breach-${content.reference.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    for (const address of last.sentTo) {
      await queueEmail(tx, ctx, {
        to: address,
        template: 'notice',
        locale,
        data: {
          subject: w.subject(content.reference, content.title),
          paragraphs: [w.intro(content.processorContact.organisation, content.reference), body],
          action: { label: w.action, url: `${links.publicUrl}/portal/breaches#${anchor}` },
        },
        related: { type: 'customer', id: customerId },
        sensitive: true,
      });
    }
    await recordAuditEvent(tx, ctx, {
      action: 'incident.question_answered',
      entityType: 'customer',
      entityId: customerId,
      after: { ...message, incidentId, sentTo: last.sentTo },
    });
    return row.id;
  });
  return threadOf(ctx.db, incidentCustomerId);
}
