import {
  adminsOnly,
  auditReaders,
  type CustomerRole,
  complianceWriters,
  isCustomerRole,
  type Role,
  type StaffRole,
  staffRoles,
} from '../../shared/roles.ts';

export { type CustomerRole, type Role, type StaffRole, staffRoles };

// What the UI offers to whom. The server enforces the same rules; this only hides what it would refuse.
const permissions = {
  'audit.read': auditReaders,
  'audit.verify': auditReaders,
  'settings.read': staffRoles,
  'settings.edit': adminsOnly,
  'users.manage': adminsOnly,
  'users.resetTwoFactor': adminsOnly,
  'tokens.manage': adminsOnly,
  'portalAccounts.manage': complianceWriters,
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role | undefined, permission: Permission): boolean {
  if (!role) {
    return false;
  }
  return (permissions[permission] as readonly Role[]).includes(role);
}

type SessionLike = { user: { role: Role } } | null | undefined;

/** A customer contact signed in to the portal (customer-admin or customer-member), not staff. */
export function isPortalUser(session: SessionLike): boolean {
  return Boolean(session && isCustomerRole(session.user.role));
}

/** Someone of the processor's own staff (every role but the customer ones). */
export function isStaffUser(session: SessionLike): boolean {
  return Boolean(session && !isCustomerRole(session.user.role));
}

export const isCustomerRoleName = (value: unknown): value is CustomerRole =>
  typeof value === 'string' && isCustomerRole(value as Role);
