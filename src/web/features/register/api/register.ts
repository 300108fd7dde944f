import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type ApiErrorBody, api, apiUrl } from '../../../lib/api.ts';
import type { Session } from '../../../lib/api-types.ts';
import { sessionQueryKey } from '../../auth/api/get-session.ts';
import type {
  EntryFields,
  ImportReport,
  Party,
  ProcessingOperation,
  Register,
  RegisterEntry,
  RegisterQuery,
  RegisterVersion,
  ServiceLine,
} from './types.ts';

export const registerKey = ['register'] as const;

export function useRegister(query: RegisterQuery) {
  return useQuery({
    queryKey: [...registerKey, 'view', query],
    queryFn: ({ signal }) => api<Register>('/register', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRegisterVersions() {
  return useQuery({
    queryKey: [...registerKey, 'versions'],
    queryFn: ({ signal }) =>
      api<{ items: RegisterVersion[]; total: number }>('/register/versions', {
        query: { limit: 50 },
        signal,
      }),
  });
}

export type EntryRevision = {
  version: number;
  createdAt: string;
  actorLabel: string;
  action: string;
  entry: RegisterEntry;
};

export function useEntryHistory(id: string | null) {
  return useQuery({
    queryKey: [...registerKey, 'history', id],
    queryFn: ({ signal }) => api<{ items: EntryRevision[] }>(`/register/entries/${id}/history`, { signal }),
    enabled: id !== null,
  });
}

/** The export of what the page shows: the register now, or as it stood on the chosen date. */
export const exportUrl = (format: 'json' | 'csv' | 'xlsx', asOf: string | undefined) =>
  apiUrl('/register/export', { format, asOf });

// Every change to the register makes a new version: the register, its history and the audit log all move.
function useRegisterMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: registerKey });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export const useCreateEntry = () =>
  useRegisterMutation((input: EntryFields) =>
    api<RegisterEntry>('/register/entries', { method: 'POST', body: input }),
  );

export const useUpdateEntry = () =>
  useRegisterMutation(({ id, ...input }: EntryFields & { id: string; revision: number }) =>
    api<RegisterEntry>(`/register/entries/${encodeURIComponent(id)}`, { method: 'PUT', body: input }),
  );

export const useRetireEntry = () =>
  useRegisterMutation((id: string) =>
    api<RegisterEntry>(`/register/entries/${encodeURIComponent(id)}/retire`, { method: 'POST' }),
  );

export type PartyFields = { name: string; legalName: string | null; country: string | null };

export const useSaveParty = () =>
  useRegisterMutation(({ id, ...input }: PartyFields & { id: string | null }) =>
    id
      ? api<Party>(`/register/parties/${encodeURIComponent(id)}`, { method: 'PUT', body: input })
      : api<Party>('/register/parties', { method: 'POST', body: input }),
  );

export const useRetireParty = () =>
  useRegisterMutation((id: string) =>
    api<Party>(`/register/parties/${encodeURIComponent(id)}/retire`, { method: 'POST' }),
  );

export type ServiceLineFields = Omit<ServiceLine, 'createdAt' | 'updatedAt' | 'retiredAt' | 'position'>;

export const useSaveServiceLine = () =>
  useRegisterMutation(({ isNew, code, ...input }: ServiceLineFields & { isNew: boolean }) =>
    isNew
      ? api<ServiceLine>('/register/service-lines', { method: 'POST', body: { code, ...input } })
      : api<ServiceLine>(`/register/service-lines/${encodeURIComponent(code)}`, {
          method: 'PUT',
          body: input,
        }),
  );

export const useRetireServiceLine = () =>
  useRegisterMutation((code: string) =>
    api<ServiceLine>(`/register/service-lines/${encodeURIComponent(code)}/retire`, { method: 'POST' }),
  );

export type OperationFields = Pick<ProcessingOperation, 'code' | 'labelNl' | 'labelEn' | 'gdprOperation'>;

export const useSaveOperation = () =>
  useRegisterMutation(({ isNew, code, ...input }: OperationFields & { isNew: boolean }) =>
    isNew
      ? api<ProcessingOperation>('/register/operations', { method: 'POST', body: { code, ...input } })
      : api<ProcessingOperation>(`/register/operations/${encodeURIComponent(code)}`, {
          method: 'PUT',
          body: input,
        }),
  );

export const useRetireOperation = () =>
  useRegisterMutation((code: string) =>
    api<ProcessingOperation>(`/register/operations/${encodeURIComponent(code)}/retire`, { method: 'POST' }),
  );

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ImportOptions = { dryRun: boolean; skipInvalid: boolean; retireMissing: boolean };

export class ImportRejected extends ApiError {
  constructor(
    readonly report: ImportReport,
    status: number,
    code: string,
    message: string,
  ) {
    super(status, code, message);
  }
}

// The import takes the file itself as the body (as `curl --data-binary` sends it), which the JSON wrapper in
// lib/api.ts cannot send. A refused file answers 400 with the per-row report next to the error.
async function postFile(file: File, options: ImportOptions, csrf: string | null): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(apiUrl('/register/import', options), {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': /\.xlsx$/i.test(file.name) ? xlsxMime : 'text/csv',
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      body: file,
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }
  const body = (await response.json().catch(() => null)) as
    | (Partial<ApiErrorBody> & { report?: ImportReport })
    | ImportReport
    | null;
  if (response.ok) {
    return body as ImportReport;
  }
  const error = body && 'error' in body ? body.error : undefined;
  if (body && 'report' in body && body.report) {
    throw new ImportRejected(
      body.report,
      response.status,
      error?.code ?? 'register.import_rejected',
      error?.message ?? '',
    );
  }
  throw new ApiError(
    response.status,
    error?.code ?? `http.${response.status}`,
    error?.message ?? response.statusText,
    error?.requestId ?? response.headers.get('x-request-id') ?? undefined,
    error?.field,
  );
}

export function useImportRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, ...options }: ImportOptions & { file: File }) =>
      postFile(file, options, queryClient.getQueryData<Session | null>(sessionQueryKey)?.csrfToken ?? null),
    onSuccess: (report) => {
      if (report.applied) {
        void queryClient.invalidateQueries({ queryKey: registerKey });
        void queryClient.invalidateQueries({ queryKey: ['audit'] });
      }
    },
  });
}
