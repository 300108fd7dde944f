import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminsOnly, complianceWriters } from '../../../shared/roles.ts';
import { systemActor } from '../../context.ts';
import type { AppDeps } from '../../deps.ts';
import {
  checkOrigin,
  contextOf,
  publicAccess,
  requireUser,
  rolesAccess,
  selfAccess,
  sessionCookie,
  setSessionCookie,
} from '../../http/access.ts';
import { notFound, unauthorized } from '../../http/errors.ts';
import { getAppSettings } from '../settings/settings.usecases.ts';
import type { UserRow } from './accounts.repository.ts';
import { confirmPasswordReset, requestPasswordReset } from './accounts.resets.ts';
import {
  accountPatchSchema,
  codeBodySchema,
  idParamsSchema,
  loginBodySchema,
  loginResponseSchema,
  newTokenSchema,
  newUserSchema,
  passwordBodySchema,
  passwordChangeSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  recoveryCodesSchema,
  sessionIdParamsSchema,
  sessionListSchema,
  sessionResponseSchema,
  setupBodySchema,
  tokenSchema,
  twoFactorLoginSchema,
  twoFactorSetupSchema,
  userPatchSchema,
  userSchema,
} from './accounts.schemas.ts';
import * as twoFactor from './accounts.two-factor.ts';
import * as accounts from './accounts.usecases.ts';

