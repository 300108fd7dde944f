import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

/** Always answers 202: the server never tells whether the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: { email: string }) =>
      api<void>('/auth/password-reset', { method: 'POST', body: input, allowUnauthorized: true }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api<void>('/auth/password-reset/confirm', { method: 'POST', body: input, allowUnauthorized: true }),
  });
}
