import { isCustomerRole, type Locale, type Role, type StaffRole } from '../../../shared/roles.ts';
import type { Actor, Ctx } from '../../context.ts';
import type { DbOrTx } from '../../db/database.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { findCustomerForAccess } from '../customers/customers.usecases.ts';
import type { AppSettings } from '../settings/settings.schemas.ts';
import { getAppSettings } from '../settings/settings.usecases.ts';
import {
  decoyPasswordHash,
  hashPassword,
  isLocked,
  isSessionExpired,
  minPasswordLength,
  newApiToken,
  newSecret,
  normaliseEmail,
  sha256,
  verifyPassword,
} from './accounts.models.ts';
import type { TokenRow, UserRow } from './accounts.repository.ts';
import * as repo from './accounts.repository.ts';

export function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    customerId: user.customerId,
    twoFactorEnabled: user.totpEnabledAt !== null,
    createdAt: user.createdAt.toISOString(),
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
}

export function presentToken(token: TokenRow) {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    customerId: token.customerId,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdBy,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

export const userActor = (user: UserRow): Actor => ({
  kind: 'user',
  id: user.id,
  label: user.email,
  role: user.role,
});

export function checkPasswordStrength(password: string, field: string) {
  if (password.length < minPasswordLength) {
    throw badRequest(
      'auth.weak_password',
      `A password needs at least ${minPasswordLength} characters.`,
      field,
    );
  }
}

export type NewUser = {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
  locale?: Locale | undefined;
};

async function insertNewUser(
  ctx: Ctx,
  tx: Parameters<Parameters<Ctx['db']['transaction']>[0]>[0],
  input: NewUser,
) {
  checkPasswordStrength(input.password, 'body.password');
  const email = normaliseEmail(input.email);
  if (await repo.findUserByEmail(tx, email)) {
    throw conflict('users.email_taken', 'A user with this e-mail address exists already.', 'body.email');
  }
  const now = ctx.clock.now();
  const user = await repo.insertUser(tx, {
    email,
    name: input.name.trim(),
    role: input.role,
    locale: input.locale ?? 'nl',
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
  });
  return user;
}

export const isSetupNeeded = async (ctx: Pick<Ctx, 'db'>) => (await repo.countUsers(ctx.db)) === 0;

// The first admin of an empty install. The count check runs inside the transaction; the unique e-mail index and
// the check together keep two simultaneous set-ups from both succeeding with different addresses only in the
// unlikely case both pass the count — acceptable, as both would be admins the operator created.
export async function setUpFirstAdmin(ctx: Ctx, input: Omit<NewUser, 'role'>) {
  return ctx.db.transaction(async (tx) => {
    if ((await repo.countUsers(tx)) > 0) {
      throw conflict('setup.done', 'art28 is set up already. Sign in instead.');
    }
    const user = await insertNewUser(ctx, tx, { ...input, role: 'admin' });
    await recordAuditEvent(
      tx,
      { ...ctx, actor: userActor(user) },
      { action: 'user.created', entityType: 'user', entityId: user.id, after: presentUser(user) },
    );
    return user;
  });
}

export async function createUser(ctx: Ctx, input: NewUser) {
  return ctx.db.transaction(async (tx) => {
    const user = await insertNewUser(ctx, tx, input);
    await recordAuditEvent(tx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: presentUser(user),
    });
    return user;
  });
}

export async function updateUserByAdmin(
  ctx: Ctx,
  id: string,
  patch: {
    name?: string | undefined;
    role?: StaffRole | undefined;
    disabled?: boolean | undefined;
    unlock?: boolean | undefined;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findUserById(tx, id);
    // Portal users are managed per customer (invites), not on the staff users page.
    if (!before || before.customerId) {
      throw notFound('User');
    }
    if (
      ctx.actor.id === id &&
      ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true)
    ) {
      throw badRequest(
        'users.self_demotion',
        'You cannot remove your own admin role or disable yourself; ask another admin.',
        patch.role !== undefined ? 'body.role' : 'body.disabled',
      );
    }
    const now = ctx.clock.now();
    const after = await repo.updateUser(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.disabled !== undefined
        ? { disabledAt: patch.disabled ? (before.disabledAt ?? now) : null }
        : {}),
      ...(patch.unlock ? { lockedUntil: null, failedLoginCount: 0 } : {}),
      updatedAt: now,
    });
    if (patch.disabled || patch.role !== undefined) {
      await repo.deleteSessionsOfUser(tx, id);
    }
    await recordAuditEvent(tx, ctx, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      before: presentUser(before),
      after: presentUser(after!),
    });
    return after!;
  });
}

