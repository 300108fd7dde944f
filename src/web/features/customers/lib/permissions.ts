import { allStaff, complianceWriters, type Role } from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

// The server's rule for customers, agreements, DPAs and instructions (customers.routes.ts): every staff role
// reads; admin, privacy officer and staff write; the auditor only reads. The UI hides what the API would refuse.
export function customerPermissions(role: Role | undefined) {
  return {
    canRead: Boolean(role && (allStaff as readonly Role[]).includes(role)),
    canEdit: Boolean(role && (complianceWriters as readonly Role[]).includes(role)),
  };
}

export function useCustomerPermissions() {
  return customerPermissions(useCurrentUser()?.role);
}
