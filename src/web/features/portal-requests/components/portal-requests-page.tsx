import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconPlus, IconUserQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useFormat } from '../../../lib/format.ts';
import { usePortalUser } from '../../portal/lib/session.ts';
import type { DataSubjectRequest } from '../../requests/api/types.ts';
import { useRequestColumns } from '../../requests/components/shared/request-columns.tsx';
import { portalNewRequestPage, portalRequestPage, usePortalRequests } from '../api/portal-requests.ts';

/** The customer's requests for assistance with data subject requests (seed 3.6), with our 14-day countdown. */
export function PortalRequestsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = usePortalUser();
  const requests = usePortalRequests();
  const shared = useRequestColumns({
    pathOf: portalRequestPage,
    receivedTitle: t('portal.requests.list.submitted'),
    dueTitle: t('portal.requests.list.due'),
  });
  if (!user) {
    return null;
  }
  const columns: TableColumn<DataSubjectRequest>[] = [
    shared.reference,
    shared.right,
    shared.received,
    shared.status,
    shared.due,
    {
      accessor: 'customerDeadline',
      title: t('portal.requests.list.guidance'),
      width: 170,
      sortable: true,
      value: (r) => r.customerDeadline ?? '',
      render: (r) =>
        r.customerDeadline ? (
          <Text size="sm">{format.date(r.customerDeadline)}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
  ];
  return (
    <Stack gap={0}>
      <PageHeader
        title={t('portal.requests.title')}
        description={t('portal.requests.intro')}
        actions={
          <Button component={Link} to={portalNewRequestPage} leftSection={<IconPlus size={16} aria-hidden />}>
            {t('portal.requests.new')}
          </Button>
        }
      />
      <ErrorAlert error={requests.error} />
      {requests.data && requests.data.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="xs">
            <ThemeIcon variant="light" size={44} radius="xl" aria-hidden>
              <IconUserQuestion size={26} />
            </ThemeIcon>
            <Text fw={600}>{t('portal.requests.empty')}</Text>
            <Text size="sm" c="dimmed" ta="center" maw={560}>
              {t('portal.requests.emptyDetail')}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <DataTable<DataSubjectRequest>
          label={t('portal.requests.list.label')}
          columns={columns}
          records={requests.data}
          fetching={requests.isPending}
          csvFileName="verzoeken.csv"
          initialSort={{ columnAccessor: 'receivedAt', direction: 'desc' }}
        />
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('portal.requests.guidanceNote')}
      </Text>
    </Stack>
  );
}
