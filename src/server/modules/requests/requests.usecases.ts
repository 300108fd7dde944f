import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import {
  assistanceDueAt,
  controllerDeadline,
  deadlineZone,
  heldDaysOf,
  localDateOf,
} from '../../../shared/deadlines.ts';
import { liftableRights } from '../../../shared/requests.ts';
import type { Ctx } from '../../context.ts';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { seal, unseal } from '../../keys.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { servicesOnRecord } from '../customers/customers.models.ts';
import { customers } from '../customers/customers.table.ts';
import { getCustomer } from '../customers/customers.usecases.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import { notifyStaff } from '../portal/portal.notify.ts';
import { loadSnapshot } from '../register/register.usecases.ts';
import { consentRecipients } from '../subprocessors/subprocessors.repository.ts';
import { subprocessorProfiles } from '../subprocessors/subprocessors.table.ts';
import { consentsForCustomer } from '../subprocessors/subprocessors.usecases.ts';
import { connectorFor } from './requests.connectors.ts';
import { statusChanged } from './requests.events.ts';
import { buildPackage, packageContentType, packageLifetimeDays } from './requests.package.ts';
import type {
  IdentityInput,
  RequestDetail,
  RequestFields,
  RequestView,
  StaffRequestFields,
  TaskUpdate,
  TaskView,
} from './requests.schemas.ts';
import {
  dsrEvidence,
  dsrPackages,
  dsrRequests,
  dsrTasks,
  dsrWarnings,
  type identityTypes,
  type MaskedIdentity,
  type requestStatuses,
} from './requests.table.ts';

type RequestRow = typeof dsrRequests.$inferSelect;
type TaskRow = typeof dsrTasks.$inferSelect;
type EvidenceRow = Omit<typeof dsrEvidence.$inferSelect, 'bytes'>;
type Status = (typeof requestStatuses)[number];
// What the use cases that read or write identities need besides the context: the data key (keys.ts), and where
// links in e-mails point.
export type Keys = { dataKey: Buffer; publicUrl: string };

export type Identity = { type: (typeof identityTypes)[number]; value: string; format: 'raw' | 'sha256' };

const finished: readonly Status[] = ['completed', 'rejected', 'cancelled'];
export const isFinished = (status: Status) => finished.includes(status);

// ---- identities -------------------------------------------------------------------------------------------

