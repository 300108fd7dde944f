import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, apiUrl, getCsrfToken, readError } from '../../../lib/api.ts';
import { breachesKey } from './breaches.ts';

export type ScanStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type BreachScan = {
  id: string;
  incidentId: string;
  customerId: string | null;
  customerName: string | null;
  source: 'upload' | 'server-path';
  fileName: string;
  size: number;
  status: ScanStatus;
  bytesDone: number;
  bytesTotal: number;
  error: string | null;
  keepFile: boolean;
  fileDeletedAt: string | null;
  result: {
    files: number;
    bytes: number;
    seconds: number;
    mbPerSecond: number;
    types: { type: string; count: number; distinct: number; label: { nl: string; en: string } }[];
    persons: { min: number; max: number };
    skipped: { file: string; reason: string }[];
    isApproximate: boolean;
  } | null;
  proposal: 'proposed' | 'accepted' | 'dismissed' | null;
  applied: { customerIds: string[]; dataTypes: boolean; persons: boolean } | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type ScanAccept = { customerIds?: string[]; apply: { dataTypes: boolean; persons: boolean } };

const enc = encodeURIComponent;
const scansKey = (incidentId: string) => [...breachesKey, 'scans', incidentId] as const;
export const isScanActive = (scan: BreachScan) => scan.status === 'queued' || scan.status === 'running';

/** The incident's scans, polled every second while one is queued or running. */
export function useIncidentScans(incidentId: string) {
  return useQuery({
    queryKey: scansKey(incidentId),
    queryFn: async ({ signal }) =>
      (await api<{ items: BreachScan[] }>(`/incidents/${enc(incidentId)}/scans`, { signal })).items,
    refetchInterval: (query) => (query.state.data?.some(isScanActive) ? 1000 : false),
  });
}

export type UploadProgress = { loaded: number; total: number };

// fetch() reports no upload progress, so the file goes with XMLHttpRequest: the raw bytes as the body, streamed
// by the browser from disk, the name in the query.
export function uploadScanFile(
  incidentId: string,
  file: File,
  options: { customerId?: string; keepFile: boolean; onProgress: (progress: UploadProgress) => void },
): Promise<BreachScan> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = apiUrl(`/incidents/${enc(incidentId)}/scans`, {
      fileName: file.name,
      customerId: options.customerId,
      keepFile: options.keepFile ? 'true' : undefined,
    });
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) {
      xhr.setRequestHeader('x-csrf-token', csrf);
    }
    xhr.upload.onprogress = (event) =>
      options.onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'text/plain' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(xhr.responseText) as BreachScan);
      } else {
        void readError(response).then(reject);
      }
    };
    xhr.send(file);
  });
}

export function useUploadScan(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      file: File;
      customerId?: string;
      keepFile: boolean;
      onProgress: (progress: UploadProgress) => void;
    }) => uploadScanFile(incidentId, input.file, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scansKey(incidentId) }),
  });
}

export function useAcceptScan(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ scanId, ...body }: ScanAccept & { scanId: string }) =>
      api<BreachScan>(`/incidents/${enc(incidentId)}/scans/${enc(scanId)}/accept`, { method: 'POST', body }),
    // the customers' answers changed too: refresh the whole module
    onSuccess: () => queryClient.invalidateQueries({ queryKey: breachesKey }),
  });
}

export function useDismissScan(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scanId: string) =>
      api<BreachScan>(`/incidents/${enc(incidentId)}/scans/${enc(scanId)}/dismiss`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scansKey(incidentId) }),
  });
}

export function useCancelScan(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scanId: string) =>
      api<BreachScan>(`/incidents/${enc(incidentId)}/scans/${enc(scanId)}/cancel`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scansKey(incidentId) }),
  });
}

export function useDeleteScanFile(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scanId: string) =>
      api<BreachScan>(`/incidents/${enc(incidentId)}/scans/${enc(scanId)}/file`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scansKey(incidentId) }),
  });
}

/** The folders the server lets an admin or the privacy officer scan in place (ART28_SCAN_ROOTS); none by default. */
export function useScanRoots(enabled: boolean) {
  return useQuery({
    queryKey: [...breachesKey, 'scan-roots'],
    queryFn: async ({ signal }) => (await api<{ roots: string[] }>('/scan-roots', { signal })).roots,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useScanServerPath(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { path: string; customerId?: string }) =>
      api<BreachScan>(`/incidents/${enc(incidentId)}/scans/server-path`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scansKey(incidentId) }),
  });
}
