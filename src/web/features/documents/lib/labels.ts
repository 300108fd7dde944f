import type { TFunction } from 'i18next';
import type { DocumentFormat, DocumentKind, GeneratedDocument, OutdatedReason } from '../api/types.ts';

export const kindLabel = (kind: DocumentKind, t: TFunction) => t(`documents.kinds.${kind}`);
export const formatLabel = (format: DocumentFormat, t: TFunction) => t(`documents.formats.${format}`);
export const reasonLabel = (reason: OutdatedReason, t: TFunction) => t(`documents.reasons.${reason}`);
export const languageLabel = (language: string, t: TFunction) =>
  language === 'en' ? t('documents.languages.en') : t('documents.languages.nl');

/** "Verwerkersovereenkomst v3" / "Register van verwerkingen". */
export function documentTitle(
  document: Pick<GeneratedDocument, 'kind' | 'dpaVersion'>,
  t: TFunction,
): string {
  return document.kind === 'dpa' && document.dpaVersion !== null
    ? t('documents.dpaWithVersion', { version: document.dpaVersion })
    : kindLabel(document.kind, t);
}

export const reasonColor: Record<OutdatedReason, string> = {
  register: 'orange',
  services: 'yellow',
  customer: 'blue',
  processor: 'indigo',
  template: 'grape',
  dpa_version: 'teal',
};
