import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff, complianceWriters, customerAdmins, type StaffRole } from '../../../shared/roles.ts';
import { transferRules } from '../../../shared/transfers.ts';
import { bodyLimitFor, maxSignedPdfBytes } from '../../../shared/upload-limits.ts';
import { systemActor } from '../../context.ts';
import type { AppDeps } from '../../deps.ts';
import {
  contextOf,
  customerAccess,
  publicAccess,
  requireCustomerPrincipal,
  rolesAccess,
} from '../../http/access.ts';
import { sendAttachment } from '../../http/attachment.ts';
import { notFound } from '../../http/errors.ts';
import { findUser } from '../accounts/accounts.usecases.ts';
import { notifyStaff } from '../portal/portal.notify.ts';
import { getAppSettings } from '../settings/settings.usecases.ts';
import { listAlerts, publicSubprocessorList } from './subprocessors.alerts.ts';
import {
  alertSchema,
  answerSchema,
  assessmentSchema,
  consentViewSchema,
  portalSubprocessorListSchema,
  profileFieldsSchema,
  proposalDetailSchema,
  proposalFieldsSchema,
  proposalSchema,
  publicListSchema,
  staffAnswerSchema,
  subprocessorSchema,
  withdrawalSchema,
} from './subprocessors.schemas.ts';
import * as usecases from './subprocessors.usecases.ts';

const partyParams = z.object({ partyId: z.uuid() });
const pairParams = z.object({ customerId: z.uuid(), partyId: z.uuid() });
const proposalParams = z.object({ proposalId: z.uuid() });
// Seed 3.4/5.1 decisions are the privacy desk's; recording a customer's answer is everyday staff work.
const deciders: readonly StaffRole[] = ['admin', 'privacy-officer'];

