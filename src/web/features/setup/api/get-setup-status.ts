import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export const setupQueryKey = ['setup'] as const;

export function useSetupStatus() {
  return useQuery({
    queryKey: setupQueryKey,
    queryFn: () => api<{ needed: boolean }>('/setup', { allowUnauthorized: true }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}
