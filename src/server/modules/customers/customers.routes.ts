import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff, complianceWriters } from '../../../shared/roles.ts';
import { bodyLimitFor, maxAttachmentsTotalBytes, maxSignedPdfBytes } from '../../../shared/upload-limits.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, rolesAccess } from '../../http/access.ts';
import { sendAttachment } from '../../http/attachment.ts';
import { badRequest } from '../../http/errors.ts';
import { recordInFormat } from '../documents/documents.usecases.ts';
import { importCustomers, readImportFile } from './customers.import.ts';
import {
  agreementFieldsSchema,
  agreementParams,
  contactFieldsSchema,
  contactParams,
  customerDetailSchema,
  customerFieldsSchema,
  customerListQuerySchema,
  customerParams,
  customerPatchSchema,
  customerSummarySchema,
  dpaParams,
  instructionAnswerSchema,
  instructionFieldsSchema,
  instructionFlagSchema,
  instructionParams,
  instructionSchema,
  noticeSchema,
  serviceEndSchema,
  serviceFieldsSchema,
  serviceParams,
  signatureFieldsSchema,
  signatureParams,
} from './customers.schemas.ts';
import * as customers from './customers.usecases.ts';
import { serviceLineLookup } from './customers.usecases.ts';

export const customersRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const read = { access: rolesAccess(allStaff) };
  const write = { access: rolesAccess(complianceWriters) };
  const detail = { 200: customerDetailSchema };
  const tags = ['customers'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
  const detailOf = (request: Parameters<typeof contextOf>[0], id: string) =>
    customers.getCustomer(ctx(request), id);

  app.get(
    '/customers',
    {
      config: read,
      schema: {
        tags,
        querystring: customerListQuerySchema,
        response: { 200: z.object({ items: z.array(customerSummarySchema), total: z.number() }) },
      },
    },
    async (request) => customers.listCustomers(ctx(request), request.query),
  );

  app.post(
    '/customers',
    { config: write, schema: { tags, body: customerFieldsSchema, response: { 201: customerDetailSchema } } },
    async (request, reply) => {
      const created = await customers.createCustomer(ctx(request), request.body);
      return reply.code(201).send(await detailOf(request, created.id));
    },
  );

  // The import takes the spreadsheet itself as the body (text/csv or XLSX), as `curl --data-binary @file` sends it.
  const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  app.addContentTypeParser(
    ['text/csv', xlsxMime, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  const problemSchema = z.object({
    row: z.number(),
    field: z.string(),
    column: z.string(),
    message: z.string(),
  });
  app.post(
    '/customers/import',
    {
      config: write,
      schema: {
        tags,
        querystring: z.object({
          skipInvalid: z.enum(['true', 'false']).default('false'),
          dryRun: z.enum(['true', 'false']).default('false'),
          fileName: z.string().max(200).default('import.csv'),
        }),
        response: {
          200: z.object({
            rows: z.number(),
            valid: z.number(),
            imported: z.number(),
            skipped: z.number(),
            problems: z.array(problemSchema),
          }),
        },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) {
        throw badRequest(
          'import.content_type',
          'Send the file as the body with Content-Type text/csv or the XLSX type.',
          'body',
        );
      }
      const records = await readImportFile(
        request.body,
        request.headers['content-type']?.includes('sheet') ? 'import.xlsx' : request.query.fileName,
      );
      return importCustomers(ctx(request), serviceLineLookup, records, {
        skipInvalid: request.query.skipInvalid === 'true',
        dryRun: request.query.dryRun === 'true',
      });
    },
  );

  app.get(
    '/customers/:customerId',
    { config: read, schema: { tags, params: customerParams, response: detail } },
    async (request) => detailOf(request, request.params.customerId),
  );

  app.patch(
    '/customers/:customerId',
    { config: write, schema: { tags, params: customerParams, body: customerPatchSchema, response: detail } },
    async (request) => {
      await customers.updateCustomer(ctx(request), request.params.customerId, request.body);
      return detailOf(request, request.params.customerId);
    },
  );

  app.post(
    '/customers/:customerId/contacts',
    {
      config: write,
      schema: {
        tags,
        params: customerParams,
        body: contactFieldsSchema,
        response: { 201: customerDetailSchema },
      },
    },
    async (request, reply) => {
      await customers.addContact(ctx(request), request.params.customerId, request.body);
      return reply.code(201).send(await detailOf(request, request.params.customerId));
    },
  );

  app.put(
    '/customers/:customerId/contacts/:contactId',
    { config: write, schema: { tags, params: contactParams, body: contactFieldsSchema, response: detail } },
    async (request) => {
      await customers.updateContact(
        ctx(request),
        request.params.customerId,
        request.params.contactId,
        request.body,
      );
      return detailOf(request, request.params.customerId);
    },
  );

  app.delete(
    '/customers/:customerId/contacts/:contactId',
    { config: write, schema: { tags, params: contactParams, response: detail } },
    async (request) => {
      await customers.removeContact(ctx(request), request.params.customerId, request.params.contactId);
      return detailOf(request, request.params.customerId);
    },
  );

  app.post(
    '/customers/:customerId/agreements',
    {
      config: write,
      schema: {
        tags,
        params: customerParams,
        body: agreementFieldsSchema,
        response: { 201: customerDetailSchema },
      },
    },
    async (request, reply) => {
      await customers.createAgreement(
        ctx(request),
        serviceLineLookup,
        request.params.customerId,
        request.body,
      );
      return reply.code(201).send(await detailOf(request, request.params.customerId));
    },
  );

  app.post(
    '/customers/:customerId/agreements/:agreementId/notice',
    { config: write, schema: { tags, params: agreementParams, body: noticeSchema, response: detail } },
    async (request) => {
      await customers.giveNotice(
        ctx(request),
        request.params.customerId,
        request.params.agreementId,
        request.body,
      );
      return detailOf(request, request.params.customerId);
    },
  );

  app.post(
    '/customers/:customerId/agreements/:agreementId/services',
    {
      config: write,
      schema: {
        tags,
        params: agreementParams,
        body: serviceFieldsSchema,
        response: { 201: customerDetailSchema },
      },
    },
    async (request, reply) => {
      await customers.addService(
        ctx(request),
        serviceLineLookup,
        request.params.customerId,
        request.params.agreementId,
        request.body,
      );
      return reply.code(201).send(await detailOf(request, request.params.customerId));
    },
  );

  app.patch(
    '/customers/:customerId/agreements/:agreementId/services/:serviceId',
    { config: write, schema: { tags, params: serviceParams, body: serviceEndSchema, response: detail } },
    async (request) => {
      await customers.setServiceEnd(
        ctx(request),
        request.params.customerId,
        request.params.agreementId,
        request.params.serviceId,
        request.body.endDate,
      );
      return detailOf(request, request.params.customerId);
    },
  );

  app.post(
    '/customers/:customerId/agreements/:agreementId/dpas',
    {
      config: write,
      schema: {
        tags,
        params: agreementParams,
        body: z.object({ reason: z.string().trim().max(500).nullable().default(null) }),
        response: { 201: customerDetailSchema },
      },
    },
    async (request, reply) => {
      await customers.createDpaVersion(
        ctx(request),
        serviceLineLookup,
        request.params.customerId,
        request.params.agreementId,
        request.body.reason,
      );
      return reply.code(201).send(await detailOf(request, request.params.customerId));
    },
  );

  app.post(
    '/customers/:customerId/agreements/:agreementId/dpas/:dpaId/send',
    { config: write, schema: { tags, params: dpaParams, response: detail } },
    async (request) => {
      await customers.sendDpa(
        ctx(request),
        request.params.customerId,
        request.params.agreementId,
        request.params.dpaId,
      );
      return detailOf(request, request.params.customerId);
    },
  );

  app.post(
    '/customers/:customerId/agreements/:agreementId/dpas/:dpaId/signatures',
    {
      bodyLimit: bodyLimitFor(maxSignedPdfBytes),
      config: write,
      schema: { tags, params: dpaParams, body: signatureFieldsSchema, response: detail },
    },
    async (request) => {
      const { customerId, agreementId, dpaId } = request.params;
      await customers.signDpa(ctx(request), customerId, agreementId, dpaId, request.body, {
        method: 'uploaded_pdf',
        accountId: null,
        ip: request.ip,
      });
      return detailOf(request, customerId);
    },
  );

  app.get(
    '/customers/:customerId/agreements/:agreementId/dpas/:dpaId/signatures/:signatureId/file',
    { config: read, schema: { tags, params: signatureParams } },
    async (request, reply) => {
      const { customerId, agreementId, dpaId, signatureId } = request.params;
      const file = await customers.getSignatureFile(
        ctx(request),
        customerId,
        agreementId,
        dpaId,
        signatureId,
      );
      return sendAttachment(reply, {
        body: file.file,
        fileName: file.fileName ?? 'signed.pdf',
        contentType: 'application/pdf',
      });
    },
  );

  app.get(
    '/customers/:customerId/record',
    {
      config: read,
      schema: {
        tags,
        params: customerParams,
        querystring: z.object({ format: z.enum(['json', 'csv', 'xlsx', 'pdf', 'docx']).default('json') }),
      },
    },
    async (request, reply) => {
      const result = await recordInFormat(ctx(request), request.params.customerId, request.query.format);
      return 'record' in result ? result.record : sendAttachment(reply, result);
    },
  );

  app.get(
    '/customers/:customerId/instructions',
    {
      config: read,
      schema: {
        tags,
        params: customerParams,
        response: { 200: z.object({ items: z.array(instructionSchema) }) },
      },
    },
    async (request) => ({
      items: await customers.listInstructions(ctx(request), request.params.customerId),
    }),
  );

  app.post(
    '/customers/:customerId/instructions',
    {
      bodyLimit: bodyLimitFor(maxAttachmentsTotalBytes),
      config: write,
      schema: {
        tags,
        params: customerParams,
        body: instructionFieldsSchema,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const row = await customers.recordInstruction(
        ctx(request),
        serviceLineLookup,
        request.params.customerId,
        request.body,
      );
      return reply.code(201).send({ id: row.id });
    },
  );

  app.post(
    '/customers/:customerId/instructions/:instructionId/flag',
    { config: write, schema: { tags, params: instructionParams, body: instructionFlagSchema } },
    async (request, reply) => {
      await customers.flagInstruction(
        ctx(request),
        request.params.customerId,
        request.params.instructionId,
        request.body.concern,
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/customers/:customerId/instructions/:instructionId/answer',
    { config: write, schema: { tags, params: instructionParams, body: instructionAnswerSchema } },
    async (request, reply) => {
      await customers.answerInstruction(
        ctx(request),
        request.params.customerId,
        request.params.instructionId,
        request.body,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/customers/:customerId/instructions/:instructionId/attachments/:attachmentId',
    { config: read, schema: { tags, params: instructionParams.extend({ attachmentId: z.string().uuid() }) } },
    async (request, reply) => {
      const { customerId, instructionId, attachmentId } = request.params;
      const file = await customers.getAttachment(ctx(request), customerId, instructionId, attachmentId);
      return sendAttachment(reply, {
        body: file.bytes,
        fileName: file.fileName,
        contentType: 'application/octet-stream',
      });
    },
  );
};
