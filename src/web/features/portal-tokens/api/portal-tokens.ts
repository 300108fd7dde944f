import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

// A customer-admin's own API tokens (accounts.customer-tokens.ts): for the customer's systems, e.g. OpenDSR.
export type CustomerApiToken = {
  id: string;
  name: string;
  role: 'customer-admin';
  customerId: string;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export const portalTokensKey = ['portal', 'tokens'] as const;

export function usePortalTokens() {
  return useQuery({
    queryKey: portalTokensKey,
    queryFn: async ({ signal }) =>
      (await api<{ items: CustomerApiToken[] }>('/portal/tokens', { signal })).items,
  });
}

export function useCreatePortalToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) =>
      api<{ token: CustomerApiToken; secret: string }>('/portal/tokens', { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalTokensKey }),
  });
}

export function useRevokePortalToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ token: CustomerApiToken }>(`/portal/tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalTokensKey }),
  });
}
