import { complianceWriters, type Role } from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

// The server's rules for this module: every staff role reads; the admin, the privacy officer and staff record
// incidents, calls and adjustments. The auditor only reads. Only the admin and the privacy officer may have a
// file on the server scanned in place.
export function useBreachPermissions() {
  const role = useCurrentUser()?.role;
  return {
    canWrite: Boolean(role && (complianceWriters as readonly Role[]).includes(role)),
    canScanServerFiles: role === 'admin' || role === 'privacy-officer',
  };
}
