import { Button, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { newRequestPage, type RequestListFilter, requestPage, useRequests } from '../api/requests.ts';
import { type DataSubjectRequest, type RequestStatus, requestStatuses } from '../api/types.ts';
import { useRequestPermissions } from '../lib/permissions.ts';
import { CustomerSelect } from './customer-select.tsx';
import { useRequestColumns } from './shared/request-columns.tsx';

type StatusFilter = RequestStatus | 'open' | 'all';

function RequestsTable() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const filter: RequestListFilter = {
    ...(status === 'all' ? {} : { status }),
    ...(customerId ? { customerId } : {}),
  };
  const requests = useRequests(filter, { refetchInterval: 60_000 });
  const shared = useRequestColumns({
    pathOf: requestPage,
    receivedTitle: t('requests.list.receivedAt'),
    dueTitle: t('requests.list.due'),
    rightWidth: 150,
  });
  const columns: TableColumn<DataSubjectRequest>[] = [
    shared.reference,
    {
      accessor: 'customer.legalName',
      title: t('requests.list.customer'),
      sortable: true,
      value: (r) => r.customer.legalName,
    },
    shared.right,
    shared.received,
    shared.status,
    {
      accessor: 'tasks.done',
      title: t('requests.list.tasks'),
      width: 90,
      sortable: true,
      textAlign: 'right',
      value: (r) => `${r.tasks.done}/${r.tasks.total}`,
      render: (r) => `${r.tasks.done}/${r.tasks.total}`,
    },
    shared.due,
  ];
  const statusOptions = [
    { value: 'open', label: t('requests.filter.open') },
    { value: 'all', label: t('requests.filter.all') },
    ...requestStatuses.map((s) => ({ value: s, label: t(`requests.status.${s}`) })),
  ];
  return (
    <Stack gap="xs">
      <ErrorAlert error={requests.error} />
      <DataTable<DataSubjectRequest>
        label={t('requests.list.label')}
        columns={columns}
        records={requests.data}
        fetching={requests.isPending}
        noRecordsText={t('requests.list.empty')}
        searchable
        csvFileName="verzoeken.csv"
        initialSort={{ columnAccessor: 'dueAt', direction: 'asc' }}
        toolbar={
          <>
            <Select
              label={t('requests.filter.status')}
              data={statusOptions}
              value={status}
              onChange={(value) => setStatus((value as StatusFilter | null) ?? 'open')}
              allowDeselect={false}
              size="sm"
              w={190}
            />
            <CustomerSelect
              label={t('requests.filter.customer')}
              placeholder={t('requests.filter.anyCustomer')}
              value={customerId}
              onChange={setCustomerId}
              clearable
              size="sm"
              w={280}
            />
          </>
        }
      />
    </Stack>
  );
}

export function RequestsPage() {
  const { t } = useTranslation();
  const { canWrite } = useRequestPermissions();
  return (
    <Stack gap="md">
      <PageHeader
        title={t('requests.title')}
        description={t('requests.description')}
        actions={
          canWrite ? (
            <Button component={Link} to={newRequestPage} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('requests.newRequest')}
            </Button>
          ) : null
        }
      />
      <RequestsTable />
      <Text size="xs" c="dimmed">
        {t('requests.list.footnote')}
      </Text>
    </Stack>
  );
}
