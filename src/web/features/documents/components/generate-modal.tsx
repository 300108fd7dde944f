import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGenerateDocument } from '../api/documents.ts';
import type { DocumentFormat, DocumentKind, DocumentLanguage, GeneratedDocument } from '../api/types.ts';
import { kindLabel } from '../lib/labels.ts';
import { GenerateErrorAlert } from './missing-data-alert.tsx';

type Props = {
  /** The kind to generate; null keeps the modal closed. */
  kind: DocumentKind | null;
  customer: { id: string; legalName: string; locale: DocumentLanguage };
  onClose: () => void;
  onGenerated: (document: GeneratedDocument) => void;
};

/** Format and language for one document; what is missing to make it is listed here, with links to fill it in. */
export function GenerateModal({ kind, customer, onClose, onGenerated }: Props) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<DocumentFormat>('pdf');
  const [language, setLanguage] = useState<DocumentLanguage>(customer.locale);
  const generate = useGenerateDocument(customer.id);
  const { reset } = generate;

  // Each opening starts from the customer's language and without the last error.
  useEffect(() => {
    if (kind) {
      setLanguage(customer.locale);
      reset();
    }
  }, [kind, customer.locale, reset]);

  const close = () => {
    if (!generate.isPending) {
      onClose();
    }
  };

  return (
    <Modal
      opened={kind !== null}
      onClose={close}
      title={kind ? t('documents.generate.title', { kind: kindLabel(kind, t) }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {kind ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            generate.mutate({ kind, format, language }, { onSuccess: onGenerated });
          }}
        >
          <Stack gap="md">
            <Text size="sm">
              {kind === 'dpa'
                ? t('documents.generate.introDpa', { customer: customer.legalName })
                : t('documents.generate.introRecord', { customer: customer.legalName })}
            </Text>
            <Radio.Group
              label={t('documents.generate.format')}
              value={format}
              onChange={(value) => setFormat(value as DocumentFormat)}
            >
              <Group gap="lg" mt={6}>
                <Radio value="pdf" label={t('documents.formatOptions.pdf')} data-autofocus />
                <Radio value="docx" label={t('documents.formatOptions.docx')} />
              </Group>
            </Radio.Group>
            <Radio.Group
              label={t('documents.generate.language')}
              description={t('documents.generate.languageHint', {
                language: t(`documents.languages.${customer.locale}`),
              })}
              value={language}
              onChange={(value) => setLanguage(value as DocumentLanguage)}
            >
              <Group gap="lg" mt={6}>
                <Radio value="nl" label={t('documents.languages.nl')} />
                <Radio value="en" label={t('documents.languages.en')} />
              </Group>
            </Radio.Group>
            <GenerateErrorAlert error={generate.error} customerId={customer.id} onNavigate={onClose} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close} disabled={generate.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={generate.isPending}>
                {t('documents.generate.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
