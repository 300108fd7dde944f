import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { StaffRole, User } from '../../../lib/api-types.ts';

export const usersQueryKey = ['users'] as const;

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: usersQueryKey,
    queryFn: async () => (await api<{ items: User[] }>('/users')).items,
    enabled,
  });
}

export type CreateUserInput = { email: string; name: string; role: StaffRole; password: string };

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api<{ user: User }>('/users', { method: 'POST', body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export type UpdateUserInput = { name?: string; role?: StaffRole; disabled?: boolean; unlock?: true };

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) =>
      api<{ user: User }>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
