import type { TFunction } from 'i18next';
import { i18n } from '../i18n/index.ts';
import { type ApiError, isApiError } from './api.ts';
import { formatDateTime } from './format.ts';

// "Too many failed attempts. This account is locked until 2026-11-29T13:05:00.000Z." → that instant, local.
function lockedUntil(error: ApiError, t: TFunction): string {
  const iso = /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(error.message)?.[0];
  return iso ? formatDateTime(iso, i18n.resolvedLanguage ?? 'nl') : t('errors.lockedSoon');
}

// "body.email: Invalid email address" → "Invalid email address".
const withoutFieldPrefix = (message: string) => message.replace(/^[\w.[\]]+:\s*/, '');

// Server messages are in English. Known error codes get a translated text (i18n key apiErrors.<code>);
// anything else shows the server's own message, which names the problem precisely.
export function describeError(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.status === 0) {
      return t('errors.network');
    }
    if (error.code === 'auth.locked') {
      return t('apiErrors.auth.locked', { until: lockedUntil(error, t) });
    }
    if (error.code === 'validation_failed') {
      return `${t('errors.invalidField')}: ${withoutFieldPrefix(error.message)}`;
    }
    const key = `apiErrors.${error.code}`;
    if (i18n.exists(key)) {
      return t(key as never);
    }
    if (error.status === 429) {
      return t('errors.rateLimited');
    }
    if (error.status >= 500) {
      return t('errors.server');
    }
    if (error.status === 403) {
      return t('errors.forbidden');
    }
    return error.message || t('errors.unknown');
  }
  return t('errors.unknown');
}

/** The request id, shown small with server errors so support can find the log line. */
export function errorRequestId(error: unknown): string | undefined {
  return isApiError(error) && error.status >= 500 ? error.requestId : undefined;
}
