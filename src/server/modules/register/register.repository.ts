import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.ts';
import {
  parties,
  processingOperations,
  registerEntries,
  registerEntryParties,
  registerVersions,
  serviceLines,
} from './register.table.ts';

export type ServiceLineRow = typeof serviceLines.$inferSelect;
export type OperationRow = typeof processingOperations.$inferSelect;
export type PartyRow = typeof parties.$inferSelect;
export type EntryRow = typeof registerEntries.$inferSelect;
export type EntryPartyRow = typeof registerEntryParties.$inferSelect;
export type VersionRow = typeof registerVersions.$inferSelect;

// Register writes are rare and small. Taking one table lock per writing transaction serialises them, which
// makes the duplicate check and the next version number free of races; readers are not blocked.
export async function lockRegister(tx: DbOrTx) {
  await tx.execute(sql`lock table ${registerVersions} in exclusive mode`);
}

// One query after another: inside a transaction they share one connection.
export async function loadState(db: DbOrTx) {
  const lines = await db.select().from(serviceLines);
  const operations = await db.select().from(processingOperations);
  const partyRows = await db.select().from(parties);
  const entries = await db.select().from(registerEntries);
  const links = await db.select().from(registerEntryParties).orderBy(asc(registerEntryParties.position));
  return { lines, operations, parties: partyRows, entries, links };
}
export type RegisterState = Awaited<ReturnType<typeof loadState>>;

export const findServiceLine = async (db: DbOrTx, code: string) =>
  (await db.select().from(serviceLines).where(eq(serviceLines.code, code)))[0] ?? null;

export async function insertServiceLine(db: DbOrTx, row: typeof serviceLines.$inferInsert) {
  return (await db.insert(serviceLines).values(row).returning())[0]!;
}

export async function insertServiceLines(db: DbOrTx, rows: (typeof serviceLines.$inferInsert)[]) {
  await db.insert(serviceLines).values(rows);
}

export async function insertOperations(db: DbOrTx, rows: (typeof processingOperations.$inferInsert)[]) {
  await db.insert(processingOperations).values(rows);
}

export async function insertParties(db: DbOrTx, rows: (typeof parties.$inferInsert)[]) {
  return db.insert(parties).values(rows).returning();
}

export async function insertEntries(db: DbOrTx, rows: (typeof registerEntries.$inferInsert)[]) {
  return db.insert(registerEntries).values(rows).returning();
}

export async function insertEntryParties(db: DbOrTx, rows: (typeof registerEntryParties.$inferInsert)[]) {
  if (rows.length > 0) {
    await db.insert(registerEntryParties).values(rows);
  }
}

export async function updateServiceLine(
  db: DbOrTx,
  code: string,
  patch: Partial<typeof serviceLines.$inferInsert>,
) {
  return (await db.update(serviceLines).set(patch).where(eq(serviceLines.code, code)).returning())[0]!;
}

export const findOperation = async (db: DbOrTx, code: string) =>
  (await db.select().from(processingOperations).where(eq(processingOperations.code, code)))[0] ?? null;

export async function insertOperation(db: DbOrTx, row: typeof processingOperations.$inferInsert) {
  return (await db.insert(processingOperations).values(row).returning())[0]!;
}

export async function updateOperation(
  db: DbOrTx,
  code: string,
  patch: Partial<typeof processingOperations.$inferInsert>,
) {
  return (
    await db.update(processingOperations).set(patch).where(eq(processingOperations.code, code)).returning()
  )[0]!;
}

export const findParty = async (db: DbOrTx, id: string) =>
  (await db.select().from(parties).where(eq(parties.id, id)))[0] ?? null;

export const findActivePartyByName = async (db: DbOrTx, name: string) =>
  (
    await db
      .select()
      .from(parties)
      .where(and(sql`lower(${parties.name}) = lower(${name})`, isNull(parties.retiredAt)))
  )[0] ?? null;

export async function insertParty(db: DbOrTx, row: typeof parties.$inferInsert) {
  return (await db.insert(parties).values(row).returning())[0]!;
}

export async function updateParty(db: DbOrTx, id: string, patch: Partial<typeof parties.$inferInsert>) {
  return (await db.update(parties).set(patch).where(eq(parties.id, id)).returning())[0]!;
}

export const findEntry = async (db: DbOrTx, id: string) =>
  (await db.select().from(registerEntries).where(eq(registerEntries.id, id)))[0] ?? null;

