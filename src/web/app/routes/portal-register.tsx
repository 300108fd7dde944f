import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { PortalRecordPage } from '../../features/portal/components/record-page.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';

export function PortalRegisterRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap={0}>
      <PageHeader title={t('portal.pages.register.title')} description={t('portal.pages.register.intro')} />
      <PortalRecordPage />
    </Stack>
  );
}
