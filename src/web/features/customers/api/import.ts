import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, type ApiErrorBody, apiUrl } from '../../../lib/api.ts';
import type { Session } from '../../../lib/api-types.ts';
import { sessionQueryKey } from '../../auth/api/get-session.ts';
import type { ImportReport } from './types.ts';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const isSpreadsheet = (file: File) => /\.(csv|xlsx)$/i.test(file.name);

// The import takes the file itself as the request body (as `curl --data-binary` sends it), which the JSON
// wrapper in lib/api.ts cannot send; the CSRF token comes from the session like there.
async function postFile(file: File, options: { dryRun: boolean; skipInvalid: boolean }, csrf: string | null) {
  const type = /\.xlsx$/i.test(file.name) ? xlsxMime : 'text/csv';
  let response: Response;
  try {
    response = await fetch(
      apiUrl('/customers/import', {
        dryRun: String(options.dryRun),
        skipInvalid: String(options.skipInvalid),
        fileName: file.name.slice(0, 200),
      }),
      {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': type,
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
        },
        body: file,
        credentials: 'same-origin',
      },
    );
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Partial<ApiErrorBody> | null;
    const error = body?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http.${response.status}`,
      error?.message ?? response.statusText,
      error?.requestId ?? response.headers.get('x-request-id') ?? undefined,
      error?.field,
    );
  }
  return (await response.json()) as ImportReport;
}

export function useImportCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, skipInvalid }: { file: File; dryRun: boolean; skipInvalid: boolean }) =>
      postFile(
        file,
        { dryRun, skipInvalid },
        queryClient.getQueryData<Session | null>(sessionQueryKey)?.csrfToken ?? null,
      ),
    onSuccess: (report, { dryRun }) => {
      if (!dryRun && report.imported > 0) {
        void queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
        void queryClient.invalidateQueries({ queryKey: ['audit'] });
      }
    },
  });
}
