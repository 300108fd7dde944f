import { ActionIcon, Badge, Code, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type DataTableSortStatus, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { AuditEvent } from '../../../lib/api-types.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { type AuditQuery, auditCsvUrl, useAuditEvents } from '../api/get-audit-events.ts';
import { AuditDiff } from './audit-diff.tsx';

type AuditTableProps = {
  query: AuditQuery;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
  onOrderChange: (order: 'asc' | 'desc') => void;
};

const kindColor = { user: 'blue', token: 'grape', system: 'gray', cli: 'orange' } as const;

export function AuditTable({ query, onPageChange, onPageSizeChange, onOrderChange }: AuditTableProps) {
  const { t, i18n } = useTranslation();
  const events = useAuditEvents(query);
  const [expanded, setExpanded] = useState<unknown[]>([]);
  const lng = i18n.resolvedLanguage ?? 'nl';

  const toggle = (id: AuditEvent['id']) =>
    setExpanded((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));

  const columns: TableColumn<AuditEvent>[] = [
    {
      accessor: 'expand',
      title: t('audit.columns.details'),
      exportable: false,
      titleHidden: true,
      width: 44,
      render: (event) => {
        const open = expanded.includes(event.id);
        return (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-expanded={open}
            aria-label={
              open ? t('audit.hideDetails', { id: event.id }) : t('audit.showDetails', { id: event.id })
            }
            onClick={() => toggle(event.id)}
          >
            {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          </ActionIcon>
        );
      },
    },
    {
      accessor: 'occurredAt',
      title: t('audit.columns.time'),
      sortable: true,
      width: 170,
      noWrap: true,
      value: (event) => formatDateTime(event.occurredAt, lng, true),
      render: (event) => <DateTimeText value={event.occurredAt} withSeconds />,
    },
    {
      accessor: 'actorLabel',
      title: t('audit.columns.actor'),
      render: (event) => (
        <Stack gap={2} align="flex-start">
          <Text size="sm">{event.actorLabel || event.actorId || '—'}</Text>
          <Badge size="xs" variant="light" color={kindColor[event.actorKind] ?? 'gray'}>
            {t(`audit.actorKind.${event.actorKind}`)}
          </Badge>
        </Stack>
      ),
    },
    {
      accessor: 'action',
      title: t('audit.columns.action'),
      render: (event) => <Code>{event.action}</Code>,
    },
    {
      accessor: 'entityType',
      title: t('audit.columns.entity'),
      value: (event) => [event.entityType, event.entityId].filter(Boolean).join(' '),
      render: (event) => (
        <Stack gap={0}>
          <Text size="sm">{event.entityType}</Text>
          {event.entityId ? (
            <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {event.entityId}
            </Text>
          ) : null}
        </Stack>
      ),
    },
  ];

  const sortStatus: DataTableSortStatus<AuditEvent> = {
    columnAccessor: 'occurredAt',
    direction: query.order,
  };

  return (
    <Stack gap="xs">
      <ErrorAlert error={events.error} />
      <DataTable<AuditEvent>
        label={t('audit.tableLabel')}
        columns={columns}
        records={events.data?.items}
        fetching={events.isFetching}
        noRecordsText={t('audit.empty')}
        exportHref={auditCsvUrl(query)}
        sortStatus={sortStatus}
        onSortStatusChange={(status) => onOrderChange(status.direction)}
        paging={{
          page: Math.floor(query.offset / query.limit) + 1,
          onPageChange: (page) => {
            setExpanded([]);
            onPageChange(page);
          },
          totalRecords: events.data?.total,
          recordsPerPage: query.limit,
          onRecordsPerPageChange: onPageSizeChange,
        }}
        rowExpansion={{
          trigger: 'never',
          allowMultiple: true,
          expanded: { recordIds: expanded, onRecordIdsChange: setExpanded },
          content: ({ record }) => <AuditDiff event={record} />,
        }}
      />
    </Stack>
  );
}
