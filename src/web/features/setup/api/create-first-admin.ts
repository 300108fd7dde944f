import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api.ts';
import type { Locale, Session } from '../../../lib/api-types.ts';
import { setupQueryKey } from './get-setup-status.ts';

export type FirstAdminInput = { email: string; name: string; password: string; locale: Locale };

export function useCreateFirstAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FirstAdminInput) =>
      api<Session>('/setup', { method: 'POST', body: input, allowUnauthorized: true }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(setupQueryKey, { needed: false });
      queryClient.setQueryData(['session'], session);
    },
  });
}
