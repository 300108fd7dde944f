import { adminsOnly, allStaff, type Role, type StaffRole } from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

// The server's rule (mail.routes.ts): every staff role reads the delivery log; the admin changes the SMTP settings
// and sends the test mail; the admin and the privacy officer send queued, failed or outbox messages.
const senders: readonly StaffRole[] = ['admin', 'privacy-officer'];

const has = (roles: readonly StaffRole[], role: Role | undefined) =>
  Boolean(role && (roles as readonly Role[]).includes(role));

export function mailPermissions(role: Role | undefined) {
  return {
    canRead: has(allStaff, role),
    canConfigure: has(adminsOnly, role),
    canSend: has(senders, role),
  };
}

export function useMailPermissions() {
  return mailPermissions(useCurrentUser()?.role);
}
