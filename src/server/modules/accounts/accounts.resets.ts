import type { Ctx } from '../../context.ts';
import { badRequest } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import { hashPassword, newSecret, normaliseEmail, sha256 } from './accounts.models.ts';
import * as repo from './accounts.repository.ts';
import { checkPasswordStrength, userActor } from './accounts.usecases.ts';

export const resetValidMinutes = 60;

// Answers the same whether or not the address has an account (the route always says 202), so the form cannot be
// used to find out who has one. Only an existing, enabled account gets a message.
export async function requestPasswordReset(ctx: Ctx, links: { publicUrl: string }, emailInput: string) {
  const email = normaliseEmail(emailInput);
  const user = await repo.findUserByEmail(ctx.db, email);
  if (!user || user.disabledAt) {
    return;
  }
  const token = newSecret();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.retireOpenPasswordResets(tx, user.id, now);
    await repo.insertPasswordReset(tx, {
      userId: user.id,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + resetValidMinutes * 60_000),
      createdAt: now,
    });
    await queueEmail(tx, ctx, {
      to: user.email,
      template: 'password-reset',
      locale: user.locale,
      data: {
        name: user.name,
        url: `${links.publicUrl}/reset-password/${token}`,
        validMinutes: resetValidMinutes,
      },
      related: { type: 'user', id: user.id },
      sensitive: true,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'user.password_reset_requested',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

const invalidLink = () =>
  badRequest(
    'password_reset.invalid',
    'This reset link is not valid any more (used, expired or replaced). Ask for a new one.',
    'body.token',
  );

// A new password ends every session of the account: whoever had the old one is out.
export async function confirmPasswordReset(ctx: Ctx, token: string, password: string) {
  checkPasswordStrength(password, 'body.password');
  const reset = await repo.findPasswordReset(ctx.db, sha256(token));
  const now = ctx.clock.now();
  if (!reset || reset.usedAt || reset.expiresAt <= now) {
    throw invalidLink();
  }
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.claimPasswordReset(tx, reset.id, now))) {
      throw invalidLink();
    }
    const user = await repo.updateUser(tx, reset.userId, {
      passwordHash,
      failedLoginCount: 0,
      lockedUntil: null,
      updatedAt: now,
    });
    if (!user) {
      throw invalidLink();
    }
    await repo.deleteSessionsOfUser(tx, user.id);
    await recordAuditEvent(
      tx,
      { ...ctx, actor: userActor(user) },
      { action: 'user.password_reset', entityType: 'user', entityId: user.id },
    );
  });
}
