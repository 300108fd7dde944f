import { and, asc, desc, eq, gt, gte, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.ts';
import { auditChainHead, auditEvents, auditVerifications } from './audit.table.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type AuditFilter = {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export async function lockChainHead(tx: DbOrTx) {
  const rows = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  const head = rows[0];
  if (!head) {
    throw new Error('The audit chain head is missing: run the migrations.');
  }
  return head;
}

export async function insertAuditEvent(tx: DbOrTx, row: typeof auditEvents.$inferInsert) {
  await tx.insert(auditEvents).values(row);
  await tx.update(auditChainHead).set({ lastId: row.id, lastHash: row.hash }).where(eq(auditChainHead.id, 1));
}

function whereOf(filter: AuditFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filter.action ? ilike(auditEvents.action, `${filter.action}%`) : undefined,
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
    filter.actor
      ? or(ilike(auditEvents.actorLabel, `%${filter.actor}%`), eq(auditEvents.actorId, filter.actor))
      : undefined,
    filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
    filter.to ? lte(auditEvents.occurredAt, filter.to) : undefined,
  ];
  return and(...conditions.filter((c): c is SQL => c !== undefined));
}

export async function findAuditEvents(
  db: DbOrTx,
  filter: AuditFilter,
  page: { limit: number; offset: number; order: 'asc' | 'desc' },
) {
  const where = whereOf(filter);
  const [items, total] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(page.order === 'asc' ? asc(auditEvents.id) : desc(auditEvents.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(auditEvents)
      .where(where),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export async function findAuditEventsAfter(db: DbOrTx, afterId: number, limit: number) {
  return db
    .select()
    .from(auditEvents)
    .where(gt(auditEvents.id, afterId))
    .orderBy(asc(auditEvents.id))
    .limit(limit);
}

export async function readChainHead(db: DbOrTx) {
  const rows = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  return rows[0] ?? null;
}

export async function insertVerification(db: DbOrTx, row: typeof auditVerifications.$inferInsert) {
  const rows = await db.insert(auditVerifications).values(row).returning();
  return rows[0]!;
}

export async function findLatestVerification(db: DbOrTx) {
  const rows = await db.select().from(auditVerifications).orderBy(desc(auditVerifications.id)).limit(1);
  return rows[0] ?? null;
}

export async function countAuditEvents(db: DbOrTx) {
  const rows = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents);
  return rows[0]?.n ?? 0;
}
