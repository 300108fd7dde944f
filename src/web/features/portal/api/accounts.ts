import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CustomerRole, Locale, PortalAccounts, PortalInvite } from '../../../lib/api-types.ts';
import { portalKey, usePortalMutation } from './portal.ts';

// The customer's own portal accounts (accounts.schemas.ts: PortalAccounts). Every portal user reads them;
// only a customer-admin invites, revokes and removes.
export type NewPortalInvite = {
  email: string;
  name: string;
  role: CustomerRole;
  contactId?: string;
  locale?: Locale;
};

export function usePortalAccounts() {
  return useQuery({
    queryKey: [...portalKey, 'accounts'],
    queryFn: ({ signal }) => api<PortalAccounts>('/portal/accounts', { signal }),
  });
}

export function useInviteColleague() {
  return usePortalMutation((input: NewPortalInvite) =>
    api<{ invite: PortalInvite }>('/portal/invites', { method: 'POST', body: input }),
  );
}

export function useRevokeInvite() {
  return usePortalMutation((inviteId: string) =>
    api<void>(`/portal/invites/${encodeURIComponent(inviteId)}`, { method: 'DELETE' }),
  );
}

export function useRemoveColleague() {
  return usePortalMutation((userId: string) =>
    api<void>(`/portal/users/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  );
}
