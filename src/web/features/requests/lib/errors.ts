import { ApiError, isApiError } from '../../../lib/api.ts';

// Known codes (requests.<code>) get their Dutch/English text from apiErrors.requests.<code> (describeError does
// that); here an array item's field goes to the whole input (body.identities.0.value → body.identities), so the
// error lands next to the identities list.
export function fieldOfArray(error: unknown): unknown {
  if (!isApiError(error) || !error.field) {
    return error;
  }
  const field = error.field.replace(/\.\d+(?:\..*)?$/, '');
  return field === error.field
    ? error
    : new ApiError(error.status, error.code, error.message, error.requestId, field);
}
