import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminsOnly, allStaff, complianceWriters } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, customerAccess, requireCustomerPrincipal, rolesAccess } from '../../http/access.ts';
import { sendAttachment } from '../../http/attachment.ts';
import { documentFormats, documentKinds } from './documents.table.ts';
import { templateKinds, templateVocabulary, validateTemplate } from './documents.templates.ts';
import * as documents from './documents.usecases.ts';

const tags = ['documents'];
const language = z.enum(['nl', 'en']);
const customerParams = z.object({ customerId: z.string().uuid() });
const documentParams = customerParams.extend({ documentId: z.string().uuid() });
const templateParams = z.object({ kind: z.enum(templateKinds), language });

const documentSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    kind: z.enum(documentKinds),
    format: z.enum(documentFormats),
    language,
    templateVersion: z.number().nullable(),
    registerVersion: z.number().nullable(),
    agreementId: z.string().nullable(),
    dpaId: z.string().nullable(),
    dpaVersion: z.number().nullable(),
    inputsSha256: z.string(),
    fileName: z.string(),
    fileSha256: z.string(),
    sizeBytes: z.number(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'GeneratedDocument' });
const generateSchema = z
  .object({ kind: z.enum(['dpa', 'record']), format: z.enum(documentFormats), language: language.optional() })
  .meta({ id: 'DocumentRequest' });
const templateSchema = z
  .object({
    kind: z.enum(templateKinds),
    language,
    version: z.number(),
    body: z.string(),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string().nullable(),
    placeholders: z.array(
      z.object({ name: z.string(), description: z.object({ nl: z.string(), en: z.string() }) }),
    ),
    directives: z.array(
      z.object({ name: z.string(), description: z.object({ nl: z.string(), en: z.string() }) }),
    ),
  })
  .meta({ id: 'DocumentTemplate' });
const templateBody = z
  .object({ body: z.string().min(1).max(200_000), note: z.string().max(500).optional() })
  .meta({ id: 'DocumentTemplateUpdate' });
const issuesSchema = z
  .object({ issues: z.array(z.object({ line: z.number().nullable(), message: z.string() })) })
  .meta({ id: 'TemplateIssues' });
const outdatedSchema = z
  .object({
    items: z.array(
      z.object({
        customerId: z.string(),
        legalName: z.string(),
        document: documentSchema,
        reasons: z.array(
          z.enum(['register', 'services', 'customer', 'processor', 'template', 'dpa_version']),
        ),
      }),
    ),
  })
  .meta({ id: 'OutdatedDocuments' });

const sendFile = (reply: FastifyReply, file: { file: Buffer; fileName: string; mime: string }) =>
  sendAttachment(reply, { body: file.file, fileName: file.fileName, contentType: file.mime });

export const documentsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: FastifyRequest) => contextOf(request, deps);

  // --- staff
  app.get(
    '/customers/:customerId/documents',
    {
      config: { access: rolesAccess(allStaff) },
      schema: {
        tags,
        params: customerParams,
        response: { 200: z.object({ items: z.array(documentSchema) }) },
      },
    },
    async (request) => ({ items: await documents.listDocuments(ctx(request), request.params.customerId) }),
  );

  app.post(
    '/customers/:customerId/documents',
    {
      config: { access: rolesAccess(complianceWriters) },
      schema: { tags, params: customerParams, body: generateSchema, response: { 201: documentSchema } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await documents.generateDocument(ctx(request), request.params.customerId, request.body)),
  );

  app.get(
    '/customers/:customerId/documents/:documentId/file',
    { config: { access: rolesAccess(allStaff) }, schema: { tags, params: documentParams } },
    async (request, reply) =>
      sendFile(
        reply,
        await documents.getDocumentFile(ctx(request), request.params.customerId, request.params.documentId),
      ),
  );

  app.get(
    '/documents/outdated',
    { config: { access: rolesAccess(allStaff) }, schema: { tags, response: { 200: outdatedSchema } } },
    async (request) => ({ items: await documents.listOutdatedDocuments(ctx(request)) }),
  );

  app.get(
    '/documents/templates/:kind/:language',
    {
      config: { access: rolesAccess(allStaff) },
      schema: { tags, params: templateParams, response: { 200: templateSchema } },
    },
    async (request) => {
      const { kind, language: lang } = request.params;
      const template = await documents.currentTemplate(deps.db, kind, lang);
      return {
        kind,
        language: lang,
        ...template,
        createdAt: template.createdAt?.toISOString() ?? null,
        placeholders: [...templateVocabulary[kind].placeholders],
        directives: [...templateVocabulary[kind].directives],
      };
    },
  );

  app.post(
    '/documents/templates/:kind/:language/validate',
    {
      config: { access: rolesAccess(allStaff) },
      schema: { tags, params: templateParams, body: templateBody, response: { 200: issuesSchema } },
    },
    async (request) => ({ issues: validateTemplate(request.body.body, request.params.kind) }),
  );

  app.put(
    '/documents/templates/:kind/:language',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: { tags, params: templateParams, body: templateBody },
    },
    async (request, reply) => {
      const row = await documents.saveTemplate(
        ctx(request),
        request.params.kind,
        request.params.language,
        request.body,
      );
      return reply.code(200).send({ version: row.version });
    },
  );

  // --- portal: the customer's own documents
  app.get(
    '/portal/documents',
    {
      config: { access: customerAccess() },
      schema: { tags: ['portal'], response: { 200: z.object({ items: z.array(documentSchema) }) } },
    },
    async (request) => ({
      items: await documents.listPortalDocuments(ctx(request), requireCustomerPrincipal(request).customerId),
    }),
  );

  app.get(
    '/portal/documents/:documentId/file',
    {
      config: { access: customerAccess() },
      schema: { tags: ['portal'], params: z.object({ documentId: z.string().uuid() }) },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await documents.getPortalDocumentFile(
          ctx(request),
          requireCustomerPrincipal(request).customerId,
          request.params.documentId,
        ),
      ),
  );
};
