import { Button, Stack } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import type { CustomerListQuery, CustomerSort } from '../../features/customers/api/customers.ts';
import { type CustomerStatus, customerStatuses } from '../../features/customers/api/types.ts';
import { CustomerFormModal } from '../../features/customers/components/customer-form-modal.tsx';
import {
  type CustomerFilterValues,
  CustomersTable,
} from '../../features/customers/components/customers-table.tsx';
import { ImportModal } from '../../features/customers/components/import-modal.tsx';
import { useCustomerPermissions } from '../../features/customers/lib/permissions.ts';

const pageSizes = [25, 50, 100, 200];
const sorts: CustomerSort[] = ['legalName', 'kvkNumber', 'city', 'createdAt'];

// Search, filters, sorting and page live in the URL, so a view can be bookmarked and survives "back".
function readParams(params: URLSearchParams) {
  const size = Number(params.get('size'));
  const limit = pageSizes.includes(size) ? size : 50;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const status = params.get('status') ?? '';
  const demo = params.get('demo') ?? '';
  const filters: CustomerFilterValues = {
    q: (params.get('q') ?? '').slice(0, 200),
    status: (customerStatuses as readonly string[]).includes(status) ? (status as CustomerStatus) : '',
    serviceLine: params.get('service') ?? '',
    demo: demo === 'true' || demo === 'false' ? demo : '',
  };
  const sortParam = params.get('sort') as CustomerSort | null;
  const sort: CustomerSort = sortParam && sorts.includes(sortParam) ? sortParam : 'legalName';
  const order: 'asc' | 'desc' = params.get('order') === 'desc' ? 'desc' : 'asc';
  return { filters, limit, page, sort, order };
}

export function CustomersRoute() {
  const { t } = useTranslation();
  const { canEdit } = useCustomerPermissions();
  const [params, setParams] = useSearchParams();
  const { filters, limit, page, sort, order } = readParams(params);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  const query: CustomerListQuery = {
    q: filters.q || undefined,
    status: filters.status || undefined,
    serviceLine: filters.serviceLine || undefined,
    demo: filters.demo || undefined,
    sort,
    order,
    limit,
    offset: (page - 1) * limit,
  };

  const update = useCallback(
    (changes: Record<string, string | number | undefined>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '' || (key === 'page' && value === 1)) {
              next.delete(key);
            } else {
              next.set(key, String(value));
            }
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const onFiltersChange = useCallback(
    (changes: Partial<CustomerFilterValues>) => {
      const { serviceLine, ...rest } = changes;
      update({ ...rest, ...('serviceLine' in changes ? { service: serviceLine } : {}), page: undefined });
    },
    [update],
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('customers.title')}
        description={t('customers.intro')}
        actions={
          canEdit ? (
            <>
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} aria-hidden />}
                onClick={() => setImporting(true)}
              >
                {t('customers.import.open')}
              </Button>
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('customers.form.new')}
              </Button>
            </>
          ) : null
        }
      />
      <CustomersTable
        query={query}
        filters={filters}
        onFiltersChange={onFiltersChange}
        onPageChange={(next) => update({ page: next })}
        onPageSizeChange={(size) => update({ size: size === 50 ? undefined : size, page: undefined })}
        onSortChange={(nextSort, nextOrder) =>
          update({
            sort: nextSort === 'legalName' ? undefined : nextSort,
            order: nextOrder === 'asc' ? undefined : nextOrder,
            page: undefined,
          })
        }
      />
      <CustomerFormModal opened={creating} onClose={() => setCreating(false)} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
