import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { requiredText, useForm } from '../../../lib/form.ts';
import { formatDateTime } from '../../../lib/format.ts';
import {
  type CustomerApiToken,
  useCreatePortalToken,
  usePortalTokens,
  useRevokePortalToken,
} from '../api/portal-tokens.ts';

const schema = z.object({ name: requiredText(100) });

// The secret exists only in the create response (the server keeps a hash): shown once, then gone.
function CreatePortalTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ name: string }>({ name: '' });
  const create = useCreatePortalToken();
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);

  const close = () => {
    form.reset();
    create.reset();
    setSecret(null);
    onClose();
  };

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    create.mutate(data, {
      onSuccess: ({ token, secret: value }) => setSecret({ name: token.name, value }),
      onError: (error) => form.applyApiError(error, ['name'] as const),
    });
  });

  if (secret) {
    return (
      <Modal
        opened={opened}
        onClose={close}
        title={t('tokens.secretTitle', { name: secret.name })}
        closeOnClickOutside={false}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        size="lg"
      >
        <Stack gap="sm">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {t('tokens.secretWarning')}
          </Alert>
          <Text size="sm" id="portal-token-secret-label" fw={500}>
            {t('tokens.secretLabel')}
          </Text>
          <Code
            block
            aria-labelledby="portal-token-secret-label"
            style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          >
            {secret.value}
          </Code>
          <Text size="xs" c="dimmed">
            {t('tokens.secretUsage')}
          </Text>
          <Group justify="space-between">
            <CopyButton value={secret.value}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'filled'}
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                  data-autofocus
                >
                  {copied ? t('tokens.copied') : t('tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close}>
              {t('tokens.secretDone')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('portalTokens.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={form.formError} />
          <TextInput
            label={t('tokens.fields.name')}
            description={t('portalTokens.nameHint')}
            required
            data-autofocus
            {...form.text('name')}
          />
          <Text size="xs" c="dimmed">
            {t('portalTokens.scopeHint')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A customer-admin's API tokens for the customer's own systems (OpenDSR 2.0), on the portal's users page. */
export function PortalTokensSection() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const tokens = usePortalTokens();
  const revoke = useRevokePortalToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<CustomerApiToken | null>(null);
  const endpoint = `${window.location.origin}/opendsr/v2`;

  const columns: TableColumn<CustomerApiToken>[] = [
    { accessor: 'name', title: t('tokens.fields.name'), sortable: true },
    {
      accessor: 'prefix',
      title: t('tokens.fields.prefix'),
      render: (token) => <Code>{token.prefix}…</Code>,
    },
    {
      accessor: 'createdAt',
      title: t('tokens.fields.createdAt'),
      sortable: true,
      value: (token) => token.createdAt,
      render: (token) => <DateTimeText value={token.createdAt} size="sm" />,
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
      render: (token) => (
        <Badge variant="dot" color={token.revokedAt ? 'gray' : 'teal'} size="sm">
          {token.revokedAt
            ? t('tokens.revokedAt', { when: formatDateTime(token.revokedAt, lng) })
            : t('tokens.active')}
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
    <Card
      withBorder
      padding="md"
      radius="md"
      mt="md"
      component="section"
      aria-labelledby="portal-tokens-title"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={2} fz="h4" id="portal-tokens-title">
            {t('portalTokens.title')}
          </Title>
          <Button leftSection={<IconKey size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed" maw={720}>
          {t('portalTokens.intro')}
        </Text>
        <Text size="sm">
          {t('portalTokens.endpoint')} <Code>{endpoint}</Code>
        </Text>
        <ErrorAlert error={tokens.error} />
        <DataTable<CustomerApiToken>
          label={t('portalTokens.tableLabel')}
          columns={columns}
          records={tokens.data}
          fetching={tokens.isFetching}
          csvFileName={t('portalTokens.csvFileName')}
          initialSort={{ columnAccessor: 'createdAt', direction: 'desc' }}
          noRecordsText={t('portalTokens.empty')}
        />
        <CreatePortalTokenModal opened={creating} onClose={() => setCreating(false)} />
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
    </Card>
  );
}
