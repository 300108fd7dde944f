import { adminsOnly, auditReaders, type StaffRole, staffRoles } from '../../shared/roles.ts';

export { type StaffRole, staffRoles };

// What the UI offers to whom. The server enforces the same rules; this only hides what it would refuse.
const permissions = {
  'audit.read': auditReaders,
  'audit.verify': auditReaders,
  'settings.read': staffRoles,
  'settings.edit': adminsOnly,
  'users.manage': adminsOnly,
  'tokens.manage': adminsOnly,
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissions;

export function can(role: StaffRole | undefined, permission: Permission): boolean {
  if (!role) {
    return false;
  }
  return (permissions[permission] as readonly StaffRole[]).includes(role);
}
