// Shapes of the art28 API (/api/v1) as the web app uses them. Instants are ISO 8601 strings.
import type { CustomerRole, Locale, Role, StaffRole } from '../../shared/roles.ts';

export type { CustomerRole, Locale, Role, StaffRole };

export type User = {
  id: string;
  email: string;
  name: string;
  /** A staff role, or customer-admin / customer-member for a portal user. */
  role: Role;
  locale: Locale;
  /** The customer a portal user belongs to; null for staff. */
  customerId: string | null;
  twoFactorEnabled: boolean;
  createdAt: string;
  lockedUntil: string | null;
  disabledAt: string | null;
};

export type Session = {
  user: User;
  csrfToken: string;
  /** A portal user's customer (whose portal this is); null for staff. */
  customer: { id: string; legalName: string } | null;
  /** Two-factor sign-in is required and not set up yet: only the set-up page and signing out are allowed. */
  mustEnrolTwoFactor: boolean;
};

/** The password was right; the account has two-factor sign-in, so a code is needed to finish. */
export type TwoFactorChallenge = { twoFactorRequired: true; challenge: string; expiresAt: string };

export type LoginResult = Session | TwoFactorChallenge;

export type TwoFactorStatus = { enabled: boolean; required: boolean; recoveryCodesLeft: number };

export type TwoFactorSetup = { secret: string; otpauthUrl: string; qrCodeSvg: string };

export type AccountSession = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
};

export type InviteStatus = 'pending' | 'expired' | 'revoked' | 'accepted';

export type PortalInvite = {
  id: string;
  customerId: string;
  contactId: string | null;
  email: string;
  name: string;
  role: CustomerRole;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  status: InviteStatus;
};

export type PortalAccounts = { users: User[]; invites: PortalInvite[] };

/** What an invitation link shows before it is accepted. */
export type InvitePreview = {
  email: string;
  name: string;
  role: CustomerRole;
  customerName: string;
  expiresAt: string;
};

export type ApiToken = {
  id: string;
  name: string;
  role: StaffRole;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type AuditActorKind = 'user' | 'token' | 'system' | 'cli';

export type AuditEvent = {
  id: string | number;
  occurredAt: string;
  actorKind: AuditActorKind;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
};

export type AuditVerification = {
  id: string | number;
  ranAt: string;
  ok: boolean;
  checkedRows: number;
  brokenRowId: string | number | null;
  message: string | null;
  trigger: string;
};

export type ProcessorProfileInput = {
  legalName: string;
  kvkNumber: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  privacyContactName: string;
  privacyContactEmail: string;
  privacyContactPhone: string;
  breachPhone: string;
};

export type ProcessorProfile = ProcessorProfileInput & { hasLogo: boolean; updatedAt: string };

export type AppSettings = {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxAttempts: number;
  loginLockoutMinutes: number;
  portalSessionIdleMinutes: number;
  portalSessionAbsoluteHours: number;
  portalRequireTwoFactor: boolean;
  publicSubprocessorList: boolean;
  requestRetentionDays: number;
  scanUploadLimitMb: number;
};

export type Dashboard = {
  counts: { users: number; activeTokens: number; auditEvents: number };
  auditChain: AuditVerification | null;
};

export type Health = {
  status: 'ok';
  engine: 'pglite' | 'postgres';
  migration: { level: number; latest: string | null };
  version: string;
};
