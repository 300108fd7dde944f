import { useTranslation } from 'react-i18next';

/** The first thing a keyboard user reaches: jump past header and menu to the page content. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main-content">
      {t('shell.skipToContent')}
    </a>
  );
}
