import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.ts';
import { apiTokens, sessions, users } from './accounts.table.ts';

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export const countUsers = async (db: DbOrTx) =>
  (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users))[0]?.n ?? 0;

export const findUserByEmail = async (db: DbOrTx, email: string) =>
  (await db.select().from(users).where(eq(users.email, email)))[0] ?? null;

export const findUserById = async (db: DbOrTx, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)))[0] ?? null;

export const listUsers = (db: DbOrTx) => db.select().from(users).orderBy(users.name);

export async function insertUser(db: DbOrTx, row: typeof users.$inferInsert) {
  return (await db.insert(users).values(row).returning())[0]!;
}

export async function updateUser(db: DbOrTx, id: string, patch: Partial<typeof users.$inferInsert>) {
  return (await db.update(users).set(patch).where(eq(users.id, id)).returning())[0] ?? null;
}

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function findSessionWithUser(db: DbOrTx, id: string) {
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  return rows[0] ?? null;
}

export const touchSession = (db: DbOrTx, id: string, at: Date) =>
  db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
export const deleteSession = (db: DbOrTx, id: string) => db.delete(sessions).where(eq(sessions.id, id));
export const deleteSessionsOfUser = (db: DbOrTx, userId: string, exceptId: string | null = null) =>
  db
    .delete(sessions)
    .where(
      exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId),
    );

export async function insertToken(db: DbOrTx, row: typeof apiTokens.$inferInsert) {
  return (await db.insert(apiTokens).values(row).returning())[0]!;
}

export const listTokens = (db: DbOrTx) => db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));

export const findTokenById = async (db: DbOrTx, id: string) =>
  (await db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0] ?? null;

export const findActiveTokenByHash = async (db: DbOrTx, tokenHash: string) =>
  (
    await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
  )[0] ?? null;

export const updateToken = async (db: DbOrTx, id: string, patch: Partial<typeof apiTokens.$inferInsert>) =>
  (await db.update(apiTokens).set(patch).where(eq(apiTokens.id, id)).returning())[0] ?? null;

export const countActiveTokens = async (db: DbOrTx) =>
  (
    await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(apiTokens)
      .where(isNull(apiTokens.revokedAt))
  )[0]?.n ?? 0;
