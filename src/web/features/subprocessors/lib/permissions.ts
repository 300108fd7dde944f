import { complianceWriters, type Role } from '../../../../shared/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

// The server's rules for this module (subprocessors.routes.ts): every staff role reads; the admin and the privacy
// officer decide (profiles, proposals, assessing objections, recording a withdrawal); staff who may write record
// the answers customers send by e-mail or letter.
const deciders: readonly Role[] = ['admin', 'privacy-officer'];

export function subprocessorPermissions(role: Role | undefined) {
  const decides = Boolean(role && deciders.includes(role));
  return {
    canEditProfile: decides,
    canPropose: decides,
    canDecide: decides,
    canRecordAnswers: Boolean(role && (complianceWriters as readonly Role[]).includes(role)),
  };
}

export function useSubprocessorPermissions() {
  return subprocessorPermissions(useCurrentUser()?.role);
}
