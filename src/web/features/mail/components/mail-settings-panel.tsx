import { Alert, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconInbox, IconMailCheck, IconMailPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { type MailSettings, useMailSettings } from '../api/mail.ts';
import { useMailPermissions } from '../lib/permissions.ts';
import { MailSettingsForm } from './mail-settings-form.tsx';
import { TestMailCard } from './test-mail-card.tsx';

function DeliveryState({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation();
  const sender = `${settings.from.name} <${settings.from.address}>`;
  if (!settings.smtp) {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconMailPause aria-hidden />}
        title={t('mail.state.outboxTitle')}
      >
        <Text size="sm">{t('mail.state.outboxText')}</Text>
      </Alert>
    );
  }
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconMailCheck aria-hidden />}
      title={t('mail.state.smtpTitle')}
    >
      <Stack gap={2}>
        <Text size="sm">
          {t('mail.state.smtpText', {
            server: `${settings.smtp.host}:${settings.smtp.port}`,
            source: t(`mail.state.source.${settings.smtpSource ?? 'environment'}`),
          })}
        </Text>
        <Text size="sm">
          {t('mail.state.sender', { sender, source: t(`mail.state.senderSource.${settings.from.source}`) })}
        </Text>
      </Stack>
    </Alert>
  );
}

// The settings page's "E-mail" tab: where mail goes, the SMTP settings, the test mail, and the way to the log.
export function MailSettingsPanel() {
  const { t } = useTranslation();
  const settings = useMailSettings();
  const { canConfigure } = useMailPermissions();
  if (settings.isPending) {
    return <Skeleton h={400} />;
  }
  if (settings.isError) {
    return <ErrorAlert error={settings.error} />;
  }
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} fz="h4">
            {t('mail.settings.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('mail.settings.intro')}
          </Text>
        </Stack>
        <Button
          component={Link}
          to="/mail"
          variant="default"
          leftSection={<IconInbox size={16} aria-hidden />}
        >
          {t('mail.settings.openLog')}
        </Button>
      </Group>
      <DeliveryState settings={settings.data} />
      <MailSettingsForm
        key={settings.data.updatedAt ?? 'new'}
        settings={settings.data}
        canEdit={canConfigure}
      />
      {canConfigure ? <TestMailCard disabled={!settings.data.smtp} /> : null}
    </Stack>
  );
}
