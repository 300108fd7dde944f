import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type {
  BreachObligation,
  Incident,
  IncidentCall,
  IncidentCustomer,
  IncidentCustomerAdjustment,
  IncidentMessage,
  IncidentStatusChange,
  IncidentUpdate,
  NewIncident,
  PartyOption,
  SendNotices,
} from './types.ts';

// Everything of this module lives under one query key, so a change (a call, an adjustment) refreshes every view
// of it: the list, the detail, its customers and the dashboard's obligations.
export const breachesKey = ['breaches'] as const;
const keys = {
  list: [...breachesKey, 'list'] as const,
  detail: (id: string) => [...breachesKey, 'detail', id] as const,
  customers: (id: string) => [...breachesKey, 'customers', id] as const,
  thread: (id: string, customerId: string) => [...breachesKey, 'thread', id, customerId] as const,
  obligations: [...breachesKey, 'obligations'] as const,
  parties: ['register', 'parties'] as const,
};

const enc = encodeURIComponent;
/** Pages of the web app (not API paths). */
export const breachesPage = '/breaches';
export const newIncidentPage = '/breaches/new';
export const incidentPage = (incidentId: string) => `/breaches/${enc(incidentId)}`;

export function useIncidents() {
  return useQuery({
    queryKey: keys.list,
    queryFn: async ({ signal }) => (await api<{ items: Incident[] }>('/incidents', { signal })).items,
  });
}

export function useIncident(incidentId: string) {
  return useQuery({
    queryKey: keys.detail(incidentId),
    queryFn: ({ signal }) => api<Incident>(`/incidents/${enc(incidentId)}`, { signal }),
  });
}

export function useIncidentCustomers(incidentId: string) {
  return useQuery({
    queryKey: keys.customers(incidentId),
    queryFn: async ({ signal }) =>
      (await api<{ items: IncidentCustomer[] }>(`/incidents/${enc(incidentId)}/customers`, { signal })).items,
  });
}

export function useBreachObligations() {
  return useQuery({
    queryKey: keys.obligations,
    queryFn: async ({ signal }) =>
      (await api<{ items: BreachObligation[] }>('/breach-obligations', { signal })).items,
    // Someone else may phone a customer meanwhile; the countdowns matter.
    refetchInterval: 60_000,
  });
}

/** The parties of the register (sub-processors), for the incident's "which sub-processors" question. */
export function useParties() {
  return useQuery({
    queryKey: keys.parties,
    queryFn: async ({ signal }) =>
      (await api<{ items: PartyOption[] }>('/register/parties', { signal })).items,
    staleTime: 5 * 60_000,
  });
}

function refresh(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: breachesKey });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

function useBreachMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => refresh(queryClient) });
}

export const useCreateIncident = () =>
  useBreachMutation((input: NewIncident) => api<Incident>('/incidents', { method: 'POST', body: input }));

export const useChangeIncidentStatus = (incidentId: string) =>
  useBreachMutation((input: IncidentStatusChange) =>
    api<Incident>(`/incidents/${enc(incidentId)}/status`, { method: 'POST', body: input }),
  );

export const useRecomputeImpact = (incidentId: string) =>
  useBreachMutation(
    async () =>
      (await api<{ items: IncidentCustomer[] }>(`/incidents/${enc(incidentId)}/impact`, { method: 'POST' }))
        .items,
  );

export const useAdjustCustomer = (incidentId: string) =>
  useBreachMutation(({ customerId, ...body }: IncidentCustomerAdjustment & { customerId: string }) =>
    api<IncidentCustomer>(`/incidents/${enc(incidentId)}/customers/${enc(customerId)}`, {
      method: 'PUT',
      body,
    }),
  );

export const useRecordCall = (incidentId: string) =>
  useBreachMutation(({ customerId, ...body }: IncidentCall & { customerId: string }) =>
    api<IncidentCustomer>(`/incidents/${enc(incidentId)}/customers/${enc(customerId)}/calls`, {
      method: 'POST',
      body,
    }),
  );

export const useUpdateIncident = (incidentId: string) =>
  useBreachMutation((input: NewIncident) =>
    api<Incident>(`/incidents/${enc(incidentId)}`, { method: 'PUT', body: input }),
  );

/** Clause 8.1: the written notice (Annex 3) to every waiting customer, or to the chosen ones. */
export const useSendNotices = (incidentId: string) =>
  useBreachMutation((input: SendNotices) =>
    api<{ sent: number }>(`/incidents/${enc(incidentId)}/notices`, { method: 'POST', body: input }),
  );

/** Clause 8.2: an update to the customers that have had their notice. */
export const useSendUpdate = (incidentId: string) =>
  useBreachMutation((input: IncidentUpdate) =>
    api<{ sent: number }>(`/incidents/${enc(incidentId)}/updates`, { method: 'POST', body: input }),
  );

/** The customer's question thread about its notice, oldest first (issue 8: the thread is kept). */
export function useIncidentThread(incidentId: string, customerId: string | null) {
  return useQuery({
    queryKey: keys.thread(incidentId, customerId ?? ''),
    enabled: customerId !== null,
    queryFn: async ({ signal }) =>
      (
        await api<{ items: IncidentMessage[] }>(
          `/incidents/${enc(incidentId)}/customers/${enc(customerId ?? '')}/messages`,
          { signal },
        )
      ).items,
  });
}

/** Staff answer in the thread; the contacts who received the notice are e-mailed the answer. */
export const useAnswerQuestion = (incidentId: string) =>
  useBreachMutation(
    async ({ customerId, body }: { customerId: string; body: string }) =>
      (
        await api<{ items: IncidentMessage[] }>(
          `/incidents/${enc(incidentId)}/customers/${enc(customerId)}/messages`,
          { method: 'POST', body: { body } },
        )
      ).items,
  );

/** Persons per service line of a customer: the base of the persons estimate of an incident. */
export type Headcount = { serviceLineCode: string; persons: number; unit: string };

const headcountsKey = (customerId: string) => [...breachesKey, 'headcounts', customerId] as const;

export function useHeadcounts(customerId: string) {
  return useQuery({
    queryKey: headcountsKey(customerId),
    queryFn: async ({ signal }) =>
      (await api<{ items: Headcount[] }>(`/customers/${enc(customerId)}/headcounts`, { signal })).items,
  });
}

export const useSaveHeadcounts = (customerId: string) =>
  useBreachMutation(
    async (items: Headcount[]) =>
      (
        await api<{ items: Headcount[] }>(`/customers/${enc(customerId)}/headcounts`, {
          method: 'PUT',
          body: { items },
        })
      ).items,
  );
