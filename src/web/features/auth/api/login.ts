import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api.ts';
import type { Session } from '../../../lib/api-types.ts';
import { sessionQueryKey } from './get-session.ts';

export type LoginInput = { email: string; password: string };

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      api<Session>('/auth/login', { method: 'POST', body: input, allowUnauthorized: true }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'setup' });
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}
