import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../components/api-error.ts';
import { useUpdateAccount } from '../features/account/api/update-account.ts';
import { useSession } from '../features/auth/api/get-session.ts';
import { currentLocale, rememberLocale } from '../i18n/index.ts';
import type { Locale } from '../lib/api-types.ts';

// Each language is named in itself, so someone who cannot read the current one still finds theirs.
const languages: { locale: Locale; name: string }[] = [
  { locale: 'nl', name: 'Nederlands' },
  { locale: 'en', name: 'English' },
];

/** The language menu. Logged in, the choice is saved on the account; before login, in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const session = useSession().data;
  const updateAccount = useUpdateAccount();
  const active = currentLocale();

  const choose = (locale: Locale) => {
    if (locale === active) {
      return;
    }
    void i18n.changeLanguage(locale);
    rememberLocale(locale);
    if (session) {
      updateAccount.mutate({ locale }, { onError: (error) => notifyError(error, t) });
    }
  };

  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          aria-label={t('language.label')}
          leftSection={<IconLanguage size={18} aria-hidden />}
        >
          <span aria-hidden>{active.toUpperCase()}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {languages.map(({ locale, name }) => (
          <Menu.Item
            key={locale}
            lang={locale}
            onClick={() => choose(locale)}
            rightSection={locale === active ? <IconCheck size={14} aria-hidden /> : null}
            aria-current={locale === active ? 'true' : undefined}
          >
            {name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
