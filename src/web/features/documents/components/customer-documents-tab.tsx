import { Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFileCertificate, IconListDetails } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { Customer } from '../../customers/api/types.ts';
import { documentFileUrl, useCustomerDocuments } from '../api/documents.ts';
import type { DocumentKind } from '../api/types.ts';
import { useDocumentPermissions } from '../lib/permissions.ts';
import { DocumentsTable } from './documents-table.tsx';
import { GenerateModal } from './generate-modal.tsx';
import { GuardedButton } from './guarded-button.tsx';
import { notifyGenerated } from './notify-generated.tsx';

/** The customer's generated documents (DPA and record), and generating a new one. */
export function CustomerDocumentsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { canGenerate } = useDocumentPermissions();
  const documents = useCustomerDocuments(customer.id);
  const [kind, setKind] = useState<DocumentKind | null>(null);
  const [latest, setLatest] = useState<string | null>(null);
  const readOnly = t('documents.readOnlyHint');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2} maw={760}>
          <Title order={2} fz="h4">
            {t('documents.customerTab.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('documents.customerTab.intro')}
          </Text>
        </Stack>
        <Group gap="xs">
          <GuardedButton
            allowed={canGenerate}
            reason={readOnly}
            leftSection={<IconFileCertificate size={16} aria-hidden />}
            onClick={() => setKind('dpa')}
          >
            {t('documents.generate.dpa')}
          </GuardedButton>
          <GuardedButton
            allowed={canGenerate}
            reason={readOnly}
            variant="default"
            leftSection={<IconListDetails size={16} aria-hidden />}
            onClick={() => setKind('record')}
          >
            {t('documents.generate.record')}
          </GuardedButton>
        </Group>
      </Group>
      {documents.isPending ? (
        <Skeleton h={200} />
      ) : documents.isError ? (
        <ErrorAlert error={documents.error} title={t('errors.loadTitle')} />
      ) : (
        <DocumentsTable
          documents={documents.data}
          fetching={documents.isFetching}
          fileUrl={documentFileUrl}
          variant="staff"
          label={t('documents.customerTab.tableLabel', { customer: customer.legalName })}
          csvFileName={`documenten-${customer.kvkNumber}.csv`}
          noRecordsText={t('documents.customerTab.none')}
          highlightId={latest}
        />
      )}
      <GenerateModal
        kind={kind}
        customer={customer}
        onClose={() => setKind(null)}
        onGenerated={(document) => {
          setKind(null);
          setLatest(document.id);
          notifyGenerated(document, t);
        }}
      />
    </Stack>
  );
}
