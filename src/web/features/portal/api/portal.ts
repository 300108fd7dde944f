import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, isApiError } from '../../../lib/api.ts';
import type { ContactFields, Customer, CustomerRecord, Dpa, Instruction } from '../../customers/api/types.ts';
import type {
  ConsentAnswer,
  NewPortalInstruction,
  PortalCustomer,
  PortalOverview,
  PortalSignature,
  PortalSubprocessorList,
  SubprocessorConsent,
} from './types.ts';

// Everything the portal shows hangs under ['portal']; after any change the whole portal is fetched anew
// (it is small: one customer), so the overview's open items never lag behind a signature or an invite.
export const portalKey = ['portal'] as const;
const enc = encodeURIComponent;

export function usePortalOverview() {
  return useQuery({
    queryKey: [...portalKey, 'overview'],
    queryFn: ({ signal }) => api<PortalOverview>('/portal/overview', { signal }),
  });
}

export function usePortalCustomer() {
  return useQuery({
    queryKey: [...portalKey, 'customer'],
    queryFn: ({ signal }) => api<PortalCustomer>('/portal/customer', { signal }),
  });
}

export function usePortalRecord() {
  return useQuery({
    queryKey: [...portalKey, 'record'],
    queryFn: ({ signal }) => api<CustomerRecord>('/portal/record', { signal }),
  });
}

export const portalRecordExportUrl = (format: 'json' | 'csv' | 'xlsx') =>
  apiUrl('/portal/record', { format });

/** The customer's sub-processors and the requests for its consent (seed clauses 3.4, 5.1, 6.1). */
export function usePortalSubprocessors() {
  return useQuery({
    queryKey: [...portalKey, 'subprocessors'],
    queryFn: ({ signal }) => api<PortalSubprocessorList>('/portal/subprocessors', { signal }),
  });
}

export function usePortalInstructions() {
  return useQuery({
    queryKey: [...portalKey, 'instructions'],
    queryFn: async ({ signal }) =>
      (await api<{ items: Instruction[] }>('/portal/instructions', { signal })).items,
  });
}

export const portalAttachmentUrl = (instructionId: string, attachmentId: string) =>
  apiUrl(`/portal/instructions/${enc(instructionId)}/attachments/${enc(attachmentId)}`);

export const portalSignatureFileUrl = (agreementId: string, dpaId: string, signatureId: string) =>
  apiUrl(`/portal/agreements/${enc(agreementId)}/dpas/${enc(dpaId)}/signatures/${enc(signatureId)}/file`);

/** A portal write; afterwards everything under ['portal'] is fetched anew. */
export function usePortalMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: portalKey });
    },
  });
}

/** Answers the signed version (its status is `active` when the processor had signed already). */
export function useSignPortalDpa() {
  return usePortalMutation(
    ({ agreementId, dpaId, ...body }: PortalSignature & { agreementId: string; dpaId: string }) =>
      api<Dpa>(`/portal/agreements/${enc(agreementId)}/dpas/${enc(dpaId)}/sign`, {
        method: 'POST',
        body,
      }),
  );
}

export function useSubmitPortalInstruction() {
  return usePortalMutation((input: NewPortalInstruction) =>
    api<{ id: string }>('/portal/instructions', { method: 'POST', body: input }),
  );
}

// Contact changes answer the customer as it now is (the staff side's shape, so the staff contact form fits).
export function useSavePortalContact() {
  return usePortalMutation(({ contactId, ...body }: ContactFields & { contactId?: string }) =>
    contactId
      ? api<Customer>(`/portal/contacts/${enc(contactId)}`, { method: 'PUT', body })
      : api<Customer>('/portal/contacts', { method: 'POST', body }),
  );
}

export function useRemovePortalContact() {
  return usePortalMutation((contactId: string) =>
    api<Customer>(`/portal/contacts/${enc(contactId)}`, { method: 'DELETE' }),
  );
}

/**
 * A customer-admin gives or refuses consent to a proposed sub-processor. The server stores the answer and a PDF
 * declaration (a document of kind consent). The portal is fetched anew afterwards, and also after a 409 (the
 * proposal was withdrawn or the question is no longer open), so the page shows how things stand now.
 */
export function useAnswerSubprocessor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ partyId, ...body }: ConsentAnswer & { partyId: string }) =>
      api<SubprocessorConsent>(`/portal/subprocessors/${enc(partyId)}/consent`, { method: 'POST', body }),
    onSettled: (_data, error) => {
      if (!error || (isApiError(error) && error.status === 409)) {
        void queryClient.invalidateQueries({ queryKey: portalKey });
      }
    },
  });
}
