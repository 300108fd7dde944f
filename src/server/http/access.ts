import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  allCustomer,
  type CustomerRole,
  everyone,
  isCustomerRole,
  type Role,
  type StaffRole,
} from '../../shared/roles.ts';
import type { Clock } from '../clock.ts';
import type { Actor, Ctx } from '../context.ts';
import type { Db } from '../db/database.ts';
import { safeEqual } from '../modules/accounts/accounts.models.ts';
import { resolveApiToken, resolveSession, userActor } from '../modules/accounts/accounts.usecases.ts';
import { AppError, forbidden, unauthorized } from './errors.ts';

// Every route states who may call it and in which scope. A route without a declaration makes the server refuse
// to start, so a new route cannot ship open by accident (see access.test.ts).
// - staff: processor staff and API tokens; customer contacts get 403.
// - customer: portal routes. The customer comes from the session (principal.customerId), never from the URL or
//   body alone; tenant-isolation.test.ts proves each one against another customer's ids.
// - self: a signed-in person acting on their own account (password, two-factor, sessions).
export type Access =
  | { public: true }
  | { scope: 'staff'; roles: readonly StaffRole[] }
  | { scope: 'customer'; roles: readonly CustomerRole[] }
  | { scope: 'self'; roles: readonly Role[] };
export type AccessScope = 'public' | 'staff' | 'customer' | 'self';
export const scopeOf = (access: Access): AccessScope => ('public' in access ? 'public' : access.scope);

export type Principal =
  | {
      kind: 'user';
      actor: Actor;
      role: Role;
      userId: string;
      customerId: string | null;
      sessionId: string;
      csrfToken: string;
      // The portal requires two-factor sign-in and this person has not set it up yet: only their own account
      // routes answer until they do.
      mustEnrolTwoFactor: boolean;
    }
  | { kind: 'token'; actor: Actor; role: Role; tokenId: string; customerId: string | null };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
  }
}

export type DeclaredRoute = { method: string; url: string; access: Access };

export const sessionCookie = 'art28_session';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const publicAccess: Access = { public: true };
export const rolesAccess = (roles: readonly StaffRole[]): Access => ({ scope: 'staff', roles });
export const customerAccess = (roles: readonly CustomerRole[] = allCustomer): Access => ({
  scope: 'customer',
  roles,
});
export const selfAccess: Access = { scope: 'self', roles: everyone };

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw unauthorized();
  }
  return request.principal;
}

export function requireUser(request: FastifyRequest) {
  const principal = requirePrincipal(request);
  if (principal.kind !== 'user') {
    throw forbidden('This action needs a signed-in user, not an API token.');
  }
  return principal;
}

// The customer a portal route works for: always the signed-in contact's own.
export function requireCustomerPrincipal(request: FastifyRequest) {
  const principal = requireUser(request);
  if (!principal.customerId || !isCustomerRole(principal.role)) {
    throw forbidden('This page is for customer contacts.');
  }
  return { ...principal, customerId: principal.customerId, role: principal.role };
}

// The customer a route works for where a customer's API token may call it too (data subject requests, OpenDSR):
// the signed-in contact's customer, or the one the token belongs to. Never one named in the request.
export function requireCustomerOf(request: FastifyRequest) {
  const principal = requirePrincipal(request);
  if (!principal.customerId || !isCustomerRole(principal.role)) {
    throw forbidden('This is for customer contacts and customer API tokens.');
  }
  return principal.customerId;
}

export function registerAccessControl(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  app.decorateRequest('principal', null);
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (!url.startsWith('/api') && !url.startsWith('/opendsr')) {
      return;
    }
    // Swagger UI's own asset routes are public documentation.
    if (url.startsWith('/api/docs')) {
      route.config = { ...route.config, access: publicAccess };
      return;
    }
    if (!route.config?.access) {
      throw new Error(`Route ${route.method} ${url} does not declare its access (config.access).`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        declared.push({ method, url, access: route.config.access });
      }
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (!access) {
      return;
    }
    request.principal = await authenticate(request, deps);
    if ('public' in access) {
      return;
    }
    const principal = request.principal;
    if (!principal) {
      throw unauthorized();
    }
    if (!(access.roles as readonly Role[]).includes(principal.role)) {
      throw forbidden();
    }
    if (principal.kind === 'user' && principal.mustEnrolTwoFactor && access.scope !== 'self') {
      throw new AppError(
        403,
        'auth.two_factor_setup_required',
        'Set up two-factor sign-in on your account page before you continue.',
      );
    }
    if (principal.kind === 'user' && unsafeMethods.has(request.method)) {
      checkCsrf(request, principal.csrfToken);
    }
  });
}

async function authenticate(
  request: FastifyRequest,
  deps: { db: Db; clock: Clock },
): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const token = match ? await resolveApiToken(deps, match[1]!) : null;
    if (!token) {
      throw new AppError(401, 'auth.invalid_token', 'The API token is not valid or has been revoked.');
    }
    return {
      kind: 'token',
      role: token.role,
      tokenId: token.id,
      // a customer's token (OpenDSR) is bound to that customer like a portal user is
      customerId: token.customerId,
      actor: { kind: 'token', id: token.id, label: `token:${token.name}`, role: token.role },
    };
  }
  const cookie = request.cookies[sessionCookie];
  if (!cookie) {
    return null;
  }
  const found = await resolveSession(deps, cookie);
  if (!found) {
    return null;
  }
  return {
    kind: 'user',
    role: found.user.role,
    userId: found.user.id,
    customerId: found.user.customerId,
    sessionId: found.session.id,
    csrfToken: found.session.csrfToken,
    mustEnrolTwoFactor: found.mustEnrolTwoFactor,
    actor: userActor(found.user),
  };
}

// Cookies ride along on cross-site requests, so a cookie-authenticated write must also prove it came from our own
// pages: the per-session token the web app got from /auth/session, and (when the browser sends one) our Origin.
function checkCsrf(request: FastifyRequest, expected: string) {
  checkOrigin(request);
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, expected)) {
    throw new AppError(
      403,
      'auth.csrf',
      'The request lacks a valid CSRF token. Reload the page and try again.',
    );
  }
}

export function checkOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (!origin) {
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError(403, 'auth.csrf', 'The request comes from another site.');
  }
  if (host !== request.headers.host) {
    throw new AppError(403, 'auth.csrf', 'The request comes from another site.');
  }
}

export function setSessionCookie(
  deps: { secureCookies: 'auto' | boolean },
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

export function contextOf(request: FastifyRequest, deps: { db: Db; clock: Clock }): Ctx {
  return { db: deps.db, clock: deps.clock, actor: requirePrincipal(request).actor, requestId: request.id };
}
