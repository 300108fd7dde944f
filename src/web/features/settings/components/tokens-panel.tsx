import { Badge, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { ApiToken } from '../../../lib/api-types.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useRevokeToken, useTokens } from '../api/tokens.ts';
import { useUsers } from '../api/users.ts';
import { CreateTokenModal } from './create-token-modal.tsx';
import { RoleBadge } from './roles-help.tsx';

export function TokensPanel() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const tokens = useTokens();
  const users = useUsers();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  // createdBy names who made the token (a user's id or e-mail; null for the CLI); show the person's name.
  const creatorName = (token: ApiToken) => {
    if (!token.createdBy) {
      return t('tokens.createdBySystem');
    }
    const creator = users.data?.find((user) => user.id === token.createdBy || user.email === token.createdBy);
    return creator?.name ?? token.createdBy;
  };

  const columns: TableColumn<ApiToken>[] = [
    { accessor: 'name', title: t('tokens.fields.name'), sortable: true },
    {
      accessor: 'prefix',
      title: t('tokens.fields.prefix'),
      render: (token) => <Code>{token.prefix}…</Code>,
    },
    {
      accessor: 'role',
      title: t('tokens.fields.role'),
      sortable: true,
      value: (token) => t(`roles.${token.role}.name`),
      render: (token) => <RoleBadge role={token.role} />,
    },
    {
      accessor: 'createdAt',
      title: t('tokens.fields.createdAt'),
      sortable: true,
      value: (token) => token.createdAt,
      render: (token) => (
        <Stack gap={0}>
          <DateTimeText value={token.createdAt} size="sm" />
          <Text size="xs" c="dimmed">
            {t('tokens.by', { name: creatorName(token) })}
          </Text>
        </Stack>
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
      value: (token) =>
        token.revokedAt
          ? t('tokens.revokedAt', { when: formatDateTime(token.revokedAt, lng) })
          : t('tokens.active'),
      render: (token) =>
        token.revokedAt ? (
          <Badge variant="dot" color="gray" size="sm">
            {t('tokens.revokedAt', { when: formatDateTime(token.revokedAt, lng) })}
          </Badge>
        ) : (
          <Badge variant="dot" color="teal" size="sm">
            {t('tokens.active')}
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
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('tokens.intro')}
        </Text>
        <Button leftSection={<IconKey size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </Group>
      <ErrorAlert error={tokens.error} />
      <DataTable<ApiToken>
        label={t('tokens.tableLabel')}
        columns={columns}
        records={tokens.data}
        fetching={tokens.isFetching}
        searchable
        csvFileName={t('tokens.csvFileName')}
        initialSort={{ columnAccessor: 'createdAt', direction: 'desc' }}
        noRecordsText={t('tokens.empty')}
      />
      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmModal
        opened={Boolean(revoking)}
        title={t('tokens.revokeTitle', { name: revoking?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => {
          if (!revoking) {
            return;
          }
          const token = revoking;
          revoke.mutate(token.id, {
            onSuccess: () => {
              setRevoking(null);
              notifySuccess(t('tokens.revoked', { name: token.name }));
            },
          });
        }}
      >
        {t('tokens.revokeBody')}
      </ConfirmModal>
    </Stack>
  );
}
