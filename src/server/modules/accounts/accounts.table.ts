import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customerRoles, roles } from '../../../shared/roles.ts';
import { instant } from '../../db/columns.ts';
import { customerContacts, customers } from '../customers/customers.table.ts';

// Staff and customer contacts (portal users) share one table, so sign-in, sessions and two-factor work the same
// for both. A portal user belongs to exactly one customer (decisions.md, Roles); the check keeps that true.
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: roles }).notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => customerContacts.id, { onDelete: 'set null' }),
    // RFC 6238 secret (base32). Readable by the server because it must compute codes; see ARCHITECTURE.md.
    totpSecret: text('totp_secret'),
    totpEnabledAt: instant('totp_enabled_at'),
    // The last accepted 30-second step: a code seen once is refused afterwards (RFC 6238 §5.2, replay).
    totpLastStep: integer('totp_last_step'),
    locale: text('locale', { enum: ['nl', 'en'] })
      .notNull()
      .default('nl'),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('users_customer_idx').on(t.customerId),
    check(
      'users_customer_scope',
      sql`(${t.role} in (${sql.raw(customerRoles.map((r) => `'${r}'`).join(', '))})) = (${t.customerId} is not null)`,
    ),
  ],
);

// Only the SHA-256 of a session token is stored: a copy of this table cannot be replayed as cookies.
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// API tokens: a staff token acts with its role; a customer token (OpenDSR, issue 9) belongs to one customer and acts
// as that customer's customer-admin, never beyond it.
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  customerId: uuid('customer_id').references(() => customers.id),
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

// A single-use link that lets a customer contact create a portal account (7 days). Only the hash is stored.
export const accountInvites = pgTable(
  'account_invites',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => customerContacts.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: customerRoles }).notNull(),
    locale: text('locale', { enum: ['nl', 'en'] })
      .notNull()
      .default('nl'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').notNull(),
    expiresAt: instant('expires_at').notNull(),
    acceptedAt: instant('accepted_at'),
    revokedAt: instant('revoked_at'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('account_invites_customer_idx').on(t.customerId)],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

// The step between a correct password and a session when the account has two-factor sign-in.
export const loginChallenges = pgTable('login_challenges', {
  id: text('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: instant('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_idx').on(t.userId, t.codeHash)],
);
