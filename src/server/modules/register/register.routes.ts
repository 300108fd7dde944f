import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff, complianceWriters } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, rolesAccess } from '../../http/access.ts';
import { badRequest } from '../../http/errors.ts';
import { getProcessorProfile } from '../settings/settings.usecases.ts';
import { toCsv, toJsonRows, toXlsx, xlsxMime } from './register.export.ts';
import { describeImport, importRegister, importRejected } from './register.import.ts';
import {
  codeParamsSchema,
  entryFieldsSchema,
  entrySchema,
  entryUpdateSchema,
  exportQuerySchema,
  idParamsSchema,
  importQuerySchema,
  importReportSchema,
  newOperationSchema,
  newServiceLineSchema,
  operationSchema,
  operationUpdateSchema,
  partyFieldsSchema,
  partySchema,
  registerFilterSchema,
  registerViewSchema,
  serviceLineSchema,
  serviceLineUpdateSchema,
  versionSchema,
} from './register.schemas.ts';
import * as register from './register.usecases.ts';

const importMimes = ['text/csv', xlsxMime, 'application/octet-stream'];
const maxImportBytes = 5 * 1024 * 1024;

export const registerRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const read = { access: rolesAccess(allStaff) };
  const write = { access: rolesAccess(complianceWriters) };
  const tags = ['register'];

  // The import takes the file itself as the request body (Content-Type text/csv or the XLSX type), as curl's
  // --data-binary and the browser's fetch(file) send it; only this plugin's routes parse these types.
  app.addContentTypeParser(
    importMimes,
    { parseAs: 'buffer', bodyLimit: maxImportBytes },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/register',
    {
      config: read,
      schema: { tags, querystring: registerFilterSchema, response: { 200: registerViewSchema } },
    },
    async (request) => register.getRegister({ db: deps.db }, request.query),
  );

  app.get(
    '/register/versions',
    {
      config: read,
      schema: {
        tags,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(versionSchema), total: z.number() }) },
      },
    },
    async (request) => register.listRegisterVersions({ db: deps.db }, request.query),
  );

  app.get(
    '/register/export',
    { config: read, schema: { tags, querystring: exportQuerySchema } },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const view = await register.getRegister({ db: deps.db }, filter);
      const processor = await getProcessorProfile(contextOf(request, deps));
      const stamp = `v${view.version?.version ?? 0}-${deps.clock.now().toISOString().slice(0, 10)}`;
      reply
        .header('x-register-version', String(view.version?.version ?? 0))
        .header('content-disposition', `attachment; filename="art28-register-${stamp}.${format}"`);
      if (format === 'csv') {
        return reply.header('content-type', 'text/csv; charset=utf-8').send(toCsv(view, processor.legalName));
      }
      if (format === 'xlsx') {
        return reply
          .header('content-type', xlsxMime)
          .send(await toXlsx(view, processor.legalName, deps.clock.now()));
      }
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify(toJsonRows(view)));
    },
  );

  app.post(
    '/register/import',
    {
      config: write,
      bodyLimit: maxImportBytes,
      schema: {
        tags,
        querystring: importQuerySchema,
        response: {
          200: importReportSchema,
          400: z.object({
            error: z.object({
              code: z.string(),
              message: z.string(),
              requestId: z.string(),
              field: z.string().optional(),
            }),
            report: importReportSchema.optional(),
          }),
        },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw badRequest(
          'register.import.body',
          `Send the file itself as the body, with Content-Type text/csv or ${xlsxMime}.`,
          'body',
        );
      }
      const report = await importRegister(contextOf(request, deps), request.body, request.query);
      if (importRejected(report, request.query)) {
        return reply.code(400).send({
          error: {
            code: 'register.import_rejected',
            message: describeImport(report),
            requestId: request.id,
            field: 'body',
          },
          report,
        });
      }
      return report;
    },
  );

  app.get(
    '/register/entries/:id',
    { config: read, schema: { tags, params: idParamsSchema, response: { 200: entrySchema } } },
    async (request) => register.getEntry({ db: deps.db }, request.params.id),
  );

  app.get(
    '/register/entries/:id/history',
    {
      config: read,
      schema: {
        tags,
        params: idParamsSchema,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                version: z.number(),
                createdAt: z.string(),
                actorLabel: z.string(),
                action: z.string(),
                entry: entrySchema,
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await register.getEntryHistory({ db: deps.db }, request.params.id) }),
  );

  app.post(
    '/register/entries',
    { config: write, schema: { tags, body: entryFieldsSchema, response: { 201: entrySchema } } },
    async (request, reply) =>
      reply.code(201).send(await register.createEntry(contextOf(request, deps), request.body)),
  );

  app.put(
    '/register/entries/:id',
    {
      config: write,
      schema: { tags, params: idParamsSchema, body: entryUpdateSchema, response: { 200: entrySchema } },
    },
    async (request) => register.updateEntry(contextOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/register/entries/:id/retire',
    { config: write, schema: { tags, params: idParamsSchema, response: { 200: entrySchema } } },
    async (request) => register.retireEntry(contextOf(request, deps), request.params.id),
  );

  app.get(
    '/register/service-lines',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(serviceLineSchema) }) } } },
    async () => ({ items: await register.listServiceLines({ db: deps.db }) }),
  );

  app.post(
    '/register/service-lines',
    { config: write, schema: { tags, body: newServiceLineSchema, response: { 201: serviceLineSchema } } },
    async (request, reply) =>
      reply.code(201).send(await register.createServiceLine(contextOf(request, deps), request.body)),
  );

  app.put(
    '/register/service-lines/:code',
    {
      config: write,
      schema: {
        tags,
        params: codeParamsSchema,
        body: serviceLineUpdateSchema,
        response: { 200: serviceLineSchema },
      },
    },
    async (request) =>
      register.updateServiceLine(contextOf(request, deps), request.params.code, request.body),
  );

  app.post(
    '/register/service-lines/:code/retire',
    { config: write, schema: { tags, params: codeParamsSchema, response: { 200: serviceLineSchema } } },
    async (request) => register.retireServiceLine(contextOf(request, deps), request.params.code),
  );

  app.get(
    '/register/operations',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(operationSchema) }) } } },
    async () => ({ items: await register.listOperations({ db: deps.db }) }),
  );

  app.post(
    '/register/operations',
    { config: write, schema: { tags, body: newOperationSchema, response: { 201: operationSchema } } },
    async (request, reply) =>
      reply.code(201).send(await register.createOperation(contextOf(request, deps), request.body)),
  );

  app.put(
    '/register/operations/:code',
    {
      config: write,
      schema: {
        tags,
        params: codeParamsSchema,
        body: operationUpdateSchema,
        response: { 200: operationSchema },
      },
    },
    async (request) => register.updateOperation(contextOf(request, deps), request.params.code, request.body),
  );

  app.post(
    '/register/operations/:code/retire',
    { config: write, schema: { tags, params: codeParamsSchema, response: { 200: operationSchema } } },
    async (request) => register.retireOperation(contextOf(request, deps), request.params.code),
  );

  app.get(
    '/register/parties',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(partySchema) }) } } },
    async () => ({ items: await register.listParties({ db: deps.db }) }),
  );

  app.post(
    '/register/parties',
    { config: write, schema: { tags, body: partyFieldsSchema, response: { 201: partySchema } } },
    async (request, reply) =>
      reply.code(201).send(await register.createParty(contextOf(request, deps), request.body)),
  );

  app.put(
    '/register/parties/:id',
    {
      config: write,
      schema: { tags, params: idParamsSchema, body: partyFieldsSchema, response: { 200: partySchema } },
    },
    async (request) => register.updateParty(contextOf(request, deps), request.params.id, request.body),
  );

  app.post(
    '/register/parties/:id/retire',
    { config: write, schema: { tags, params: idParamsSchema, response: { 200: partySchema } } },
    async (request) => register.retireParty(contextOf(request, deps), request.params.id),
  );
};
