import { and, asc, countDistinct, desc, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Ctx } from '../../context.ts';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { zone } from '../customers/customers.models.ts';
import { customerContacts, customers } from '../customers/customers.table.ts';
import * as registerRepo from '../register/register.repository.ts';
import { isActiveServiceLine } from '../register/register.usecases.ts';
import { computeImpact } from './breaches.impact.ts';
import type {
  AffectedCustomerView,
  CallFields,
  ImpactAdjustment,
  IncidentFields,
  IncidentView,
} from './breaches.schemas.ts';
import {
  customerHeadcounts,
  incidentCalls,
  incidentCustomers,
  incidentMessages,
  incidents,
} from './breaches.table.ts';

type ReadCtx = Pick<Ctx, 'db' | 'clock'>;
type IncidentRow = typeof incidents.$inferSelect;
type CustomerRow = typeof incidentCustomers.$inferSelect;

// Seed 8.1 and decisions.md: the customer hears of a breach within 24 hours of its discovery — exact instant
// arithmetic, so a DST change in between neither adds nor takes an hour.
export const notificationWindowMs = 24 * 3600 * 1000;
export const dueAtOf = (discoveredAt: Date) => new Date(discoveredAt.getTime() + notificationWindowMs);

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function countsOf(db: DbOrTx, ids: string[], now: Date) {
  if (ids.length === 0) {
    return new Map<string, IncidentView['counts']>();
  }
  const rows = await db
    .select({
      incidentId: incidentCustomers.incidentId,
      included: sql<number>`count(*) filter (where ${incidentCustomers.included})::int`,
      excluded: sql<number>`count(*) filter (where not ${incidentCustomers.included})::int`,
      toNotify: sql<number>`count(*) filter (where ${incidentCustomers.included} and ${incidentCustomers.status} = 'to_notify')::int`,
      noticeSent: sql<number>`count(*) filter (where ${incidentCustomers.included} and ${incidentCustomers.status} = 'notice_sent')::int`,
      acknowledged: sql<number>`count(*) filter (where ${incidentCustomers.included} and ${incidentCustomers.status} = 'acknowledged')::int`,
      late: sql<number>`count(*) filter (where ${incidentCustomers.included} and ((${incidentCustomers.lateByMinutes} > 0) or (${incidentCustomers.noticeSentAt} is null and ${incidentCustomers.dueAt} < ${now})))::int`,
    })
    .from(incidentCustomers)
    .where(inArray(incidentCustomers.incidentId, ids))
    .groupBy(incidentCustomers.incidentId);
  // Reached by phone at least once, whatever happened after: the call stays a fact once the written notice goes out
  // (the status then moves on to notice_sent), so this count overlaps the status counts.
  const reached = await db
    .select({ incidentId: incidentCustomers.incidentId, phoned: countDistinct(incidentCustomers.id) })
    .from(incidentCustomers)
    .innerJoin(incidentCalls, eq(incidentCalls.incidentCustomerId, incidentCustomers.id))
    .where(
      and(
        inArray(incidentCustomers.incidentId, ids),
        eq(incidentCustomers.included, true),
        eq(incidentCalls.outcome, 'reached'),
      ),
    )
    .groupBy(incidentCustomers.incidentId);
  const phonedOf = new Map(reached.map((r) => [r.incidentId, r.phoned]));
  return new Map(
    rows.map(({ incidentId, ...counts }) => [
      incidentId,
      { ...counts, phoned: phonedOf.get(incidentId) ?? 0 },
    ]),
  );
}

const noCounts: IncidentView['counts'] = {
  included: 0,
  excluded: 0,
  toNotify: 0,
  phoned: 0,
  noticeSent: 0,
  acknowledged: 0,
  late: 0,
};

