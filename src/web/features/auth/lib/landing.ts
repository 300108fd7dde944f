import type { Session } from '../../../lib/api-types.ts';
import { isPortalUser } from '../../../lib/roles.ts';

/** Where a person who must set up two-factor sign-in first is sent (RequireAuth allows nothing else). */
export const twoFactorSetupPath = '/two-factor-setup';

/**
 * Where a signed-in person goes after signing in: the page they asked for, if it is on their side of art28;
 * otherwise their home — the portal for customer contacts, the dashboard for staff.
 */
export function landingPath(session: Session, next: string): string {
  const portalPath = next === '/portal' || next.startsWith('/portal/');
  if (session.mustEnrolTwoFactor) {
    return twoFactorSetupPath;
  }
  if (isPortalUser(session)) {
    return portalPath ? next : '/portal';
  }
  return portalPath ? '/' : next;
}
