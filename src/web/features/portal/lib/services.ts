import { useTranslation } from 'react-i18next';
import { usePortalRecord } from '../api/portal.ts';

/** The service lines this customer takes, by code, with their names (from its record). */
export function useOwnServices() {
  const { i18n } = useTranslation();
  const record = usePortalRecord();
  const en = i18n.resolvedLanguage === 'en';
  const services = record.data?.services ?? [];
  return {
    privacyContact: record.data?.processor.privacyContact,
    options: services.map((s) => ({ value: s.code, label: en ? s.nameEn : s.nameNl })),
    nameOf: (code: string) => {
      const s = services.find((x) => x.code === code);
      return s ? (en ? s.nameEn : s.nameNl) : code;
    },
  };
}