export const subprocessorRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const read = { access: rolesAccess(allStaff) };
  const decide = { access: rolesAccess(deciders) };
  const write = { access: rolesAccess(complianceWriters) };
  const tags = ['subprocessors'];
  const ctx = (request: FastifyRequest) => contextOf(request, deps);

  app.get(
    '/subprocessors',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(subprocessorSchema) }) } } },
    async (request) => ({ items: await usecases.listSubprocessors(ctx(request)) }),
  );

  app.get('/subprocessors/transfer-rules', { config: read, schema: { tags } }, async () => transferRules);

  app.get(
    '/subprocessors/alerts',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(alertSchema) }) } } },
    async (request) => ({ items: await listAlerts(ctx(request)) }),
  );

  app.get(
    '/subprocessors/:partyId',
    { config: read, schema: { tags, params: partyParams, response: { 200: subprocessorSchema } } },
    async (request) => usecases.getSubprocessor(ctx(request), request.params.partyId),
  );

  app.put(
    '/subprocessors/:partyId',
    {
      config: decide,
      schema: { tags, params: partyParams, body: profileFieldsSchema, response: { 200: subprocessorSchema } },
    },
    async (request) => usecases.saveProfile(ctx(request), request.params.partyId, request.body),
  );

  app.put(
    '/subprocessors/:partyId/flow-down-file',
    {
      bodyLimit: bodyLimitFor(maxSignedPdfBytes),
      config: decide,
      schema: {
        tags,
        params: partyParams,
        body: z.object({
          fileName: z.string().trim().min(1).max(200),
          dataBase64: z.base64().max(Math.ceil((maxSignedPdfBytes * 4) / 3) + 4),
        }),
        response: { 200: subprocessorSchema },
      },
    },
    async (request) =>
      usecases.saveFlowDownFile(ctx(request), request.params.partyId, {
        fileName: request.body.fileName,
        bytes: Buffer.from(request.body.dataBase64, 'base64'),
      }),
  );

  app.get(
    '/subprocessors/:partyId/flow-down-file',
    { config: read, schema: { tags, params: partyParams } },
    async (request, reply) =>
      sendAttachment(reply, await usecases.getFlowDownFile(ctx(request), request.params.partyId)),
  );

  app.get(
    '/subprocessor-proposals',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(proposalSchema) }) } } },
    async (request) => ({ items: await usecases.listProposals(ctx(request)) }),
  );

  app.post(
    '/subprocessor-proposals',
    {
      config: decide,
      schema: { tags, body: proposalFieldsSchema, response: { 201: proposalDetailSchema } },
    },
    async (request, reply) => {
      reply.code(201);
      return usecases.createProposal(ctx(request), deps, request.body);
    },
  );

  app.get(
    '/subprocessor-proposals/:proposalId',
    { config: read, schema: { tags, params: proposalParams, response: { 200: proposalDetailSchema } } },
    async (request) => usecases.getProposal(ctx(request), request.params.proposalId),
  );

  app.post(
    '/subprocessor-proposals/:proposalId/withdraw',
    {
      config: decide,
      schema: {
        tags,
        params: proposalParams,
        body: withdrawalSchema,
        response: { 200: proposalDetailSchema },
      },
    },
    async (request) =>
      usecases.withdrawProposal(ctx(request), request.params.proposalId, request.body.reason),
  );

  app.get(
    '/customers/:customerId/subprocessors',
    {
      config: read,
      schema: {
        tags,
        params: z.object({ customerId: z.uuid() }),
        response: { 200: z.object({ items: z.array(consentViewSchema) }) },
      },
    },
    async (request) => ({
      items: await usecases.consentsForCustomer(ctx(request), request.params.customerId),
    }),
  );

  app.post(
    '/customers/:customerId/subprocessors/:partyId/answer',
    {
      config: write,
      schema: { tags, params: pairParams, body: staffAnswerSchema, response: { 200: consentViewSchema } },
    },
    async (request) =>
      usecases.recordAnswerReceived(
        ctx(request),
        request.params.customerId,
        request.params.partyId,
        request.body,
      ),
  );

  app.post(
    '/customers/:customerId/subprocessors/:partyId/assessment',
    {
      config: decide,
      schema: { tags, params: pairParams, body: assessmentSchema, response: { 200: consentViewSchema } },
    },
    async (request) =>
      usecases.assessObjection(ctx(request), request.params.customerId, request.params.partyId, request.body),
  );

  app.post(
    '/customers/:customerId/subprocessors/:partyId/withdrawal',
    {
      config: decide,
      schema: { tags, params: pairParams, body: withdrawalSchema, response: { 200: consentViewSchema } },
    },
    async (request) =>
      usecases.withdrawConsent(
        ctx(request),
        request.params.customerId,
        request.params.partyId,
        request.body.reason,
      ),
  );

  // ---- the customer's side (portal) -------------------------------------------------------------------

  app.get(
    '/portal/subprocessors',
    {
      config: { access: customerAccess() },
      schema: { tags: ['portal'], response: { 200: portalSubprocessorListSchema } },
    },
    async (request) =>
      usecases.portalSubprocessors(ctx(request), requireCustomerPrincipal(request).customerId),
  );

  app.post(
    '/portal/subprocessors/:partyId/consent',
    {
      config: { access: customerAccess(customerAdmins), rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['portal'],
        params: partyParams,
        body: answerSchema,
        response: { 200: consentViewSchema },
      },
    },
    async (request) => {
      const principal = requireCustomerPrincipal(request);
      const context = ctx(request);
      const user = await findUser(context, principal.userId);
      return usecases.answerConsent(
        context,
        principal.customerId,
        request.params.partyId,
        request.body,
        {
          method: 'portal',
          answeredBy: user?.name ?? context.actor.label,
          answeredByEmail: user?.email ?? null,
          answeredAt: context.clock.now(),
          userId: principal.userId,
        },
        {
          onAnswered: (tx, answer) =>
            notifyStaff(tx, context, deps, principal.customerId, {
              subject: (name) =>
                answer.decision === 'give'
                  ? `${name} geeft toestemming voor sub-verwerker ${answer.party}`
                  : `${name} maakt bezwaar tegen sub-verwerker ${answer.party}`,
              paragraphs: [
                answer.decision === 'give'
                  ? `${user?.name ?? context.actor.label} heeft via het portaal schriftelijk toestemming gegeven voor ${answer.party} (artikel 3.4 en 5.1).`
                  : `${user?.name ?? context.actor.label} heeft via het portaal bezwaar gemaakt tegen ${answer.party}: ${request.body.reason ?? ''}`,
                answer.decision === 'give'
                  ? 'De verklaring staat als PDF bij de documenten van de klant.'
                  : 'Beoordeel of het bezwaar redelijk is en wat er gebeurt (alternatief of beëindiging).',
              ],
            }),
        },
      );
    },
  );

  // Optional (setting): who the processor's sub-processors are, for anyone — names, purposes and countries only.
  app.get(
    '/public/subprocessors',
    { config: { access: publicAccess }, schema: { tags: ['public'], response: { 200: publicListSchema } } },
    async () => {
      if (!(await getAppSettings(deps.db)).publicSubprocessorList) {
        throw notFound('Public sub-processor list');
      }
      return publicSubprocessorList({ db: deps.db, clock: deps.clock, actor: systemActor });
    },
  );
};
