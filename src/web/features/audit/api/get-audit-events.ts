import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import type { AuditEvent } from '../../../lib/api-types.ts';

export type AuditQuery = {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
};

export function useAuditEvents(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', 'events', query],
    queryFn: ({ signal }) => api<{ items: AuditEvent[]; total: number }>('/audit/events', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export with the same filters: all matching rows (not one page), oldest first. */
export function auditCsvUrl({
  limit: _limit,
  offset: _offset,
  order: _order,
  ...filters
}: AuditQuery): string {
  return apiUrl('/audit/events.csv', filters);
}
