import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { AuditVerification } from '../../../lib/api-types.ts';

export const latestVerificationQueryKey = ['audit', 'verification', 'latest'] as const;

export function useLatestVerification(enabled = true) {
  return useQuery({
    queryKey: latestVerificationQueryKey,
    queryFn: async () =>
      (await api<{ verification: AuditVerification | null }>('/audit/verifications/latest')).verification,
    enabled,
  });
}

export function useVerifyAuditChain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await api<{ verification: AuditVerification }>('/audit/verify', { method: 'POST' })).verification,
    onSuccess: (verification) => {
      queryClient.setQueryData(latestVerificationQueryKey, verification);
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['audit', 'events'] });
    },
  });
}
