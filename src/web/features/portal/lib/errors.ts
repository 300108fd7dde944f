import { i18n } from '../../../i18n/index.ts';
import { ApiError, isApiError } from '../../../lib/api.ts';
import { localizeError } from '../../customers/lib/errors.ts';

// The server's messages are English. The portal's own codes (portal.apiErrors.<code>) come first, then those
// the portal shares with the staff side (customers.apiErrors.<code>); the error keeps its code and field.
export function localizePortalError(
  error: unknown,
  fieldOf?: (field: string) => string | undefined,
): unknown {
  if (!isApiError(error)) {
    return error;
  }
  if (error.status === 413) {
    return new ApiError(413, error.code, i18n.t('portal.apiErrors.too_large'), error.requestId, error.field);
  }
  const key = `portal.apiErrors.${error.code}`;
  if (i18n.exists(key)) {
    const field = error.field && fieldOf ? (fieldOf(error.field) ?? error.field) : error.field;
    return new ApiError(error.status, error.code, i18n.t(key as never), error.requestId, field);
  }
  return localizeError(error, fieldOf);
}
