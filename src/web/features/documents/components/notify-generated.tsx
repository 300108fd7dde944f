import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { documentFileUrl } from '../api/documents.ts';
import type { GeneratedDocument } from '../api/types.ts';
import { documentTitle, formatLabel } from '../lib/labels.ts';

/** "Verwerkersovereenkomst v2 (PDF) is gemaakt", with its download link. */
export function notifyGenerated(document: GeneratedDocument, t: TFunction) {
  notifications.show({
    color: 'teal',
    title: t('documents.generate.done', {
      document: documentTitle(document, t),
      format: formatLabel(document.format, t),
    }),
    message: (
      <Anchor href={documentFileUrl(document)} download={document.fileName} size="sm">
        {t('documents.downloadFile', { file: document.fileName })}
      </Anchor>
    ),
    autoClose: 8000,
    closeButtonProps: { 'aria-label': t('common.close') },
  });
}
