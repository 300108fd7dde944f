import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { PortalInstructionsPage } from '../../features/portal/components/instructions-page.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';

export function PortalInstructionsRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap={0}>
      <PageHeader
        title={t('portal.pages.instructions.title')}
        description={t('portal.pages.instructions.intro')}
      />
      <PortalInstructionsPage user={user} />
    </Stack>
  );
}
