import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import type { Ctx } from '../../context.ts';
import type { DbOrTx } from '../../db/database.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { getAppSettings, getProcessorProfile } from '../settings/settings.usecases.ts';
import { sha256, verifyPassword } from './accounts.models.ts';
import type { UserRow } from './accounts.repository.ts';
import * as repo from './accounts.repository.ts';
import { insertSessionFor, mustEnrolTwoFactor, userActor } from './accounts.usecases.ts';

// Two-factor sign-in with an authenticator app (RFC 6238 TOTP, 6 digits, 30 s) plus ten single-use recovery codes.

const recoveryCodeCount = 10;
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: codes are typed from paper
const maxChallengeAttempts = 5;

export function newRecoveryCode(): string {
  let raw = '';
  for (let i = 0; i < 10; i++) {
    raw += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
  }
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

const normaliseRecoveryCode = (code: string) => code.trim().toLowerCase().replaceAll(/[\s-]/g, '');

// Accepts the current code and one step either side (clock drift between phone and server), but never a step at
// or before the last one used: a code read over a shoulder cannot be replayed.
export function checkTotp(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): { ok: true; step: number } | { ok: false } {
  const token = code.replaceAll(/\s/g, '');
  if (!/^\d{6}$/.test(token)) {
    return { ok: false };
  }
  const result = verifySync({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
  if (!result.valid || !('timeStep' in result) || (lastStep !== null && result.timeStep <= lastStep)) {
    return { ok: false };
  }
  return { ok: true, step: result.timeStep };
}

async function requireUser(db: DbOrTx, userId: string) {
  const user = await repo.findUserById(db, userId);
  if (!user) {
    throw notFound('User');
  }
  return user;
}

const wrongCode = (field: string) =>
  badRequest('auth.wrong_code', 'The code is not correct or has been used already.', field);

// Step 1: a fresh secret, shown once as a QR code. It only counts after the person proves their app has it.
export async function beginTwoFactorSetup(ctx: Ctx, userId: string) {
  const user = await requireUser(ctx.db, userId);
  if (user.totpEnabledAt) {
    throw conflict('two_factor.enabled', 'Two-factor sign-in is on already. Turn it off first to re-pair.');
  }
  const secret = generateSecret();
  const processor = await getProcessorProfile(ctx);
  const otpauthUrl = generateURI({ issuer: `art28 ${processor.legalName}`, label: user.email, secret });
  await repo.updateUser(ctx.db, userId, { totpSecret: secret, totpLastStep: null });
  const qrCodeSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, otpauthUrl, qrCodeSvg };
}

async function replaceRecoveryCodes(tx: DbOrTx, userId: string, now: Date) {
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await repo.deleteRecoveryCodes(tx, userId);
  await repo.insertRecoveryCodes(
    tx,
    codes.map((code) => ({ userId, codeHash: sha256(normaliseRecoveryCode(code)), createdAt: now })),
  );
  return codes;
}

// Step 2: the first code from the app switches it on and returns the recovery codes (shown once).
export async function enableTwoFactor(ctx: Ctx, userId: string, code: string) {
  return ctx.db.transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.totpEnabledAt) {
      throw conflict('two_factor.enabled', 'Two-factor sign-in is on already.');
    }
    if (!user.totpSecret) {
      throw badRequest('two_factor.not_started', 'Start the set-up first to get a QR code.', 'body.code');
    }
    const now = ctx.clock.now();
    const check = checkTotp(user.totpSecret, code, now, user.totpLastStep);
    if (!check.ok) {
      throw wrongCode('body.code');
    }
    await repo.updateUser(tx, userId, { totpEnabledAt: now, totpLastStep: check.step, updatedAt: now });
    const recoveryCodes = await replaceRecoveryCodes(tx, userId, now);
    await recordAuditEvent(tx, ctx, {
      action: 'user.two_factor_enabled',
      entityType: 'user',
      entityId: userId,
    });
    return recoveryCodes;
  });
}

export async function regenerateRecoveryCodes(ctx: Ctx, userId: string, code: string) {
  return ctx.db.transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    if (!user.totpEnabledAt || !user.totpSecret) {
      throw badRequest('two_factor.disabled', 'Two-factor sign-in is off.', 'body.code');
    }
    const now = ctx.clock.now();
    const check = checkTotp(user.totpSecret, code, now, user.totpLastStep);
    if (!check.ok) {
      throw wrongCode('body.code');
    }
    await repo.updateUser(tx, userId, { totpLastStep: check.step });
    const recoveryCodes = await replaceRecoveryCodes(tx, userId, now);
    await recordAuditEvent(tx, ctx, {
      action: 'user.recovery_codes_renewed',
      entityType: 'user',
      entityId: userId,
    });
    return recoveryCodes;
  });
}

