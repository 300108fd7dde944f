import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { IconCircleCheck, IconPlayerPlay, IconRefresh, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { describeError } from '../../../lib/errors.ts';
import {
  afterManyGenerated,
  afterOneOfMany,
  afterRegenerated,
  generateDocument,
  useOutdatedDocuments,
} from '../api/documents.ts';
import type { DocumentKind, OutdatedDocument } from '../api/types.ts';
import { type BulkItem, bulkRun, useBulkRun } from '../lib/bulk-run.ts';
import { documentTitle, formatLabel, languageLabel, reasonColor, reasonLabel } from '../lib/labels.ts';
import { useDocumentPermissions } from '../lib/permissions.ts';
import { GuardedButton } from './guarded-button.tsx';
import { describeGenerateError } from './missing-data-alert.tsx';
import { NewVersionModal } from './new-version-modal.tsx';
import { notifyGenerated } from './notify-generated.tsx';

type Row = OutdatedDocument & { key: string };

const customerDocumentsHref = (customerId: string) =>
  `/customers/${encodeURIComponent(customerId)}?tab=documents`;

/** Customers whose newest DPA or record no longer matches the data: generate again, or send a new DPA version. */
export function OutdatedPanel({ onBulkStarted }: { onBulkStarted: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { canGenerate } = useDocumentPermissions();
  const outdated = useOutdatedDocuments();
  const bulk = useBulkRun();
  const [kind, setKind] = useState<'all' | DocumentKind>('all');
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, unknown>>({});
  const [sending, setSending] = useState<OutdatedDocument | null>(null);
  const readOnly = t('documents.readOnlyHint');

  const regenerate = async (row: Row) => {
    setBusy((b) => new Set(b).add(row.key));
    setErrors(({ [row.key]: _old, ...rest }) => rest);
    try {
      const { kind: k, format, language } = row.document;
      const document = await generateDocument(row.customerId, { kind: k, format, language });
      notifyGenerated(document, t);
      afterRegenerated(queryClient, row.customerId, row.document.id);
    } catch (error) {
      setErrors((e) => ({ ...e, [row.key]: error }));
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(row.key);
        return next;
      });
    }
  };

  if (outdated.isPending) {
    return (
      <Stack gap="sm">
        <Group gap="xs">
          <Loader size="sm" aria-hidden />
          <Text size="sm" c="dimmed" role="status">
            {t('documents.outdated.checking')}
          </Text>
        </Group>
        <Skeleton h={240} />
      </Stack>
    );
  }
  if (outdated.isError) {
    return <ErrorAlert error={outdated.error} title={t('errors.loadTitle')} />;
  }
  const rows: Row[] = outdated.data
    .filter((item) => kind === 'all' || item.document.kind === kind)
    .map((item) => ({ ...item, key: item.document.id }));

  const startAll = () => {
    const items: BulkItem[] = rows.map((row) => ({
      customerId: row.customerId,
      legalName: row.legalName,
      request: { kind: row.document.kind, format: row.document.format, language: row.document.language },
    }));
    void bulkRun.start(items, t('documents.outdated.bulkLabel', { count: items.length }), {
      onGenerated: (customerId) => afterOneOfMany(queryClient, customerId),
      onFinished: () => afterManyGenerated(queryClient),
    });
    onBulkStarted();
  };

  const columns: TableColumn<Row>[] = [
    {
      accessor: 'legalName',
      title: t('documents.columns.customer'),
      sortable: true,
      render: (row) => (
        <Anchor component={Link} to={customerDocumentsHref(row.customerId)} size="sm" fw={500}>
          {row.legalName}
        </Anchor>
      ),
    },
    {
      accessor: 'document.kind',
      title: t('documents.columns.document'),
      sortable: true,
      value: (row) =>
        `${documentTitle(row.document, t)} (${formatLabel(row.document.format, t)}, ${languageLabel(row.document.language, t)})`,
      render: (row) => (
        <Stack gap={0}>
          <Text size="sm">{documentTitle(row.document, t)}</Text>
          <Text size="xs" c="dimmed">
            {formatLabel(row.document.format, t)} · {languageLabel(row.document.language, t)}
          </Text>
        </Stack>
      ),
    },
    {
      accessor: 'document.createdAt',
      title: t('documents.columns.made'),
      sortable: true,
      value: (row) => row.document.createdAt,
      render: (row) => (
        <DateTimeText value={row.document.createdAt} size="sm" style={{ whiteSpace: 'nowrap' }} />
      ),
    },
    {
      accessor: 'reasons',
      title: t('documents.columns.reasons'),
      value: (row) => row.reasons.map((r) => reasonLabel(r, t)).join('; '),
      render: (row) => {
        const error = errors[row.key];
        return (
          <Stack gap={4}>
            <Group gap={4}>
              {row.reasons.map((reason) => (
                <Badge
                  key={reason}
                  color={reasonColor[reason]}
                  variant="light"
                  size="sm"
                  style={{ flexShrink: 0 }}
                >
                  {reasonLabel(reason, t)}
                </Badge>
              ))}
            </Group>
            {error ? (
              <Text size="xs" c="red.8" role="alert">
                {describeGenerateError(error, t) ?? describeError(error, t)}{' '}
                <Anchor component={Link} to={`/customers/${encodeURIComponent(row.customerId)}`} size="xs">
                  {t('documents.outdated.fix')}
                </Anchor>
              </Text>
            ) : null}
          </Stack>
        );
      },
    },
    {
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      render: (row) => (
        <Stack gap={6} align="stretch">
          <GuardedButton
            allowed={canGenerate}
            reason={readOnly}
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} aria-hidden />}
            loading={busy.has(row.key)}
            onClick={() => void regenerate(row)}
            aria-label={t('documents.outdated.regenerateFor', {
              document: documentTitle(row.document, t),
              customer: row.legalName,
            })}
          >
            {t('documents.outdated.regenerate')}
          </GuardedButton>
          {row.document.kind === 'dpa' ? (
            <GuardedButton
              allowed={canGenerate}
              reason={readOnly}
              size="xs"
              leftSection={<IconSend size={14} aria-hidden />}
              onClick={() => setSending(row)}
              aria-label={t('documents.outdated.sendFor', { customer: row.legalName })}
            >
              {t('documents.outdated.send')}
            </GuardedButton>
          ) : null}
        </Stack>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" maw={760}>
          {t('documents.outdated.intro')}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={() => void outdated.refetch()}
            loading={outdated.isFetching}
          >
            {t('documents.outdated.check')}
          </Button>
          {rows.length > 0 ? (
            <GuardedButton
              allowed={canGenerate && bulk.status !== 'running'}
              reason={bulk.status === 'running' ? t('documents.bulk.alreadyRunning') : readOnly}
              leftSection={<IconPlayerPlay size={16} aria-hidden />}
              onClick={startAll}
            >
              {t('documents.outdated.regenerateAll', { count: rows.length })}
            </GuardedButton>
          ) : null}
        </Group>
      </Group>
      {outdated.data.length === 0 ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />}>
          {t('documents.outdated.none')}
        </Alert>
      ) : null}
      <DataTable<Row>
        label={t('documents.outdated.tableLabel')}
        columns={columns}
        records={rows}
        idAccessor="key"
        fetching={outdated.isFetching}
        searchable
        csvFileName="verouderde-documenten.csv"
        noRecordsText={t('documents.outdated.noneShown')}
        initialSort={{ columnAccessor: 'legalName', direction: 'asc' }}
        toolbar={
          <SegmentedControl
            aria-label={t('documents.outdated.kindFilter')}
            value={kind}
            onChange={(value) => setKind(value as typeof kind)}
            data={[
              { value: 'all', label: t('documents.outdated.allKinds') },
              { value: 'dpa', label: t('documents.kinds.dpa') },
              { value: 'record', label: t('documents.kinds.record') },
            ]}
          />
        }
      />
      <NewVersionModal item={sending} onClose={() => setSending(null)} />
    </Stack>
  );
}
