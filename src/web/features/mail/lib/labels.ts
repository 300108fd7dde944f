import type { TFunction } from 'i18next';
import { i18n } from '../../../i18n/index.ts';

// Later modules add templates (invite, password reset, breach notice); one without a label of its own yet shows
// its code name instead of a missing-key string.
export function templateLabel(template: string, t: TFunction): string {
  const key = `mail.template.${template}`;
  return i18n.exists(key) ? t(key as never) : template;
}
