import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api.ts';
import type { LoginResult, Session, TwoFactorChallenge } from '../../../lib/api-types.ts';
import { sessionQueryKey } from './get-session.ts';

export type LoginInput = { email: string; password: string };

/** The second sign-in step: the code from the authenticator app, or one of the recovery codes. */
export type TwoFactorInput = { challenge: string } & ({ code: string } | { recoveryCode: string });

export const isTwoFactorChallenge = (result: LoginResult): result is TwoFactorChallenge =>
  'twoFactorRequired' in result && result.twoFactorRequired === true;

/**
 * A new session (login, second step, accepted invite): its CSRF token for writes, nothing cached from whoever
 * used this browser before, and the session itself so the gates see it at once.
 */
export function applySession(queryClient: QueryClient, session: Session): void {
  setCsrfToken(session.csrfToken);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'setup' });
  queryClient.setQueryData(sessionQueryKey, session);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      api<LoginResult>('/auth/login', { method: 'POST', body: input, allowUnauthorized: true }),
    onSuccess: (result) => {
      if (!isTwoFactorChallenge(result)) {
        applySession(queryClient, result);
      }
    },
  });
}

export function useTwoFactorLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TwoFactorInput) =>
      api<Session>('/auth/login/two-factor', { method: 'POST', body: input, allowUnauthorized: true }),
    onSuccess: (session) => applySession(queryClient, session),
  });
}
