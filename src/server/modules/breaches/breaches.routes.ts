import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff, complianceWriters } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, customerAccess, requireCustomerPrincipal, rolesAccess } from '../../http/access.ts';
import { sendAttachment } from '../../http/attachment.ts';
import { notFound } from '../../http/errors.ts';
import { findUser } from '../accounts/accounts.usecases.ts';
import { buildBreachNoticeDocument } from '../documents/documents.breach.ts';
import { renderPdf } from '../documents/documents.pdf.ts';
import { notifyStaff } from '../portal/portal.notify.ts';
import {
  acknowledgeNotice,
  apFormOf,
  getIncidentNotice,
  listPortalBreaches,
  type NoticeContent,
  noticeCustomer,
  sendNotices,
  sendUpdate,
} from './breaches.notices.ts';
import {
  affectedCustomerSchema,
  callFieldsSchema,
  headcountSchema,
  impactAdjustmentSchema,
  incidentFieldsSchema,
  incidentMessageSchema,
  incidentSchema,
  messageFieldsSchema,
  obligationSchema,
  portalNoticeSchema,
  sendNoticesSchema,
  statusChangeSchema,
  updateFieldsSchema,
} from './breaches.schemas.ts';
import { answerQuestion, askAboutNotice, listIncidentThread, listPortalThread } from './breaches.thread.ts';
import * as breaches from './breaches.usecases.ts';

const incidentParams = z.object({ incidentId: z.uuid() });
const pairParams = z.object({ incidentId: z.uuid(), customerId: z.uuid() });
const customerParams = z.object({ customerId: z.uuid() });
const noticeParams = z.object({ noticeId: z.uuid() });
const thread = z.object({ items: z.array(incidentMessageSchema) });

// The written notice as a PDF (documents.breach.ts), in the language it was sent in.
async function noticePdf(
  customer: { legalName: string; kvkNumber: string },
  notice: {
    version: number;
    sentAt: string;
    changes: string | null;
    language: 'nl' | 'en';
    content: NoticeContent;
  },
) {
  return {
    contentType: 'application/pdf',
    fileName: `datalek-${notice.content.reference}-v${notice.version}.pdf`,
    body: await renderPdf(buildBreachNoticeDocument({ language: notice.language, customer, notice })),
  };
}

