import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff, complianceWriters, customerAdmins } from '../../../shared/roles.ts';
import { systemActor } from '../../context.ts';
import type { AppDeps } from '../../deps.ts';
import {
  checkOrigin,
  contextOf,
  customerAccess,
  publicAccess,
  requireCustomerPrincipal,
  rolesAccess,
  setSessionCookie,
} from '../../http/access.ts';
import * as invites from './accounts.invites.ts';
import {
  inviteAcceptSchema,
  invitePreviewSchema,
  inviteSchema,
  inviteTokenParamsSchema,
  newInviteSchema,
  portalAccountsSchema,
  sessionResponseSchema,
} from './accounts.schemas.ts';
import { describeSession } from './accounts.usecases.ts';

const customerParams = z.object({ customerId: z.string().uuid() });
const inviteParams = customerParams.extend({ inviteId: z.string().uuid() });
const userParams = customerParams.extend({ userId: z.string().uuid() });
const inviteResponse = { 201: z.object({ invite: inviteSchema }) };

// Portal accounts: staff manage them per customer; a customer-admin manages its own colleagues (the customer always
// from the session); the invitee accepts through a public, single-use link.
export const inviteRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  // --- staff, per customer
  app.get(
    '/customers/:customerId/portal-accounts',
    {
      config: { access: rolesAccess(allStaff) },
      schema: { tags: ['portal accounts'], params: customerParams, response: { 200: portalAccountsSchema } },
    },
    async (request) => invites.listPortalAccounts(deps, request.params.customerId),
  );

  app.post(
    '/customers/:customerId/invites',
    {
      config: { access: rolesAccess(complianceWriters), rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['portal accounts'],
        params: customerParams,
        body: newInviteSchema,
        response: inviteResponse,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, deps);
      const { invite } = await invites.inviteToPortal(ctx, deps, request.params.customerId, request.body);
      return reply.code(201).send({ invite: invites.presentInvite(invite, deps.clock.now()) });
    },
  );

  app.delete(
    '/customers/:customerId/invites/:inviteId',
    {
      config: { access: rolesAccess(complianceWriters) },
      schema: { tags: ['portal accounts'], params: inviteParams },
    },
    async (request, reply) => {
      await invites.revokeInvite(
        contextOf(request, deps),
        request.params.customerId,
        request.params.inviteId,
      );
      return reply.code(204).send();
    },
  );

  app.delete(
    '/customers/:customerId/portal-users/:userId',
    {
      config: { access: rolesAccess(complianceWriters) },
      schema: { tags: ['portal accounts'], params: userParams },
    },
    async (request, reply) => {
      await invites.removePortalUser(
        contextOf(request, deps),
        request.params.customerId,
        request.params.userId,
      );
      return reply.code(204).send();
    },
  );

  // --- portal: the signed-in contact's own customer
  app.get(
    '/portal/accounts',
    {
      config: { access: customerAccess() },
      schema: { tags: ['portal'], response: { 200: portalAccountsSchema } },
    },
    async (request) => invites.listPortalAccounts(deps, requireCustomerPrincipal(request).customerId),
  );

  app.post(
    '/portal/invites',
    {
      config: { access: customerAccess(customerAdmins), rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['portal'], body: newInviteSchema, response: inviteResponse },
    },
    async (request, reply) => {
      const { customerId } = requireCustomerPrincipal(request);
      const { invite } = await invites.inviteToPortal(
        contextOf(request, deps),
        deps,
        customerId,
        request.body,
      );
      return reply.code(201).send({ invite: invites.presentInvite(invite, deps.clock.now()) });
    },
  );

  app.delete(
    '/portal/invites/:inviteId',
    {
      config: { access: customerAccess(customerAdmins) },
      schema: { tags: ['portal'], params: z.object({ inviteId: z.string().uuid() }) },
    },
    async (request, reply) => {
      const { customerId } = requireCustomerPrincipal(request);
      await invites.revokeInvite(contextOf(request, deps), customerId, request.params.inviteId);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/portal/users/:userId',
    {
      config: { access: customerAccess(customerAdmins) },
      schema: { tags: ['portal'], params: z.object({ userId: z.string().uuid() }) },
    },
    async (request, reply) => {
      const { customerId } = requireCustomerPrincipal(request);
      await invites.removePortalUser(contextOf(request, deps), customerId, request.params.userId);
      return reply.code(204).send();
    },
  );

  // --- public: the invitee
  const anonymous = (request: FastifyRequest) => ({
    db: deps.db,
    clock: deps.clock,
    actor: systemActor,
    requestId: request.id,
  });

  app.get(
    '/auth/invites/:token',
    {
      config: { access: publicAccess, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['portal accounts'],
        params: inviteTokenParamsSchema,
        response: { 200: invitePreviewSchema },
      },
    },
    async (request) => invites.previewInvite(deps, request.params.token),
  );

  app.post(
    '/auth/invites/:token/accept',
    {
      config: { access: publicAccess, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['portal accounts'],
        params: inviteTokenParamsSchema,
        body: inviteAcceptSchema,
        response: { 201: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      checkOrigin(request);
      const result = await invites.acceptInvite(anonymous(request), request.params.token, request.body, {
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
      });
      const { cookieMaxAgeSeconds, ...payload } = await describeSession(
        deps.db,
        result.user,
        result.csrfToken,
      );
      setSessionCookie(deps, request, reply, result.sessionToken, cookieMaxAgeSeconds);
      return reply.code(201).send(payload);
    },
  );
};
