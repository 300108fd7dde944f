import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export type ChangePasswordInput = { currentPassword: string; newPassword: string };

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) =>
      api<void>('/account/password', { method: 'PUT', body: input }),
  });
}
