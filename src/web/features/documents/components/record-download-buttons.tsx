import { Button, Group } from '@mantine/core';
import { IconFileTypeDocx, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-error.ts';
import type { DocumentFormat } from '../api/types.ts';
import { downloadFromApi } from '../lib/download.ts';

type Props = {
  /** Where the record renders in this format (staff or portal route). */
  url: (format: DocumentFormat) => string;
  size?: 'xs' | 'sm';
  variant?: 'default' | 'light' | 'filled';
  /** false: the buttons alone, for a group that already has its own label. */
  grouped?: boolean;
};

/** The record of processing as it stands now, rendered on request as PDF or Word. */
export function RecordDownloadButtons({ url, size = 'xs', variant = 'default', grouped = true }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const download = async (format: DocumentFormat) => {
    setBusy(format);
    try {
      await downloadFromApi(url(format), `register.${format}`);
    } catch (error) {
      notifyError(error, t, t('documents.record.failed'));
    } finally {
      setBusy(null);
    }
  };
  const buttons = (['pdf', 'docx'] as const).map((format) => (
    <Button
      key={format}
      size={size}
      variant={variant}
      loading={busy === format}
      disabled={busy !== null && busy !== format}
      leftSection={
        format === 'pdf' ? (
          <IconFileTypePdf size={14} aria-hidden />
        ) : (
          <IconFileTypeDocx size={14} aria-hidden />
        )
      }
      onClick={() => void download(format)}
    >
      {t(`documents.record.download.${format}`)}
    </Button>
  ));
  if (!grouped) {
    return buttons;
  }
  return (
    <Group gap="xs" role="group" aria-label={t('documents.record.groupLabel')}>
      {buttons}
    </Group>
  );
}
