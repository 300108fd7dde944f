import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminsOnly, allStaff } from '../../../shared/roles.ts';
import { systemActor } from '../../context.ts';
import type { AppDeps } from '../../deps.ts';
import {
  checkOrigin,
  contextOf,
  publicAccess,
  requireUser,
  rolesAccess,
  sessionCookie,
} from '../../http/access.ts';
import { unauthorized } from '../../http/errors.ts';
import {
  accountPatchSchema,
  idParamsSchema,
  loginBodySchema,
  newTokenSchema,
  newUserSchema,
  passwordChangeSchema,
  sessionResponseSchema,
  setupBodySchema,
  tokenSchema,
  userPatchSchema,
  userSchema,
} from './accounts.schemas.ts';
import * as accounts from './accounts.usecases.ts';

export const accountsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const anonymous = (request: FastifyRequest) => ({
    db: deps.db,
    clock: deps.clock,
    actor: systemActor,
    requestId: request.id,
  });
  const meta = (request: FastifyRequest) => ({
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent'] ?? null,
  });

  function setSessionCookie(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    maxAgeSeconds: number,
  ) {
    reply.setCookie(sessionCookie, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies === 'auto' ? request.protocol === 'https' : deps.secureCookies,
      maxAge: maxAgeSeconds,
    });
  }

  app.get(
    '/setup',
    {
      config: { access: publicAccess },
      schema: { tags: ['accounts'], response: { 200: z.object({ needed: z.boolean() }) } },
    },
    async () => ({
      needed: await accounts.isSetupNeeded({ db: deps.db }),
    }),
  );

  app.post(
    '/setup',
    {
      config: { access: publicAccess, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: setupBodySchema, response: { 201: sessionResponseSchema } },
    },
    async (request, reply) => {
      checkOrigin(request);
      const ctx = anonymous(request);
      const user = await accounts.setUpFirstAdmin(ctx, request.body);
      const session = await accounts.startSessionFor(ctx, user, meta(request));
      setSessionCookie(request, reply, session.sessionToken, 12 * 3600);
      return reply.code(201).send({ user: accounts.presentUser(user), csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: publicAccess, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: loginBodySchema, response: { 200: sessionResponseSchema } },
    },
    async (request, reply) => {
      checkOrigin(request);
      const result = await accounts.logIn(anonymous(request), { ...request.body, ...meta(request) });
      setSessionCookie(request, reply, result.sessionToken, 12 * 3600);
      return { user: accounts.presentUser(result.user), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: rolesAccess(allStaff) }, schema: { tags: ['accounts'] } },
    async (request, reply) => {
      requireUser(request);
      const token = request.cookies[sessionCookie];
      if (token) {
        await accounts.logOut(contextOf(request, deps), token);
      }
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: publicAccess },
      schema: { tags: ['accounts'], response: { 200: sessionResponseSchema } },
    },
    async (request) => {
      const principal = request.principal;
      if (principal?.kind !== 'user') {
        throw unauthorized();
      }
      const user = await accounts.findUser({ db: deps.db }, principal.userId);
      if (!user) {
        throw unauthorized();
      }
      return { user: accounts.presentUser(user), csrfToken: principal.csrfToken };
    },
  );

  app.patch(
    '/account',
    {
      config: { access: rolesAccess(allStaff) },
      schema: {
        tags: ['accounts'],
        body: accountPatchSchema,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const user = await accounts.updateOwnAccount(contextOf(request, deps), principal.userId, request.body);
      return { user: accounts.presentUser(user) };
    },
  );

  app.put(
    '/account/password',
    { config: { access: rolesAccess(allStaff) }, schema: { tags: ['accounts'], body: passwordChangeSchema } },
    async (request, reply) => {
      const principal = requireUser(request);
      await accounts.changePassword(
        contextOf(request, deps),
        principal.userId,
        request.body,
        principal.sessionId,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/users',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: { tags: ['accounts'], response: { 200: z.object({ items: z.array(userSchema) }) } },
    },
    async () => ({
      items: (await accounts.listAllUsers({ db: deps.db })).map(accounts.presentUser),
    }),
  );

  app.post(
    '/users',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: { tags: ['accounts'], body: newUserSchema, response: { 201: z.object({ user: userSchema }) } },
    },
    async (request, reply) => {
      const user = await accounts.createUser(contextOf(request, deps), request.body);
      return reply.code(201).send({ user: accounts.presentUser(user) });
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: {
        tags: ['accounts'],
        params: idParamsSchema,
        body: userPatchSchema,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const user = await accounts.updateUserByAdmin(
        contextOf(request, deps),
        request.params.id,
        request.body,
      );
      return { user: accounts.presentUser(user) };
    },
  );

  app.get(
    '/tokens',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: { tags: ['accounts'], response: { 200: z.object({ items: z.array(tokenSchema) }) } },
    },
    async () => ({
      items: (await accounts.listAllTokens({ db: deps.db })).map(accounts.presentToken),
    }),
  );

  app.post(
    '/tokens',
    {
      config: { access: rolesAccess(adminsOnly) },
      schema: {
        tags: ['accounts'],
        body: newTokenSchema,
        response: { 201: z.object({ token: tokenSchema, secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const { token, secret } = await accounts.createApiToken(contextOf(request, deps), request.body);
      return reply.code(201).send({ token: accounts.presentToken(token), secret });
    },
  );

  app.delete(
    '/tokens/:id',
    { config: { access: rolesAccess(adminsOnly) }, schema: { tags: ['accounts'], params: idParamsSchema } },
    async (request, reply) => {
      await accounts.revokeApiToken(contextOf(request, deps), request.params.id);
      return reply.code(204).send();
    },
  );
};