export async function updateOwnAccount(
  ctx: Ctx,
  userId: string,
  patch: { name?: string | undefined; locale?: Locale | undefined },
) {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findUserById(tx, userId);
    if (!before) {
      throw notFound('User');
    }
    const after = await repo.updateUser(tx, userId, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      updatedAt: ctx.clock.now(),
    });
    await recordAuditEvent(tx, ctx, {
      action: 'user.updated',
      entityType: 'user',
      entityId: userId,
      before: presentUser(before),
      after: presentUser(after!),
    });
    return after!;
  });
}

export async function changePassword(
  ctx: Ctx,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
) {
  checkPasswordStrength(input.newPassword, 'body.newPassword');
  const user = await repo.findUserById(ctx.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest('auth.wrong_password', 'The current password is not correct.', 'body.currentPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, userId, { passwordHash, updatedAt: ctx.clock.now() });
    // Other devices signed in with the old password are signed out.
    await repo.deleteSessionsOfUser(tx, userId, keepSessionId);
    await recordAuditEvent(tx, ctx, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: userId,
    });
  });
}

export type LoginResult =
  | { kind: 'session'; user: UserRow; sessionToken: string; csrfToken: string }
  | { kind: 'two-factor'; challenge: string; expiresAt: Date };

// Portal users sign in from machines the processor does not manage: their own, shorter lifetimes.
export function sessionPolicyFor(user: Pick<UserRow, 'role'>, settings: AppSettings) {
  return isCustomerRole(user.role)
    ? { idleMinutes: settings.portalSessionIdleMinutes, absoluteHours: settings.portalSessionAbsoluteHours }
    : { idleMinutes: settings.sessionIdleMinutes, absoluteHours: settings.sessionAbsoluteHours };
}

export const mustEnrolTwoFactor = (user: UserRow, settings: AppSettings) =>
  settings.portalRequireTwoFactor && isCustomerRole(user.role) && user.totpEnabledAt === null;

const loginChallengeMinutes = 5;

// What the web app learns about the person signed in (GET /auth/session and every sign-in answer).
export async function describeSession(db: DbOrTx, user: UserRow, csrfToken: string) {
  const settings = await getAppSettings(db);
  const customer = user.customerId ? await findCustomerForAccess(db, user.customerId) : null;
  return {
    user: presentUser(user),
    csrfToken,
    customer: customer ? { id: customer.id, legalName: customer.legalName } : null,
    mustEnrolTwoFactor: mustEnrolTwoFactor(user, settings),
    // The cookie lives as long as the session may.
    cookieMaxAgeSeconds: sessionPolicyFor(user, settings).absoluteHours * 3600,
  };
}

