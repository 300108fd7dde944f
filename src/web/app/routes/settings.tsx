import { Alert, Card, Skeleton, Stack, Tabs, Title } from '@mantine/core';
import {
  IconBuilding,
  IconInfoCircle,
  IconKey,
  IconMail,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { MailSettingsPanel } from '../../features/mail/components/mail-settings-panel.tsx';
import { useAppSettings } from '../../features/settings/api/app-settings.ts';
import { useProcessor } from '../../features/settings/api/processor.ts';
import { AppSettingsForm } from '../../features/settings/components/app-settings-form.tsx';
import { LogoUpload } from '../../features/settings/components/logo-upload.tsx';
import { ProcessorForm } from '../../features/settings/components/processor-form.tsx';
import { TokensPanel } from '../../features/settings/components/tokens-panel.tsx';
import { UsersPanel } from '../../features/settings/components/users-panel.tsx';
import { can } from '../../lib/roles.ts';

const tabs = ['processor', 'general', 'mail', 'users', 'tokens'] as const;
type Tab = (typeof tabs)[number];

function ProcessorTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const processor = useProcessor();
  if (processor.isPending) {
    return <Skeleton h={400} />;
  }
  if (processor.isError) {
    return <ErrorAlert error={processor.error} />;
  }
  return (
    <Stack gap="md">
      <Title order={2} fz="h4" id="processor-form-title">
        {t('processor.title')}
      </Title>
      <ProcessorForm key={processor.data.updatedAt} profile={processor.data} canEdit={canEdit} />
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="logo-title">
        <Stack gap="xs">
          <Title order={3} fz="h5" id="logo-title">
            {t('processor.logo.title')}
          </Title>
          <LogoUpload profile={processor.data} canEdit={canEdit} />
        </Stack>
      </Card>
    </Stack>
  );
}

function GeneralTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useAppSettings();
  if (settings.isPending) {
    return <Skeleton h={240} />;
  }
  if (settings.isError) {
    return <ErrorAlert error={settings.error} />;
  }
  return (
    <Stack gap="md">
      <Title order={2} fz="h4">
        {t('appSettings.title')}
      </Title>
      <AppSettingsForm key={JSON.stringify(settings.data)} settings={settings.data} canEdit={canEdit} />
    </Stack>
  );
}

export function SettingsRoute() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const role = user?.role;
  const canEdit = can(role, 'settings.edit');
  const available: Tab[] = tabs.filter(
    (tab) =>
      (tab !== 'users' || can(role, 'users.manage')) && (tab !== 'tokens' || can(role, 'tokens.manage')),
  );
  const requested = params.get('tab') as Tab | null;
  const active: Tab = requested && available.includes(requested) ? requested : 'processor';

  const icons = {
    processor: IconBuilding,
    general: IconSettings,
    mail: IconMail,
    users: IconUsers,
    tokens: IconKey,
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('settings.title')} description={t('settings.intro')} />
      {!canEdit ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('settings.readOnly')}
        </Alert>
      ) : null}
      <Tabs
        value={active}
        onChange={(value) => {
          if (value) {
            setParams(value === 'processor' ? {} : { tab: value }, { replace: true });
          }
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('settings.tabsLabel')}>
          {available.map((tab) => {
            const Icon = icons[tab];
            return (
              <Tabs.Tab key={tab} value={tab} leftSection={<Icon size={16} aria-hidden />}>
                {tab === 'mail' ? t('mail.tab') : t(`settings.tabs.${tab}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="processor" pt="md">
          <ProcessorTab canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="general" pt="md">
          <GeneralTab canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="mail" pt="md">
          <MailSettingsPanel />
        </Tabs.Panel>
        {available.includes('users') && user ? (
          <Tabs.Panel value="users" pt="md">
            <UsersPanel currentUserId={user.id} />
          </Tabs.Panel>
        ) : null}
        {available.includes('tokens') ? (
          <Tabs.Panel value="tokens" pt="md">
            <TokensPanel />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Stack>
  );
}
