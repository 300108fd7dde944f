import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import type {
  DataSubjectRequest,
  NewEvidence,
  RequestDetail,
  RequestStatus,
  RevealedIdentity,
  StaffRequestFields,
  StatusChange,
  TaskUpdate,
} from './types.ts';

// Everything of this module hangs under one key, so a change to a task refreshes the list, the detail and the
// dashboard card at once.
export const requestsKey = ['requests'] as const;
const enc = encodeURIComponent;

/** Pages of the web app (not API paths). */
export const requestsPage = '/requests';
export const newRequestPage = '/requests/new';
export const requestPage = (requestId: string) => `/requests/${enc(requestId)}`;

export type RequestListFilter = { status?: RequestStatus | 'open'; customerId?: string };

export function useRequests(filter: RequestListFilter, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...requestsKey, 'list', filter],
    queryFn: async ({ signal }) =>
      (await api<{ items: DataSubjectRequest[] }>('/requests', { query: filter, signal })).items,
    ...options,
  });
}

/** What OpenDSR sent for a request: signed receipts and callbacks with their delivery log (staff only). */
export type OpenDsrMessage = {
  id: string;
  kind: 'receipt' | 'cancel_receipt' | 'callback';
  url: string | null;
  delivery: 'none' | 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  lastResult: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
};

export function useOpenDsrMessages(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...requestsKey, 'opendsr', requestId],
    queryFn: async ({ signal }) =>
      (await api<{ items: OpenDsrMessage[] }>(`/requests/${enc(requestId)}/opendsr`, { signal })).items,
    enabled,
  });
}

export function useRequest(requestId: string) {
  return useQuery({
    queryKey: [...requestsKey, 'detail', requestId],
    queryFn: ({ signal }) => api<RequestDetail>(`/requests/${enc(requestId)}`, { signal }),
  });
}

export const evidenceUrl = (requestId: string, evidenceId: string) =>
  apiUrl(`/requests/${enc(requestId)}/evidence/${enc(evidenceId)}`);
export const packageUrl = (requestId: string) => apiUrl(`/requests/${enc(requestId)}/package`);

function store(queryClient: QueryClient, detail: RequestDetail) {
  queryClient.setQueryData([...requestsKey, 'detail', detail.id], detail);
  void queryClient.invalidateQueries({ queryKey: [...requestsKey, 'list'] });
  // a state change queues an OpenDSR callback (requests.events.ts)
  void queryClient.invalidateQueries({ queryKey: [...requestsKey, 'opendsr', detail.id] });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

/** A write whose answer is the request as it is now. */
function useRequestMutation<I>(request: (input: I) => Promise<RequestDetail>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: (detail) => store(queryClient, detail) });
}

export const useCreateRequest = () =>
  useRequestMutation((input: StaffRequestFields) =>
    api<RequestDetail>('/requests', { method: 'POST', body: input }),
  );

/** Decrypts the person's identities; the server records the look in the audit log. */
export function useRevealIdentities(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (
        await api<{ items: RevealedIdentity[] }>(`/requests/${enc(requestId)}/identities`, {
          method: 'POST',
        })
      ).items,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });
}

export const useChangeRequestStatus = (requestId: string) =>
  useRequestMutation((input: StatusChange) =>
    api<RequestDetail>(`/requests/${enc(requestId)}/status`, { method: 'POST', body: input }),
  );

export const useCompleteRequest = (requestId: string) =>
  useRequestMutation(() => api<RequestDetail>(`/requests/${enc(requestId)}/complete`, { method: 'POST' }));

export const useLiftRequest = (requestId: string) =>
  useRequestMutation((input: { reason: string }) =>
    api<RequestDetail>(`/requests/${enc(requestId)}/lift`, { method: 'POST', body: input }),
  );

export const useUpdateTask = (requestId: string) =>
  useRequestMutation(({ taskId, ...body }: TaskUpdate & { taskId: string }) =>
    api<RequestDetail>(`/requests/${enc(requestId)}/tasks/${enc(taskId)}`, { method: 'PATCH', body }),
  );

export const useReopenTask = (requestId: string) =>
  useRequestMutation((taskId: string) =>
    api<RequestDetail>(`/requests/${enc(requestId)}/tasks/${enc(taskId)}/reopen`, { method: 'POST' }),
  );

/** E-mails the sub-processor's contact the request (with the identities) and tracks when and to whom. */
export const useSendTask = (requestId: string) =>
  useRequestMutation((taskId: string) =>
    api<RequestDetail>(`/requests/${enc(requestId)}/tasks/${enc(taskId)}/send`, { method: 'POST' }),
  );

export const useAddEvidence = (requestId: string) =>
  useRequestMutation(({ taskId, ...body }: NewEvidence & { taskId: string }) =>
    api<RequestDetail>(`/requests/${enc(requestId)}/tasks/${enc(taskId)}/evidence`, {
      method: 'POST',
      body,
    }),
  );
