import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff, complianceWriters } from '../../../shared/roles.ts';
import { bodyLimitFor } from '../../../shared/upload-limits.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, customerAccess, requireCustomerOf, rolesAccess } from '../../http/access.ts';
import { sendAttachment } from '../../http/attachment.ts';
import { badRequest } from '../../http/errors.ts';
import { findUser } from '../accounts/accounts.usecases.ts';
import {
  liftSchema,
  type RequestDetail,
  requestDetailSchema,
  requestFieldsSchema,
  requestListQuery,
  requestSchema,
  staffRequestFieldsSchema,
  statusChangeSchema,
  taskUpdateSchema,
} from './requests.schemas.ts';
import * as requests from './requests.usecases.ts';

const requestParams = z.object({ requestId: z.uuid() });
const taskParams = z.object({ requestId: z.uuid(), taskId: z.uuid() });
const list = { 200: z.object({ items: z.array(requestSchema) }) };
const detail = { 200: requestDetailSchema };

// What the customer sees of the work: per system whether it is done and what came out, not our internal notes,
// owners or evidence files.
function forCustomer(view: RequestDetail): RequestDetail {
  return {
    ...view,
    createdBy: view.channel === 'portal' || view.channel === 'api' ? view.createdBy : 'processor',
    taskList: view.taskList.map((t) => ({ ...t, owner: null, evidence: [], requestedTo: null })),
  };
}

