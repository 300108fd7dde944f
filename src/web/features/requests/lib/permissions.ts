import { complianceWriters, type Role } from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

// The server's rules for this module: every staff role reads; the admin, the privacy officer and staff take in
// requests, work the tasks and see the identities. The auditor only reads (and never sees an identity).
export function useRequestPermissions() {
  const user = useCurrentUser();
  const role = user?.role;
  return {
    canWrite: Boolean(role && (complianceWriters as readonly Role[]).includes(role)),
    user,
  };
}
