import type { CustomerRole, Session } from '../../../lib/api-types.ts';
import { isCustomerRoleName } from '../../../lib/roles.ts';
import { useSession } from '../../auth/api/get-session.ts';

export type PortalUser = {
  id: string;
  name: string;
  email: string;
  role: CustomerRole;
  /** Only a customer-admin signs the DPA, edits contacts and invites colleagues (the server's rule too). */
  isAdmin: boolean;
  customer: { id: string; legalName: string } | null;
};

export function portalUserOf(session: Session | null | undefined): PortalUser | null {
  if (!session || !isCustomerRoleName(session.user.role)) {
    return null;
  }
  const { id, name, email, role } = session.user;
  return { id, name, email, role, isAdmin: role === 'customer-admin', customer: session.customer ?? null };
}

/** The portal user; null for staff or when nobody is signed in. */
export function usePortalUser(): PortalUser | null {
  return portalUserOf(useSession().data);
}
