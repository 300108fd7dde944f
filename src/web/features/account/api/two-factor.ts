import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Session, TwoFactorSetup, TwoFactorStatus } from '../../../lib/api-types.ts';
import { sessionQueryKey } from '../../auth/api/get-session.ts';

export const twoFactorQueryKey = ['account', 'two-factor'] as const;

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: twoFactorQueryKey,
    queryFn: () => api<TwoFactorStatus>('/account/two-factor'),
  });
}

/** Keeps the cached session's user in step (the account page and the users lists show it). */
function useMarkSession() {
  const queryClient = useQueryClient();
  return (twoFactorEnabled: boolean) => {
    queryClient.setQueryData<Session | null>(sessionQueryKey, (session) =>
      session ? { ...session, user: { ...session.user, twoFactorEnabled } } : session,
    );
    void queryClient.invalidateQueries({ queryKey: twoFactorQueryKey });
  };
}

/** Step 1: a fresh secret and its QR code (replaces any set-up that was not finished). */
export function useBeginTwoFactorSetup() {
  return useMutation({
    mutationFn: () => api<TwoFactorSetup>('/account/two-factor/setup', { method: 'POST' }),
  });
}

/** Step 2: the first code from the app turns it on; the answer holds the recovery codes, shown once. */
export function useEnableTwoFactor() {
  const mark = useMarkSession();
  return useMutation({
    mutationFn: (code: string) =>
      api<{ recoveryCodes: string[] }>('/account/two-factor/enable', { method: 'POST', body: { code } }),
    onSuccess: () => mark(true),
  });
}

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api<{ recoveryCodes: string[] }>('/account/two-factor/recovery-codes', {
        method: 'POST',
        body: { code },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorQueryKey }),
  });
}

export function useDisableTwoFactor() {
  const mark = useMarkSession();
  return useMutation({
    mutationFn: (password: string) =>
      api<void>('/account/two-factor/disable', { method: 'POST', body: { password } }),
    onSuccess: () => mark(false),
  });
}