// Seed 3.6: assistance with data subject requests within 14 days. Staff work the tasks; the customer submits,
// follows and downloads the result in the portal (or with its API token).
export const requestRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const read = { access: rolesAccess(allStaff) };
  const write = { access: rolesAccess(complianceWriters) };
  const tags = ['requests'];
  const ctx = (request: FastifyRequest) => contextOf(request, deps);
  const keys: requests.Keys = { dataKey: deps.dataKey!, publicUrl: deps.publicUrl };

  app.get(
    '/requests',
    { config: read, schema: { tags, querystring: requestListQuery, response: list } },
    async (request) => ({ items: await requests.listRequests(ctx(request), request.query) }),
  );

  app.post(
    '/requests',
    {
      config: write,
      schema: { tags, body: staffRequestFieldsSchema, response: { 201: requestDetailSchema } },
    },
    async (request, reply) => {
      reply.code(201);
      return requests.submitByStaff(ctx(request), keys, request.body);
    },
  );

  app.get(
    '/requests/:requestId',
    { config: read, schema: { tags, params: requestParams, response: detail } },
    async (request) => requests.getRequest(ctx(request), request.params.requestId),
  );

  // Decrypts the person's identities for the one who does the search; audited, and not for the read-only auditor.
  app.post(
    '/requests/:requestId/identities',
    {
      config: write,
      schema: {
        tags,
        params: requestParams,
        response: {
          200: z.object({
            items: z.array(z.object({ type: z.string(), value: z.string(), format: z.string() })),
          }),
        },
      },
    },
    async (request) => requests.revealIdentities(ctx(request), keys, request.params.requestId),
  );

  app.post(
    '/requests/:requestId/status',
    { config: write, schema: { tags, params: requestParams, body: statusChangeSchema, response: detail } },
    async (request) => requests.changeStatus(ctx(request), request.params.requestId, request.body),
  );

  app.post(
    '/requests/:requestId/complete',
    { config: write, schema: { tags, params: requestParams, response: detail } },
    async (request) => requests.completeRequest(ctx(request), keys, request.params.requestId),
  );

  app.post(
    '/requests/:requestId/lift',
    { config: write, schema: { tags, params: requestParams, body: liftSchema, response: detail } },
    async (request) => requests.liftRequest(ctx(request), request.params.requestId, request.body.reason),
  );

  app.patch(
    '/requests/:requestId/tasks/:taskId',
    { config: write, schema: { tags, params: taskParams, body: taskUpdateSchema, response: detail } },
    async (request) => {
      const { ownerUserId, ...update } = request.body;
      let owner: { id: string; name: string } | null | undefined;
      if (ownerUserId !== undefined) {
        const user = ownerUserId ? await findUser(ctx(request), ownerUserId) : null;
        if (
          ownerUserId &&
          (!user || user.disabledAt !== null || !(complianceWriters as readonly string[]).includes(user.role))
        ) {
          throw badRequest(
            'requests.owner_unknown',
            'Choose a member of staff as owner.',
            'body.ownerUserId',
          );
        }
        owner = user ? { id: user.id, name: user.name } : null;
      }
      return requests.updateTask(
        ctx(request),
        request.params.requestId,
        request.params.taskId,
        update,
        owner,
      );
    },
  );

  app.post(
    '/requests/:requestId/tasks/:taskId/reopen',
    { config: write, schema: { tags, params: taskParams, response: detail } },
    async (request) => requests.reopenTask(ctx(request), request.params.requestId, request.params.taskId),
  );

  app.post(
    '/requests/:requestId/tasks/:taskId/send',
    { config: write, schema: { tags, params: taskParams, response: detail } },
    async (request) =>
      requests.askSubprocessor(ctx(request), keys, request.params.requestId, request.params.taskId),
  );

  app.post(
    '/requests/:requestId/tasks/:taskId/evidence',
    {
      bodyLimit: bodyLimitFor(requests.maxEvidenceBytes),
      config: write,
      schema: {
        tags,
        params: taskParams,
        body: z.object({
          note: z.string().trim().max(10000).nullable().optional(),
          fileName: z.string().trim().min(1).max(200).optional(),
          contentType: z.string().trim().min(3).max(200).optional(),
          dataBase64: z
            .base64()
            .max(Math.ceil((requests.maxEvidenceBytes * 4) / 3) + 4)
            .optional(),
        }),
        response: detail,
      },
    },
    async (request) => {
      const { note, fileName, contentType, dataBase64 } = request.body;
      if (dataBase64 !== undefined && !fileName) {
        throw badRequest('requests.file_name_missing', 'Name the file.', 'body.fileName');
      }
      return requests.addEvidence(ctx(request), request.params.requestId, request.params.taskId, {
        note: note ?? null,
        ...(dataBase64 !== undefined
          ? {
              file: {
                fileName: fileName!,
                contentType: contentType ?? 'application/octet-stream',
                bytes: Buffer.from(dataBase64, 'base64'),
              },
            }
          : {}),
      });
    },
  );

  app.get(
    '/requests/:requestId/evidence/:evidenceId',
    { config: read, schema: { tags, params: z.object({ requestId: z.uuid(), evidenceId: z.uuid() }) } },
    async (request, reply) =>
      sendAttachment(
        reply,
        await requests.getEvidenceFile(ctx(request), request.params.requestId, request.params.evidenceId),
      ),
  );

  app.get(
    '/requests/:requestId/package',
    { config: read, schema: { tags, params: requestParams } },
    async (request, reply) =>
      sendAttachment(reply, await requests.getPackage(ctx(request), request.params.requestId)),
  );

  // ---- the customer's side (portal and customer API tokens) -------------------------------------------------

  const customer = { access: customerAccess() };
  const portalTags = ['portal'];

  app.get(
    '/portal/requests',
    { config: customer, schema: { tags: portalTags, response: list } },
    async (request) => ({
      items: await requests.listRequests(ctx(request), { customerId: requireCustomerOf(request) }),
    }),
  );

  app.post(
    '/portal/requests',
    {
      config: customer,
      schema: { tags: portalTags, body: requestFieldsSchema, response: { 201: requestDetailSchema } },
    },
    async (request, reply) => {
      const customerId = requireCustomerOf(request);
      const view = await requests.submitRequest(ctx(request), keys, customerId, request.body, {
        channel: request.principal?.kind === 'token' ? 'api' : 'portal',
      });
      reply.code(201);
      return forCustomer(view);
    },
  );

  app.get(
    '/portal/requests/:requestId',
    { config: customer, schema: { tags: portalTags, params: requestParams, response: detail } },
    async (request) =>
      forCustomer(
        await requests.getRequest(ctx(request), request.params.requestId, {
          customerId: requireCustomerOf(request),
        }),
      ),
  );

  app.post(
    '/portal/requests/:requestId/cancel',
    {
      config: customer,
      schema: {
        tags: portalTags,
        params: requestParams,
        body: z.object({ reason: z.string().trim().max(2000).nullable().optional() }),
        response: detail,
      },
    },
    async (request) =>
      forCustomer(
        await requests.changeStatus(
          ctx(request),
          request.params.requestId,
          { status: 'cancelled', reason: request.body.reason ?? null },
          { customerId: requireCustomerOf(request) },
        ),
      ),
  );

  app.post(
    '/portal/requests/:requestId/lift',
    {
      config: customer,
      schema: { tags: portalTags, params: requestParams, body: liftSchema, response: detail },
    },
    async (request) =>
      forCustomer(
        await requests.liftRequest(ctx(request), request.params.requestId, request.body.reason, {
          customerId: requireCustomerOf(request),
        }),
      ),
  );

  app.get(
    '/portal/requests/:requestId/package',
    { config: customer, schema: { tags: portalTags, params: requestParams } },
    async (request, reply) =>
      sendAttachment(
        reply,
        await requests.getPackage(ctx(request), request.params.requestId, {
          customerId: requireCustomerOf(request),
        }),
      ),
  );
};
