import { useQuery } from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import { portalKey, usePortalMutation } from '../../portal/api/portal.ts';
import type { DataSubjectRequest, RequestDetail, RequestFields } from '../../requests/api/types.ts';

// The customer's side of seed 3.6 (/api/v1/portal/requests…): the same shapes as the staff API, without the
// internal owners, evidence files and addressees (forCustomer in requests.routes.ts).

const enc = encodeURIComponent;
const key = [...portalKey, 'requests'] as const;

export const portalRequestsPage = '/portal/requests';
export const portalNewRequestPage = '/portal/requests/new';
export const portalRequestPage = (requestId: string) => `/portal/requests/${enc(requestId)}`;
export const portalPackageUrl = (requestId: string) => apiUrl(`/portal/requests/${enc(requestId)}/package`);

export function usePortalRequests() {
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: async ({ signal }) =>
      (await api<{ items: DataSubjectRequest[] }>('/portal/requests', { signal })).items,
    refetchInterval: 60_000,
  });
}

export function usePortalRequest(requestId: string) {
  return useQuery({
    queryKey: [...key, 'detail', requestId],
    queryFn: ({ signal }) => api<RequestDetail>(`/portal/requests/${enc(requestId)}`, { signal }),
  });
}

export const useSubmitPortalRequest = () =>
  usePortalMutation((input: RequestFields) =>
    api<RequestDetail>('/portal/requests', { method: 'POST', body: input }),
  );

export const useCancelPortalRequest = (requestId: string) =>
  usePortalMutation((input: { reason: string | null }) =>
    api<RequestDetail>(`/portal/requests/${enc(requestId)}/cancel`, { method: 'POST', body: input }),
  );

export const useLiftPortalRequest = (requestId: string) =>
  usePortalMutation((input: { reason: string }) =>
    api<RequestDetail>(`/portal/requests/${enc(requestId)}/lift`, { method: 'POST', body: input }),
  );
