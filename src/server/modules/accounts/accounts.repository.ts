import { and, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.ts';
import {
  accountInvites,
  apiTokens,
  loginChallenges,
  passwordResets,
  recoveryCodes,
  sessions,
  users,
} from './accounts.table.ts';

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type InviteRow = typeof accountInvites.$inferSelect;

export const countUsers = async (db: DbOrTx) =>
  (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users))[0]?.n ?? 0;

export const findUserByEmail = async (db: DbOrTx, email: string) =>
  (await db.select().from(users).where(eq(users.email, email)))[0] ?? null;

export const findUserById = async (db: DbOrTx, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)))[0] ?? null;

export const listStaffUsers = (db: DbOrTx) =>
  db.select().from(users).where(isNull(users.customerId)).orderBy(users.name);

export const deleteUser = (db: DbOrTx, id: string) => db.delete(users).where(eq(users.id, id));

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

// Staff tokens only: a customer's tokens are the customer's to see (portal, OpenDSR).
export const listTokens = (db: DbOrTx) =>
  db.select().from(apiTokens).where(isNull(apiTokens.customerId)).orderBy(desc(apiTokens.createdAt));

// A customer's own tokens (portal, OpenDSR): another customer's id is simply not found.
export const listTokensOfCustomer = (db: DbOrTx, customerId: string) =>
  db.select().from(apiTokens).where(eq(apiTokens.customerId, customerId)).orderBy(desc(apiTokens.createdAt));

export const findTokenOfCustomer = async (db: DbOrTx, customerId: string, id: string) =>
  (
    await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.customerId, customerId)))
  )[0] ?? null;

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

export async function insertLoginChallenge(db: DbOrTx, row: typeof loginChallenges.$inferInsert) {
  await db.insert(loginChallenges).values(row);
}

export const findLoginChallenge = async (db: DbOrTx, id: string) =>
  (await db.select().from(loginChallenges).where(eq(loginChallenges.id, id)))[0] ?? null;

export const countChallengeAttempt = (db: DbOrTx, id: string) =>
  db
    .update(loginChallenges)
    .set({ attempts: sql`${loginChallenges.attempts} + 1` })
    .where(eq(loginChallenges.id, id));

export const deleteLoginChallenge = (db: DbOrTx, id: string) =>
  db.delete(loginChallenges).where(eq(loginChallenges.id, id));

export const listSessionsOfUser = (db: DbOrTx, userId: string) =>
  db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt));

export const listUsersOfCustomer = (db: DbOrTx, customerId: string) =>
  db.select().from(users).where(eq(users.customerId, customerId)).orderBy(users.name);

export async function deleteSessionOfUser(db: DbOrTx, userId: string, id: string) {
  return (
    await db
      .delete(sessions)
      .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
      .returning()
  )[0];
}

export const deleteRecoveryCodes = (db: DbOrTx, userId: string) =>
  db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));

export async function insertRecoveryCodes(db: DbOrTx, rows: (typeof recoveryCodes.$inferInsert)[]) {
  await db.insert(recoveryCodes).values(rows);
}

export async function spendRecoveryCode(db: DbOrTx, userId: string, codeHash: string, at: Date) {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export const countUnusedRecoveryCodes = async (db: DbOrTx, userId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
  )[0]?.n ?? 0;

export async function insertInvite(db: DbOrTx, row: typeof accountInvites.$inferInsert) {
  return (await db.insert(accountInvites).values(row).returning())[0]!;
}

export const listInvitesOfCustomer = (db: DbOrTx, customerId: string) =>
  db
    .select()
    .from(accountInvites)
    .where(eq(accountInvites.customerId, customerId))
    .orderBy(desc(accountInvites.createdAt));

export const findInvite = async (db: DbOrTx, id: string) =>
  (await db.select().from(accountInvites).where(eq(accountInvites.id, id)))[0] ?? null;

export const findInviteByTokenHash = async (db: DbOrTx, tokenHash: string) =>
  (await db.select().from(accountInvites).where(eq(accountInvites.tokenHash, tokenHash)))[0] ?? null;

export const updateInvite = async (
  db: DbOrTx,
  id: string,
  patch: Partial<typeof accountInvites.$inferInsert>,
) => (await db.update(accountInvites).set(patch).where(eq(accountInvites.id, id)).returning())[0] ?? null;

export async function claimInvite(db: DbOrTx, id: string, userId: string, at: Date) {
  const rows = await db
    .update(accountInvites)
    .set({ acceptedAt: at, userId })
    .where(
      and(eq(accountInvites.id, id), isNull(accountInvites.acceptedAt), isNull(accountInvites.revokedAt)),
    )
    .returning({ id: accountInvites.id });
  return rows.length > 0;
}

export async function insertPasswordReset(db: DbOrTx, row: typeof passwordResets.$inferInsert) {
  await db.insert(passwordResets).values(row);
}

export const findPasswordReset = async (db: DbOrTx, tokenHash: string) =>
  (await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)))[0] ?? null;

export async function claimPasswordReset(db: DbOrTx, id: string, at: Date) {
  const rows = await db
    .update(passwordResets)
    .set({ usedAt: at })
    .where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt)))
    .returning({ id: passwordResets.id });
  return rows.length > 0;
}

// A new reset link retires the older unused ones of the same person.
export const retireOpenPasswordResets = (db: DbOrTx, userId: string, at: Date) =>
  db
    .update(passwordResets)
    .set({ usedAt: at })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));

export const countUsersWithTwoFactor = async (db: DbOrTx) =>
  (
    await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .where(isNotNull(users.totpEnabledAt))
  )[0]?.n ?? 0;
