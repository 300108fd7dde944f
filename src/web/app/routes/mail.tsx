import { Alert, Button, Group, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconMailPause, IconSearch, IconSend, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { notifySuccess } from '../../components/api-error.ts';
import { PageHeader } from '../../components/page-header.tsx';
import {
  type EmailQuery,
  type EmailStatus,
  emailStatuses,
  emailTemplates,
  useEmails,
  useMailSettings,
  useReleaseOutbox,
} from '../../features/mail/api/mail.ts';
import { EmailDrawer } from '../../features/mail/components/email-drawer.tsx';
import { EmailTable } from '../../features/mail/components/email-table.tsx';
import { MailErrorAlert } from '../../features/mail/lib/errors.tsx';
import { templateLabel } from '../../features/mail/lib/labels.ts';
import { useMailPermissions } from '../../features/mail/lib/permissions.ts';

const pageSizes = [25, 50, 100, 200];

// Filters, page and the open message live in the URL, so a link to one message (from the test mail) works.
function readParams(params: URLSearchParams) {
  const size = Number(params.get('size'));
  const limit = pageSizes.includes(size) ? size : 50;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const status = emailStatuses.find((s) => s === params.get('status'));
  const query: EmailQuery = {
    status,
    to: params.get('to') ?? undefined,
    template: params.get('template') ?? undefined,
    limit,
    offset: (page - 1) * limit,
  };
  return { query, openId: params.get('id') };
}

export function MailRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { query, openId } = readParams(params);
  const [to, setTo] = useState(query.to ?? '');
  const { canSend } = useMailPermissions();
  const settings = useMailSettings();
  const counts = useEmails(query).data?.counts;
  const release = useReleaseOutbox();

  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || (key === 'page' && value === 1)) {
        next.delete(key);
      } else {
        next.set(key, String(value));
      }
    }
    setParams(next);
  };
  const applyTo = useDebouncedCallback((value: string) => update({ to: value.trim(), page: undefined }), 300);

  const smtpReady = Boolean(settings.data?.smtp);
  const outboxCount = counts?.outbox ?? 0;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('mail.log.title')}
        description={t('mail.log.intro')}
        actions={
          <Button
            component={Link}
            to="/settings?tab=mail"
            variant="default"
            leftSection={<IconSettings size={16} aria-hidden />}
          >
            {t('mail.log.settingsLink')}
          </Button>
        }
      />
      {outboxCount > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconMailPause aria-hidden />}
          title={t('mail.log.outboxTitle', { count: outboxCount })}
        >
          <Stack gap="xs" align="flex-start">
            {smtpReady ? t('mail.log.outboxReady') : t('mail.log.outboxNoSmtp')}
            {canSend && smtpReady ? (
              <Button
                size="sm"
                leftSection={<IconSend size={16} aria-hidden />}
                loading={release.isPending}
                onClick={() =>
                  release.mutate(undefined, {
                    onSuccess: (result) => notifySuccess(t('mail.log.released', result)),
                  })
                }
              >
                {t('mail.actions.sendOutbox', { count: outboxCount })}
              </Button>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      <MailErrorAlert error={release.error} onClose={release.reset} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('mail.log.statusFilter')}
          value={query.status ?? 'all'}
          onChange={(value) => update({ status: value === 'all' ? undefined : value, page: undefined })}
          data={[
            { value: 'all', label: t('mail.log.all') },
            ...emailStatuses.map((status: EmailStatus) => ({
              value: status,
              label: counts
                ? `${t(`mail.status.${status}`)} (${counts[status]})`
                : t(`mail.status.${status}`),
            })),
          ]}
        />
        <TextInput
          label={t('mail.log.recipient')}
          placeholder={t('mail.log.recipientPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={to}
          onChange={(event) => {
            setTo(event.currentTarget.value);
            applyTo(event.currentTarget.value);
          }}
          w={260}
        />
        <Select
          label={t('mail.columns.template')}
          value={query.template ?? 'all'}
          onChange={(value) =>
            update({ template: !value || value === 'all' ? undefined : value, page: undefined })
          }
          data={[
            { value: 'all', label: t('mail.log.allTemplates') },
            ...emailTemplates.map((template) => ({ value: template, label: templateLabel(template, t) })),
          ]}
          allowDeselect={false}
          w={200}
        />
      </Group>
      <EmailTable
        query={query}
        onOpen={(id) => update({ id })}
        onPageChange={(page) => update({ page })}
        onPageSizeChange={(size) => update({ size: size === 50 ? undefined : size, page: undefined })}
      />
      <EmailDrawer id={openId} onClose={() => update({ id: undefined })} />
    </Stack>
  );
}
