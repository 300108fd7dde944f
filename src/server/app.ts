import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.ts';
import { publicAccess, registerAccessControl } from './http/access.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { AppError } from './http/errors.ts';
import { dataKeyBytes } from './keys.ts';
import { customerTokenRoutes } from './modules/accounts/accounts.customer-tokens.ts';
import { inviteRoutes } from './modules/accounts/accounts.invite-routes.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { breachRoutes } from './modules/breaches/breaches.routes.ts';
import { breachScanRoutes } from './modules/breaches/breaches.scans.routes.ts';
import { customersRoutes } from './modules/customers/customers.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { registerRoutes } from './modules/register/register.routes.ts';
import { opendsrMessageRoutes, opendsrRoutes } from './modules/requests/requests.opendsr-routes.ts';
import { requestRoutes } from './modules/requests/requests.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { subprocessorRoutes } from './modules/subprocessors/subprocessors.routes.ts';
import { appVersion, dashboardRoutes, healthRoutes } from './modules/system/system.routes.ts';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export type AppOptions = {
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  bodyLimitBytes?: number;
};

export async function createApp(given: AppDeps, options: AppOptions = {}) {
  const deps: AppDeps = { ...given, dataKey: given.dataKey ?? randomBytes(dataKeyBytes) };
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? 2 * 1024 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets style attributes at run time; scripts stay locked to our own files.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  registerAccessControl(app, deps);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'art28 API', version: appVersion, description: "The processor's GDPR desk." },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `art28 token create`.' },
          session: { type: 'apiKey', in: 'cookie', name: 'art28_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // Fills components.schemas from the schemas named with .meta({ id }), which the routes' $refs point to.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes, { prefix: '/api', ...deps });
  app.get('/api/openapi.json', { config: { access: publicAccess }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(
    async (v1) => {
      await v1.register(accountsRoutes, deps);
      await v1.register(inviteRoutes, deps);
      await v1.register(auditRoutes, deps);
      await v1.register(settingsRoutes, deps);
      await v1.register(registerRoutes, deps);
      await v1.register(customersRoutes, deps);
      await v1.register(documentsRoutes, deps);
      await v1.register(mailRoutes, deps);
      await v1.register(portalRoutes, deps);
      await v1.register(subprocessorRoutes, deps);
      await v1.register(breachRoutes, deps);
      await v1.register(breachScanRoutes, deps);
      await v1.register(requestRoutes, deps);
      await v1.register(opendsrMessageRoutes, deps);
      await v1.register(customerTokenRoutes, deps);
      await v1.register(dashboardRoutes, deps);
    },
    { prefix: '/api/v1' },
  );
  // OpenDSR v2.0 (issue 9): its own URL space, error format and signed responses
  await app.register(opendsrRoutes, { prefix: '/opendsr/v2', ...deps });

  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api') && !request.url.startsWith('/opendsr');
    if (isPage && hasWeb) {
      // Client-side routes (/audit, /settings, …) all load the single-page app.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (isPage) {
      return reply
        .type('text/plain')
        .send('The web app is not built. Run `npm run build:web` (npm start does this).');
    }
    throw new AppError(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
  });

  await app.ready();
  return app;
}

export type App = Awaited<ReturnType<typeof createApp>>;
