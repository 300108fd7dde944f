import {
  Alert,
  Button,
  Code,
  Drawer,
  Group,
  Loader,
  ScrollArea,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Timeline,
} from '@mantine/core';
import { IconAlertTriangle, IconLock, IconSend } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { DateTimeText } from '../../../components/date-time.tsx';
import {
  type EmailDetail,
  type EmailEventKind,
  useEmail,
  useMailSettings,
  useSendEmailNow,
} from '../api/mail.ts';
import { MailErrorAlert } from '../lib/errors.tsx';
import { templateLabel } from '../lib/labels.ts';
import { useMailPermissions } from '../lib/permissions.ts';
import { EmailStatusBadge } from './email-status-badge.tsx';

// The SMTP server's answer or error is worth showing as it is; the other events say it all in their title.
const technicalDetail = new Set<EmailEventKind>(['deferred', 'sent', 'failed']);

const eventColor: Record<EmailEventKind, string> = {
  queued: 'blue',
  outbox: 'orange',
  deferred: 'yellow',
  sent: 'teal',
  failed: 'red',
  released: 'grape',
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </Stack>
  );
}

function EmailBody({ email }: { email: EmailDetail }) {
  const { t } = useTranslation();
  if (email.bodiesErasedAt) {
    return (
      <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} mt="md">
        {t('mail.detail.erased')}
      </Alert>
    );
  }
  return (
    <Tabs defaultValue="html" keepMounted={false} mt="md">
      <Tabs.List>
        <Tabs.Tab value="html">{t('mail.detail.html')}</Tabs.Tab>
        <Tabs.Tab value="text">{t('mail.detail.text')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="html" pt="sm">
        {/* sandbox="" with no permissions: no scripts, forms, popups or navigation; the preview's own policy
            loads no images but the inlined logo. */}
        <iframe
          title={t('mail.detail.previewTitle', { subject: email.subject })}
          srcDoc={email.htmlPreview}
          sandbox=""
          referrerPolicy="no-referrer"
          style={{
            width: '100%',
            height: 520,
            border: '1px solid var(--mantine-color-gray-3)',
            borderRadius: 4,
          }}
        />
      </Tabs.Panel>
      <Tabs.Panel value="text" pt="sm">
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {email.text}
        </Code>
      </Tabs.Panel>
    </Tabs>
  );
}

function EmailView({ email }: { email: EmailDetail }) {
  const { t } = useTranslation();
  const { canSend } = useMailPermissions();
  const smtpReady = Boolean(useMailSettings().data?.smtp);
  const send = useSendEmailNow();
  // Without an SMTP server "send now" could only fail; the outbox notice on the page says what to do instead.
  const canSendThis = canSend && smtpReady && email.status !== 'sent' && !email.bodiesErasedAt;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <EmailStatusBadge status={email.status} />
        {canSendThis ? (
          <Button
            size="sm"
            leftSection={<IconSend size={16} aria-hidden />}
            loading={send.isPending}
            onClick={() =>
              send.mutate(email.id, {
                onSuccess: (result) =>
                  result.status === 'sent'
                    ? notifySuccess(t('mail.detail.sentNow', { to: result.to }))
                    : undefined,
              })
            }
          >
            {t('mail.actions.sendNow')}
          </Button>
        ) : null}
      </Group>
      <MailErrorAlert error={send.error} onClose={send.reset} />
      {email.lastError && email.status !== 'sent' ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('mail.detail.lastError')}
        >
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-word' }}>
            {email.lastError}
          </Text>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        <Fact label={t('mail.columns.to')}>{email.to}</Fact>
        <Fact label={t('mail.columns.template')}>
          {templateLabel(email.template, t)} · {t(`mail.locale.${email.locale}`)}
        </Fact>
        <Fact label={t('mail.detail.queuedAt')}>
          <DateTimeText value={email.createdAt} withSeconds /> · {email.queuedBy}
        </Fact>
        <Fact label={t('mail.detail.sentAt')}>
          <DateTimeText value={email.sentAt} withSeconds />
        </Fact>
        <Fact label={t('mail.columns.attempts')}>
          {email.attempts === 0
            ? t('mail.notTried')
            : t('mail.attemptsOf', { attempts: email.attempts, max: email.maxAttempts })}
        </Fact>
        <Fact label={t('mail.detail.nextAttempt')}>
          <DateTimeText value={email.nextAttemptAt} />
        </Fact>
        {email.related ? (
          <Fact label={t('mail.detail.related')}>
            <Code>{[email.related.type, email.related.id].filter(Boolean).join(' ')}</Code>
          </Fact>
        ) : null}
        {email.smtpMessageId ? (
          <Fact label={t('mail.detail.messageId')}>
            <Code>{email.smtpMessageId}</Code>
          </Fact>
        ) : null}
      </SimpleGrid>
      <EmailBody email={email} />
      <Text fw={600} size="sm" mt="md">
        {t('mail.detail.history')}
      </Text>
      <Timeline bulletSize={14} lineWidth={2} active={email.events.length}>
        {email.events.map((event, index) => (
          <Timeline.Item
            // biome-ignore lint/suspicious/noArrayIndexKey: events are append-only and never reorder
            key={index}
            color={eventColor[event.kind]}
            title={
              <Text size="sm" fw={600}>
                {t(`mail.event.${event.kind}`, { attempt: event.attempt })}
              </Text>
            }
          >
            <Text size="xs" c="dimmed">
              <DateTimeText value={event.occurredAt} withSeconds /> · {event.actor}
            </Text>
            {event.detail && technicalDetail.has(event.kind) ? (
              <Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>
                {event.detail}
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

export function EmailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const email = useEmail(id);
  return (
    <Drawer
      opened={Boolean(id)}
      onClose={onClose}
      position="right"
      size="xl"
      title={<Text fw={600}>{email.data?.subject ?? t('mail.detail.title')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      scrollAreaComponent={ScrollArea.Autosize}
    >
      {email.isPending && id ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {email.isError ? <MailErrorAlert error={email.error} /> : null}
      {email.data ? <EmailView email={email.data} /> : null}
    </Drawer>
  );
}
