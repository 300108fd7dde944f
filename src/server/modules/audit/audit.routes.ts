import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditReaders } from '../../../shared/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { rolesAccess } from '../../http/access.ts';
import type { AuditEventRow } from './audit.repository.ts';
import * as audit from './audit.usecases.ts';

const filterSchema = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const eventSchema = z
  .object({
    id: z.number(),
    occurredAt: z.string(),
    actorKind: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export const verificationSchema = z
  .object({
    id: z.number(),
    ranAt: z.string(),
    ok: z.boolean(),
    checkedRows: z.number(),
    brokenRowId: z.number().nullable(),
    message: z.string(),
    trigger: z.string(),
  })
  .meta({ id: 'AuditVerification' });

const presentEvent = ({ prevHash, ...row }: AuditEventRow) => ({
  ...row,
  occurredAt: row.occurredAt.toISOString(),
});
export const presentVerification = (v: Awaited<ReturnType<typeof audit.verifyAuditChain>>) => ({
  ...v,
  ranAt: v.ranAt.toISOString(),
});

const toFilter = (q: z.infer<typeof filterSchema>) => ({
  ...q,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const access = rolesAccess(auditReaders);

  app.get(
    '/audit/events',
    {
      config: { access },
      schema: {
        tags: ['audit'],
        querystring: filterSchema.extend({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
          order: z.enum(['asc', 'desc']).default('desc'),
        }),
        response: { 200: z.object({ items: z.array(eventSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const { limit, offset, order, ...filter } = request.query;
      const result = await audit.listAuditEvents({ db: deps.db }, toFilter(filter), { limit, offset, order });
      return { items: result.items.map(presentEvent), total: result.total };
    },
  );

  app.get(
    '/audit/events.csv',
    { config: { access }, schema: { tags: ['audit'], querystring: filterSchema } },
    async (request, reply) => {
      const rows: string[][] = [];
      const filter = toFilter(request.query);
      for (let offset = 0; ; offset += 1000) {
        const page = await audit.listAuditEvents({ db: deps.db }, filter, {
          limit: 1000,
          offset,
          order: 'asc',
        });
        for (const e of page.items) {
          rows.push([
            String(e.id),
            e.occurredAt.toISOString(),
            e.actorKind,
            e.actorLabel,
            e.action,
            e.entityType,
            e.entityId ?? '',
            e.before === null ? '' : JSON.stringify(e.before),
            e.after === null ? '' : JSON.stringify(e.after),
            e.requestId ?? '',
            e.hash,
          ]);
        }
        if (page.items.length < 1000) {
          break;
        }
      }
      const csv = stringify(rows, {
        header: true,
        columns: [
          'id',
          'occurred_at',
          'actor_kind',
          'actor',
          'action',
          'entity_type',
          'entity_id',
          'before',
          'after',
          'request_id',
          'hash',
        ],
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="art28-audit-${deps.clock.now().toISOString().slice(0, 10)}.csv"`,
        )
        .send(`\uFEFF${csv}`);
    },
  );

  app.get(
    '/audit/verifications/latest',
    {
      config: { access },
      schema: {
        tags: ['audit'],
        response: { 200: z.object({ verification: verificationSchema.nullable() }) },
      },
    },
    async () => {
      const latest = await audit.getLatestVerification({ db: deps.db });
      return { verification: latest ? presentVerification(latest) : null };
    },
  );

  app.post(
    '/audit/verify',
    {
      config: { access },
      schema: { tags: ['audit'], response: { 200: z.object({ verification: verificationSchema }) } },
    },
    async () => ({
      verification: presentVerification(await audit.verifyAuditChain(deps, 'user')),
    }),
  );
};
