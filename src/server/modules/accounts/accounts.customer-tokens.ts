import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerAdmins } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, customerAccess, requireCustomerPrincipal } from '../../http/access.ts';
import { newCustomerTokenSchema, tokenSchema } from './accounts.schemas.ts';
import * as accounts from './accounts.usecases.ts';

// A customer-admin's own API tokens, for the customer's machines (OpenDSR, the portal API). Only a signed-in
// person manages them: a token cannot mint or revoke tokens, so a leaked one cannot entrench itself.
export const customerTokenRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const config = { access: customerAccess(customerAdmins) };
  const tags = ['portal'];

  app.get(
    '/portal/tokens',
    { config, schema: { tags, response: { 200: z.object({ items: z.array(tokenSchema) }) } } },
    async (request) => {
      const { customerId } = requireCustomerPrincipal(request);
      return { items: (await accounts.listCustomerTokens(deps, customerId)).map(accounts.presentToken) };
    },
  );

  app.post(
    '/portal/tokens',
    {
      config,
      schema: {
        tags,
        body: newCustomerTokenSchema,
        response: { 201: z.object({ token: tokenSchema, secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const { customerId } = requireCustomerPrincipal(request);
      const { token, secret } = await accounts.createCustomerToken(contextOf(request, deps), {
        name: request.body.name,
        customerId,
        role: 'customer-admin',
      });
      return reply.code(201).send({ token: accounts.presentToken(token), secret });
    },
  );

  app.post(
    '/portal/tokens/:tokenId/revoke',
    {
      config,
      schema: {
        tags,
        params: z.object({ tokenId: z.uuid() }),
        response: { 200: z.object({ token: tokenSchema }) },
      },
    },
    async (request) => {
      const { customerId } = requireCustomerPrincipal(request);
      const token = await accounts.revokeCustomerToken(
        contextOf(request, deps),
        customerId,
        request.params.tokenId,
      );
      return { token: accounts.presentToken(token) };
    },
  );
};
