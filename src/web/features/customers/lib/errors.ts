import { i18n } from '../../../i18n/index.ts';
import { ApiError, isApiError } from '../../../lib/api.ts';

// The server's error messages are English. For the codes of this module the web app has its own text
// (customers.apiErrors.<code>); the error keeps its code and field, so it still lands next to its input.
// `fieldOf` maps a server field to the form's name for it (body.attachments.1 → attachments).
export function localizeError(error: unknown, fieldOf?: (field: string) => string | undefined): unknown {
  if (!isApiError(error)) {
    return error;
  }
  const key = `customers.apiErrors.${error.code}`;
  const message = i18n.exists(key) ? i18n.t(key as never) : error.message;
  const field = error.field && fieldOf ? (fieldOf(error.field) ?? error.field) : error.field;
  if (message === error.message && field === error.field) {
    return error;
  }
  return new ApiError(error.status, error.code, message, error.requestId, field);
}