// Staff only: clause 8 is the processor's duty towards each customer. Nothing here sends anything to the
// Autoriteit Persoonsgegevens or to data subjects (clause 8.3: that is the customer's call).
export const breachRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const read = { access: rolesAccess(allStaff) };
  const write = { access: rolesAccess(complianceWriters) };
  const tags = ['breaches'];
  const ctx = (request: FastifyRequest) => contextOf(request, deps);
  const customersList = { 200: z.object({ items: z.array(affectedCustomerSchema) }) };

  app.get(
    '/incidents',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(incidentSchema) }) } } },
    async (request) => ({ items: await breaches.listIncidents(ctx(request)) }),
  );

  app.post(
    '/incidents',
    { config: write, schema: { tags, body: incidentFieldsSchema, response: { 201: incidentSchema } } },
    async (request, reply) => {
      reply.code(201);
      return breaches.registerIncident(ctx(request), request.body);
    },
  );

  app.get(
    '/incidents/:incidentId',
    { config: read, schema: { tags, params: incidentParams, response: { 200: incidentSchema } } },
    async (request) => breaches.getIncident(ctx(request), request.params.incidentId),
  );

  app.post(
    '/incidents/:incidentId/status',
    {
      config: write,
      schema: { tags, params: incidentParams, body: statusChangeSchema, response: { 200: incidentSchema } },
    },
    async (request) =>
      breaches.changeStatus(ctx(request), request.params.incidentId, request.body.status, request.body.note),
  );

  app.get(
    '/incidents/:incidentId/customers',
    { config: read, schema: { tags, params: incidentParams, response: customersList } },
    async (request) => ({
      items: await breaches.listAffectedCustomers(ctx(request), request.params.incidentId),
    }),
  );

  app.post(
    '/incidents/:incidentId/impact',
    { config: write, schema: { tags, params: incidentParams, response: customersList } },
    async (request) => ({ items: await breaches.recomputeImpact(ctx(request), request.params.incidentId) }),
  );

  app.put(
    '/incidents/:incidentId/customers/:customerId',
    {
      config: write,
      schema: {
        tags,
        params: pairParams,
        body: impactAdjustmentSchema,
        response: { 200: affectedCustomerSchema },
      },
    },
    async (request) =>
      breaches.adjustAffectedCustomer(
        ctx(request),
        request.params.incidentId,
        request.params.customerId,
        request.body,
      ),
  );

  app.post(
    '/incidents/:incidentId/customers/:customerId/calls',
    {
      config: write,
      schema: { tags, params: pairParams, body: callFieldsSchema, response: { 200: affectedCustomerSchema } },
    },
    async (request) =>
      breaches.logCall(ctx(request), request.params.incidentId, request.params.customerId, request.body),
  );

  app.put(
    '/incidents/:incidentId',
    {
      config: write,
      schema: { tags, params: incidentParams, body: incidentFieldsSchema, response: { 200: incidentSchema } },
    },
    async (request) => breaches.updateIncident(ctx(request), request.params.incidentId, request.body),
  );

  app.post(
    '/incidents/:incidentId/notices',
    {
      config: write,
      schema: {
        tags,
        params: incidentParams,
        body: sendNoticesSchema,
        response: { 200: z.object({ sent: z.number() }) },
      },
    },
    async (request) => sendNotices(ctx(request), deps, request.params.incidentId, request.body),
  );

  app.post(
    '/incidents/:incidentId/updates',
    {
      config: write,
      schema: {
        tags,
        params: incidentParams,
        body: updateFieldsSchema,
        response: { 200: z.object({ sent: z.number() }) },
      },
    },
    async (request) => sendUpdate(ctx(request), deps, request.params.incidentId, request.body),
  );

  // ---- the customer's side (portal) ------------------------------------------------------------------

  app.get(
    '/portal/breaches',
    {
      config: { access: customerAccess() },
      schema: { tags: ['portal'], response: { 200: z.object({ items: z.array(portalNoticeSchema) }) } },
    },
    async (request) => ({
      items: await listPortalBreaches(ctx(request), requireCustomerPrincipal(request).customerId),
    }),
  );

  app.post(
    '/portal/breaches/:noticeId/acknowledge',
    {
      config: { access: customerAccess() },
      schema: {
        tags: ['portal'],
        params: z.object({ noticeId: z.uuid() }),
        response: { 200: portalNoticeSchema },
      },
    },
    async (request) => {
      const principal = requireCustomerPrincipal(request);
      const context = ctx(request);
      const user = await findUser(context, principal.userId);
      const by = user?.name ?? context.actor.label;
      return acknowledgeNotice(context, principal.customerId, request.params.noticeId, by, {
        onAcknowledged: (tx, reference) =>
          notifyStaff(tx, context, deps, principal.customerId, {
            subject: (name) => `${name} bevestigt de melding van datalek ${reference}`,
            paragraphs: [`${by} heeft de melding van ${reference} in het portaal bevestigd.`],
          }),
      });
    },
  );

  // The question thread of the customer's notice (any version of it): oldest first.
  app.get(
    '/portal/breaches/:noticeId/messages',
    {
      config: { access: customerAccess() },
      schema: { tags: ['portal'], params: noticeParams, response: { 200: thread } },
    },
    async (request) => ({
      items: await listPortalThread(
        ctx(request),
        requireCustomerPrincipal(request).customerId,
        request.params.noticeId,
      ),
    }),
  );

  app.post(
    '/portal/breaches/:noticeId/messages',
    {
      config: { access: customerAccess() },
      schema: {
        tags: ['portal'],
        params: noticeParams,
        body: messageFieldsSchema,
        response: { 201: thread },
      },
    },
    async (request, reply) => {
      const items = await askAboutNotice(
        ctx(request),
        deps,
        requireCustomerPrincipal(request).customerId,
        request.params.noticeId,
        request.body.body,
      );
      reply.code(201);
      return { items };
    },
  );

  app.get(
    '/portal/breaches/:noticeId/ap-form',
    {
      config: { access: customerAccess() },
      schema: { tags: ['portal'], params: z.object({ noticeId: z.uuid() }) },
    },
    async (request, reply) => {
      const notice = (
        await listPortalBreaches(ctx(request), requireCustomerPrincipal(request).customerId)
      ).find((n) => n.id === request.params.noticeId);
      if (!notice) {
        throw notFound('Notice');
      }
      return sendAttachment(reply, {
        contentType: 'application/json; charset=utf-8',
        fileName: `datalek-${notice.content.reference}-v${notice.version}-meldformulier.json`,
        body: `${JSON.stringify(apFormOf(notice), null, 2)}\n`,
      });
    },
  );

  app.get(
    '/portal/breaches/:noticeId/pdf',
    {
      config: { access: customerAccess() },
      schema: { tags: ['portal'], params: z.object({ noticeId: z.uuid() }) },
    },
    async (request, reply) => {
      const { customerId } = requireCustomerPrincipal(request);
      const notice = (await listPortalBreaches(ctx(request), customerId)).find(
        (n) => n.id === request.params.noticeId,
      );
      if (!notice) {
        throw notFound('Notice');
      }
      return sendAttachment(reply, await noticePdf(await noticeCustomer(ctx(request), customerId), notice));
    },
  );

  app.get(
    '/incidents/:incidentId/customers/:customerId/notices/:noticeId/pdf',
    { config: read, schema: { tags, params: pairParams.extend({ noticeId: z.uuid() }) } },
    async (request, reply) => {
      const { incidentId, customerId, noticeId } = request.params;
      const notice = await getIncidentNotice(ctx(request), incidentId, customerId, noticeId);
      return sendAttachment(reply, await noticePdf(notice.customer, notice));
    },
  );

  app.get(
    '/incidents/:incidentId/customers/:customerId/messages',
    { config: read, schema: { tags, params: pairParams, response: { 200: thread } } },
    async (request) => ({
      items: await listIncidentThread(ctx(request), request.params.incidentId, request.params.customerId),
    }),
  );

  app.post(
    '/incidents/:incidentId/customers/:customerId/messages',
    {
      config: write,
      schema: { tags, params: pairParams, body: messageFieldsSchema, response: { 201: thread } },
    },
    async (request, reply) => {
      const items = await answerQuestion(
        ctx(request),
        deps,
        request.params.incidentId,
        request.params.customerId,
        request.body.body,
      );
      reply.code(201);
      return { items };
    },
  );

  app.get(
    '/breach-obligations',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(obligationSchema) }) } } },
    async (request) => ({ items: await breaches.listOpenObligations(ctx(request)) }),
  );

  app.get(
    '/customers/:customerId/headcounts',
    {
      config: read,
      schema: {
        tags,
        params: customerParams,
        response: { 200: z.object({ items: z.array(headcountSchema) }) },
      },
    },
    async (request) => ({ items: await breaches.listHeadcounts(ctx(request), request.params.customerId) }),
  );

  app.put(
    '/customers/:customerId/headcounts',
    {
      config: write,
      schema: {
        tags,
        params: customerParams,
        body: z.object({ items: z.array(headcountSchema).max(50) }),
        response: { 200: z.object({ items: z.array(headcountSchema) }) },
      },
    },
    async (request) => ({
      items: await breaches.saveHeadcounts(ctx(request), request.params.customerId, request.body.items),
    }),
  );
};
