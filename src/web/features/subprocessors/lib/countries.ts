import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../settings/components/countries.ts';
import { useTransferRules } from '../api/subprocessors.ts';

/** Every country of transfer-rules.json, named in the interface language (Intl.DisplayNames), A–Z. */
export function useCountryOptions() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage;
  const rules = useTransferRules();
  const options = useMemo(
    () =>
      (rules.data?.countries ?? [])
        .map((code) => ({ value: code, label: `${countryName(code, lng)} (${code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, lng)),
    [rules.data, lng],
  );
  return { rules, options };
}
