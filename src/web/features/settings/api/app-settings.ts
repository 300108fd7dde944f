import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { AppSettings } from '../../../lib/api-types.ts';

export const appSettingsQueryKey = ['settings'] as const;

export function useAppSettings() {
  return useQuery({ queryKey: appSettingsQueryKey, queryFn: () => api<AppSettings>('/settings') });
}

export function useUpdateAppSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AppSettings) =>
      api<AppSettings | undefined>('/settings', { method: 'PUT', body: input }),
    onSuccess: (settings) => {
      if (settings && typeof settings === 'object' && 'sessionIdleMinutes' in settings) {
        queryClient.setQueryData(appSettingsQueryKey, settings);
      }
      void queryClient.invalidateQueries({ queryKey: appSettingsQueryKey });
    },
  });
}