// A rate limit keyed on the client and one body field, counted after the body is parsed.
function limitPerClientAnd(field: string, max: number) {
  return {
    max,
    timeWindow: '1 minute',
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => {
      const value = (request.body as Record<string, unknown> | undefined)?.[field];
      return `${request.ip}|${typeof value === 'string' ? value.trim().toLowerCase().slice(0, 300) : ''}`;
    },
  };
}

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

  async function startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRow,
    session: { sessionToken: string; csrfToken: string },
  ) {
    const { cookieMaxAgeSeconds, ...payload } = await accounts.describeSession(
      deps.db,
      user,
      session.csrfToken,
    );
    setSessionCookie(deps, request, reply, session.sessionToken, cookieMaxAgeSeconds);
    return payload;
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
      return reply.code(201).send(await startSession(request, reply, user, session));
    },
  );

  app.post(
    '/auth/login',
    {
      // Per client and address: guessing one account's password is slow, while colleagues behind one office
      // address can still sign in.
      config: { access: publicAccess, rateLimit: limitPerClientAnd('email', 10) },
      schema: { tags: ['accounts'], body: loginBodySchema, response: { 200: loginResponseSchema } },
    },
    async (request, reply) => {
      checkOrigin(request);
      const result = await accounts.logIn(anonymous(request), { ...request.body, ...meta(request) });
      if (result.kind === 'two-factor') {
        return {
          twoFactorRequired: true as const,
          challenge: result.challenge,
          expiresAt: result.expiresAt.toISOString(),
        };
      }
      return startSession(request, reply, result.user, result);
    },
  );

  app.post(
    '/auth/login/two-factor',
    {
      config: { access: publicAccess, rateLimit: limitPerClientAnd('challenge', 10) },
      schema: { tags: ['accounts'], body: twoFactorLoginSchema, response: { 200: sessionResponseSchema } },
    },
    async (request, reply) => {
      checkOrigin(request);
      const result = await twoFactor.completeTwoFactorLogin(anonymous(request), request.body, meta(request));
      return startSession(request, reply, result.user, result);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: {
        access: publicAccess,
        // Per address as well as per client: nobody floods one person's mailbox with reset mails.
        rateLimit: limitPerClientAnd('email', 5),
      },
      schema: { tags: ['accounts'], body: passwordResetRequestSchema },
    },
    async (request, reply) => {
      checkOrigin(request);
      await requestPasswordReset(anonymous(request), deps, request.body.email);
      return reply.code(202).send();
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: publicAccess, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: passwordResetConfirmSchema },
    },
    async (request, reply) => {
      checkOrigin(request);
      await confirmPasswordReset(anonymous(request), request.body.token, request.body.password);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: selfAccess }, schema: { tags: ['accounts'] } },
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
      const { cookieMaxAgeSeconds, ...payload } = await accounts.describeSession(
        deps.db,
        user,
        principal.csrfToken,
      );
      return payload;
    },
  );

  app.patch(
    '/account',
    {
      config: { access: selfAccess },
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
    { config: { access: selfAccess }, schema: { tags: ['accounts'], body: passwordChangeSchema } },
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
    '/account/two-factor',
    {
      config: { access: selfAccess },
      schema: {
        tags: ['accounts'],
        response: {
          200: z.object({ enabled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number() }),
        },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const user = await accounts.findUser({ db: deps.db }, principal.userId);
      if (!user) {
        throw unauthorized();
      }
      const settings = await getAppSettings(deps.db);
      return {
        enabled: user.totpEnabledAt !== null,
        required: accounts.mustEnrolTwoFactor({ ...user, totpEnabledAt: null }, settings),
        recoveryCodesLeft: await twoFactor.countUnusedRecoveryCodes({ db: deps.db }, user.id),
      };
    },
  );

  app.post(
    '/account/two-factor/setup',
    {
      config: { access: selfAccess },
      schema: { tags: ['accounts'], response: { 200: twoFactorSetupSchema } },
    },
    async (request) => twoFactor.beginTwoFactorSetup(contextOf(request, deps), requireUser(request).userId),
  );

  app.post(
    '/account/two-factor/enable',
    {
      config: { access: selfAccess, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: codeBodySchema, response: { 200: recoveryCodesSchema } },
    },
    async (request) => ({
      recoveryCodes: await twoFactor.enableTwoFactor(
        contextOf(request, deps),
        requireUser(request).userId,
        request.body.code,
      ),
    }),
  );

  app.post(
    '/account/two-factor/recovery-codes',
    {
      config: { access: selfAccess, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: codeBodySchema, response: { 200: recoveryCodesSchema } },
    },
    async (request) => ({
      recoveryCodes: await twoFactor.regenerateRecoveryCodes(
        contextOf(request, deps),
        requireUser(request).userId,
        request.body.code,
      ),
    }),
  );

  app.post(
    '/account/two-factor/disable',
    {
      config: { access: selfAccess, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], body: passwordBodySchema },
    },
    async (request, reply) => {
      await twoFactor.disableTwoFactor(
        contextOf(request, deps),
        requireUser(request).userId,
        request.body.password,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/account/sessions',
    { config: { access: selfAccess }, schema: { tags: ['accounts'], response: { 200: sessionListSchema } } },
    async (request) => {
      const principal = requireUser(request);
      return {
        items: await accounts.listOwnSessions({ db: deps.db }, principal.userId, principal.sessionId),
      };
    },
  );

  app.delete(
    '/account/sessions/:sessionId',
    { config: { access: selfAccess }, schema: { tags: ['accounts'], params: sessionIdParamsSchema } },
    async (request, reply) => {
      const principal = requireUser(request);
      await accounts.endOwnSession(contextOf(request, deps), principal.userId, request.params.sessionId);
      if (request.params.sessionId === principal.sessionId) {
        reply.clearCookie(sessionCookie, { path: '/' });
      }
      return reply.code(204).send();
    },
  );

  app.post(
    '/account/sessions/sign-out-everywhere',
    { config: { access: selfAccess }, schema: { tags: ['accounts'] } },
    async (request, reply) => {
      const principal = requireUser(request);
      await accounts.signOutEverywhere(contextOf(request, deps), principal.userId);
      reply.clearCookie(sessionCookie, { path: '/' });
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

  // Who work can be assigned to (owners of request tasks): active staff who may write, names only.
  app.get(
    '/users/assignable',
    {
      config: { access: rolesAccess(complianceWriters) },
      schema: {
        tags: ['accounts'],
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) }),
        },
      },
    },
    async () => ({
      items: (await accounts.listAllUsers({ db: deps.db }))
        .filter((u) => u.disabledAt === null && (complianceWriters as readonly string[]).includes(u.role))
        .map((u) => ({ id: u.id, name: u.name, role: u.role }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
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

  app.post(
    '/users/:id/two-factor/reset',
    { config: { access: rolesAccess(adminsOnly) }, schema: { tags: ['accounts'], params: idParamsSchema } },
    async (request, reply) => {
      if (!(await accounts.findUser({ db: deps.db }, request.params.id))) {
        throw notFound('User');
      }
      await twoFactor.resetTwoFactorByAdmin(contextOf(request, deps), request.params.id);
      return reply.code(204).send();
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
