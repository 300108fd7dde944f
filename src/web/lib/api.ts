// Typed fetch wrapper for the art28 API (/api/v1). Cookies carry the session (same origin); every
// state-changing request carries the CSRF token the server handed out with the session.

export type ApiErrorBody = {
  error: { code: string; message: string; requestId?: string; field?: string };
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, requestId?: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.field = field;
  }

  /** `body.email` → `email`: the name of the form field the server complains about. */
  get fieldName(): string | undefined {
    if (!this.field) {
      return undefined;
    }
    return this.field.replace(/^(body|query|params)\./, '');
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type Query = Record<string, string | number | boolean | null | undefined>;

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Do not treat a 401 as "session gone" (the session probe and the login form handle it themselves). */
  allowUnauthorized?: boolean;
  /** The path is under /api instead of /api/v1 (health). */
  unversioned?: boolean;
};

const API_BASE = '/api/v1';

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For requests made outside api(), such as an upload with a progress bar (XMLHttpRequest). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called on any 401 from the API, e.g. when the session expired while the page was open. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export function toQueryString(query: Query | undefined): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Absolute path of an API resource, for links (CSV downloads, images). */
export function apiUrl(path: string, query?: Query): string {
  return `${API_BASE}${path}${toQueryString(query)}`;
}

export async function readError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): fall back to the status line.
  }
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(
      response.status,
      error.code,
      typeof error.message === 'string' ? error.message : response.statusText,
      error.requestId ?? response.headers.get('x-request-id') ?? undefined,
      error.field,
    );
  }
  return new ApiError(
    response.status,
    `http.${response.status}`,
    response.statusText || `HTTP ${response.status}`,
    response.headers.get('x-request-id') ?? undefined,
  );
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }

  let response: Response;
  try {
    const url = options.unversioned
      ? `/api${path}${toQueryString(options.query)}`
      : apiUrl(path, options.query);
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }

  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && !options.allowUnauthorized) {
      unauthorizedHandler?.();
    }
    throw error;
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') {
    return undefined as T;
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    return undefined as T;
  }
  return (await response.json()) as T;
}