function present(row: IncidentRow, counts: IncidentView['counts'] = noCounts): IncidentView {
  return {
    ...row,
    discoveredAt: row.discoveredAt.toISOString(),
    occurredFrom: iso(row.occurredFrom),
    occurredTo: iso(row.occurredTo),
    dueAt: dueAtOf(row.discoveredAt).toISOString(),
    containedAt: iso(row.containedAt),
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    counts,
  };
}

export async function listIncidents(ctx: ReadCtx) {
  const rows = await ctx.db.select().from(incidents).orderBy(desc(incidents.discoveredAt));
  const counts = await countsOf(
    ctx.db,
    rows.map((r) => r.id),
    ctx.clock.now(),
  );
  return rows.map((r) => present(r, counts.get(r.id)));
}

async function incidentOrThrow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  if (!row) {
    throw notFound('Incident');
  }
  return row;
}

export async function getIncident(ctx: ReadCtx, id: string) {
  const row = await incidentOrThrow(ctx.db, id);
  return present(row, (await countsOf(ctx.db, [id], ctx.clock.now())).get(id));
}

async function checkFields(tx: DbOrTx, fields: IncidentFields, now: Date) {
  const discovered = new Date(fields.discoveredAt);
  if (discovered > now) {
    throw badRequest(
      'breaches.discovered_in_future',
      'The discovery cannot lie in the future.',
      'body.discoveredAt',
    );
  }
  if (fields.occurredFrom && new Date(fields.occurredFrom) > now) {
    throw badRequest(
      'breaches.occurred_in_future',
      'The incident cannot start in the future.',
      'body.occurredFrom',
    );
  }
  if (
    fields.occurredFrom &&
    fields.occurredTo &&
    new Date(fields.occurredTo) < new Date(fields.occurredFrom)
  ) {
    throw badRequest(
      'breaches.occurred_period',
      'The incident cannot end before it started.',
      'body.occurredTo',
    );
  }
  for (const [i, code] of fields.serviceLineCodes.entries()) {
    if (!(await isActiveServiceLine(tx, code))) {
      throw badRequest(
        'breaches.unknown_service',
        `No active service "${code}".`,
        `body.serviceLineCodes.${i}`,
      );
    }
  }
  const found = await registerRepo.findPartiesByIds(tx, fields.partyIds);
  for (const [i, id] of fields.partyIds.entries()) {
    if (!found.some((p) => p.id === id)) {
      throw badRequest('breaches.unknown_subprocessor', 'No such sub-processor.', `body.partyIds.${i}`);
    }
  }
  if (fields.notifiable && fields.serviceLineCodes.length === 0 && fields.partyIds.length === 0) {
    throw badRequest(
      'breaches.scope_missing',
      'Name the affected services or sub-processors, so art28 can find the customers to tell.',
      'body.serviceLineCodes',
    );
  }
}

async function nextReference(tx: Tx, discoveredAt: Date) {
  const year = DateTime.fromJSDate(discoveredAt, { zone }).year;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(incidents)
    .where(sql`${incidents.reference} like ${`INC-${year}-%`}`);
  return `INC-${year}-${String((row?.n ?? 0) + 1).padStart(3, '0')}`;
}

// Keeps what staff decided; adds customers art28 now finds; refreshes what art28 proposes where staff did not
// override it. Nobody is silently dropped: a customer no longer found stays, for staff to exclude with a reason.
async function applyImpact(tx: Tx, ctx: Ctx, incident: IncidentRow) {
  const now = ctx.clock.now();
  const proposed = await computeImpact(tx, incident, now);
  const existing = new Map(
    (await tx.select().from(incidentCustomers).where(eq(incidentCustomers.incidentId, incident.id))).map(
      (r) => [r.customerId, r],
    ),
  );
  const fresh = proposed.filter((p) => !existing.has(p.customerId));
  for (let i = 0; i < fresh.length; i += 500) {
    await tx.insert(incidentCustomers).values(fresh.slice(i, i + 500));
  }
  for (const p of proposed) {
    const before = existing.get(p.customerId);
    if (before) {
      await tx
        .update(incidentCustomers)
        .set({
          matchedServiceLines: p.matchedServiceLines,
          matchedParties: p.matchedParties,
          agreementEnded: p.agreementEnded,
          ...(before.personsOverridden ? {} : { personsMin: p.personsMin, personsMax: p.personsMax }),
          updatedAt: now,
        })
        .where(eq(incidentCustomers.id, before.id));
    }
  }
  await recordAuditEvent(tx, ctx, {
    action: 'incident.impact_computed',
    entityType: 'incident',
    entityId: incident.id,
    after: { found: proposed.length, added: fresh.length, customerIds: fresh.map((f) => f.customerId) },
  });
  return { found: proposed.length, added: fresh.length };
}

