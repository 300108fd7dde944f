import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { PortalOverview } from '../../features/portal/components/overview.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';

export function PortalOverviewRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap={0}>
      <PageHeader
        title={t('portal.pages.overview.title')}
        description={t('portal.pages.overview.intro', {
          name: user.name,
          customer: user.customer?.legalName ?? '',
        })}
      />
      <PortalOverview user={user} />
    </Stack>
  );
}
