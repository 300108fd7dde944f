// Shapes of the art28 API (/api/v1) as the web app uses them. Instants are ISO 8601 strings.
import type { Locale, StaffRole } from '../../shared/roles.ts';

export type { Locale, StaffRole };

export type User = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  locale: Locale;
  createdAt: string;
  lockedUntil: string | null;
  disabledAt: string | null;
};

export type Session = { user: User; csrfToken: string };

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