export async function registerIncident(ctx: Ctx, fields: IncidentFields) {
  const id = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await checkFields(tx, fields, now);
    const discoveredAt = new Date(fields.discoveredAt);
    const [row] = await tx
      .insert(incidents)
      .values({
        ...fields,
        reference: await nextReference(tx, discoveredAt),
        discoveredAt,
        occurredFrom: fields.occurredFrom ? new Date(fields.occurredFrom) : null,
        occurredTo: fields.occurredTo ? new Date(fields.occurredTo) : null,
        status: 'open',
        createdBy: ctx.actor.label,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, ctx, {
      action: 'incident.registered',
      entityType: 'incident',
      entityId: row!.id,
      after: row,
    });
    if (row!.notifiable) {
      await applyImpact(tx, ctx, row!);
    }
    return row!.id;
  });
  return getIncident(ctx, id);
}

export async function recomputeImpact(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const incident = await incidentOrThrow(tx, id);
    if (incident.status === 'closed') {
      throw conflict('breaches.closed', 'This incident is closed.');
    }
    await applyImpact(tx, ctx, incident);
  });
  return listAffectedCustomers(ctx, id);
}

const nextStatus: Record<IncidentRow['status'], readonly IncidentRow['status'][]> = {
  open: ['contained', 'closed'],
  contained: ['closed'],
  closed: [],
};

export async function changeStatus(ctx: Ctx, id: string, status: 'contained' | 'closed', note?: string) {
  await ctx.db.transaction(async (tx) => {
    const before = await incidentOrThrow(tx, id);
    if (!nextStatus[before.status].includes(status)) {
      throw conflict(
        'breaches.status',
        `An incident that is ${before.status} cannot become ${status}.`,
        'body.status',
      );
    }
    const now = ctx.clock.now();
    await tx
      .update(incidents)
      .set({
        status,
        ...(status === 'contained'
          ? { containedAt: now, ongoing: false }
          : { closedAt: now, ongoing: false }),
        updatedAt: now,
      })
      .where(eq(incidents.id, id));
    await recordAuditEvent(tx, ctx, {
      action: `incident.${status}`,
      entityType: 'incident',
      entityId: id,
      before: { status: before.status },
      after: { status, note: note ?? null },
    });
  });
  return getIncident(ctx, id);
}

// ---- affected customers --------------------------------------------------------------------------------------

