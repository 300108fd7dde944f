import { ApiError } from '../../../lib/api.ts';

// A file rendered on request (the record as PDF or Word) takes a moment and can fail: fetched here, so the button
// shows that it is busy and an error shows as an error, not as a downloaded JSON file.

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(header)?.[1];
  const raw = star ?? plain;
  if (!raw) {
    return fallback;
  }
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; requestId?: string };
    };
    if (body.error?.code) {
      return new ApiError(
        response.status,
        body.error.code,
        body.error.message ?? response.statusText,
        body.error.requestId,
      );
    }
  } catch {
    // not JSON
  }
  return new ApiError(
    response.status,
    `http.${response.status}`,
    response.statusText || `HTTP ${response.status}`,
  );
}

export async function downloadFromApi(url: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) {
    throw await errorOf(response);
  }
  const blob = await response.blob();
  const name = fileNameOf(response, fallbackName);
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
