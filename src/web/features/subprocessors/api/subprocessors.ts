import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import type { Party } from '../../register/api/types.ts';
import type {
  AnswerReceived,
  Consent,
  NewProposal,
  ObjectionAssessment,
  ProfileFields,
  Proposal,
  ProposalDetail,
  Subprocessor,
  SubprocessorAlert,
  TransferRules,
} from './types.ts';

// Everything of this module lives under one query key, so a change (a profile, an answer) refreshes every view of
// it: the list, the detail, the proposals, a customer's tab and the dashboard's alerts.
export const subprocessorsKey = ['subprocessors'] as const;
const keys = {
  list: [...subprocessorsKey, 'list'] as const,
  detail: (id: string) => [...subprocessorsKey, 'detail', id] as const,
  proposals: [...subprocessorsKey, 'proposals'] as const,
  proposal: (id: string) => [...subprocessorsKey, 'proposal', id] as const,
  customer: (customerId: string) => [...subprocessorsKey, 'customer', customerId] as const,
  alerts: [...subprocessorsKey, 'alerts'] as const,
  rules: ['transfer-rules'] as const,
};

const enc = encodeURIComponent;
/** Pages of the web app (not API paths). */
export const subprocessorPage = (partyId: string) => `/subprocessors/${enc(partyId)}`;
export const proposalPage = (proposalId: string) => `/subprocessors/proposals/${enc(proposalId)}`;
export const flowDownFileUrl = (partyId: string) => apiUrl(`/subprocessors/${enc(partyId)}/flow-down-file`);

export function useSubprocessors() {
  return useQuery({
    queryKey: keys.list,
    queryFn: async ({ signal }) => (await api<{ items: Subprocessor[] }>('/subprocessors', { signal })).items,
  });
}

export function useSubprocessor(partyId: string | null) {
  return useQuery({
    queryKey: keys.detail(partyId ?? ''),
    queryFn: ({ signal }) => api<Subprocessor>(`/subprocessors/${enc(partyId ?? '')}`, { signal }),
    enabled: Boolean(partyId),
  });
}

/** The rules of Chapter V as data (countries, EEA, adequacy decisions); they change only with a release. */
export function useTransferRules() {
  return useQuery({
    queryKey: keys.rules,
    queryFn: ({ signal }) => api<TransferRules>('/subprocessors/transfer-rules', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSubprocessorAlerts() {
  return useQuery({
    queryKey: keys.alerts,
    queryFn: async ({ signal }) =>
      (await api<{ items: SubprocessorAlert[] }>('/subprocessors/alerts', { signal })).items,
  });
}

export function useProposals() {
  return useQuery({
    queryKey: keys.proposals,
    queryFn: async ({ signal }) =>
      (await api<{ items: Proposal[] }>('/subprocessor-proposals', { signal })).items,
  });
}

export function useProposal(proposalId: string) {
  return useQuery({
    queryKey: keys.proposal(proposalId),
    queryFn: ({ signal }) => api<ProposalDetail>(`/subprocessor-proposals/${enc(proposalId)}`, { signal }),
  });
}

export function useCustomerSubprocessors(customerId: string) {
  return useQuery({
    queryKey: keys.customer(customerId),
    queryFn: async ({ signal }) =>
      (await api<{ items: Consent[] }>(`/customers/${enc(customerId)}/subprocessors`, { signal })).items,
  });
}

function refresh(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: subprocessorsKey });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

function useSubprocessorMutation<I, O>(
  mutationFn: (input: I) => Promise<O>,
  also?: (queryClient: QueryClient) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      refresh(queryClient);
      also?.(queryClient);
    },
  });
}

export type NewPartyFields = { name: string; legalName: string | null; country: string | null };

/** A new sub-processor starts as a party of the register; its profile follows on its own page. */
export const useCreateSubprocessor = () =>
  useSubprocessorMutation(
    (input: NewPartyFields) => api<Party>('/register/parties', { method: 'POST', body: input }),
    (queryClient) => void queryClient.invalidateQueries({ queryKey: ['register'] }),
  );

export const useSaveProfile = (partyId: string) =>
  useSubprocessorMutation((input: ProfileFields) =>
    api<Subprocessor>(`/subprocessors/${enc(partyId)}`, { method: 'PUT', body: input }),
  );

export const useUploadFlowDown = (partyId: string) =>
  useSubprocessorMutation((input: { fileName: string; dataBase64: string }) =>
    api<unknown>(`/subprocessors/${enc(partyId)}/flow-down-file`, { method: 'PUT', body: input }),
  );

export const useCreateProposal = () =>
  useSubprocessorMutation((input: NewProposal) =>
    api<ProposalDetail>('/subprocessor-proposals', { method: 'POST', body: input }),
  );

export const useWithdrawProposal = (proposalId: string) =>
  useSubprocessorMutation((reason: string) =>
    api<ProposalDetail>(`/subprocessor-proposals/${enc(proposalId)}/withdraw`, {
      method: 'POST',
      body: { reason },
    }),
  );

const pairPath = (customerId: string, partyId: string, action: string) =>
  `/customers/${enc(customerId)}/subprocessors/${enc(partyId)}/${action}`;

type Pair = { customerId: string; partyId: string };

export const useRecordAnswer = () =>
  useSubprocessorMutation(({ customerId, partyId, ...body }: Pair & AnswerReceived) =>
    api<unknown>(pairPath(customerId, partyId, 'answer'), { method: 'POST', body }),
  );

export const useAssessObjection = () =>
  useSubprocessorMutation(({ customerId, partyId, ...body }: Pair & ObjectionAssessment) =>
    api<unknown>(pairPath(customerId, partyId, 'assessment'), { method: 'POST', body }),
  );

export const useWithdrawConsent = () =>
  useSubprocessorMutation(({ customerId, partyId, reason }: Pair & { reason: string }) =>
    api<unknown>(pairPath(customerId, partyId, 'withdrawal'), { method: 'POST', body: { reason } }),
  );