export async function listAffectedCustomers(ctx: ReadCtx, incidentId: string, customerId?: string) {
  await incidentOrThrow(ctx.db, incidentId);
  const rows = await ctx.db
    .select({ row: incidentCustomers, legalName: customers.legalName })
    .from(incidentCustomers)
    .innerJoin(customers, eq(customers.id, incidentCustomers.customerId))
    .where(
      and(
        eq(incidentCustomers.incidentId, incidentId),
        customerId ? eq(incidentCustomers.customerId, customerId) : undefined,
      ),
    )
    .orderBy(asc(customers.legalName));
  const ids = rows.map((r) => r.row.customerId);
  const [leads, calls, messages] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : ctx.db
          .select({
            customerId: customerContacts.customerId,
            name: customerContacts.name,
            phone: customerContacts.phone,
            roles: customerContacts.roles,
          })
          .from(customerContacts)
          .where(inArray(customerContacts.customerId, ids)),
    rows.length === 0
      ? Promise.resolve([])
      : ctx.db
          .select()
          .from(incidentCalls)
          .where(
            inArray(
              incidentCalls.incidentCustomerId,
              rows.map((r) => r.row.id),
            ),
          )
          .orderBy(asc(incidentCalls.calledAt)),
    rows.length === 0
      ? Promise.resolve([])
      : ctx.db
          .select({
            incidentCustomerId: incidentMessages.incidentCustomerId,
            author: incidentMessages.author,
            createdAt: incidentMessages.createdAt,
          })
          .from(incidentMessages)
          .where(
            inArray(
              incidentMessages.incidentCustomerId,
              rows.map((r) => r.row.id),
            ),
          )
          .orderBy(asc(incidentMessages.createdAt), asc(incidentMessages.id)),
  ]);
  const threads = new Map<string, { messages: number; unanswered: number; last: Date | null }>();
  for (const m of messages) {
    const thread = threads.get(m.incidentCustomerId) ?? { messages: 0, unanswered: 0, last: null };
    thread.messages++;
    // a question stays unanswered until staff write after it
    thread.unanswered = m.author === 'customer' ? thread.unanswered + 1 : 0;
    thread.last = m.createdAt;
    threads.set(m.incidentCustomerId, thread);
  }
  return rows.map(({ row, legalName }): AffectedCustomerView => {
    const thread = threads.get(row.id);
    // clause 8.1: the ICT lead ("ICT eindverantwoordelijke") is the one to phone
    const lead = leads.find((c) => c.customerId === row.customerId && c.roles.includes('ict-lead'));
    return {
      id: row.id,
      incidentId: row.incidentId,
      customerId: row.customerId,
      legalName,
      included: row.included,
      reasoning: row.reasoning,
      matchedServiceLines: row.matchedServiceLines,
      matchedParties: row.matchedParties,
      agreementEnded: row.agreementEnded,
      dataTypes: row.dataTypes,
      subjectsGroup: row.subjectsGroup,
      vulnerableGroup: row.vulnerableGroup,
      personsMin: row.personsMin,
      personsMax: row.personsMax,
      contactsKnown: row.contactsKnown,
      dueAt: row.dueAt.toISOString(),
      status: row.status,
      noticeSentAt: iso(row.noticeSentAt),
      lateByMinutes: row.lateByMinutes,
      lateReason: row.lateReason,
      acknowledgedAt: iso(row.acknowledgedAt),
      ictLead: lead ? { name: lead.name, phone: lead.phone } : null,
      calls: calls
        .filter((c) => c.incidentCustomerId === row.id)
        .map((c) => ({
          id: c.id,
          calledAt: c.calledAt.toISOString(),
          caller: c.caller,
          calleeName: c.calleeName,
          phoneNumber: c.phoneNumber,
          outcome: c.outcome,
          note: c.note,
        })),
      messages: thread?.messages ?? 0,
      unansweredQuestions: thread?.unanswered ?? 0,
      lastMessageAt: iso(thread?.last ?? null),
    };
  });
}

async function affectedOrThrow(tx: Tx, incidentId: string, customerId: string): Promise<CustomerRow> {
  const [row] = await tx
    .select()
    .from(incidentCustomers)
    .where(and(eq(incidentCustomers.incidentId, incidentId), eq(incidentCustomers.customerId, customerId)))
    .for('update');
  if (!row) {
    throw badRequest(
      'breaches.not_affected',
      'This customer is not among the affected customers of the incident.',
      'params.customerId',
    );
  }
  return row;
}

async function oneAffected(ctx: ReadCtx, incidentId: string, customerId: string) {
  return (await listAffectedCustomers(ctx, incidentId, customerId))[0]!;
}

