import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api.ts';
import { sessionQueryKey } from './get-session.ts';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST', allowUnauthorized: true }),
    onSettled: () => {
      // Whatever the server said, forget everything this browser knew about the session.
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'setup' });
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}
