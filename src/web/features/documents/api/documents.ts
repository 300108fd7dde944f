import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import type { CustomerSummary } from '../../customers/api/types.ts';
import type {
  DocumentFormat,
  DocumentLanguage,
  DocumentTemplate,
  GeneratedDocument,
  GenerateRequest,
  OutdatedDocument,
  TemplateIssue,
} from './types.ts';

const enc = encodeURIComponent;
export const documentsKey = ['documents'] as const;
export const customerDocumentsKey = (customerId: string) =>
  [...documentsKey, 'customer', customerId] as const;
export const outdatedKey = [...documentsKey, 'outdated'] as const;
const templateKey = (language: DocumentLanguage) => [...documentsKey, 'template', 'dpa', language] as const;

const customerDocumentsPath = (customerId: string, rest = '') =>
  `/customers/${enc(customerId)}/documents${rest}`;

// --- staff ------------------------------------------------------------------------------------------------------

export function useCustomerDocuments(customerId: string) {
  return useQuery({
    queryKey: customerDocumentsKey(customerId),
    queryFn: async ({ signal }) =>
      (await api<{ items: GeneratedDocument[] }>(customerDocumentsPath(customerId), { signal })).items,
  });
}

export const documentFileUrl = (document: Pick<GeneratedDocument, 'customerId' | 'id'>) =>
  apiUrl(customerDocumentsPath(document.customerId, `/${enc(document.id)}/file`));

/** The record of processing rendered now, without storing it. */
export const recordFileUrl = (customerId: string, format: DocumentFormat) =>
  apiUrl(`/customers/${enc(customerId)}/record`, { format });

export function generateDocument(customerId: string, request: GenerateRequest, signal?: AbortSignal) {
  return api<GeneratedDocument>(customerDocumentsPath(customerId), { method: 'POST', body: request, signal });
}

/** After a document was made: its customer's list, the outdated list and the audit log follow. */
export function afterGenerated(queryClient: QueryClient, customerId: string) {
  void queryClient.invalidateQueries({ queryKey: customerDocumentsKey(customerId) });
  afterManyGenerated(queryClient);
}

/** After a bulk run: the lists that cover every customer, once. */
export function afterManyGenerated(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: outdatedKey });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

/**
 * One outdated document was made anew: it leaves the outdated list at once, without recomputing the whole list
 * (which compares every customer's documents); "Opnieuw controleren" does that on request.
 */
export function afterRegenerated(queryClient: QueryClient, customerId: string, outdatedDocumentId: string) {
  queryClient.setQueryData<OutdatedDocument[]>(outdatedKey, (items) =>
    items?.filter((item) => item.document.id !== outdatedDocumentId),
  );
  void queryClient.invalidateQueries({ queryKey: customerDocumentsKey(customerId) });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

/** During a bulk run: only the customer's own list (cheap; refetched only when on screen). */
export function afterOneOfMany(queryClient: QueryClient, customerId: string) {
  void queryClient.invalidateQueries({ queryKey: customerDocumentsKey(customerId) });
}

export function useGenerateDocument(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: GenerateRequest) => generateDocument(customerId, request),
    onSuccess: () => afterGenerated(queryClient, customerId),
  });
}

// Compares every customer's newest DPA and record with the data as it is now: not cheap, so kept a while.
export function useOutdatedDocuments() {
  return useQuery({
    queryKey: outdatedKey,
    queryFn: async ({ signal }) =>
      (await api<{ items: OutdatedDocument[] }>('/documents/outdated', { signal })).items,
    staleTime: 30_000,
  });
}

// --- templates --------------------------------------------------------------------------------------------------

export function useDpaTemplate(language: DocumentLanguage) {
  return useQuery({
    queryKey: templateKey(language),
    queryFn: ({ signal }) => api<DocumentTemplate>(`/documents/templates/dpa/${language}`, { signal }),
  });
}

/** The server's own check of a draft, as the admin types (debounced by the caller). */
export function useTemplateIssues(language: DocumentLanguage, body: string | null) {
  return useQuery({
    queryKey: [...templateKey(language), 'validate', body],
    queryFn: async ({ signal }) =>
      (
        await api<{ issues: TemplateIssue[] }>(`/documents/templates/dpa/${language}/validate`, {
          method: 'POST',
          body: { body },
          signal,
        })
      ).issues,
    enabled: body !== null && body.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
  });
}

export function useSaveTemplate(language: DocumentLanguage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; note?: string }) =>
      api<{ version: number }>(`/documents/templates/dpa/${language}`, { method: 'PUT', body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: templateKey(language), exact: true });
      void queryClient.invalidateQueries({ queryKey: outdatedKey });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

// --- portal -----------------------------------------------------------------------------------------------------

export function usePortalDocuments() {
  return useQuery({
    queryKey: ['portal', 'documents'],
    queryFn: async ({ signal }) =>
      (await api<{ items: GeneratedDocument[] }>('/portal/documents', { signal })).items,
  });
}

export const portalDocumentFileUrl = (documentId: string) =>
  apiUrl(`/portal/documents/${enc(documentId)}/file`);

export const portalRecordFileUrl = (format: DocumentFormat) => apiUrl('/portal/record', { format });

// --- all customers (bulk generation) ---------------------------------------------------------------------------

export type CustomerChoice = Pick<CustomerSummary, 'id' | 'legalName' | 'isDemo' | 'status'>;

/** Every customer, 500 a page (the API's largest), for a bulk run. */
export function useAllCustomers() {
  return useQuery({
    queryKey: ['customers', 'list', 'all-for-documents'],
    queryFn: async ({ signal }) => {
      const limit = 500;
      const all: CustomerChoice[] = [];
      for (let offset = 0; ; offset += limit) {
        const page = await api<{ items: CustomerSummary[]; total: number }>('/customers', {
          query: { limit, offset, sort: 'legalName', order: 'asc' },
          signal,
        });
        all.push(
          ...page.items.map(({ id, legalName, isDemo, status }) => ({ id, legalName, isDemo, status })),
        );
        if (page.items.length < limit || all.length >= page.total) {
          return all;
        }
      }
    },
    staleTime: 30_000,
  });
}
