import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Dashboard } from '../../../lib/api-types.ts';

export const dashboardQueryKey = ['dashboard'] as const;

export function useDashboard() {
  return useQuery({ queryKey: dashboardQueryKey, queryFn: () => api<Dashboard>('/dashboard') });
}
