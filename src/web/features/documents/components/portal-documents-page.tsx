import { Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { portalDocumentFileUrl, portalRecordFileUrl, usePortalDocuments } from '../api/documents.ts';
import { DocumentsTable } from './documents-table.tsx';
import { RecordDownloadButtons } from './record-download-buttons.tsx';

/** The customer's own documents: the DPA versions sent to it and its records, plus the record as it is today. */
export function PortalDocumentsPage() {
  const { t } = useTranslation();
  const documents = usePortalDocuments();
  return (
    <Stack gap="md">
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="portal-record-now">
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <Stack gap={2} maw={640}>
            <Title order={2} fz="h5" id="portal-record-now">
              {t('portal.documents.recordTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('portal.documents.recordIntro')}
            </Text>
          </Stack>
          <RecordDownloadButtons url={portalRecordFileUrl} size="sm" />
        </Group>
      </Card>
      <Stack gap="xs" component="section" aria-labelledby="portal-documents-list">
        <Title order={2} fz="h4" id="portal-documents-list">
          {t('portal.documents.listTitle')}
        </Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('portal.documents.listIntro')}
        </Text>
        {documents.isPending ? (
          <Skeleton h={200} />
        ) : documents.isError ? (
          <ErrorAlert error={documents.error} title={t('errors.loadTitle')} />
        ) : (
          <DocumentsTable
            documents={documents.data}
            fetching={documents.isFetching}
            fileUrl={(d) => portalDocumentFileUrl(d.id)}
            variant="portal"
            label={t('portal.documents.listTitle')}
            csvFileName="documenten.csv"
            noRecordsText={t('portal.documents.none')}
          />
        )}
      </Stack>
    </Stack>
  );
}
