import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allStaff } from '../../../shared/roles.ts';
import { readMigrationStatus } from '../../db/migrate.ts';
import type { AppDeps } from '../../deps.ts';
import { publicAccess, rolesAccess } from '../../http/access.ts';
import { countActiveTokens, countUsers } from '../accounts/accounts.usecases.ts';
import { presentVerification, verificationSchema } from '../audit/audit.routes.ts';
import { countAudit, getLatestVerification } from '../audit/audit.usecases.ts';

export const appVersion = '0.1.0';

export const healthRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/health',
    {
      config: { access: publicAccess },
      schema: {
        tags: ['system'],
        response: {
          200: z.object({
            status: z.literal('ok'),
            engine: z.enum(['pglite', 'postgres']),
            migration: z.object({ level: z.number(), latest: z.string().nullable(), pending: z.number() }),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      const m = await readMigrationStatus(deps.db);
      return {
        status: 'ok' as const,
        engine: deps.engine,
        migration: { level: m.level, latest: m.latest, pending: m.pending },
        version: appVersion,
      };
    },
  );
};

export const dashboardRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/dashboard',
    {
      config: { access: rolesAccess(allStaff) },
      schema: {
        tags: ['system'],
        response: {
          200: z.object({
            counts: z.object({ users: z.number(), activeTokens: z.number(), auditEvents: z.number() }),
            auditChain: verificationSchema.nullable(),
          }),
        },
      },
    },
    async () => {
      const ctx = { db: deps.db };
      const [users, activeTokens, auditEvents, latest] = await Promise.all([
        countUsers(ctx),
        countActiveTokens(ctx),
        countAudit(ctx),
        getLatestVerification(ctx),
      ]);
      return {
        counts: { users, activeTokens, auditEvents },
        auditChain: latest ? presentVerification(latest) : null,
      };
    },
  );
};
