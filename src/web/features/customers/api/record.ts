import { useQuery } from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import { customerPath } from './customers.ts';
import type { CustomerRecord } from './types.ts';

export function useCustomerRecord(customerId: string) {
  return useQuery({
    queryKey: ['customers', 'record', customerId],
    queryFn: ({ signal }) => api<CustomerRecord>(customerPath(customerId, '/record'), { signal }),
  });
}

export const recordExportUrl = (customerId: string, format: 'json' | 'csv' | 'xlsx' | 'pdf' | 'docx') =>
  apiUrl(customerPath(customerId, '/record'), { format });
