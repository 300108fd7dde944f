import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Locale, Session, User } from '../../../lib/api-types.ts';

export type AccountInput = { name?: string; locale?: Locale };

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountInput) => api<{ user: User }>('/account', { method: 'PATCH', body: input }),
    onSuccess: ({ user }) => {
      queryClient.setQueryData<Session | null>(['session'], (session) =>
        session ? { ...session, user } : session,
      );
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
