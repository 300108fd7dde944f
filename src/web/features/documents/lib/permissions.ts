import {
  adminsOnly,
  allStaff,
  complianceWriters,
  type Role,
  type StaffRole,
} from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

// The server's rule (documents.routes.ts): every staff role reads and downloads; admin, privacy officer and staff
// generate (and send a new DPA version); only the admin saves a template. The UI disables what it would refuse.
const has = (roles: readonly StaffRole[], role: Role | undefined) =>
  Boolean(role && (roles as readonly Role[]).includes(role));

export function documentPermissions(role: Role | undefined) {
  return {
    canRead: has(allStaff, role),
    canGenerate: has(complianceWriters, role),
    canEditTemplate: has(adminsOnly, role),
  };
}

export function useDocumentPermissions() {
  return documentPermissions(useCurrentUser()?.role);
}
