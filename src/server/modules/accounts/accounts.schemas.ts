import { z } from 'zod';
import { locales, staffRoles } from '../../../shared/roles.ts';

export const roleSchema = z.enum(staffRoles);
export const localeSchema = z.enum(locales);

export const userSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    locale: localeSchema,
    createdAt: z.string(),
    lockedUntil: z.string().nullable(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const tokenSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    role: roleSchema,
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
  .object({ user: userSchema, csrfToken: z.string() })
  .meta({ id: 'Session' });
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
export const idParamsSchema = z.object({ id: z.string().uuid() });
