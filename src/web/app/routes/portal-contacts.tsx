import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { PortalContactsPage } from '../../features/portal/components/contacts-page.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';

export function PortalContactsRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap={0}>
      <PageHeader title={t('portal.pages.contacts.title')} description={t('portal.pages.contacts.intro')} />
      <PortalContactsPage user={user} />
    </Stack>
  );
}
