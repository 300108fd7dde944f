import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api.ts';
import type { AccountSession } from '../../../lib/api-types.ts';
import { sessionQueryKey } from '../../auth/api/get-session.ts';

export const ownSessionsQueryKey = ['account', 'sessions'] as const;

export function useOwnSessions() {
  return useQuery({
    queryKey: ownSessionsQueryKey,
    queryFn: async () => (await api<{ items: AccountSession[] }>('/account/sessions')).items,
  });
}

/** This browser's session is gone: forget everything it knew (as signing out does). */
function forgetSession(queryClient: QueryClient) {
  setCsrfToken(null);
  // The session query stays (set to null, so the mounted gates see it and send to /login); the rest goes.
  queryClient.setQueryData(sessionQueryKey, null);
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== 'setup' && query.queryKey[0] !== sessionQueryKey[0],
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (session: AccountSession) =>
      api<void>(`/account/sessions/${encodeURIComponent(session.id)}`, { method: 'DELETE' }),
    onSuccess: (_result, session) => {
      if (session.current) {
        forgetSession(queryClient);
      } else {
        void queryClient.invalidateQueries({ queryKey: ownSessionsQueryKey });
      }
    },
  });
}

/** Ends every session of the account, this one too. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/account/sessions/sign-out-everywhere', { method: 'POST' }),
    onSuccess: () => forgetSession(queryClient),
  });
}
