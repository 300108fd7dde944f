import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { PortalDocumentsPage } from '../../features/documents/components/portal-documents-page.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';

export function PortalDocumentsRoute() {
  const { t } = useTranslation();
  const user = usePortalUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap={0}>
      <PageHeader title={t('portal.documents.title')} description={t('portal.documents.intro')} />
      <PortalDocumentsPage />
    </Stack>
  );
}
