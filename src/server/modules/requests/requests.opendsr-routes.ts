import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import {
  contextOf,
  customerAccess,
  publicAccess,
  requireCustomerOf,
  rolesAccess,
} from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import {
  cancelOpendsrRequest,
  createOpendsrRequest,
  extensionRequestTypes,
  listOpendsrMessages,
  type OpendsrDeps,
  opendsrError,
  opendsrRequestSchema,
  opendsrRequestTypes,
  readOpendsrRequest,
  type Signed,
  subjectRequestParams,
  supportedIdentities,
} from './requests.opendsr.ts';
import { domainHeader, opendsrApiVersion, signatureHeader } from './requests.opendsr-callbacks.ts';
import { ensureSigner, registerOpendsrEnv, signatureAlgorithm } from './requests.signing.ts';
import { findRequestRow } from './requests.usecases.ts';

type SpecError = {
  error: { code: number; message: string; errors: { domain: string; reason: string; message: string }[] };
};

// "/subject_identities/0/identity_value" → "subject_identities[0].identity_value"
const fieldOf = (instancePath: string) =>
  instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');

// Spec §7.5–7.6: every error on these routes is {"error":{"code","message","errors":[{domain,reason,message}]}}, and
// no message quotes a value the controller sent (identities must never come back in an error).
function specError(error: FastifyError, request: FastifyRequest): { status: number; body: SpecError } {
  const body = (status: number, reason: string, messages: string[]) => ({
    status,
    body: {
      error: {
        code: status,
        message: messages[0] ?? 'The request is not valid.',
        errors: messages.map((message) => ({ domain: 'OpenDSR', reason, message })),
      },
    },
  });
  if (hasZodFastifySchemaValidationErrors(error)) {
    const messages = error.validation.map((issue) => {
      const field = fieldOf(issue.instancePath);
      const where = field || (error.validationContext === 'params' ? 'subject_request_id' : 'body');
      return `${where.replace(/^subjectRequestId$/, 'subject_request_id')}: ${issue.message}`;
    });
    return body(400, 'invalid_field', messages);
  }
  if (error instanceof AppError) {
    return body(error.statusCode, error.code, [error.message]);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own: body too large, wrong content type. Its messages name no values.
    return body(status, (error.code ?? 'bad_request').toLowerCase(), [error.message]);
  }
  request.log.error({ err: error }, 'unexpected error');
  return body(500, 'internal_error', [
    `An unexpected error occurred. Quote the request id ${request.id} when you report it.`,
  ]);
}

const rawBodies = new WeakMap<FastifyRequest, string>();

function sendSigned(reply: FastifyReply, signed: Signed) {
  return reply
    .code(signed.status)
    .header(domainHeader, signed.domain)
    .header(signatureHeader, signed.signature)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(signed.body);
}