export async function adjustAffectedCustomer(
  ctx: Ctx,
  incidentId: string,
  customerId: string,
  adjustment: ImpactAdjustment,
) {
  await ctx.db.transaction(async (tx) => {
    const incident = await incidentOrThrow(tx, incidentId);
    if (incident.status === 'closed') {
      throw conflict('breaches.closed', 'This incident is closed.');
    }
    const before = await affectedOrThrow(tx, incidentId, customerId);
    const min = adjustment.personsMin === undefined ? before.personsMin : adjustment.personsMin;
    const max = adjustment.personsMax === undefined ? before.personsMax : adjustment.personsMax;
    if (min !== null && max !== null && max < min) {
      throw badRequest(
        'breaches.persons_range',
        'The maximum cannot be below the minimum.',
        'body.personsMax',
      );
    }
    const personsChanged = adjustment.personsMin !== undefined || adjustment.personsMax !== undefined;
    const [after] = await tx
      .update(incidentCustomers)
      .set({
        included: adjustment.included,
        reasoning: adjustment.reasoning,
        ...(adjustment.dataTypes ? { dataTypes: adjustment.dataTypes } : {}),
        ...(adjustment.subjectsGroup ? { subjectsGroup: adjustment.subjectsGroup } : {}),
        ...(adjustment.vulnerableGroup === undefined ? {} : { vulnerableGroup: adjustment.vulnerableGroup }),
        ...(adjustment.contactsKnown ? { contactsKnown: adjustment.contactsKnown } : {}),
        personsMin: min,
        personsMax: max,
        personsOverridden: before.personsOverridden || personsChanged,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(incidentCustomers.id, before.id))
      .returning();
    await recordAuditEvent(tx, ctx, {
      action: 'incident.customer_adjusted',
      entityType: 'customer',
      entityId: customerId,
      before,
      after: { ...after, incidentReference: incident.reference },
    });
  });
  return oneAffected(ctx, incidentId, customerId);
}

// Clause 8.1: by phone, to the ICT lead. Every attempt is kept; the first call that reaches someone moves the
// obligation to "phoned". The written notice still has to follow.
export async function logCall(ctx: Ctx, incidentId: string, customerId: string, fields: CallFields) {
  const calledAt = new Date(fields.calledAt);
  if (calledAt > ctx.clock.now()) {
    throw badRequest('breaches.call_in_future', 'A call cannot be logged in the future.', 'body.calledAt');
  }
  await ctx.db.transaction(async (tx) => {
    const incident = await incidentOrThrow(tx, incidentId);
    const row = await affectedOrThrow(tx, incidentId, customerId);
    if (!row.included) {
      throw badRequest(
        'breaches.not_affected',
        'This customer was excluded from the incident; include it first.',
        'params.customerId',
      );
    }
    if (calledAt < incident.discoveredAt) {
      throw badRequest(
        'breaches.call_before_discovery',
        'The call is dated before the discovery.',
        'body.calledAt',
      );
    }
    const now = ctx.clock.now();
    const [call] = await tx
      .insert(incidentCalls)
      .values({
        incidentCustomerId: row.id,
        calledAt,
        caller: ctx.actor.label,
        calleeName: fields.calleeName,
        phoneNumber: fields.phoneNumber,
        outcome: fields.outcome,
        note: fields.note ?? null,
        createdAt: now,
      })
      .returning();
    if (fields.outcome === 'reached' && row.status === 'to_notify') {
      await tx
        .update(incidentCustomers)
        .set({ status: 'phoned', updatedAt: now })
        .where(eq(incidentCustomers.id, row.id));
    }
    await recordAuditEvent(tx, ctx, {
      action: 'incident.customer_phoned',
      entityType: 'customer',
      entityId: customerId,
      after: { ...call, incidentId, incidentReference: incident.reference },
    });
  });
  return oneAffected(ctx, incidentId, customerId);
}

// The open clause 8.1 obligations of every incident, soonest deadline first: the dashboard's list.
export async function listOpenObligations(ctx: ReadCtx, limit = 500) {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({
      id: incidentCustomers.id,
      incidentId: incidents.id,
      incidentReference: incidents.reference,
      incidentTitle: incidents.title,
      customerId: customers.id,
      legalName: customers.legalName,
      status: incidentCustomers.status,
      dueAt: incidentCustomers.dueAt,
    })
    .from(incidentCustomers)
    .innerJoin(incidents, eq(incidents.id, incidentCustomers.incidentId))
    .innerJoin(customers, eq(customers.id, incidentCustomers.customerId))
    .where(
      and(eq(incidentCustomers.included, true), inArray(incidentCustomers.status, ['to_notify', 'phoned'])),
    )
    .orderBy(asc(incidentCustomers.dueAt), asc(customers.legalName))
    .limit(limit);
  return rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), overdue: r.dueAt < now }));
}

