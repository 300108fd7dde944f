import { i18n } from '../../../i18n/index.ts';
import { ApiError, isApiError } from '../../../lib/api.ts';

// The server explains in English. For this module's codes (subprocessors.<code>) the web app has its own text
// (subprocessors.apiErrors.<code>); the error keeps its code and field, so it still lands next to its input.
// `fieldOf` maps a server field to the form's name for it (body.locations.2.country → body.locations).
export function localizeError(error: unknown, fieldOf?: (field: string) => string): unknown {
  if (!isApiError(error)) {
    return error;
  }
  const code = error.code.startsWith('subprocessors.') ? error.code.slice('subprocessors.'.length) : null;
  const key = code ? `subprocessors.apiErrors.${code}` : null;
  const message = key && i18n.exists(key) ? i18n.t(key as never) : error.message;
  const field = error.field && fieldOf ? fieldOf(error.field) : error.field;
  if (message === error.message && field === error.field) {
    return error;
  }
  return new ApiError(error.status, error.code, message, error.requestId, field);
}
