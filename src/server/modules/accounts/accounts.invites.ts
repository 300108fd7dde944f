import { DateTime } from 'luxon';
import type { CustomerRole, Locale } from '../../../shared/roles.ts';
import type { Ctx } from '../../context.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { findCustomerForAccess } from '../customers/customers.usecases.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import { getAppSettings } from '../settings/settings.usecases.ts';
import { hashPassword, newSecret, normaliseEmail, sha256 } from './accounts.models.ts';
import type { InviteRow } from './accounts.repository.ts';
import * as repo from './accounts.repository.ts';
import { checkPasswordStrength, insertSessionFor, presentUser, userActor } from './accounts.usecases.ts';

// Customer contacts get a portal account only by invitation: staff invite anyone of a customer; a customer-admin
// invites colleagues of its own customer. The link is single use and valid for 7 days (issue 5).
export const inviteValidDays = 7;

export type InviteInput = {
  email: string;
  name: string;
  role: CustomerRole;
  contactId?: string | undefined;
  locale?: Locale | undefined;
};

export function inviteStatus(invite: InviteRow, now: Date) {
  if (invite.acceptedAt) {
    return 'accepted' as const;
  }
  if (invite.revokedAt) {
    return 'revoked' as const;
  }
  return invite.expiresAt <= now ? ('expired' as const) : ('pending' as const);
}

export function presentInvite(invite: InviteRow, now: Date) {
  return {
    id: invite.id,
    customerId: invite.customerId,
    contactId: invite.contactId,
    email: invite.email,
    name: invite.name,
    role: invite.role,
    invitedBy: invite.invitedBy,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    status: inviteStatus(invite, now),
  };
}

const localDate = (instant: Date, locale: Locale) =>
  DateTime.fromJSDate(instant, { zone: 'Europe/Amsterdam' })
    .setLocale(locale === 'nl' ? 'nl-NL' : 'en-GB')
    .toLocaleString(DateTime.DATE_FULL);

export async function inviteToPortal(
  ctx: Ctx,
  links: { publicUrl: string },
  customerId: string,
  input: InviteInput,
) {
  return ctx.db.transaction(async (tx) => {
    const customer = await findCustomerForAccess(tx, customerId, input.contactId);
    const email = normaliseEmail(input.email);
    const now = ctx.clock.now();
    // A new invite for the same address replaces the one still pending: only the latest link works.
    for (const open of await repo.listInvitesOfCustomer(tx, customerId)) {
      if (open.email === email && inviteStatus(open, now) === 'pending') {
        await repo.updateInvite(tx, open.id, { revokedAt: now });
      }
    }
    const token = newSecret();
    const locale = input.locale ?? customer.locale;
    const invite = await repo.insertInvite(tx, {
      customerId,
      contactId: input.contactId ?? null,
      email,
      name: input.name.trim(),
      role: input.role,
      locale,
      tokenHash: sha256(token),
      invitedBy: ctx.actor.label,
      expiresAt: new Date(now.getTime() + inviteValidDays * 24 * 3_600_000),
      createdAt: now,
    });
    await queueEmail(tx, ctx, {
      to: email,
      template: 'invite',
      locale,
      data: {
        name: invite.name,
        customerName: customer.legalName,
        invitedBy: ctx.actor.label,
        url: `${links.publicUrl}/invite/${token}`,
        expiresOn: localDate(invite.expiresAt, locale),
      },
      related: { type: 'customer', id: customerId },
      sensitive: true,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'portal_invite.created',
      entityType: 'customer',
      entityId: customerId,
      after: presentInvite(invite, now),
    });
    return { invite, token };
  });
}

export async function listPortalAccounts(ctx: Pick<Ctx, 'db' | 'clock'>, customerId: string) {
  await findCustomerForAccess(ctx.db, customerId);
  const now = ctx.clock.now();
  const [users, invites] = await Promise.all([
    repo.listUsersOfCustomer(ctx.db, customerId),
    repo.listInvitesOfCustomer(ctx.db, customerId),
  ]);
  return {
    users: users.map(presentUser),
    invites: invites.filter((i) => inviteStatus(i, now) !== 'accepted').map((i) => presentInvite(i, now)),
  };
}