// Turning it off asks for the password: a session left open on a shared machine must not be enough.
export async function disableTwoFactor(ctx: Ctx, userId: string, password: string) {
  const user = await requireUser(ctx.db, userId);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw badRequest('auth.wrong_password', 'The password is not correct.', 'body.password');
  }
  const settings = await getAppSettings(ctx.db);
  if (mustEnrolTwoFactor({ ...user, totpEnabledAt: null }, settings)) {
    throw badRequest(
      'two_factor.required',
      'Two-factor sign-in is required for portal users; it cannot be turned off.',
      'body.password',
    );
  }
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, userId, {
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: ctx.clock.now(),
    });
    await repo.deleteRecoveryCodes(tx, userId);
    await recordAuditEvent(tx, ctx, {
      action: 'user.two_factor_disabled',
      entityType: 'user',
      entityId: userId,
    });
  });
}

// Admins help a person who lost both phone and recovery codes; the person sets it up again at next sign-in.
export async function resetTwoFactorByAdmin(ctx: Ctx, userId: string) {
  await ctx.db.transaction(async (tx) => {
    await requireUser(tx, userId);
    await repo.updateUser(tx, userId, {
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: ctx.clock.now(),
    });
    await repo.deleteRecoveryCodes(tx, userId);
    await repo.deleteSessionsOfUser(tx, userId);
    await recordAuditEvent(tx, ctx, {
      action: 'user.two_factor_reset',
      entityType: 'user',
      entityId: userId,
    });
  });
}

const invalidChallenge = () =>
  new AppError(401, 'auth.challenge_expired', 'The sign-in has expired. Enter your password again.');

// The second step of signing in: the challenge from the password step plus a code from the app or a recovery code.
export async function completeTwoFactorLogin(
  ctx: Ctx,
  input: { challenge: string; code?: string | undefined; recoveryCode?: string | undefined },
  meta: { ip: string | null; userAgent: string | null },
) {
  const challengeId = sha256(input.challenge);
  const now = ctx.clock.now();
  const challenge = await repo.findLoginChallenge(ctx.db, challengeId);
  if (!challenge || challenge.expiresAt <= now || challenge.attempts >= maxChallengeAttempts) {
    if (challenge) {
      await repo.deleteLoginChallenge(ctx.db, challengeId);
    }
    throw invalidChallenge();
  }
  const user = await repo.findUserById(ctx.db, challenge.userId);
  if (!user || user.disabledAt || !user.totpEnabledAt || !user.totpSecret) {
    await repo.deleteLoginChallenge(ctx.db, challengeId);
    throw invalidChallenge();
  }
  const outcome = await ctx.db.transaction(async (tx) => {
    const used = await useSecondFactor(tx, user, input, now);
    if (!used) {
      return null;
    }
    await repo.deleteLoginChallenge(tx, challengeId);
    const settings = await getAppSettings(tx);
    const session = await insertSessionFor(tx, ctx, user, settings, meta);
    await recordAuditEvent(
      tx,
      { ...ctx, actor: userActor(user) },
      {
        action: 'user.signed_in',
        entityType: 'user',
        entityId: user.id,
        after: { ip: meta.ip, secondFactor: used },
      },
    );
    return { user, ...session };
  });
  if (!outcome) {
    await repo.countChallengeAttempt(ctx.db, challengeId);
    throw wrongCode(input.recoveryCode ? 'body.recoveryCode' : 'body.code');
  }
  return outcome;
}

async function useSecondFactor(
  tx: DbOrTx,
  user: UserRow,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
  now: Date,
): Promise<'totp' | 'recovery-code' | null> {
  if (input.recoveryCode) {
    const used = await repo.spendRecoveryCode(
      tx,
      user.id,
      sha256(normaliseRecoveryCode(input.recoveryCode)),
      now,
    );
    return used ? 'recovery-code' : null;
  }
  const check = checkTotp(user.totpSecret!, input.code ?? '', now, user.totpLastStep);
  if (!check.ok) {
    return null;
  }
  await repo.updateUser(tx, user.id, { totpLastStep: check.step });
  return 'totp';
}

export async function countUnusedRecoveryCodes(ctx: Pick<Ctx, 'db'>, userId: string) {
  return repo.countUnusedRecoveryCodes(ctx.db, userId);
}
