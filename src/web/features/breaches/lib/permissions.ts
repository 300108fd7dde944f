import { complianceWriters, type Role } from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

// The server's rules for this module: every staff role reads; the admin, the privacy officer and staff record
// incidents, calls and adjustments. The auditor only reads.
export function useBreachPermissions() {
  const role = useCurrentUser()?.role;
  return { canWrite: Boolean(role && (complianceWriters as readonly Role[]).includes(role)) };
}
