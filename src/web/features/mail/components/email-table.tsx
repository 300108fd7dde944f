import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { type EmailQuery, type EmailSummary, useEmails } from '../api/mail.ts';
import { templateLabel } from '../lib/labels.ts';
import { EmailStatusBadge } from './email-status-badge.tsx';

type EmailTableProps = {
  query: EmailQuery;
  onOpen: (id: string) => void;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
};

export function EmailTable({ query, onOpen, onPageChange, onPageSizeChange }: EmailTableProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const emails = useEmails(query);

  const columns: TableColumn<EmailSummary>[] = [
    {
      accessor: 'createdAt',
      title: t('mail.columns.queuedAt'),
      width: 160,
      noWrap: true,
      value: (email) => formatDateTime(email.createdAt, lng, true),
      render: (email) => <DateTimeText value={email.createdAt} size="sm" />,
    },
    {
      accessor: 'to',
      title: t('mail.columns.to'),
      render: (email) => (
        <Text size="sm" style={{ wordBreak: 'break-all' }}>
          {email.to}
        </Text>
      ),
    },
    {
      accessor: 'subject',
      title: t('mail.columns.subject'),
      render: (email) => (
        <Stack gap={0}>
          <Anchor
            component="button"
            type="button"
            size="sm"
            ta="left"
            onClick={() => onOpen(email.id)}
            aria-label={t('mail.actions.openNamed', { subject: email.subject, to: email.to })}
          >
            {email.subject}
          </Anchor>
          <Text size="xs" c="dimmed">
            {templateLabel(email.template, t)}
          </Text>
        </Stack>
      ),
    },
    {
      accessor: 'status',
      title: t('mail.columns.status'),
      width: 190,
      value: (email) => t(`mail.status.${email.status}`),
      render: (email) => (
        <Stack gap={2} align="flex-start">
          <EmailStatusBadge status={email.status} />
          <Text size="xs" c="dimmed">
            {email.status === 'sent' ? (
              <DateTimeText value={email.sentAt} />
            ) : email.status === 'queued' && email.attempts > 0 ? (
              <>
                {t('mail.attemptsOf', { attempts: email.attempts, max: email.maxAttempts })} ·{' '}
                {t('mail.nextAttemptAt', { when: formatDateTime(email.nextAttemptAt, lng) })}
              </>
            ) : email.status === 'failed' ? (
              t('mail.attemptsOf', { attempts: email.attempts, max: email.maxAttempts })
            ) : null}
          </Text>
        </Stack>
      ),
    },
    {
      accessor: 'lastError',
      title: t('mail.columns.lastError'),
      render: (email) =>
        email.lastError && email.status !== 'sent' ? (
          <Text size="xs" ff="monospace" lineClamp={2} title={email.lastError}>
            {email.lastError}
          </Text>
        ) : null,
    },
  ];

  return (
    <Stack gap="xs">
      <ErrorAlert error={emails.error} />
      <DataTable<EmailSummary>
        label={t('mail.log.tableLabel')}
        columns={columns}
        records={emails.data?.items}
        fetching={emails.isFetching}
        noRecordsText={query.status === 'outbox' ? t('mail.log.emptyOutbox') : t('mail.log.empty')}
        paging={{
          page: Math.floor(query.offset / query.limit) + 1,
          onPageChange,
          totalRecords: emails.data?.total,
          recordsPerPage: query.limit,
          onRecordsPerPageChange: onPageSizeChange,
        }}
      />
    </Stack>
  );
}
