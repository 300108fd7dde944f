import { i18n } from '../../../i18n/index.ts';
import { ApiError, isApiError } from '../../../lib/api.ts';

// The server explains in English. For this module's codes (breaches.<code>) the web app has its own text
// (breaches.apiErrors.<code>); the error keeps its code and field, so it still lands next to its input.
// An array item's field goes to the whole input (body.serviceLineCodes.2 → body.serviceLineCodes).
export function localizeError(error: unknown): unknown {
  if (!isApiError(error)) {
    return error;
  }
  const code = error.code.startsWith('breaches.') ? error.code.slice('breaches.'.length) : null;
  const key = code ? `breaches.apiErrors.${code}` : null;
  const message = key && i18n.exists(key) ? i18n.t(key as never) : error.message;
  const field = error.field?.replace(/\.\d+(?:\..*)?$/, '');
  if (message === error.message && field === error.field) {
    return error;
  }
  return new ApiError(error.status, error.code, message, error.requestId, field);
}
