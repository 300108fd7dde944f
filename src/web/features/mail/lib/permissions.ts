import { adminsOnly, allStaff, type StaffRole } from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

// The server's rule (mail.routes.ts): every staff role reads the delivery log; the admin changes the SMTP settings
// and sends the test mail; the admin and the privacy officer send queued, failed or outbox messages.
const senders: readonly StaffRole[] = ['admin', 'privacy-officer'];

export function mailPermissions(role: StaffRole | undefined) {
  return {
    canRead: Boolean(role && allStaff.includes(role)),
    canConfigure: Boolean(role && adminsOnly.includes(role)),
    canSend: Boolean(role && senders.includes(role)),
  };
}

export function useMailPermissions() {
  return mailPermissions(useCurrentUser()?.role);
}
