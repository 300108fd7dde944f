import { and, asc, desc, eq, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.ts';
import {
  type EmailEventKind,
  type EmailStatus,
  emailStatuses,
  mailSettings,
  outboundEmailEvents,
  outboundEmails,
} from './mail.table.ts';

export type EmailRow = typeof outboundEmails.$inferSelect;
export type EmailEventRow = typeof outboundEmailEvents.$inferSelect;
export type MailSettingsRow = typeof mailSettings.$inferSelect;

export type EmailFilter = {
  status?: EmailStatus | undefined;
  to?: string | undefined;
  template?: string | undefined;
  relatedEntityType?: string | undefined;
  relatedEntityId?: string | undefined;
};

export async function insertEmail(tx: DbOrTx, row: typeof outboundEmails.$inferInsert) {
  return (await tx.insert(outboundEmails).values(row).returning())[0]!;
}

export async function insertEmailEvent(
  tx: DbOrTx,
  event: {
    emailId: string;
    kind: EmailEventKind;
    attempt: number;
    detail?: string | null;
    actorLabel: string;
    occurredAt: Date;
  },
) {
  await tx.insert(outboundEmailEvents).values({ ...event, detail: event.detail ?? null });
}

export async function findEmail(db: DbOrTx, id: string) {
  return (await db.select().from(outboundEmails).where(eq(outboundEmails.id, id)))[0] ?? null;
}

export async function lockEmail(tx: DbOrTx, id: string) {
  return (await tx.select().from(outboundEmails).where(eq(outboundEmails.id, id)).for('update'))[0] ?? null;
}

export async function findEmailEvents(db: DbOrTx, emailId: string) {
  return db
    .select()
    .from(outboundEmailEvents)
    .where(eq(outboundEmailEvents.emailId, emailId))
    .orderBy(asc(outboundEmailEvents.id));
}

const escapeLike = (value: string) => value.replaceAll(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(filter: EmailFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(outboundEmails.status, filter.status) : undefined,
    filter.to ? ilike(outboundEmails.toAddress, `%${escapeLike(filter.to)}%`) : undefined,
    filter.template ? eq(outboundEmails.template, filter.template) : undefined,
    filter.relatedEntityType ? eq(outboundEmails.relatedEntityType, filter.relatedEntityType) : undefined,
    filter.relatedEntityId ? eq(outboundEmails.relatedEntityId, filter.relatedEntityId) : undefined,
  ];
  return and(...conditions.filter((c): c is SQL => c !== undefined));
}

export async function findEmails(db: DbOrTx, filter: EmailFilter, page: { limit: number; offset: number }) {
  const where = whereOf(filter);
  const [items, total] = await Promise.all([
    db
      .select()
      .from(outboundEmails)
      .where(where)
      .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(outboundEmails)
      .where(where),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export async function countEmailsByStatus(db: DbOrTx): Promise<Record<EmailStatus, number>> {
  const rows = await db
    .select({ status: outboundEmails.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(outboundEmails)
    .groupBy(outboundEmails.status);
  const counts = Object.fromEntries(emailStatuses.map((s) => [s, 0])) as Record<EmailStatus, number>;
  for (const row of rows) {
    counts[row.status] = row.n;
  }
  return counts;
}

const claimable = (now: Date) =>
  and(
    eq(outboundEmails.status, 'queued'),
    lte(outboundEmails.nextAttemptAt, now),
    or(isNull(outboundEmails.claimedUntil), lte(outboundEmails.claimedUntil, now)),
  );

// SKIP LOCKED lets several workers (instances, or the cron run and a "send now" click) claim disjoint rows. The
// claim is a lease written in this short transaction; the SMTP conversation happens after it commits, so no
// transaction stays open on the network (on PGlite an open transaction holds every other connection).
export async function claimDueEmails(
  tx: DbOrTx,
  claim: { now: Date; leaseUntil: Date; token: string; limit: number; ids?: readonly string[] | undefined },
) {
  const due = await tx
    .select({ id: outboundEmails.id })
    .from(outboundEmails)
    .where(and(claimable(claim.now), claim.ids ? inArray(outboundEmails.id, [...claim.ids]) : undefined))
    .orderBy(asc(outboundEmails.nextAttemptAt), asc(outboundEmails.createdAt))
    .limit(claim.limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) {
    return [];
  }
  return tx
    .update(outboundEmails)
    .set({
      claimedUntil: claim.leaseUntil,
      claimToken: claim.token,
      attempts: sql`${outboundEmails.attempts} + 1`,
      updatedAt: claim.now,
    })
    .where(
      inArray(
        outboundEmails.id,
        due.map((r) => r.id),
      ),
    )
    .returning();
}

// Writes the outcome only while the lease is still ours: a worker whose lease expired and was re-claimed must not
// overwrite the newer attempt's result.
export async function completeClaim(
  tx: DbOrTx,
  id: string,
  token: string,
  changes: Partial<typeof outboundEmails.$inferInsert>,
) {
  const rows = await tx
    .update(outboundEmails)
    .set({ ...changes, claimedUntil: null, claimToken: null })
    .where(and(eq(outboundEmails.id, id), eq(outboundEmails.claimToken, token)))
    .returning();
  return rows[0] ?? null;
}

// Hands claimed but untried messages back (the server was unreachable, so trying the rest would only wait out
// the same timeout); their attempt is not counted.
export async function releaseClaims(tx: DbOrTx, ids: readonly string[], token: string, now: Date) {
  if (ids.length === 0) {
    return;
  }
  await tx
    .update(outboundEmails)
    .set({
      claimedUntil: null,
      claimToken: null,
      attempts: sql`${outboundEmails.attempts} - 1`,
      updatedAt: now,
    })
    .where(and(inArray(outboundEmails.id, [...ids]), eq(outboundEmails.claimToken, token)));
}

export async function moveDueToOutbox(tx: DbOrTx, now: Date, ids?: readonly string[]) {
  const due = await tx
    .select({ id: outboundEmails.id })
    .from(outboundEmails)
    .where(and(claimable(now), ids ? inArray(outboundEmails.id, [...ids]) : undefined))
    .for('update', { skipLocked: true });
  if (due.length === 0) {
    return [];
  }
  return tx
    .update(outboundEmails)
    .set({ status: 'outbox', nextAttemptAt: null, updatedAt: now })
    .where(
      inArray(
        outboundEmails.id,
        due.map((r) => r.id),
      ),
    )
    .returning();
}

export async function lockOutbox(tx: DbOrTx) {
  return tx
    .select()
    .from(outboundEmails)
    .where(eq(outboundEmails.status, 'outbox'))
    .orderBy(asc(outboundEmails.createdAt))
    .for('update', { skipLocked: true });
}

export async function updateEmail(
  tx: DbOrTx,
  id: string,
  changes: Partial<typeof outboundEmails.$inferInsert>,
) {
  return (await tx.update(outboundEmails).set(changes).where(eq(outboundEmails.id, id)).returning())[0]!;
}

export async function findMailSettings(db: DbOrTx) {
  return (await db.select().from(mailSettings).where(eq(mailSettings.id, 1)))[0] ?? null;
}

export async function upsertMailSettings(
  tx: DbOrTx,
  values: { smtpUrl: string | null; mailFrom: string | null; updatedAt: Date },
) {
  return (
    await tx
      .insert(mailSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: mailSettings.id, set: values })
      .returning()
  )[0]!;
}
