import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../lib/api-types.ts';
import en from './en.json';
import nl from './nl.json';

// Both files must have exactly the same keys: these two assignments fail to type-check otherwise.
const enHasAllKeys: typeof nl = en;
const nlHasAllKeys: typeof en = nl;

export const resources = { nl: { translation: nlHasAllKeys }, en: { translation: enHasAllKeys } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
}

export const supportedLocales: readonly Locale[] = ['nl', 'en'];
export const defaultLocale: Locale = 'nl';
const storageKey = 'art28.locale';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);

/** The language chosen before login (or last used on this browser). */
export function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLocale(value) ? value : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode or storage disabled: the choice then lasts for this page only.
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : defaultLocale;
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = isLocale(lng) ? lng : defaultLocale;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLocale(),
  fallbackLng: defaultLocale,
  supportedLngs: [...supportedLocales],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