export async function logIn(
  ctx: Ctx,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const settings = await getAppSettings(ctx.db);
  const now = ctx.clock.now();
  const user = await repo.findUserByEmail(ctx.db, normaliseEmail(input.email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? decoyPasswordHash, input.password);
  if (!user || user.disabledAt) {
    throw new AppError(401, 'auth.invalid_credentials', 'The e-mail address or password is not correct.');
  }
  if (isLocked(user, now)) {
    throw new AppError(
      423,
      'auth.locked',
      `Too many failed attempts. This account is locked until ${user.lockedUntil!.toISOString()}.`,
    );
  }
  if (!passwordOk) {
    await ctx.db.transaction(async (tx) => {
      const failures = user.failedLoginCount + 1;
      const locks = failures >= settings.loginMaxAttempts;
      const lockedUntil = locks ? new Date(now.getTime() + settings.loginLockoutMinutes * 60_000) : null;
      await repo.updateUser(tx, user.id, { failedLoginCount: locks ? 0 : failures, lockedUntil });
      if (locks) {
        await recordAuditEvent(
          tx,
          {
            ...ctx,
            actor: { kind: 'system', id: null, label: `login from ${input.ip ?? 'unknown'}`, role: null },
          },
          {
            action: 'user.locked',
            entityType: 'user',
            entityId: user.id,
            after: { lockedUntil: lockedUntil!.toISOString(), failedAttempts: failures },
          },
        );
      }
    });
    throw new AppError(401, 'auth.invalid_credentials', 'The e-mail address or password is not correct.');
  }
  if (user.totpEnabledAt) {
    const challenge = newSecret();
    const expiresAt = new Date(now.getTime() + loginChallengeMinutes * 60_000);
    await ctx.db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { failedLoginCount: 0, lockedUntil: null });
      await repo.insertLoginChallenge(tx, {
        id: sha256(challenge),
        userId: user.id,
        expiresAt,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      });
    });
    return { kind: 'two-factor', challenge, expiresAt };
  }
  return ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { failedLoginCount: 0, lockedUntil: null });
    const session = await insertSessionFor(tx, ctx, user, settings, input);
    await recordAuditEvent(
      tx,
      { ...ctx, actor: userActor(user) },
      { action: 'user.signed_in', entityType: 'user', entityId: user.id, after: { ip: input.ip } },
    );
    return { kind: 'session', user, ...session };
  });
}

export async function insertSessionFor(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'clock'>,
  user: UserRow,
  settings: AppSettings,
  meta: { ip: string | null; userAgent: string | null },
) {
  const now = ctx.clock.now();
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  await repo.insertSession(tx, {
    id: sha256(sessionToken),
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + sessionPolicyFor(user, settings).absoluteHours * 3_600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { sessionToken, csrfToken };
}

export async function startSessionFor(
  ctx: Ctx,
  user: UserRow,
  meta: { ip: string | null; userAgent: string | null },
) {
  const settings = await getAppSettings(ctx.db);
  return insertSessionFor(ctx.db, ctx, user, settings, meta);
}

export async function resolveSession(ctx: Pick<Ctx, 'db' | 'clock'>, sessionToken: string) {
  const id = sha256(sessionToken);
  const found = await repo.findSessionWithUser(ctx.db, id);
  if (!found) {
    return null;
  }
  const now = ctx.clock.now();
  const settings = await getAppSettings(ctx.db);
  if (found.user.disabledAt || isSessionExpired(found.session, now, sessionPolicyFor(found.user, settings))) {
    await repo.deleteSession(ctx.db, id);
    return null;
  }
  // Writing on every request would serialise all reads on the embedded database; a minute's precision is enough
  // for an idle timeout counted in minutes.
  if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(ctx.db, id, now);
  }
  return { ...found, mustEnrolTwoFactor: mustEnrolTwoFactor(found.user, settings) };
}

export async function logOut(ctx: Ctx, sessionToken: string) {
  await repo.deleteSession(ctx.db, sha256(sessionToken));
}

export async function resolveApiToken(ctx: Pick<Ctx, 'db' | 'clock'>, secret: string) {
  const token = await repo.findActiveTokenByHash(ctx.db, sha256(secret));
  if (!token) {
    return null;
  }
  const now = ctx.clock.now();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await repo.updateToken(ctx.db, token.id, { lastUsedAt: now });
  }
  return token;
}

export async function createApiToken(ctx: Ctx, input: { name: string; role: StaffRole }) {
  return issueToken(ctx, { name: input.name, role: input.role, customerId: null });
}

