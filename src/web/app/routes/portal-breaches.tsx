import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';
import { PortalBreachesPage } from '../../features/portal-breaches/components/portal-breaches-page.tsx';

export function PortalBreachesRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap={0}>
      <PageHeader title={t('portal.breaches.title')} description={t('portal.breaches.intro')} />
      <PortalBreachesPage />
    </Stack>
  );
}
