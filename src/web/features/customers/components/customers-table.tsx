import { Anchor, Badge, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type DataTableSortStatus, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormat } from '../../../lib/format.ts';
import { type CustomerListQuery, type CustomerSort, useCustomers } from '../api/customers.ts';
import { useServiceLines } from '../api/service-lines.ts';
import { type CustomerStatus, type CustomerSummary, customerStatuses } from '../api/types.ts';
import { CustomerStatusBadge, DemoBadge, DpaStatusBadge, isDpaStatus } from './badges.tsx';

export type CustomerFilterValues = {
  q: string;
  status: CustomerStatus | '';
  serviceLine: string;
  demo: 'true' | 'false' | '';
};

type Props = {
  query: CustomerListQuery;
  filters: CustomerFilterValues;
  onFiltersChange: (changes: Partial<CustomerFilterValues>) => void;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
  onSortChange: (sort: CustomerSort, order: 'asc' | 'desc') => void;
};

function SearchField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced.trim() !== value) {
      onChange(debounced.trim());
    }
  }, [debounced, value, onChange]);
  return (
    <TextInput
      label={t('customers.list.search')}
      placeholder={t('customers.list.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      type="search"
      w={240}
      size="sm"
    />
  );
}

export function CustomersTable({
  query,
  filters,
  onFiltersChange,
  onPageChange,
  onPageSizeChange,
  onSortChange,
}: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const customers = useCustomers(query);
  const serviceLines = useServiceLines();

  const statusText = (status: CustomerStatus) => t(`customers.status.${status}`);
  // The list's dpaStatus is the newest version's stored status; clause 2.3 ends the DPA with the agreement,
  // which the detail view shows as "ended" (dpaLifecycle on the server), so the list says so too.
  const dpaShown = (c: CustomerSummary) =>
    c.status === 'ended' && c.dpaStatus !== null && c.dpaStatus !== 'superseded' ? 'ended' : c.dpaStatus;
  const dpaText = (status: string | null) =>
    isDpaStatus(status) ? t(`customers.dpa.status.${status}`) : t('customers.dpa.none');

  const columns: TableColumn<CustomerSummary>[] = [
    {
      accessor: 'legalName',
      title: t('customers.fields.legalName'),
      sortable: true,
      value: (c) => (c.isDemo ? `${c.legalName} (${t('customers.demo')})` : c.legalName),
      render: (c) => (
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/customers/${c.id}`} size="sm" fw={500}>
            {c.legalName}
          </Anchor>
          {c.isDemo ? <DemoBadge size="xs" /> : null}
        </Group>
      ),
    },
    {
      accessor: 'kvkNumber',
      title: t('customers.fields.kvkNumber'),
      sortable: true,
      noWrap: true,
      render: (c) => (
        <Text ff="monospace" size="sm">
          {c.kvkNumber}
        </Text>
      ),
    },
    { accessor: 'city', title: t('customers.fields.city'), sortable: true },
    {
      accessor: 'services',
      title: t('customers.list.services'),
      value: (c) => c.services.map(serviceLines.nameOf).join('; '),
      render: (c) =>
        c.services.length === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Group gap={4}>
            {c.services.map((code) => (
              <Badge key={code} size="sm" variant="outline" color="gray">
                {serviceLines.nameOf(code)}
              </Badge>
            ))}
          </Group>
        ),
    },
    {
      accessor: 'status',
      title: t('customers.list.agreement'),
      noWrap: true,
      value: (c) => statusText(c.status),
      render: (c) => <CustomerStatusBadge status={c.status} size="sm" />,
    },
    {
      accessor: 'dpaStatus',
      title: t('customers.list.dpa'),
      noWrap: true,
      value: (c) => dpaText(dpaShown(c)),
      render: (c) => <DpaStatusBadge status={dpaShown(c)} size="sm" />,
    },
  ];

  const sortStatus: DataTableSortStatus<CustomerSummary> = {
    columnAccessor: query.sort === 'createdAt' ? 'legalName' : query.sort,
    direction: query.order,
  };

  const toolbar = (
    <>
      <SearchField value={filters.q} onChange={(q) => onFiltersChange({ q })} />
      <Select
        label={t('customers.list.statusFilter')}
        placeholder={t('customers.list.all')}
        data={customerStatuses.map((status) => ({ value: status, label: statusText(status) }))}
        value={filters.status || null}
        onChange={(value) => onFiltersChange({ status: (value ?? '') as CustomerStatus | '' })}
        clearable
        clearButtonProps={{ 'aria-label': t('customers.list.clearFilter') }}
        w={180}
        size="sm"
      />
      <Select
        label={t('customers.list.serviceFilter')}
        placeholder={t('customers.list.all')}
        data={serviceLines.options}
        value={filters.serviceLine || null}
        onChange={(value) => onFiltersChange({ serviceLine: value ?? '' })}
        clearable
        clearButtonProps={{ 'aria-label': t('customers.list.clearFilter') }}
        w={170}
        size="sm"
      />
      <Select
        label={t('customers.list.demoFilter')}
        placeholder={t('customers.list.all')}
        data={[
          { value: 'false', label: t('customers.list.demoNo') },
          { value: 'true', label: t('customers.list.demoOnly') },
        ]}
        value={filters.demo || null}
        onChange={(value) => onFiltersChange({ demo: (value ?? '') as CustomerFilterValues['demo'] })}
        clearable
        clearButtonProps={{ 'aria-label': t('customers.list.clearFilter') }}
        w={200}
        size="sm"
      />
    </>
  );

  const total = customers.data?.total;
  return (
    <Stack gap="xs">
      <ErrorAlert error={customers.error} />
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {total === undefined
          ? '\u00a0'
          : t('customers.list.count', { count: total, formatted: format.number(total) })}
      </Text>
      <DataTable<CustomerSummary>
        label={t('customers.list.tableLabel')}
        columns={columns}
        records={customers.data?.items}
        fetching={customers.isFetching}
        noRecordsText={t('customers.list.empty')}
        csvFileName={t('customers.list.csvFileName')}
        toolbar={toolbar}
        sortStatus={sortStatus}
        onSortStatusChange={(status) => onSortChange(status.columnAccessor as CustomerSort, status.direction)}
        paging={{
          page: Math.floor(query.offset / query.limit) + 1,
          onPageChange,
          totalRecords: total,
          recordsPerPage: query.limit,
          onRecordsPerPageChange: onPageSizeChange,
        }}
      />
    </Stack>
  );
}
