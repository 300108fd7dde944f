import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useFormat } from '../../../lib/format.ts';
import { incidentPage, newIncidentPage, useIncidents } from '../api/breaches.ts';
import { type Incident, severities } from '../api/types.ts';
import { useBreachPermissions } from '../lib/permissions.ts';
import { IncidentStatusBadge, NoAuthorityNote, SeverityBadge, YesNo } from './badges.tsx';
import { ObligationsTable } from './obligations-table.tsx';

function IncidentsTable() {
  const { t } = useTranslation();
  const format = useFormat();
  const incidents = useIncidents();
  const count = (n: number, color?: string) => (
    <Text size="sm" c={n > 0 ? color : 'dimmed'} fw={n > 0 && color ? 600 : undefined}>
      {n}
    </Text>
  );
  const columns: TableColumn<Incident>[] = [
    {
      accessor: 'reference',
      title: t('breaches.list.reference'),
      width: 130,
      sortable: true,
      render: (i) => (
        <Anchor component={Link} to={incidentPage(i.id)} size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {i.reference}
        </Anchor>
      ),
    },
    { accessor: 'title', title: t('breaches.list.title'), sortable: true },
    {
      accessor: 'discoveredAt',
      title: t('breaches.list.discoveredAt'),
      width: 150,
      sortable: true,
      value: (i) => format.dateTime(i.discoveredAt),
      render: (i) => <DateTimeText value={i.discoveredAt} size="sm" style={{ whiteSpace: 'nowrap' }} />,
    },
    {
      accessor: 'status',
      title: t('breaches.list.status'),
      width: 140,
      sortable: true,
      value: (i) => t(`breaches.status.${i.status}`),
      render: (i) => <IncidentStatusBadge status={i.status} />,
    },
    {
      accessor: 'severity',
      title: t('breaches.list.severity'),
      width: 100,
      sortable: true,
      // sorts by weight (low → critical), exports the word
      value: (i) => severities.indexOf(i.severity),
      render: (i) => <SeverityBadge severity={i.severity} />,
    },
    {
      accessor: 'notifiable',
      title: t('breaches.list.notifiable'),
      width: 125,
      sortable: true,
      value: (i) => (i.notifiable ? t('breaches.yes') : t('breaches.no')),
      render: (i) => <YesNo value={i.notifiable} />,
    },
    {
      accessor: 'counts.toNotify',
      title: t('breaches.counts.toNotify'),
      width: 115,
      sortable: true,
      textAlign: 'right',
      value: (i) => i.counts.toNotify,
      render: (i) => count(i.counts.toNotify, 'red'),
    },
    {
      accessor: 'counts.phoned',
      title: t('breaches.counts.phoned'),
      width: 85,
      sortable: true,
      textAlign: 'right',
      value: (i) => i.counts.phoned,
      render: (i) => count(i.counts.phoned),
    },
    {
      accessor: 'counts.noticeSent',
      title: t('breaches.counts.noticeSent'),
      width: 150,
      sortable: true,
      textAlign: 'right',
      value: (i) => i.counts.noticeSent,
      render: (i) => count(i.counts.noticeSent),
    },
    {
      accessor: 'counts.late',
      title: t('breaches.counts.late'),
      width: 90,
      sortable: true,
      textAlign: 'right',
      value: (i) => i.counts.late,
      render: (i) => count(i.counts.late, 'red'),
    },
  ];
  return (
    <Stack gap="xs">
      <ErrorAlert error={incidents.error} />
      <DataTable<Incident>
        label={t('breaches.list.label')}
        columns={columns}
        records={incidents.data}
        fetching={incidents.isPending}
        noRecordsText={t('breaches.list.empty')}
        searchable
        csvFileName="incidents.csv"
        initialSort={{ columnAccessor: 'discoveredAt', direction: 'desc' }}
      />
    </Stack>
  );
}

export function BreachesPage() {
  const { t } = useTranslation();
  const { canWrite } = useBreachPermissions();
  const obligationsTitleId = 'breaches-obligations-title';
  const incidentsTitleId = 'breaches-incidents-title';
  return (
    <Stack gap="md">
      <PageHeader
        title={t('breaches.title')}
        description={t('breaches.description')}
        actions={
          canWrite ? (
            <Button component={Link} to={newIncidentPage} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('breaches.newIncident')}
            </Button>
          ) : null
        }
      />
      <NoAuthorityNote />
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby={obligationsTitleId}>
        <Stack gap="xs">
          <Title order={2} fz="h4" id={obligationsTitleId}>
            {t('breaches.obligations.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('breaches.obligations.description')}
          </Text>
          <ObligationsTable labelledBy={obligationsTitleId} maxHeight={420} />
        </Stack>
      </Card>
      <Stack gap="xs" component="section" aria-labelledby={incidentsTitleId}>
        <Group justify="space-between">
          <Title order={2} fz="h4" id={incidentsTitleId}>
            {t('breaches.list.heading')}
          </Title>
        </Group>
        <IncidentsTable />
      </Stack>
    </Stack>
  );
}
