import { ActionIcon, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { GeneratedDocument } from '../api/types.ts';
import { formatBytes } from '../lib/format.ts';
import { formatLabel, kindLabel, languageLabel } from '../lib/labels.ts';
import { HashText } from './hash-text.tsx';

type Props = {
  documents: GeneratedDocument[] | undefined;
  fetching?: boolean;
  /** Where each file downloads from (the staff or the portal route). */
  fileUrl: (document: GeneratedDocument) => string;
  /** The customer's own view leaves out the processor's bookkeeping (template version, who made it). */
  variant: 'staff' | 'portal';
  label: string;
  csvFileName: string;
  noRecordsText: string;
  /** The id of a document just made, marked "Nieuw". */
  highlightId?: string | null;
};

export function DocumentsTable({
  documents,
  fetching,
  fileUrl,
  variant,
  label,
  csvFileName,
  noRecordsText,
  highlightId,
}: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const staff = variant === 'staff';
  const version = (value: number | null) => (value === null ? '—' : String(value));

  const columns: TableColumn<GeneratedDocument>[] = [
    {
      accessor: 'kind',
      title: t('documents.columns.document'),
      sortable: true,
      value: (d) => kindLabel(d.kind, t),
      render: (d) => (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Tooltip label={d.fileName} withArrow>
            <ActionIcon
              component="a"
              href={fileUrl(d)}
              download={d.fileName}
              variant="light"
              aria-label={t('documents.downloadFile', { file: d.fileName })}
            >
              <IconDownload size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Stack gap={2} align="flex-start">
            <Text size="sm" fw={500}>
              {kindLabel(d.kind, t)}
            </Text>
            {d.id === highlightId ? (
              <Badge size="xs" color="teal" variant="light">
                {t('documents.new')}
              </Badge>
            ) : null}
          </Stack>
        </Group>
      ),
    },
    {
      accessor: 'dpaVersion',
      title: t('documents.columns.dpaVersion'),
      sortable: true,
      textAlign: 'right',
      value: (d) => d.dpaVersion,
      render: (d) => version(d.dpaVersion),
    },
    {
      accessor: 'format',
      title: t('documents.columns.format'),
      sortable: true,
      value: (d) => formatLabel(d.format, t),
      render: (d) => <span style={{ whiteSpace: 'nowrap' }}>{formatLabel(d.format, t)}</span>,
    },
    {
      accessor: 'language',
      title: t('documents.columns.language'),
      sortable: true,
      value: (d) => languageLabel(d.language, t),
      render: (d) => (
        <abbr title={languageLabel(d.language, t)} style={{ textDecoration: 'none' }}>
          {d.language.toUpperCase()}
        </abbr>
      ),
    },
    {
      accessor: 'registerVersion',
      title: t('documents.columns.sources'),
      sortable: true,
      value: (d) => d.registerVersion,
      render: (d) => (
        <Stack gap={0}>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {t('documents.sources.register', { version: version(d.registerVersion) })}
          </Text>
          {staff && d.kind === 'dpa' ? (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t('documents.sources.template', { version: version(d.templateVersion) })}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    // For the CSV export and the search: each version in its own column.
    {
      accessor: 'registerVersionExport',
      title: t('documents.columns.registerVersion'),
      hidden: true,
      value: (d) => d.registerVersion,
    },
    ...(staff
      ? [
          {
            accessor: 'templateVersion',
            title: t('documents.columns.templateVersion'),
            hidden: true,
            value: (d) => d.templateVersion,
          } satisfies TableColumn<GeneratedDocument>,
        ]
      : []),
    {
      accessor: 'createdAt',
      title: staff ? t('documents.columns.made') : t('documents.columns.date'),
      sortable: true,
      value: (d) => d.createdAt,
      render: (d) => (
        <Stack gap={0}>
          <DateTimeText value={d.createdAt} size="sm" style={{ whiteSpace: 'nowrap' }} />
          {staff ? (
            <Text size="xs" c="dimmed">
              {d.createdBy}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    ...(staff
      ? [
          {
            accessor: 'createdBy',
            title: t('documents.columns.madeBy'),
            hidden: true,
            value: (d) => d.createdBy,
          } satisfies TableColumn<GeneratedDocument>,
        ]
      : []),
    {
      accessor: 'fileName',
      title: t('documents.columns.fileName'),
      hidden: true,
      value: (d) => d.fileName,
    },
    {
      accessor: 'sizeBytes',
      title: t('documents.columns.size'),
      sortable: true,
      textAlign: 'right',
      value: (d) => d.sizeBytes,
      render: (d) => <span style={{ whiteSpace: 'nowrap' }}>{formatBytes(d.sizeBytes, format.lng)}</span>,
    },
    {
      accessor: 'fileSha256',
      title: t('documents.columns.sha256'),
      value: (d) => d.fileSha256,
      render: (d) => <HashText value={d.fileSha256} />,
    },
  ];

  return (
    <DataTable<GeneratedDocument>
      label={label}
      columns={columns}
      records={documents}
      fetching={fetching}
      searchable
      csvFileName={csvFileName}
      noRecordsText={noRecordsText}
      initialSort={{ columnAccessor: 'createdAt', direction: 'desc' }}
    />
  );
}
