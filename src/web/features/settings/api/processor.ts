import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import type { ProcessorProfile, ProcessorProfileInput } from '../../../lib/api-types.ts';

export const processorQueryKey = ['processor'] as const;

export function useProcessor() {
  return useQuery({
    queryKey: processorQueryKey,
    queryFn: () => api<ProcessorProfile>('/processor'),
    staleTime: 5 * 60_000,
  });
}

export function useUpdateProcessor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProcessorProfileInput) =>
      api<ProcessorProfile | undefined>('/processor', { method: 'PUT', body: input }),
    onSuccess: (profile) => {
      if (profile && typeof profile === 'object' && 'legalName' in profile) {
        queryClient.setQueryData(processorQueryKey, profile);
      }
      void queryClient.invalidateQueries({ queryKey: processorQueryKey });
    },
  });
}

export function useUploadLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dataUrl: string) => api<unknown>('/processor/logo', { method: 'PUT', body: { dataUrl } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: processorQueryKey }),
  });
}

export function useDeleteLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/processor/logo', { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: processorQueryKey }),
  });
}

/** The logo URL, versioned by the profile's updatedAt so a new upload is not served from cache. */
export function logoUrl(profile: Pick<ProcessorProfile, 'updatedAt'>): string {
  return apiUrl('/processor/logo', { v: profile.updatedAt });
}
