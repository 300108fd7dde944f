import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors.ts';

type ErrorBody = { error: { code: string; message: string; requestId: string; field?: string } };

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = request.id;
    const send = (status: number, body: Omit<ErrorBody['error'], 'requestId'>) =>
      reply.code(status).send({ error: { ...body, requestId } });

    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const context = error.validationContext ?? 'body';
      const path = (first?.instancePath ?? '').split('/').filter(Boolean).join('.');
      const field = path ? `${context}.${path}` : context;
      return send(400, {
        code: 'validation_failed',
        message: `${field}: ${first?.message ?? 'invalid value'}`,
        field,
      });
    }
    if (error instanceof AppError) {
      return send(error.statusCode, {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(500, {
        code: 'internal_error',
        message: 'An unexpected error occurred. Quote the request id when you report it.',
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, body too large, wrong content type, rate limit.
      const code = status === 429 ? 'rate_limited' : (error.code ?? 'bad_request').toLowerCase();
      return send(status, { code, message: error.message, ...(status === 400 ? { field: 'body' } : {}) });
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(500, {
      code: 'internal_error',
      message: 'An unexpected error occurred. Quote the request id when you report it.',
    });
  });
}
