import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ContactFields, Customer, CustomerFields, CustomerStatus, CustomerSummary } from './types.ts';

export type CustomerSort = 'legalName' | 'kvkNumber' | 'city' | 'createdAt';

export type CustomerListQuery = {
  q?: string;
  status?: CustomerStatus;
  serviceLine?: string;
  demo?: 'true' | 'false';
  sort: CustomerSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

export const customersKey = ['customers'] as const;
export const customerKey = (id: string) => ['customers', 'detail', id] as const;

// Search, filters, sorting and paging run on the server: one page at a time, also at 10,000 customers.
export function useCustomers(query: CustomerListQuery) {
  return useQuery({
    queryKey: ['customers', 'list', query],
    queryFn: ({ signal }) =>
      api<{ items: CustomerSummary[]; total: number }>('/customers', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKey(id),
    queryFn: ({ signal }) => api<Customer>(`/customers/${encodeURIComponent(id)}`, { signal }),
  });
}

export const customerPath = (id: string, rest = '') => `/customers/${encodeURIComponent(id)}${rest}`;

/** After a change: the answer is the customer as it is now; lists, its record and the audit log follow. */
export function storeCustomer(queryClient: QueryClient, customer: Customer) {
  queryClient.setQueryData(customerKey(customer.id), customer);
  void queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['customers', 'record', customer.id] });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
}

/** A mutation whose response is the whole customer (most of this module's writes). */
export function useCustomerMutation<I>(request: (input: I) => Promise<Customer>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (customer) => storeCustomer(queryClient, customer),
  });
}

export function useCreateCustomer() {
  return useCustomerMutation((input: CustomerFields) =>
    api<Customer>('/customers', { method: 'POST', body: input }),
  );
}

export function useUpdateCustomer(id: string) {
  return useCustomerMutation((input: Partial<CustomerFields>) =>
    api<Customer>(customerPath(id), { method: 'PATCH', body: input }),
  );
}

export function useSaveContact(customerId: string) {
  return useCustomerMutation(({ contactId, ...input }: ContactFields & { contactId?: string }) =>
    contactId
      ? api<Customer>(customerPath(customerId, `/contacts/${encodeURIComponent(contactId)}`), {
          method: 'PUT',
          body: input,
        })
      : api<Customer>(customerPath(customerId, '/contacts'), { method: 'POST', body: input }),
  );
}

export function useRemoveContact(customerId: string) {
  return useCustomerMutation((contactId: string) =>
    api<Customer>(customerPath(customerId, `/contacts/${encodeURIComponent(contactId)}`), {
      method: 'DELETE',
    }),
  );
}