// Enough to recognise which person it is on a screen, not enough to find them elsewhere.
export function maskIdentity(identity: Identity): string {
  const { value } = identity;
  if (identity.format === 'sha256') {
    return `sha256:${value.slice(0, 8)}…`;
  }
  if (identity.type === 'email') {
    const [local = '', domain = ''] = value.split('@');
    const dot = domain.lastIndexOf('.');
    return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***${dot > 0 ? domain.slice(dot) : ''}`;
  }
  if (identity.type === 'phone') {
    return `${value.slice(0, 3)}******${value.slice(-2)}`;
  }
  if (value.length <= 3) {
    return '***';
  }
  return `${value.slice(0, 1)}***${value.slice(-1)}`;
}

function sealIdentities(keys: Keys, identities: Identity[]) {
  return {
    identitiesSealed: seal(keys.dataKey, JSON.stringify(identities)),
    identitiesMasked: identities.map(
      (i): MaskedIdentity => ({ type: i.type, format: i.format, masked: maskIdentity(i) }),
    ),
  };
}

function openIdentities(keys: Keys, row: Pick<RequestRow, 'identitiesSealed'>): Identity[] {
  return row.identitiesSealed ? (JSON.parse(unseal(keys.dataKey, row.identitiesSealed)) as Identity[]) : [];
}

// ---- tasks from the register --------------------------------------------------------------------------------

type PlannedTask = Omit<
  typeof dsrTasks.$inferInsert,
  'requestId' | 'customerId' | 'dueAt' | 'createdAt' | 'updatedAt'
>;

// Seed 3.6 and Annex 1: every place that holds this customer's data in the services in scope — our own systems per
// service line, and every sub-processor active for the customer (without consent it holds none of their data).
// The Administratie rows are the processor's own (controller) data and not part of the assistance.
export async function planTasks(ctx: Pick<Ctx, 'db' | 'clock'>, customerId: string, scope: string[]) {
  const [snapshot, consents] = [await loadSnapshot(ctx.db), await consentsForCustomer(ctx, customerId)];
  const active = new Set(consents.filter((c) => c.active).map((c) => c.partyId));
  const lines = new Map(snapshot.serviceLines.map((l) => [l.code, l]));
  const entries = snapshot.entries.filter(
    (e) => e.retiredAt === null && e.processorRole === 'processor' && scope.includes(e.serviceLine),
  );
  const own = new Map<string, typeof entries>();
  const atParty = new Map<string, { name: string; entries: typeof entries }>();
  for (const entry of entries) {
    if (entry.processedByProcessor) {
      own.set(entry.serviceLine, [...(own.get(entry.serviceLine) ?? []), entry]);
    }
    for (const sub of entry.subprocessors) {
      if (active.has(sub.id)) {
        const at = atParty.get(sub.id) ?? { name: sub.name, entries: [] };
        at.entries.push(entry);
        atParty.set(sub.id, at);
      }
    }
  }
  const planned: PlannedTask[] = [];
  const describe = (list: typeof entries) => ({
    serviceLineCodes: [...new Set(list.map((e) => e.serviceLine))],
    entryIds: list.map((e) => e.id),
    dataTypes: list.map((e) => ({ nl: e.dataTypeNl, en: e.dataTypeEn })),
  });
  for (const [code, list] of own) {
    planned.push({
      kind: 'processor',
      partyId: null,
      title: `${lines.get(code)?.nameNl ?? code} — eigen systemen`,
      connector: connectorFor({ kind: 'processor', serviceLineCodes: [code] }),
      ...describe(list),
      status: 'open',
      position: planned.length,
    });
  }
  for (const [partyId, at] of [...atParty].sort((a, b) => a[1].name.localeCompare(b[1].name, 'nl'))) {
    planned.push({
      kind: 'subprocessor',
      partyId,
      title: at.name,
      connector: connectorFor({ kind: 'subprocessor', partyName: at.name }),
      ...describe(at.entries),
      status: 'open',
      position: planned.length,
    });
  }
  return planned;
}

// ---- intake -------------------------------------------------------------------------------------------------

async function nextReference(tx: Tx, receivedAt: Date) {
  const year = DateTime.fromJSDate(receivedAt, { zone: deadlineZone }).year;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(dsrRequests)
    .where(sql`${dsrRequests.reference} like ${`DSR-${year}-%`}`);
  return `DSR-${year}-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}

async function customerScope(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  customerId: string,
  asked: string[] | undefined,
) {
  const customer = await getCustomer(ctx, customerId);
  const taken = [
    ...new Set(customer.agreements.flatMap((a) => servicesOnRecord(a).map((s) => s.serviceLineCode))),
  ];
  if (!asked || asked.length === 0) {
    if (taken.length === 0) {
      throw badRequest(
        'requests.no_services',
        'This customer takes no services, so the processor holds none of its data to search.',
        'body.scope',
      );
    }
    return { customer, scope: taken };
  }
  const unknown = asked.find((code) => !taken.includes(code));
  if (unknown !== undefined) {
    throw badRequest(
      'requests.scope_unknown',
      `The customer does not take the service ${unknown}; choose from ${taken.join(', ') || 'none'}.`,
      'body.scope',
    );
  }
  return { customer, scope: [...new Set(asked)] };
}

export type Intake = {
  channel: RequestRow['channel'];
  receivedAt?: Date;
  opendsr?: {
    subjectRequestId: string;
    submittedTime: Date;
    regulation: string;
    callbackUrls: string[];
    apiTokenId: string | null;
  };
};

// Seed 3.6: one request, its 14-day clock, and a task per place that holds the data — in one transaction.
export async function submitRequest(
  ctx: Ctx,
  keys: Keys,
  customerId: string,
  fields: RequestFields & { identities: (IdentityInput | Identity)[] },
  intake: Intake,
): Promise<RequestDetail> {
  const now = ctx.clock.now();
  const receivedAt = intake.receivedAt ?? now;
  if (receivedAt > now) {
    throw badRequest(
      'requests.received_in_future',
      'The request cannot have arrived in the future.',
      'body.receivedAt',
    );
  }
  if (fields.customerReceivedOn && fields.customerReceivedOn > localDateOf(now)) {
    throw badRequest(
      'requests.customer_received_in_future',
      'The person cannot have asked you on a date still to come.',
      'body.customerReceivedOn',
    );
  }
  if ((fields.rightType === 'rectification' || fields.rightType === 'completion') && !fields.notes?.trim()) {
    throw badRequest(
      'requests.correction_missing',
      'Say what must be corrected or completed, so we know what to change.',
      'body.notes',
    );
  }
  const { scope } = await customerScope(ctx, customerId, fields.scope);
  const planned = await planTasks(ctx, customerId, scope);
  const identities: Identity[] = fields.identities.map((i) => ({
    type: i.type,
    value: i.value,
    format: 'format' in i ? (i as Identity).format : 'raw',
  }));
  const dueAt = assistanceDueAt(receivedAt);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dsrRequests)
      .values({
        reference: await nextReference(tx, receivedAt),
        customerId,
        channel: intake.channel,
        rightType: fields.rightType,
        receivedAt,
        customerReceivedOn: fields.customerReceivedOn ?? null,
        customerDeadlineExtended: fields.customerDeadlineExtended ?? false,
        ...sealIdentities(keys, identities),
        scope,
        customerNotes: fields.notes?.trim() || null,
        status: 'received',
        dueAt,
        subjectRequestId: intake.opendsr?.subjectRequestId ?? null,
        submittedTime: intake.opendsr?.submittedTime ?? null,
        regulation: intake.opendsr?.regulation ?? null,
        callbackUrls: intake.opendsr?.callbackUrls ?? [],
        apiTokenId: intake.opendsr?.apiTokenId ?? null,
        createdBy: ctx.actor.label,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const request = row!;
    if (planned.length > 0) {
      await tx.insert(dsrTasks).values(
        planned.map((p) => ({
          ...p,
          requestId: request.id,
          customerId,
          dueAt,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    await recordAuditEvent(tx, ctx, {
      action: 'request.received',
      entityType: 'dsr_request',
      entityId: request.id,
      after: {
        reference: request.reference,
        customerId,
        channel: request.channel,
        rightType: request.rightType,
        dueAt: dueAt.toISOString(),
        identities: request.identitiesMasked,
        scope,
        tasks: planned.map((p) => p.title),
      },
    });
    if (intake.channel !== 'email' && intake.channel !== 'phone') {
      await notifyStaff(tx, ctx, keys, customerId, {
        subject: (name) => `Verzoek van een betrokkene (${request.reference}) van ${name}`,
        paragraphs: [
          `${name(request.rightType)}: de klant vraagt om medewerking (artikel 3.6). Uiterlijk ${formatLocal(dueAt)} afronden.`,
        ],
        action: { label: 'Verzoek openen in art28', url: `${keys.publicUrl}/requests/${request.id}` },
      });
    }
    await statusChanged(tx, ctx, request);
    return request.id;
  });
  return getRequest(ctx, id);
}

const rightNamesNl: Record<RequestRow['rightType'], string> = {
  access: 'Inzage',
  rectification: 'Rectificatie',
  completion: 'Aanvulling',
  erasure: 'Wissen',
  restriction: 'Beperking',
  objection: 'Bezwaar',
  portability: 'Overdraagbaarheid',
};
const name = (right: RequestRow['rightType']) => rightNamesNl[right];

export const formatLocal = (at: Date, locale: 'nl' | 'en' = 'nl') =>
  DateTime.fromJSDate(at, { zone: deadlineZone })
    .setLocale(locale === 'nl' ? 'nl-NL' : 'en-GB')
    .toFormat(locale === 'nl' ? "d MMMM yyyy 'om' HH:mm" : "d MMMM yyyy 'at' HH:mm");

export function submitByStaff(ctx: Ctx, keys: Keys, fields: StaffRequestFields) {
  return submitRequest(ctx, keys, fields.customerId, fields, {
    channel: fields.channel,
    receivedAt: new Date(fields.receivedAt),
  });
}

// ---- reading ------------------------------------------------------------------------------------------------

function present(
  row: RequestRow,
  customer: { legalName: string },
  counts: { total: number; done: number },
  pkg: typeof dsrPackages.$inferSelect | null,
): RequestView {
  return {
    id: row.id,
    reference: row.reference,
    customer: { id: row.customerId, legalName: customer.legalName },
    channel: row.channel,
    rightType: row.rightType,
    receivedAt: row.receivedAt.toISOString(),
    customerReceivedOn: row.customerReceivedOn,
    customerDeadlineExtended: row.customerDeadlineExtended,
    customerDeadline: row.customerReceivedOn
      ? controllerDeadline(row.customerReceivedOn, row.customerDeadlineExtended)
      : null,
    identities: row.identitiesMasked,
    identitiesErased: row.identitiesErasedAt !== null,
    scope: row.scope,
    notes: row.customerNotes,
    status: row.status,
    statusReason: row.statusReason,
    dueAt: row.dueAt.toISOString(),
    heldDays: row.heldDays,
    onHoldSince: row.holdStartedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    liftable: liftableRights.includes(row.rightType) && row.status === 'completed' && row.liftedAt === null,
    liftedAt: row.liftedAt?.toISOString() ?? null,
    liftedReason: row.liftedReason,
    tasks: counts,
    subjectRequestId: row.subjectRequestId,
    package: pkg
      ? {
          fileName: pkg.fileName,
          size: pkg.size,
          expiresAt: pkg.expiresAt.toISOString(),
          deleted: pkg.deletedAt !== null,
        }
      : null,
    createdBy: row.createdBy,
  };
}

export async function listRequests(
  ctx: Pick<Ctx, 'db'>,
  filter: { customerId?: string | undefined; status?: Status | 'open' | undefined } = {},
): Promise<RequestView[]> {
  const conditions = [
    filter.customerId ? eq(dsrRequests.customerId, filter.customerId) : undefined,
    filter.status === 'open'
      ? notInArray(dsrRequests.status, [...finished])
      : filter.status
        ? eq(dsrRequests.status, filter.status)
        : undefined,
  ].filter((c) => c !== undefined);
  const rows = await ctx.db
    .select({ request: dsrRequests, legalName: customers.legalName })
    .from(dsrRequests)
    .innerJoin(customers, eq(customers.id, dsrRequests.customerId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(filter.status === 'open' ? asc(dsrRequests.dueAt) : desc(dsrRequests.receivedAt))
    .limit(2000);
  const ids = rows.map((r) => r.request.id);
  const counts =
    ids.length === 0
      ? []
      : await ctx.db
          .select({
            requestId: dsrTasks.requestId,
            total: sql<number>`count(*)::int`,
            done: sql<number>`count(*) filter (where ${dsrTasks.status} = 'done')::int`,
          })
          .from(dsrTasks)
          .where(inArray(dsrTasks.requestId, ids))
          .groupBy(dsrTasks.requestId);
  const packages =
    ids.length === 0
      ? []
      : await ctx.db.select().from(dsrPackages).where(inArray(dsrPackages.requestId, ids));
  const countBy = new Map(counts.map((c) => [c.requestId, c]));
  const packageBy = new Map(packages.map((p) => [p.requestId, p]));
  return rows.map((r) =>
    present(
      r.request,
      { legalName: r.legalName },
      countBy.get(r.request.id) ?? { total: 0, done: 0 },
      packageBy.get(r.request.id) ?? null,
    ),
  );
}

// A request by id; with `customerId` only when it is that customer's (portal, OpenDSR), else 404 as if absent.
export async function findRequestRow(db: DbOrTx, id: string, customerId?: string) {
  const [row] = await db
    .select()
    .from(dsrRequests)
    .where(
      customerId
        ? and(eq(dsrRequests.id, id), eq(dsrRequests.customerId, customerId))
        : eq(dsrRequests.id, id),
    );
  if (!row) {
    throw notFound('Request');
  }
  return row;
}

async function evidenceOf(db: DbOrTx, requestId: string): Promise<EvidenceRow[]> {
  return db
    .select({
      id: dsrEvidence.id,
      taskId: dsrEvidence.taskId,
      requestId: dsrEvidence.requestId,
      customerId: dsrEvidence.customerId,
      note: dsrEvidence.note,
      fileName: dsrEvidence.fileName,
      contentType: dsrEvidence.contentType,
      size: dsrEvidence.size,
      sha256: dsrEvidence.sha256,
      erasedAt: dsrEvidence.erasedAt,
      createdBy: dsrEvidence.createdBy,
      createdAt: dsrEvidence.createdAt,
    })
    .from(dsrEvidence)
    .where(eq(dsrEvidence.requestId, requestId))
    .orderBy(asc(dsrEvidence.createdAt));
}

export async function getRequest(
  ctx: Pick<Ctx, 'db'>,
  id: string,
  options: { customerId?: string } = {},
): Promise<RequestDetail> {
  const row = await findRequestRow(ctx.db, id, options.customerId);
  const [customer] = await ctx.db
    .select({ legalName: customers.legalName })
    .from(customers)
    .where(eq(customers.id, row.customerId));
  const tasks = await ctx.db
    .select({ task: dsrTasks, contactEmail: subprocessorProfiles.contactEmail })
    .from(dsrTasks)
    .leftJoin(subprocessorProfiles, eq(subprocessorProfiles.partyId, dsrTasks.partyId))
    .where(eq(dsrTasks.requestId, id))
    .orderBy(asc(dsrTasks.position));
  const evidence = await evidenceOf(ctx.db, id);
  const [pkg] = await ctx.db.select().from(dsrPackages).where(eq(dsrPackages.requestId, id));
  const taskList: TaskView[] = tasks.map(({ task, contactEmail }) => ({
    id: task.id,
    kind: task.kind,
    title: task.title,
    party: task.partyId ? { id: task.partyId, name: task.title, contactEmail: contactEmail ?? null } : null,
    serviceLineCodes: task.serviceLineCodes,
    dataTypes: task.dataTypes,
    connector: task.connector,
    owner: task.ownerUserId ? { id: task.ownerUserId, name: task.ownerName ?? '' } : null,
    dueAt: task.dueAt.toISOString(),
    status: task.status,
    outcome: task.outcome,
    outcomeNote: task.outcomeNote,
    requestedAt: task.requestedAt?.toISOString() ?? null,
    requestedTo: task.requestedTo,
    completedAt: task.completedAt?.toISOString() ?? null,
    completedBy: task.completedBy,
    evidence: evidence
      .filter((e) => e.taskId === task.id)
      .map((e) => ({
        id: e.id,
        taskId: e.taskId,
        note: e.note,
        fileName: e.fileName,
        contentType: e.contentType,
        size: e.size,
        sha256: e.sha256,
        erased: e.erasedAt !== null,
        createdBy: e.createdBy,
        createdAt: e.createdAt.toISOString(),
      })),
  }));
  return {
    ...present(
      row,
      customer ?? { legalName: '' },
      { total: taskList.length, done: taskList.filter((t) => t.status === 'done').length },
      pkg ?? null,
    ),
    taskList,
    response: row.response,
  };
}

// Staff need the person's identity to search for it; every look is in the audit log.
export async function revealIdentities(ctx: Ctx, keys: Keys, id: string) {
  const row = await findRequestRow(ctx.db, id);
  if (row.identitiesErasedAt) {
    throw conflict(
      'requests.identities_erased',
      'The identities were erased after the retention period; only the evidence of handling remains.',
      'id',
    );
  }
  const identities = openIdentities(keys, row);
  await ctx.db.transaction(async (tx) => {
    await recordAuditEvent(tx, ctx, {
      action: 'request.identities_viewed',
      entityType: 'dsr_request',
      entityId: id,
      after: { reference: row.reference },
    });
  });
  return { items: identities };
}

// ---- status -------------------------------------------------------------------------------------------------

function checkOpen(row: RequestRow) {
  if (isFinished(row.status)) {
    throw conflict('requests.finished', `The request is already ${row.status}.`, 'status');
  }
}

// Leaving a hold moves the due date (and that of every open task) by the days it lasted (decisions.md).
async function endHold(tx: Tx, row: RequestRow, now: Date) {
  if (row.status !== 'on_hold' || !row.holdStartedAt) {
    return {};
  }
  const heldDays = row.heldDays + heldDaysOf(row.holdStartedAt, now);
  const dueAt = assistanceDueAt(row.receivedAt, heldDays);
  // the warnings count down to the new due date from scratch
  await tx.delete(dsrWarnings).where(eq(dsrWarnings.requestId, row.id));
  await tx
    .update(dsrTasks)
    .set({ dueAt, updatedAt: now })
    .where(and(eq(dsrTasks.requestId, row.id), ne(dsrTasks.status, 'done')));
  return { heldDays, dueAt, holdStartedAt: null };
}

export async function changeStatus(
  ctx: Ctx,
  id: string,
  change: {
    status: 'in_progress' | 'on_hold' | 'rejected' | 'cancelled';
    reason?: string | null | undefined;
  },
  options: { customerId?: string } = {},
): Promise<RequestDetail> {
  await ctx.db.transaction(async (tx) => {
    const row = await findRequestRow(tx, id, options.customerId);
    checkOpen(row);
    const reason = change.reason?.trim() || null;
    if ((change.status === 'rejected' || change.status === 'on_hold') && !reason) {
      throw badRequest(
        'requests.reason_required',
        change.status === 'rejected'
          ? 'Say why, for example that we hold no data of this person or that it is out of scope.'
          : 'Say what we are waiting for from the customer.',
        'body.reason',
      );
    }
    if (change.status === row.status) {
      throw conflict('requests.same_status', `The request is already ${row.status}.`, 'body.status');
    }
    const now = ctx.clock.now();
    const patch = {
      ...(await endHold(tx, row, now)),
      ...(change.status === 'on_hold' ? { holdStartedAt: now } : {}),
      status: change.status,
      statusReason: reason,
      ...(change.status === 'rejected' || change.status === 'cancelled' ? { completedAt: now } : {}),
      updatedAt: now,
    };
    const [after] = await tx.update(dsrRequests).set(patch).where(eq(dsrRequests.id, id)).returning();
    await recordAuditEvent(tx, ctx, {
      action: `request.${change.status}`,
      entityType: 'dsr_request',
      entityId: id,
      before: { status: row.status, dueAt: row.dueAt.toISOString() },
      after: { status: after!.status, dueAt: after!.dueAt.toISOString(), reason },
    });
    await statusChanged(tx, ctx, after!);
  });
  return getRequest(ctx, id);
}

// Art. 18(3) and 21: a restriction or objection the customer lifts later; the tasks' systems can resume.
export async function liftRequest(
  ctx: Ctx,
  id: string,
  reason: string,
  options: { customerId?: string } = {},
) {
  await ctx.db.transaction(async (tx) => {
    const row = await findRequestRow(tx, id, options.customerId);
    if (!liftableRights.includes(row.rightType) || row.status !== 'completed' || row.liftedAt !== null) {
      throw conflict(
        'requests.not_liftable',
        'Only a completed restriction or objection can be lifted, once.',
        'rightType',
      );
    }
    const now = ctx.clock.now();
    await tx
      .update(dsrRequests)
      .set({ liftedAt: now, liftedReason: reason, updatedAt: now })
      .where(eq(dsrRequests.id, id));
    await recordAuditEvent(tx, ctx, {
      action: 'request.lifted',
      entityType: 'dsr_request',
      entityId: id,
      after: { reason },
    });
  });
  return getRequest(ctx, id);
}

// ---- tasks --------------------------------------------------------------------------------------------------

async function findTask(tx: DbOrTx, requestId: string, taskId: string) {
  const [task] = await tx
    .select()
    .from(dsrTasks)
    .where(and(eq(dsrTasks.id, taskId), eq(dsrTasks.requestId, requestId)));
  if (!task) {
    throw notFound('Task');
  }
  return task;
}

// The first work on a task starts the request.
async function startIfReceived(tx: Tx, ctx: Ctx, row: RequestRow) {
  if (row.status !== 'received') {
    return;
  }
  const now = ctx.clock.now();
  const [after] = await tx
    .update(dsrRequests)
    .set({ status: 'in_progress', updatedAt: now })
    .where(eq(dsrRequests.id, row.id))
    .returning();
  await recordAuditEvent(tx, ctx, {
    action: 'request.in_progress',
    entityType: 'dsr_request',
    entityId: row.id,
    before: { status: row.status },
    after: { status: 'in_progress' },
  });
  await statusChanged(tx, ctx, after!);
}

export async function updateTask(
  ctx: Ctx,
  requestId: string,
  taskId: string,
  update: TaskUpdate,
  owner?: { id: string; name: string } | null,
): Promise<RequestDetail> {
  await ctx.db.transaction(async (tx) => {
    const row = await findRequestRow(tx, requestId);
    checkOpen(row);
    const task = await findTask(tx, requestId, taskId);
    if (update.outcome === 'not_possible' && !update.outcomeNote?.trim()) {
      throw badRequest('requests.reason_required', 'Say why it was not possible.', 'body.outcomeNote');
    }
    const now = ctx.clock.now();
    const completes = update.outcome !== undefined;
    const patch: Partial<TaskRow> = {
      ...(owner !== undefined ? { ownerUserId: owner?.id ?? null, ownerName: owner?.name ?? null } : {}),
      ...(update.outcomeNote !== undefined ? { outcomeNote: update.outcomeNote?.trim() || null } : {}),
      ...(completes
        ? { outcome: update.outcome, status: 'done', completedAt: now, completedBy: ctx.actor.label }
        : {}),
      updatedAt: now,
    };
    const [after] = await tx.update(dsrTasks).set(patch).where(eq(dsrTasks.id, taskId)).returning();
    await recordAuditEvent(tx, ctx, {
      action: completes ? 'request.task_done' : 'request.task_updated',
      entityType: 'dsr_request',
      entityId: requestId,
      before: { task: task.title, status: task.status, outcome: task.outcome, owner: task.ownerName },
      after: { task: after!.title, status: after!.status, outcome: after!.outcome, owner: after!.ownerName },
    });
    await startIfReceived(tx, ctx, row);
  });
  return getRequest(ctx, requestId);
}

export async function reopenTask(ctx: Ctx, requestId: string, taskId: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await findRequestRow(tx, requestId);
    checkOpen(row);
    const task = await findTask(tx, requestId, taskId);
    const now = ctx.clock.now();
    await tx
      .update(dsrTasks)
      .set({ status: 'open', outcome: null, completedAt: null, completedBy: null, updatedAt: now })
      .where(eq(dsrTasks.id, taskId));
    await recordAuditEvent(tx, ctx, {
      action: 'request.task_reopened',
      entityType: 'dsr_request',
      entityId: requestId,
      before: { task: task.title, outcome: task.outcome },
    });
  });
  return getRequest(ctx, requestId);
}

export const maxEvidenceBytes = 20 * 1024 * 1024;

export async function addEvidence(
  ctx: Ctx,
  requestId: string,
  taskId: string,
  input: { note?: string | null; file?: { fileName: string; contentType: string; bytes: Buffer } },
): Promise<RequestDetail> {
  if (!input.note?.trim() && !input.file) {
    throw badRequest('requests.evidence_empty', 'Add a note or a file.', 'body.note');
  }
  if (input.file && input.file.bytes.length === 0) {
    throw badRequest('requests.evidence_empty_file', 'The file is empty.', 'body.dataBase64');
  }
  await ctx.db.transaction(async (tx) => {
    const row = await findRequestRow(tx, requestId);
    checkOpen(row);
    await findTask(tx, requestId, taskId);
    const now = ctx.clock.now();
    const [evidence] = await tx
      .insert(dsrEvidence)
      .values({
        taskId,
        requestId,
        customerId: row.customerId,
        note: input.note?.trim() || null,
        fileName: input.file?.fileName ?? null,
        contentType: input.file?.contentType ?? null,
        bytes: input.file?.bytes ?? null,
        size: input.file?.bytes.length ?? null,
        sha256: input.file ? createHash('sha256').update(input.file.bytes).digest('hex') : null,
        createdBy: ctx.actor.label,
        createdAt: now,
      })
      .returning({ id: dsrEvidence.id, sha256: dsrEvidence.sha256, fileName: dsrEvidence.fileName });
    await recordAuditEvent(tx, ctx, {
      action: 'request.evidence_added',
      entityType: 'dsr_request',
      entityId: requestId,
      after: { taskId, evidenceId: evidence!.id, fileName: evidence!.fileName, sha256: evidence!.sha256 },
    });
    await startIfReceived(tx, ctx, row);
  });
  return getRequest(ctx, requestId);
}

export async function getEvidenceFile(ctx: Pick<Ctx, 'db'>, requestId: string, evidenceId: string) {
  const [row] = await ctx.db
    .select()
    .from(dsrEvidence)
    .where(and(eq(dsrEvidence.id, evidenceId), eq(dsrEvidence.requestId, requestId)));
  if (!row?.bytes) {
    throw notFound('Evidence file');
  }
  return {
    contentType: row.contentType ?? 'application/octet-stream',
    fileName: row.fileName ?? 'evidence',
    body: row.bytes,
  };
}

const rightWordsNl: Record<RequestRow['rightType'], string> = {
  access: 'inzage in de persoonsgegevens',
  rectification: 'rectificatie van de persoonsgegevens',
  completion: 'aanvulling van de persoonsgegevens',
  erasure: 'het wissen van de persoonsgegevens',
  restriction: 'beperking van de verwerking',
  objection: 'het staken van de verwerking na bezwaar',
  portability: 'een overdraagbare kopie van de persoonsgegevens',
};

// Clause 3.5 flows 3.6 down: the sub-processor assists us as we assist the customer. The e-mail carries the
// person's identities (marked sensitive, so the outbox never shows them) and what to look for.
export async function askSubprocessor(ctx: Ctx, keys: Keys, requestId: string, taskId: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await findRequestRow(tx, requestId);
    checkOpen(row);
    const task = await findTask(tx, requestId, taskId);
    if (task.kind !== 'subprocessor' || !task.partyId) {
      throw badRequest('requests.not_subprocessor', 'Only a sub-processor task can be sent out.', 'taskId');
    }
    const [profile] = await tx
      .select({
        contactEmail: subprocessorProfiles.contactEmail,
        contactName: subprocessorProfiles.contactName,
      })
      .from(subprocessorProfiles)
      .where(eq(subprocessorProfiles.partyId, task.partyId));
    if (!profile?.contactEmail) {
      throw badRequest(
        'requests.no_subprocessor_contact',
        `Record a contact e-mail address for ${task.title} on its sub-processor page first.`,
        'partyId',
      );
    }
    if (row.identitiesErasedAt) {
      throw conflict('requests.identities_erased', 'The identities were erased.', 'id');
    }
    const identities = openIdentities(keys, row);
    const now = ctx.clock.now();
    await queueEmail(tx, ctx, {
      to: profile.contactEmail,
      template: 'notice',
      locale: 'nl',
      sensitive: true,
      data: {
        subject: `Verzoek om medewerking ${row.reference}: ${rightWordsNl[row.rightType]}`,
        paragraphs: [
          `Een van onze klanten heeft een verzoek ontvangen van een betrokkene die zijn rechten uitoefent: ${rightWordsNl[row.rightType]}. Op grond van onze verwerkersovereenkomst vragen wij uw medewerking.`,
          `Het gaat om: ${task.dataTypes.map((d) => d.nl).join('; ')}.`,
          `De betrokkene is te herkennen aan: ${identities.map((i) => `${i.type} ${i.value}`).join('; ')}.`,
          row.customerNotes ? `Toelichting: ${row.customerNotes}` : '',
          `Graag uw antwoord uiterlijk ${formatLocal(new Date(Math.min(row.dueAt.getTime(), now.getTime() + 7 * 86_400_000)))}: wat u hebt gevonden en wat u hebt gedaan. Vermeld ons kenmerk ${row.reference}.`,
        ].filter((p) => p !== ''),
      },
      related: { type: 'customer', id: row.customerId },
    });
    await tx
      .update(dsrTasks)
      .set({ status: 'requested', requestedAt: now, requestedTo: profile.contactEmail, updatedAt: now })
      .where(eq(dsrTasks.id, taskId));
    await recordAuditEvent(tx, ctx, {
      action: 'request.subprocessor_asked',
      entityType: 'dsr_request',
      entityId: requestId,
      after: { task: task.title, to: profile.contactEmail },
    });
    await startIfReceived(tx, ctx, row);
  });
  return getRequest(ctx, requestId);
}

// ---- completion ---------------------------------------------------------------------------------------------

const outcomeWords = {
  found: { nl: 'gevonden', en: 'found' },
  not_found: { nl: 'niet gevonden', en: 'not found' },
  done: { nl: 'uitgevoerd', en: 'done' },
  not_possible: { nl: 'niet mogelijk', en: 'not possible' },
} as const;

// What the customer can download once we are done (requests.package.ts builds it).
const downloadNl: Partial<Record<RequestRow['rightType'], string>> = {
  access: ', en kunt u het exportpakket downloaden',
  portability: ', en kunt u het exportpakket downloaden',
  erasure: ', en kunt u onze verklaring downloaden van wat waar is gewist',
};
const downloadEn: Partial<Record<RequestRow['rightType'], string>> = {
  access: ', and holds the export package to download',
  portability: ', and holds the export package to download',
  erasure: ', and holds our statement of what was erased where',
};

// Seed 3.6: when every task is done, what we found and did per system goes to the customer; for access and
// portability with an export package, for erasure as a statement of what was erased where.
export async function completeRequest(ctx: Ctx, keys: Keys, id: string): Promise<RequestDetail> {
  await ctx.db.transaction(async (tx) => {
    const row = await findRequestRow(tx, id);
    checkOpen(row);
    if (row.status === 'on_hold') {
      throw conflict('requests.on_hold', 'Resume the request before completing it.', 'status');
    }
    const tasks = await tx
      .select()
      .from(dsrTasks)
      .where(eq(dsrTasks.requestId, id))
      .orderBy(asc(dsrTasks.position));
    const open = tasks.filter((t) => t.status !== 'done');
    if (open.length > 0) {
      throw conflict(
        'requests.tasks_open',
        `Finish every task first: ${open.map((t) => t.title).join(', ')}.`,
        'tasks',
      );
    }
    const now = ctx.clock.now();
    const [customer] = await tx.select().from(customers).where(eq(customers.id, row.customerId));
    const response = {
      reference: row.reference,
      rightType: row.rightType,
      completedAt: now.toISOString(),
      late: now > row.dueAt,
      systems: tasks.map((t) => ({
        title: t.title,
        kind: t.kind,
        dataTypes: t.dataTypes,
        outcome: t.outcome,
        outcomeNl: t.outcome ? outcomeWords[t.outcome].nl : null,
        outcomeEn: t.outcome ? outcomeWords[t.outcome].en : null,
        note: t.outcomeNote,
        completedAt: t.completedAt?.toISOString() ?? null,
      })),
    };
    // access and portability: the export package; erasure: the statement of what was erased where
    if (row.rightType === 'access' || row.rightType === 'portability' || row.rightType === 'erasure') {
      const files = await tx.select().from(dsrEvidence).where(eq(dsrEvidence.requestId, id));
      const built = await buildPackage({
        request: row,
        customer: { legalName: customer!.legalName, locale: customer!.locale as 'nl' | 'en' },
        tasks,
        evidence: files,
        identities: openIdentities(keys, row),
        now,
      });
      await tx.insert(dsrPackages).values({
        requestId: id,
        customerId: row.customerId,
        fileName: built.fileName,
        bytes: built.bytes,
        size: built.bytes.length,
        sha256: built.sha256,
        createdAt: now,
        expiresAt: new Date(now.getTime() + packageLifetimeDays * 86_400_000),
      });
    }
    const [after] = await tx
      .update(dsrRequests)
      .set({
        ...(await endHold(tx, row, now)),
        status: 'completed',
        completedAt: now,
        response,
        updatedAt: now,
      })
      .where(eq(dsrRequests.id, id))
      .returning();
    await recordAuditEvent(tx, ctx, {
      action: 'request.completed',
      entityType: 'dsr_request',
      entityId: id,
      before: { status: row.status },
      after: {
        status: 'completed',
        late: response.late,
        systems: response.systems.map((s) => [s.title, s.outcome]),
      },
    });
    const locale = (customer!.locale as 'nl' | 'en') ?? 'nl';
    for (const to of (await consentRecipients(tx, [row.customerId])).get(row.customerId) ?? []) {
      await queueEmail(tx, ctx, {
        to,
        template: 'notice',
        locale,
        data:
          locale === 'nl'
            ? {
                subject: `Verzoek ${row.reference} afgerond`,
                paragraphs: [
                  `Wij hebben uw verzoek om medewerking (${rightWordsNl[row.rightType]}) afgerond. In het klantportaal ziet u per systeem wat wij hebben gevonden en gedaan${downloadNl[row.rightType] ?? ''}.`,
                  'U beantwoordt het verzoek zelf richting de betrokkene.',
                ],
                action: { label: 'Verzoek openen', url: `${keys.publicUrl}/portal/requests/${id}` },
              }
            : {
                subject: `Request ${row.reference} completed`,
                paragraphs: [
                  `We have completed our assistance with your request (${row.rightType}). The customer portal shows per system what we found and did${downloadEn[row.rightType] ?? ''}.`,
                  'You answer the person yourself.',
                ],
                action: { label: 'Open the request', url: `${keys.publicUrl}/portal/requests/${id}` },
              },
        related: { type: 'customer', id: row.customerId },
      });
    }
    await statusChanged(tx, ctx, after!);
  });
  return getRequest(ctx, id);
}

// The export package, only while it has not expired (deleted by the retention job).
export async function getPackage(ctx: Ctx, id: string, options: { customerId?: string } = {}) {
  const row = await findRequestRow(ctx.db, id, options.customerId);
  return ctx.db.transaction(async (tx) => {
    const [pkg] = await tx.select().from(dsrPackages).where(eq(dsrPackages.requestId, row.id));
    if (!pkg?.bytes || pkg.deletedAt || pkg.expiresAt <= ctx.clock.now()) {
      throw notFound('Export package');
    }
    await tx
      .update(dsrPackages)
      .set({ downloadCount: pkg.downloadCount + 1, lastDownloadedAt: ctx.clock.now() })
      .where(eq(dsrPackages.requestId, row.id));
    await recordAuditEvent(tx, ctx, {
      action: 'request.package_downloaded',
      entityType: 'dsr_request',
      entityId: row.id,
      after: { sha256: pkg.sha256 },
    });
    return { contentType: packageContentType(pkg.fileName), fileName: pkg.fileName, body: pkg.bytes };
  });
}
