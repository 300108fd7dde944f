// One error shape for every 4xx (decisions.md "Bad input"): { error: { code, message, requestId, field? } }.
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, field?: string) =>
  new AppError(400, code, message, field);
export const unauthorized = (message = 'Sign in first.') => new AppError(401, 'auth.required', message);
export const forbidden = (message = 'Your role may not do this.') =>
  new AppError(403, 'auth.forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found.`);
export const conflict = (code: string, message: string, field?: string) =>
  new AppError(409, code, message, field);
