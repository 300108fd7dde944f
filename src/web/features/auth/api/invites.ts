import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { InvitePreview, Locale, Session } from '../../../lib/api-types.ts';
import { applySession } from './login.ts';

const path = (token: string) => `/auth/invites/${encodeURIComponent(token)}`;

/** What the invitation link is for; 404 unknown, 410 used or expired. */
export function useInvitePreview(token: string) {
  return useQuery({
    queryKey: ['invite', token],
    queryFn: () => api<InvitePreview>(path(token), { allowUnauthorized: true }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type AcceptInviteInput = { name: string; password: string; locale?: Locale };

/** Creates the portal account and signs it in. */
export function useAcceptInvite(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInviteInput) =>
      api<Session>(`${path(token)}/accept`, { method: 'POST', body: input, allowUnauthorized: true }),
    onSuccess: (session) => applySession(queryClient, session),
  });
}