// A token bound to one customer, for its own machines (OpenDSR, the portal API): it acts as a customer-admin of
// that customer and nothing else, so staff routes answer 403 to it.
export async function createCustomerToken(
  ctx: Ctx,
  input: { name: string; customerId: string; role: 'customer-admin' },
) {
  await findCustomerForAccess(ctx.db, input.customerId);
  return issueToken(ctx, { name: input.name, role: input.role, customerId: input.customerId });
}

// The secret is returned once; only its SHA-256 is stored.
async function issueToken(ctx: Ctx, input: { name: string; role: Role; customerId: string | null }) {
  const name = input.name.trim();
  if (name.length === 0) {
    throw badRequest('tokens.name_required', 'Give the token a name that says who uses it.', 'body.name');
  }
  const secret = newApiToken();
  const token = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertToken(tx, {
      name,
      role: input.role,
      customerId: input.customerId,
      tokenHash: sha256(secret),
      prefix: secret.slice(0, 8),
      createdBy: ctx.actor.label,
      createdAt: ctx.clock.now(),
    });
    await recordAuditEvent(tx, ctx, {
      action: 'token.created',
      entityType: 'api_token',
      entityId: row.id,
      after: presentToken(row),
    });
    return row;
  });
  return { token, secret };
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  return revokeToken(ctx, (db) => repo.findTokenById(db, id));
}

export const listCustomerTokens = (ctx: Pick<Ctx, 'db'>, customerId: string) =>
  repo.listTokensOfCustomer(ctx.db, customerId);

// Only the customer's own token; another customer's id answers 404 like an unknown one.
export async function revokeCustomerToken(ctx: Ctx, customerId: string, id: string) {
  return revokeToken(ctx, (db) => repo.findTokenOfCustomer(db, customerId, id));
}

async function revokeToken(ctx: Ctx, find: (db: DbOrTx) => Promise<TokenRow | null>) {
  return ctx.db.transaction(async (tx) => {
    const before = await find(tx);
    if (!before) {
      throw notFound('API token');
    }
    if (before.revokedAt) {
      return before;
    }
    const after = (await repo.updateToken(tx, before.id, { revokedAt: ctx.clock.now() }))!;
    await recordAuditEvent(tx, ctx, {
      action: 'token.revoked',
      entityType: 'api_token',
      entityId: before.id,
      before: presentToken(before),
      after: presentToken(after),
    });
    return after;
  });
}

export const listAllUsers = (ctx: Pick<Ctx, 'db'>) => repo.listStaffUsers(ctx.db);

export function presentSession(session: repo.SessionRow, currentId: string | null) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    current: session.id === currentId,
  };
}

export async function listOwnSessions(ctx: Pick<Ctx, 'db'>, userId: string, currentId: string | null) {
  return (await repo.listSessionsOfUser(ctx.db, userId)).map((s) => presentSession(s, currentId));
}

// Only the person's own sessions: another user's session id answers 404 like an unknown one.
export async function endOwnSession(ctx: Ctx, userId: string, sessionId: string) {
  await ctx.db.transaction(async (tx) => {
    const deleted = await repo.deleteSessionOfUser(tx, userId, sessionId);
    if (!deleted) {
      throw notFound('Session');
    }
    await recordAuditEvent(tx, ctx, {
      action: 'user.session_ended',
      entityType: 'user',
      entityId: userId,
      after: { createdAt: deleted.createdAt.toISOString(), ip: deleted.ip },
    });
  });
}

export async function signOutEverywhere(ctx: Ctx, userId: string) {
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSessionsOfUser(tx, userId);
    await recordAuditEvent(tx, ctx, {
      action: 'user.signed_out_everywhere',
      entityType: 'user',
      entityId: userId,
    });
  });
}
export const listAllTokens = (ctx: Pick<Ctx, 'db'>) => repo.listTokens(ctx.db);
export const countUsers = (ctx: Pick<Ctx, 'db'>) => repo.countUsers(ctx.db);
export const countActiveTokens = (ctx: Pick<Ctx, 'db'>) => repo.countActiveTokens(ctx.db);
export const findUser = (ctx: Pick<Ctx, 'db'>, id: string) => repo.findUserById(ctx.db, id);