// ---- headcounts -------------------------------------------------------------------------------------------------

export async function listHeadcounts(ctx: ReadCtx, customerId: string) {
  const rows = await ctx.db
    .select()
    .from(customerHeadcounts)
    .where(eq(customerHeadcounts.customerId, customerId))
    .orderBy(asc(customerHeadcounts.serviceLineCode));
  return rows.map((r) => ({ serviceLineCode: r.serviceLineCode, persons: r.persons, unit: r.unit }));
}

export async function saveHeadcounts(
  ctx: Ctx,
  customerId: string,
  items: { serviceLineCode: string; persons: number; unit: string }[],
) {
  await ctx.db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, customerId));
    if (!customer) {
      throw notFound('Customer');
    }
    for (const [i, item] of items.entries()) {
      if (!(await isActiveServiceLine(tx, item.serviceLineCode))) {
        throw badRequest(
          'breaches.unknown_service',
          `No active service "${item.serviceLineCode}".`,
          `body.items.${i}.serviceLineCode`,
        );
      }
    }
    const before = await listHeadcounts({ ...ctx, db: tx }, customerId);
    await tx.delete(customerHeadcounts).where(eq(customerHeadcounts.customerId, customerId));
    if (items.length > 0) {
      await tx
        .insert(customerHeadcounts)
        .values(items.map((item) => ({ ...item, customerId, updatedAt: ctx.clock.now() })));
    }
    await recordAuditEvent(tx, ctx, {
      action: 'customer.headcounts_saved',
      entityType: 'customer',
      entityId: customerId,
      before,
      after: items,
    });
  });
  return listHeadcounts(ctx, customerId);
}

// Facts become known over time (root cause, period, measures): staff complete the incident as they learn.
export async function updateIncident(ctx: Ctx, id: string, fields: IncidentFields) {
  await ctx.db.transaction(async (tx) => {
    const before = await incidentOrThrow(tx, id);
    if (before.status === 'closed') {
      throw conflict('breaches.closed', 'This incident is closed.');
    }
    await checkFields(tx, fields, ctx.clock.now());
    const discoveredAt = new Date(fields.discoveredAt);
    if (discoveredAt.getTime() !== before.discoveredAt.getTime()) {
      // every customer's clock runs from it: moving it would move deadlines already shown and phoned
      throw badRequest(
        'breaches.discovery_fixed',
        'The discovery time cannot change once registered; it starts every customer’s clock.',
        'body.discoveredAt',
      );
    }
    const [after] = await tx
      .update(incidents)
      .set({
        ...fields,
        discoveredAt,
        occurredFrom: fields.occurredFrom ? new Date(fields.occurredFrom) : null,
        occurredTo: fields.occurredTo ? new Date(fields.occurredTo) : null,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(incidents.id, id))
      .returning();
    await recordAuditEvent(tx, ctx, {
      action: 'incident.updated',
      entityType: 'incident',
      entityId: id,
      before,
      after,
    });
  });
  return getIncident(ctx, id);
}