export async function revokeInvite(ctx: Ctx, customerId: string, inviteId: string) {
  return ctx.db.transaction(async (tx) => {
    const invite = await repo.findInvite(tx, inviteId);
    if (!invite || invite.customerId !== customerId) {
      throw notFound('Invite');
    }
    const now = ctx.clock.now();
    if (inviteStatus(invite, now) !== 'pending') {
      return invite;
    }
    const after = (await repo.updateInvite(tx, inviteId, { revokedAt: now }))!;
    await recordAuditEvent(tx, ctx, {
      action: 'portal_invite.revoked',
      entityType: 'customer',
      entityId: customerId,
      before: presentInvite(invite, now),
      after: presentInvite(after, now),
    });
    return after;
  });
}

// Removing a portal user deletes the account and its sessions; the audit log keeps who it was and what it did.
export async function removePortalUser(ctx: Ctx, customerId: string, userId: string) {
  return ctx.db.transaction(async (tx) => {
    const user = await repo.findUserById(tx, userId);
    if (!user || user.customerId !== customerId) {
      throw notFound('User');
    }
    if (ctx.actor.id === userId) {
      throw badRequest('portal_users.self_removal', 'You cannot remove your own account.', 'params.userId');
    }
    await repo.deleteUser(tx, userId);
    await recordAuditEvent(tx, ctx, {
      action: 'portal_user.removed',
      entityType: 'customer',
      entityId: customerId,
      before: presentUser(user),
    });
  });
}

async function findUsableInvite(ctx: Pick<Ctx, 'db' | 'clock'>, token: string) {
  const invite = await repo.findInviteByTokenHash(ctx.db, sha256(token));
  if (!invite) {
    throw new AppError(404, 'invites.not_found', 'This invitation link is not valid. Ask for a new one.');
  }
  const status = inviteStatus(invite, ctx.clock.now());
  if (status === 'accepted') {
    throw new AppError(410, 'invites.used', 'This invitation has been used already. Sign in instead.');
  }
  if (status !== 'pending') {
    throw new AppError(
      410,
      'invites.expired',
      'This invitation has expired or was withdrawn. Ask for a new one.',
    );
  }
  return invite;
}

export async function previewInvite(ctx: Pick<Ctx, 'db' | 'clock'>, token: string) {
  const invite = await findUsableInvite(ctx, token);
  const customer = await findCustomerForAccess(ctx.db, invite.customerId);
  return {
    email: invite.email,
    name: invite.name,
    role: invite.role,
    customerName: customer.legalName,
    expiresAt: invite.expiresAt.toISOString(),
  };
}

export async function acceptInvite(
  ctx: Ctx,
  token: string,
  input: { name: string; password: string; locale?: Locale | undefined },
  meta: { ip: string | null; userAgent: string | null },
) {
  checkPasswordStrength(input.password, 'body.password');
  const invite = await findUsableInvite(ctx, token);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    if (await repo.findUserByEmail(tx, invite.email)) {
      throw conflict(
        'invites.account_exists',
        'An account with this e-mail address exists already. Sign in, or reset your password.',
      );
    }
    const user = await repo.insertUser(tx, {
      email: invite.email,
      name: input.name.trim(),
      role: invite.role,
      customerId: invite.customerId,
      contactId: invite.contactId,
      locale: input.locale ?? invite.locale,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    // Conditional on "still pending" so two tabs accepting the same link cannot both create an account.
    const claimed = await repo.claimInvite(tx, invite.id, user.id, now);
    if (!claimed) {
      throw new AppError(410, 'invites.used', 'This invitation has been used already. Sign in instead.');
    }
    const actorCtx = { ...ctx, actor: userActor(user) };
    await recordAuditEvent(tx, actorCtx, {
      action: 'portal_user.created',
      entityType: 'customer',
      entityId: invite.customerId,
      after: { ...presentUser(user), inviteId: invite.id, invitedBy: invite.invitedBy },
    });
    const settings = await getAppSettings(tx);
    const session = await insertSessionFor(tx, ctx, user, settings, meta);
    return { user, ...session };
  });
}