// OpenDSR v2.0 processor endpoints (legal.md §7), at /opendsr/v2 on ART28_PUBLIC_URL. A controller authenticates with
// a customer's API token (`art28 token create --customer`, or the portal): the customer is the token's, never one
// named in the request, so another customer's subject_request_id is simply not found.
export const opendsrRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const opendsr: OpendsrDeps = {
    db: deps.db,
    dataKey: deps.dataKey!,
    publicUrl: deps.publicUrl,
    clock: deps.clock,
  };
  registerOpendsrEnv(deps.db, opendsr);
  const tags = ['opendsr'];
  const controller = { access: customerAccess() };
  const certificateUrl = `${deps.publicUrl}/opendsr/v2/cert.pem`;

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = specError(error, request);
    return reply.code(status).header('cache-control', 'no-store').send(body);
  });
  app.setNotFoundHandler(async () => {
    throw opendsrError(404, 'not_found', 'No such OpenDSR endpoint; see /opendsr/v2/discovery.');
  });

  // encoded_request is the Base64 of the raw body, so keep it; a parse error must not quote the body (Node's
  // JSON.parse message does), it may hold identities.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(opendsrError(400, 'invalid_json', 'The body is not valid JSON.'), undefined);
    }
  });

  const sign = async (status: number, content: Record<string, unknown>): Promise<Signed> => {
    const signer = await ensureSigner(deps.db, opendsr);
    const body = JSON.stringify(content);
    return { status, body, signature: signer.sign(body), domain: signer.domain };
  };

  app.get('/discovery', { config: { access: publicAccess }, schema: { tags } }, async (_request, reply) => {
    const signer = await ensureSigner(deps.db, opendsr);
    return sendSigned(
      reply,
      await sign(200, {
        api_version: opendsrApiVersion,
        supported_identities: supportedIdentities,
        supported_subject_request_types: opendsrRequestTypes,
        processor_certificate: certificateUrl,
        extensions: {
          [signer.domain]: {
            // spec §6.2 lists access, portability and erasure; these three are ours (Art. 16, 18, 21 GDPR)
            extension_subject_request_types: extensionRequestTypes,
            request_extension_fields: {
              notes: 'what must be rectified, or other context (required for rectification)',
              scope: 'service line codes to search; default every service the customer takes',
            },
            signature_algorithm: signatureAlgorithm,
            certificate_source: signer.source,
            expected_completion: '14 days after receipt (end of that day, Europe/Amsterdam)',
          },
        },
      }),
    );
  });

  app.get('/status', { config: { access: publicAccess }, schema: { tags } }, async (_request, reply) =>
    sendSigned(reply, await sign(200, { api_version: opendsrApiVersion, status: 'OK' })),
  );

  app.get('/cert.pem', { config: { access: publicAccess }, schema: { tags } }, async (_request, reply) => {
    const signer = await ensureSigner(deps.db, opendsr);
    return reply
      .type('application/x-pem-file')
      .header('cache-control', 'public, max-age=3600')
      .send(signer.certificatePem);
  });

  app.post(
    '/requests',
    { config: controller, schema: { tags, body: opendsrRequestSchema } },
    async (request, reply) => {
      const customerId = requireCustomerOf(request);
      const principal = request.principal!;
      return sendSigned(
        reply,
        await createOpendsrRequest(
          contextOf(request, deps),
          opendsr,
          customerId,
          principal.kind === 'token' ? principal.tokenId : null,
          request.body,
          rawBodies.get(request) ?? JSON.stringify(request.body),
        ),
      );
    },
  );

  app.get(
    '/requests/:subjectRequestId',
    { config: controller, schema: { tags, params: subjectRequestParams } },
    async (request, reply) =>
      sendSigned(
        reply,
        await readOpendsrRequest(opendsr, requireCustomerOf(request), request.params.subjectRequestId),
      ),
  );

  app.delete(
    '/requests/:subjectRequestId',
    { config: controller, schema: { tags, params: subjectRequestParams } },
    async (request, reply) =>
      sendSigned(
        reply,
        await cancelOpendsrRequest(
          contextOf(request, deps),
          opendsr,
          requireCustomerOf(request),
          request.params.subjectRequestId,
        ),
      ),
  );
};

// Staff: every message we signed for a request over OpenDSR, with the delivery log of its callbacks.
export const opendsrMessageRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/requests/:requestId/opendsr',
    {
      config: { access: rolesAccess(allStaff) },
      schema: {
        tags: ['requests'],
        params: z.object({ requestId: z.uuid() }),
        response: { 200: z.object({ items: z.array(opendsrMessageSchema) }) },
      },
    },
    async (request) => {
      await findRequestRow(deps.db, request.params.requestId);
      return { items: await listOpendsrMessages(deps.db, deps.dataKey!, request.params.requestId) };
    },
  );
};

const opendsrMessageSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['receipt', 'cancel_receipt', 'callback']),
    url: z.string().nullable(),
    body: z.unknown(),
    signature: z.string().nullable(),
    delivery: z.enum(['none', 'pending', 'delivered', 'failed']),
    attempts: z.number(),
    lastAttemptAt: z.string().nullable(),
    lastResult: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'OpenDsrMessage' });
