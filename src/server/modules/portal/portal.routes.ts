import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerAdmins } from '../../../shared/roles.ts';
import { bodyLimitFor, maxAttachmentsTotalBytes } from '../../../shared/upload-limits.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, customerAccess, requireCustomerPrincipal } from '../../http/access.ts';
import { sendAttachment } from '../../http/attachment.ts';
import {
  contactFieldsSchema,
  customerDetailSchema,
  instructionSchema,
} from '../customers/customers.schemas.ts';
import * as customers from '../customers/customers.usecases.ts';
import { recordInFormat } from '../documents/documents.usecases.ts';
import {
  portalAttachmentParams,
  portalContactParams,
  portalDpaParams,
  portalDpaSchema,
  portalInstructionFieldsSchema,
  portalOverviewSchema,
  portalSignatureParams,
  portalSignatureSchema,
} from './portal.schemas.ts';
import * as portal from './portal.usecases.ts';

// The customer portal (issue 5): every route works for the signed-in contact's own customer, taken from the
// session. An id in the path or body that belongs to another customer answers 404 like one that does not exist
// (tenant-isolation.test.ts proves this for every route here).
export const portalRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const anyContact = { access: customerAccess() };
  const adminOnly = { access: customerAccess(customerAdmins) };
  const tags = ['portal'];
  const who = (request: FastifyRequest) => {
    const principal = requireCustomerPrincipal(request);
    return { customerId: principal.customerId, userId: principal.userId, role: principal.role };
  };
  const ctx = (request: FastifyRequest) => contextOf(request, deps);

  app.get(
    '/portal/overview',
    { config: anyContact, schema: { tags, response: { 200: portalOverviewSchema } } },
    async (request) => portal.getPortalOverview(ctx(request), who(request)),
  );

  app.get(
    '/portal/customer',
    { config: anyContact, schema: { tags, response: { 200: customerDetailSchema } } },
    async (request) => portal.getPortalCustomer(ctx(request), who(request).customerId),
  );

  app.post(
    '/portal/agreements/:agreementId/dpas/:dpaId/sign',
    {
      config: { ...adminOnly, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: portalDpaParams,
        body: portalSignatureSchema,
        response: { 200: portalDpaSchema },
      },
    },
    async (request) =>
      portal.signPortalDpa(
        ctx(request),
        who(request),
        request.params,
        request.body,
        request.ip ?? null,
        deps,
      ),
  );

  app.get(
    '/portal/agreements/:agreementId/dpas/:dpaId/signatures/:signatureId/file',
    { config: anyContact, schema: { tags, params: portalSignatureParams } },
    async (request, reply) => {
      const { agreementId, dpaId, signatureId } = request.params;
      const file = await customers.getSignatureFile(
        ctx(request),
        who(request).customerId,
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

  // The customer's copy of the processor's record for it (Art. 30(2)), the same document staff see.
  app.get(
    '/portal/record',
    {
      config: anyContact,
      schema: {
        tags,
        querystring: z.object({ format: z.enum(['json', 'csv', 'xlsx', 'pdf', 'docx']).default('json') }),
      },
    },
    async (request, reply) => {
      const result = await recordInFormat(ctx(request), who(request).customerId, request.query.format);
      return 'record' in result ? result.record : sendAttachment(reply, result);
    },
  );

  app.get(
    '/portal/instructions',
    {
      config: anyContact,
      schema: { tags, response: { 200: z.object({ items: z.array(instructionSchema) }) } },
    },
    async (request) => ({
      items: await customers.listInstructions(ctx(request), who(request).customerId),
    }),
  );

  app.post(
    '/portal/instructions',
    {
      bodyLimit: bodyLimitFor(maxAttachmentsTotalBytes),
      // each one mails the processor's privacy contact
      config: { ...anyContact, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        body: portalInstructionFieldsSchema,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const row = await portal.submitPortalInstruction(ctx(request), deps, who(request), request.body);
      return reply.code(201).send({ id: row.id });
    },
  );

  app.get(
    '/portal/instructions/:instructionId/attachments/:attachmentId',
    { config: anyContact, schema: { tags, params: portalAttachmentParams } },
    async (request, reply) => {
      const { instructionId, attachmentId } = request.params;
      const file = await customers.getAttachment(
        ctx(request),
        who(request).customerId,
        instructionId,
        attachmentId,
      );
      return sendAttachment(reply, {
        body: file.bytes,
        fileName: file.fileName,
        contentType: 'application/octet-stream',
      });
    },
  );

  // The customer keeps its own contact persons current (clause 8.1); each change mails staff.
  const contactWrite = { ...adminOnly, rateLimit: { max: 30, timeWindow: '1 minute' } };
  app.post(
    '/portal/contacts',
    {
      config: contactWrite,
      schema: { tags, body: contactFieldsSchema, response: { 201: customerDetailSchema } },
    },
    async (request, reply) => {
      const { customerId } = who(request);
      await portal.addPortalContact(ctx(request), deps, customerId, request.body);
      return reply.code(201).send(await portal.getPortalCustomer(ctx(request), customerId));
    },
  );

  app.put(
    '/portal/contacts/:contactId',
    {
      config: contactWrite,
      schema: {
        tags,
        params: portalContactParams,
        body: contactFieldsSchema,
        response: { 200: customerDetailSchema },
      },
    },
    async (request) => {
      const { customerId } = who(request);
      await portal.updatePortalContact(
        ctx(request),
        deps,
        customerId,
        request.params.contactId,
        request.body,
      );
      return portal.getPortalCustomer(ctx(request), customerId);
    },
  );

  app.delete(
    '/portal/contacts/:contactId',
    {
      config: contactWrite,
      schema: { tags, params: portalContactParams, response: { 200: customerDetailSchema } },
    },
    async (request) => {
      const { customerId } = who(request);
      await portal.removePortalContact(ctx(request), deps, customerId, request.params.contactId);
      return portal.getPortalCustomer(ctx(request), customerId);
    },
  );
};
