import { z } from 'zod';
import { customerRoles, locales, roles, staffRoles } from '../../../shared/roles.ts';

export const roleSchema = z.enum(staffRoles);
export const localeSchema = z.enum(locales);
export const customerRoleSchema = z.enum(customerRoles);

export const userSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    locale: localeSchema,
    customerId: z.string().uuid().nullable(),
    twoFactorEnabled: z.boolean(),
    createdAt: z.string(),
    lockedUntil: z.string().nullable(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const tokenSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    role: z.enum(roles),
    // set for a customer's own token (portal, OpenDSR); staff tokens have none
    customerId: z.string().uuid().nullable(),
    prefix: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

const email = z.string().trim().email().max(254);
const password = z.string().min(1).max(1000);
const name = z.string().trim().min(1).max(200);

export const setupBodySchema = z
  .object({ email, name, password, locale: localeSchema.default('nl') })
  .meta({ id: 'SetupRequest' });
export const loginBodySchema = z
  .object({ email: z.string().trim().min(1).max(254), password })
  .meta({ id: 'LoginRequest' });
export const sessionResponseSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string(),
    // A portal user's customer, so the web app can show whose portal this is.
    customer: z.object({ id: z.string().uuid(), legalName: z.string() }).nullable(),
    mustEnrolTwoFactor: z.boolean(),
  })
  .meta({ id: 'Session' });
export const twoFactorChallengeSchema = z
  .object({ twoFactorRequired: z.literal(true), challenge: z.string(), expiresAt: z.string() })
  .meta({ id: 'TwoFactorChallenge' });
export const loginResponseSchema = z.union([sessionResponseSchema, twoFactorChallengeSchema]);
export const twoFactorLoginSchema = z
  .object({
    challenge: z.string().min(1).max(200),
    code: z.string().trim().max(20).optional(),
    recoveryCode: z.string().trim().max(40).optional(),
  })
  .meta({ id: 'TwoFactorLogin' });
export const twoFactorSetupSchema = z
  .object({ secret: z.string(), otpauthUrl: z.string(), qrCodeSvg: z.string() })
  .meta({ id: 'TwoFactorSetup' });
export const codeBodySchema = z.object({ code: z.string().trim().min(1).max(20) }).meta({ id: 'TotpCode' });
export const passwordBodySchema = z.object({ password }).meta({ id: 'PasswordConfirmation' });
export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodes' });
export const sessionListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        createdAt: z.string(),
        lastSeenAt: z.string(),
        expiresAt: z.string(),
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
        current: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'SessionList' });
export const sessionIdParamsSchema = z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) });
export const passwordResetRequestSchema = z.object({ email: z.string().trim().min(1).max(254) }).meta({
  id: 'PasswordResetRequest',
});
export const passwordResetConfirmSchema = z
  .object({ token: z.string().min(1).max(200), password })
  .meta({ id: 'PasswordResetConfirm' });
export const inviteSchema = z
  .object({
    id: z.string().uuid(),
    customerId: z.string().uuid(),
    contactId: z.string().uuid().nullable(),
    email: z.string(),
    name: z.string(),
    role: customerRoleSchema,
    invitedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
  })
  .meta({ id: 'PortalInvite' });
export const newInviteSchema = z
  .object({
    email,
    name,
    role: customerRoleSchema,
    contactId: z.string().uuid().optional(),
    locale: localeSchema.optional(),
  })
  .meta({ id: 'NewPortalInvite' });
export const portalAccountsSchema = z
  .object({ users: z.array(userSchema), invites: z.array(inviteSchema) })
  .meta({ id: 'PortalAccounts' });
export const inviteTokenParamsSchema = z.object({ token: z.string().min(10).max(200) });
export const invitePreviewSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    role: customerRoleSchema,
    customerName: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'InvitePreview' });
export const inviteAcceptSchema = z
  .object({ name, password, locale: localeSchema.optional() })
  .meta({ id: 'InviteAcceptance' });
export const accountPatchSchema = z
  .object({ name: name.optional(), locale: localeSchema.optional() })
  .meta({ id: 'AccountPatch' });
export const passwordChangeSchema = z
  .object({ currentPassword: password, newPassword: password })
  .meta({ id: 'PasswordChange' });
export const newUserSchema = z
  .object({ email, name, role: roleSchema, password, locale: localeSchema.optional() })
  .meta({ id: 'NewUser' });
export const userPatchSchema = z
  .object({
    name: name.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    unlock: z.literal(true).optional(),
  })
  .meta({ id: 'UserPatch' });
export const newTokenSchema = z
  .object({ name: z.string().trim().min(1).max(100), role: roleSchema })
  .meta({ id: 'NewApiToken' });
export const newCustomerTokenSchema = z
  .object({ name: z.string().trim().min(1).max(100) })
  .meta({ id: 'NewCustomerApiToken' });
export const idParamsSchema = z.object({ id: z.string().uuid() });
