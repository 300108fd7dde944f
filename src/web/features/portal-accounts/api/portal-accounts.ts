import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CustomerRole, Locale, PortalAccounts, PortalInvite } from '../../../lib/api-types.ts';

// Staff manage the portal accounts of each customer (accounts.invite-routes.ts): every staff role reads, the
// compliance writers invite, withdraw and remove; an admin resets someone's two-factor sign-in.

export const portalAccountsKey = (customerId: string) =>
  ['customers', 'portal-accounts', customerId] as const;

const base = (customerId: string) => `/customers/${encodeURIComponent(customerId)}`;

export function usePortalAccounts(customerId: string) {
  return useQuery({
    queryKey: portalAccountsKey(customerId),
    queryFn: ({ signal }) => api<PortalAccounts>(`${base(customerId)}/portal-accounts`, { signal }),
  });
}

export type NewInvite = {
  email: string;
  name: string;
  role: CustomerRole;
  contactId?: string;
  locale?: Locale;
};

function usePortalAccountsMutation<I, O>(customerId: string, request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: portalAccountsKey(customerId) });
      void queryClient.invalidateQueries({ queryKey: ['mail', 'messages'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useInviteToPortal(customerId: string) {
  return usePortalAccountsMutation(customerId, (input: NewInvite) =>
    api<{ invite: PortalInvite }>(`${base(customerId)}/invites`, { method: 'POST', body: input }),
  );
}

export function useRevokeInvite(customerId: string) {
  return usePortalAccountsMutation(customerId, (inviteId: string) =>
    api<void>(`${base(customerId)}/invites/${encodeURIComponent(inviteId)}`, { method: 'DELETE' }),
  );
}

export function useRemovePortalUser(customerId: string) {
  return usePortalAccountsMutation(customerId, (userId: string) =>
    api<void>(`${base(customerId)}/portal-users/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  );
}

/** Admin only: for someone who lost both phone and recovery codes. Ends their sessions too. */
export function useResetTwoFactor(customerId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api<void>(`/users/${encodeURIComponent(userId)}/two-factor/reset`, { method: 'POST' }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      if (customerId) {
        void queryClient.invalidateQueries({ queryKey: portalAccountsKey(customerId) });
      }
    },
  });
}