export async function insertEntry(db: DbOrTx, row: typeof registerEntries.$inferInsert) {
  return (await db.insert(registerEntries).values(row).returning())[0]!;
}

export async function updateEntry(
  db: DbOrTx,
  id: string,
  patch: Partial<typeof registerEntries.$inferInsert>,
) {
  return (await db.update(registerEntries).set(patch).where(eq(registerEntries.id, id)).returning())[0]!;
}

// The links are the current state only; what they were before lives in the register versions.
export async function replaceEntryParties(db: DbOrTx, entryId: string, partyIds: readonly string[]) {
  await db.delete(registerEntryParties).where(eq(registerEntryParties.entryId, entryId));
  if (partyIds.length > 0) {
    await db
      .insert(registerEntryParties)
      .values(partyIds.map((partyId, position) => ({ entryId, partyId, position })));
  }
}

export async function maxEntryPosition(db: DbOrTx) {
  const rows = await db
    .select({ max: sql<number | null>`max(${registerEntries.position})` })
    .from(registerEntries);
  return Number(rows[0]?.max ?? 0);
}

export async function maxServiceLinePosition(db: DbOrTx) {
  const rows = await db.select({ max: sql<number | null>`max(${serviceLines.position})` }).from(serviceLines);
  return Number(rows[0]?.max ?? 0);
}

export async function maxOperationPosition(db: DbOrTx) {
  const rows = await db
    .select({ max: sql<number | null>`max(${processingOperations.position})` })
    .from(processingOperations);
  return Number(rows[0]?.max ?? 0);
}

export async function countActiveEntriesOfServiceLine(db: DbOrTx, code: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(registerEntries)
    .where(and(eq(registerEntries.serviceLineCode, code), isNull(registerEntries.retiredAt)));
  return rows[0]?.n ?? 0;
}

export async function countActiveEntriesOfParty(db: DbOrTx, partyId: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(registerEntryParties)
    .innerJoin(registerEntries, eq(registerEntries.id, registerEntryParties.entryId))
    .where(and(eq(registerEntryParties.partyId, partyId), isNull(registerEntries.retiredAt)));
  return rows[0]?.n ?? 0;
}

export async function findPartiesByIds(db: DbOrTx, ids: readonly string[]) {
  return ids.length === 0
    ? []
    : db
        .select()
        .from(parties)
        .where(inArray(parties.id, [...ids]));
}

export async function latestVersion(db: DbOrTx) {
  return (
    (await db.select().from(registerVersions).orderBy(desc(registerVersions.version)).limit(1))[0] ?? null
  );
}

export async function latestVersionNumber(db: DbOrTx) {
  const rows = await db
    .select({ max: sql<number | null>`max(${registerVersions.version})` })
    .from(registerVersions);
  return Number(rows[0]?.max ?? 0);
}

export async function findVersion(db: DbOrTx, version: number) {
  return (await db.select().from(registerVersions).where(eq(registerVersions.version, version)))[0] ?? null;
}

export async function findVersionAt(db: DbOrTx, instant: Date) {
  return (
    (
      await db
        .select()
        .from(registerVersions)
        .where(lte(registerVersions.createdAt, instant))
        .orderBy(desc(registerVersions.version))
        .limit(1)
    )[0] ?? null
  );
}

export async function insertVersion(db: DbOrTx, row: typeof registerVersions.$inferInsert) {
  await db.insert(registerVersions).values(row);
}

export async function listVersions(db: DbOrTx, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db
      .select({
        version: registerVersions.version,
        createdAt: registerVersions.createdAt,
        actorLabel: registerVersions.actorLabel,
        action: registerVersions.action,
        summary: registerVersions.summary,
      })
      .from(registerVersions)
      .orderBy(desc(registerVersions.version))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(registerVersions),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

// One entry through the versions: its state in every version it appears in (the caller keeps each revision once).
export async function findEntryInVersions(db: DbOrTx, entryId: string) {
  const result = await db.execute<{
    version: number;
    created_at: string | Date;
    actor_label: string;
    action: string;
    entry: unknown;
  }>(sql`
    select v.version, v.created_at, v.actor_label, v.action, e.value as entry
    from ${registerVersions} v, jsonb_array_elements(v.snapshot -> 'entries') e
    where e.value ->> 'id' = ${entryId}
    order by v.version`);
  return result.rows;
}
