import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { PortalDpaPage } from '../../features/portal/components/dpa-page.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';

export function PortalDpaRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap={0}>
      <PageHeader title={t('portal.pages.dpa.title')} description={t('portal.pages.dpa.intro')} />
      <PortalDpaPage user={user} />
    </Stack>
  );
}
