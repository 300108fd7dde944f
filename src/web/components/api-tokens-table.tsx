import { Badge, Button, Code, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format.ts';
import { ConfirmMutation } from './confirm-modal.tsx';
import { DataTable, type TableColumn } from './data-table.tsx';
import { DateTimeText } from './date-time.tsx';
import { ErrorAlert } from './error-alert.tsx';

/** What a staff token and a customer's token have in common. */
export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type ApiTokensTableProps<T extends ApiTokenRow> = {
  tokens: { data: T[] | undefined; error: unknown; isFetching: boolean };
  revoke: UseMutationResult<unknown, Error, string>;
  /** Accessible name of the table. */
  label: string;
  csvFileName: string;
  noRecordsText: string;
  searchable?: boolean;
  /** Columns after the prefix (a staff token's role). */
  extraColumns?: TableColumn<T>[];
  /** Who made the token, shown under the date it was made. */
  createdBy?: (token: T) => string;
};

/** A list of API tokens (staff or a customer's) with a revoke action that asks first. */
export function ApiTokensTable<T extends ApiTokenRow>({
  tokens,
  revoke,
  label,
  csvFileName,
  noRecordsText,
  searchable,
  extraColumns = [],
  createdBy,
}: ApiTokensTableProps<T>) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const [revoking, setRevoking] = useState<T | null>(null);

  const status = (token: T) =>
    token.revokedAt
      ? t('tokens.revokedAt', { when: formatDateTime(token.revokedAt, lng) })
      : t('tokens.active');

  const columns: TableColumn<T>[] = [
    { accessor: 'name', title: t('tokens.fields.name'), sortable: true },
    {
      accessor: 'prefix',
      title: t('tokens.fields.prefix'),
      render: (token) => <Code>{token.prefix}…</Code>,
    },
    ...extraColumns,
    {
      accessor: 'createdAt',
      title: t('tokens.fields.createdAt'),
      sortable: true,
      value: (token) => token.createdAt,
      render: (token) =>
        createdBy ? (
          <Stack gap={0}>
            <DateTimeText value={token.createdAt} size="sm" />
            <Text size="xs" c="dimmed">
              {t('tokens.by', { name: createdBy(token) })}
            </Text>
          </Stack>
        ) : (
          <DateTimeText value={token.createdAt} size="sm" />
        ),
    },
    {
      accessor: 'lastUsedAt',
      title: t('tokens.fields.lastUsedAt'),
      sortable: true,
      value: (token) => token.lastUsedAt ?? '',
      render: (token) => <DateTimeText value={token.lastUsedAt} fallback={t('tokens.neverUsed')} />,
    },
    {
      accessor: 'revokedAt',
      title: t('tokens.fields.status'),
      sortable: true,
      value: status,
      render: (token) => (
        <Badge variant="dot" color={token.revokedAt ? 'gray' : 'teal'} size="sm">
          {status(token)}
        </Badge>
      ),
    },
    {
      accessor: 'actions',
      title: t('common.actions'),
      exportable: false,
      textAlign: 'right',
      render: (token) =>
        token.revokedAt ? null : (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} aria-hidden />}
            onClick={() => setRevoking(token)}
            aria-label={t('tokens.revokeNamed', { name: token.name })}
          >
            {t('tokens.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <ErrorAlert error={tokens.error} />
      <DataTable<T>
        label={label}
        columns={columns}
        records={tokens.data}
        fetching={tokens.isFetching}
        searchable={searchable}
        csvFileName={csvFileName}
        initialSort={{ columnAccessor: 'createdAt', direction: 'desc' }}
        noRecordsText={noRecordsText}
      />
      <ConfirmMutation
        target={revoking}
        onClose={() => setRevoking(null)}
        mutation={revoke}
        variables={(token) => token.id}
        title={(token) => t('tokens.revokeTitle', { name: token.name })}
        confirmLabel={t('tokens.revoke')}
        danger
        success={(token) => t('tokens.revoked', { name: token.name })}
      >
        {() => t('tokens.revokeBody')}
      </ConfirmMutation>
    </>
  );
}
