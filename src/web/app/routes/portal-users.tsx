import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { PortalUsersPage } from '../../features/portal/components/users-page.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';
import { PortalTokensSection } from '../../features/portal-tokens/components/portal-tokens-section.tsx';

export function PortalUsersRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  if (!user.isAdmin) {
    return (
      <Stack gap={0}>
        <PageHeader title={t('portal.pages.users.title')} />
        <Text>{t('portal.users.adminOnly')}</Text>
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      <PageHeader title={t('portal.pages.users.title')} description={t('portal.pages.users.intro')} />
      <PortalUsersPage user={user} />
      <PortalTokensSection />
    </Stack>
  );
}
