import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ApiToken, StaffRole } from '../../../lib/api-types.ts';

export const tokensQueryKey = ['tokens'] as const;

export function useTokens(enabled = true) {
  return useQuery({
    queryKey: tokensQueryKey,
    queryFn: async () => (await api<{ items: ApiToken[] }>('/tokens')).items,
    enabled,
  });
}

export type CreateTokenInput = { name: string; role: StaffRole };

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) =>
      api<{ token: ApiToken; secret: string }>('/tokens', { method: 'POST', body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tokensQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tokensQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
