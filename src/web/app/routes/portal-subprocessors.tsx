import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { PortalSubprocessorsPage } from '../../features/portal/components/subprocessors-page.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';

export function PortalSubprocessorsRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap={0}>
      <PageHeader
        title={t('portal.pages.subprocessors.title')}
        description={t('portal.pages.subprocessors.intro')}
      />
      <PortalSubprocessorsPage />
    </Stack>
  );
}
