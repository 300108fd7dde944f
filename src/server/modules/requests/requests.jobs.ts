import { and, eq, inArray, isNotNull, isNull, lte, notExists, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { deadlineZone, warningAt } from '../../../shared/deadlines.ts';
import { type Ctx, systemActor } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { defineJob, type JobDeps } from '../../jobs/job.types.ts';
import { users } from '../accounts/accounts.table.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { customers } from '../customers/customers.table.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import { getAppSettings, getProcessorProfile } from '../settings/settings.usecases.ts';
import { eraseReceiptIdentities } from './requests.opendsr-callbacks.ts';
import { rightWords } from './requests.package.ts';
import { dsrEvidence, dsrPackages, dsrRequests, dsrTasks, dsrWarnings } from './requests.table.ts';
import { formatLocal } from './requests.usecases.ts';

type JobContext = Pick<JobDeps, 'db' | 'clock' | 'publicUrl'>;

const hourMs = 3600 * 1000;

// ---- deadline warnings (seed 3.6) ----------------------------------------------------------------------------

// The furthest mark reached wins, so a job that was down sends the current warning, not a stale one as well.
const thresholds = [
  { kind: 'passed' as const, daysBefore: 0 },
  { kind: '1d' as const, daysBefore: 1 },
  { kind: '3d' as const, daysBefore: 3 },
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// "2 dagen en 23 uur", "5 uur", "minder dan een uur", to the nearest hour (a deadline ends at 23:59:59.999)
export function countdownNl(ms: number): string {
  const hours = Math.round(Math.abs(ms) / hourMs);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (days === 0) {
    return rest === 0 ? 'minder dan een uur' : plural(rest, 'uur', 'uur');
  }
  return rest === 0
    ? plural(days, 'dag', 'dagen')
    : `${plural(days, 'dag', 'dagen')} en ${plural(rest, 'uur', 'uur')}`;
}

// Staff hear 3 days and 1 day before a request's 14-day deadline and when it has passed, each once per request
// (dsr_warnings). A request on hold waits for the customer: its clock stands still, so it gets no warning.
export async function sendRequestDeadlineWarnings(deps: JobContext) {
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: systemActor };
  const now = ctx.clock.now();
  const publicUrl = deps.publicUrl ?? '';
  return ctx.db.transaction(async (tx) => {
    // a generous bound in SQL; the calendar-day rule (warningAt) decides below
    const horizon = new Date(now.getTime() + 4 * 24 * hourMs);
    const open = await tx
      .select({ request: dsrRequests, legalName: customers.legalName })
      .from(dsrRequests)
      .innerJoin(customers, eq(customers.id, dsrRequests.customerId))
      .where(
        and(
          inArray(dsrRequests.status, ['received', 'in_progress']),
          lte(dsrRequests.dueAt, horizon),
          // after "passed" there is nothing left to say
          notExists(
            tx
              .select({ one: sql`1` })
              .from(dsrWarnings)
              .where(and(eq(dsrWarnings.requestId, dsrRequests.id), eq(dsrWarnings.kind, 'passed'))),
          ),
        ),
      );
    if (open.length === 0) {
      return { warned: 0 };
    }
    const tasks = await tx
      .select({
        requestId: dsrTasks.requestId,
        status: dsrTasks.status,
        ownerEmail: users.email,
        ownerDisabledAt: users.disabledAt,
      })
      .from(dsrTasks)
      .leftJoin(users, eq(users.id, dsrTasks.ownerUserId))
      .where(
        inArray(
          dsrTasks.requestId,
          open.map((o) => o.request.id),
        ),
      );
    const processor = await getProcessorProfile({ ...ctx, db: tx as Db });
    let warned = 0;
    for (const { request, legalName } of open) {
      // the due instant itself is the last moment in time; passed is after it
      const due = thresholds.find((th) =>
        th.kind === 'passed' ? now > request.dueAt : now >= warningAt(request.dueAt, th.daysBefore),
      );
      if (!due) {
        continue;
      }
      const inserted = await tx
        .insert(dsrWarnings)
        .values({ requestId: request.id, kind: due.kind, sentAt: now })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) {
        continue;
      }
      const own = tasks.filter((t) => t.requestId === request.id);
      const openTasks = own.filter((t) => t.status !== 'done');
      // the privacy desk, and whoever owns a task still open
      const recipients = [
        processor.privacyContactEmail.trim(),
        ...openTasks.filter((t) => t.ownerEmail && !t.ownerDisabledAt).map((t) => t.ownerEmail!.trim()),
      ].filter((to, i, all) => to !== '' && all.findIndex((o) => o.toLowerCase() === to.toLowerCase()) === i);
      const left = request.dueAt.getTime() - now.getTime();
      const right = rightWords[request.rightType].nl;
      const subject =
        due.kind === 'passed'
          ? `Termijn verstreken: verzoek ${request.reference} van ${legalName}`
          : `Nog ${due.kind === '3d' ? '3 dagen' : '1 dag'}: verzoek ${request.reference} van ${legalName}`;
      const paragraphs = [
        due.kind === 'passed'
          ? `Het verzoek om ${right} (${request.reference}) van ${legalName} had uiterlijk ${formatLocal(request.dueAt)} afgerond moeten zijn (artikel 3.6: binnen 14 dagen). De termijn is ${countdownNl(left)} verstreken.`
          : `Het verzoek om ${right} (${request.reference}) van ${legalName} moet uiterlijk ${formatLocal(request.dueAt)} zijn afgerond (artikel 3.6: binnen 14 dagen). Nog ${countdownNl(left)}.`,
        openTasks.length > 0
          ? `Nog open: ${openTasks.length} van ${own.length} taken.`
          : 'Alle taken zijn klaar; het verzoek kan worden afgerond.',
      ];
      for (const to of recipients) {
        await queueEmail(tx, ctx, {
          to,
          template: 'notice',
          locale: 'nl',
          data: {
            subject,
            paragraphs,
            action: { label: 'Verzoek openen in art28', url: `${publicUrl}/requests/${request.id}` },
          },
          related: { type: 'customer', id: request.customerId },
        });
      }
      warned++;
    }
    return { warned };
  });
}

// ---- retention -------------------------------------------------------------------------------------------------

// Export packages past their download period go (bytes removed, the row with its digest stays as evidence). After
// the retention period (settings, default 90 days) a finished request's identities and the files holding the
// person's data are erased; the tasks, outcomes, notes, digests and the response stay as the evidence of handling
// (Art. 5(1)(e) and 5(2) GDPR). Each change is its own transaction with its audit event.
export async function applyRequestRetention(deps: Pick<JobDeps, 'db' | 'clock' | 'dataKey'>) {
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: systemActor };
  const dataKey = deps.dataKey;
  if (!dataKey) {
    throw new Error('requests.retention needs the data key (ART28_DATA_KEY or ART28_DATA_DIR/data.key).');
  }
  const now = ctx.clock.now();
  const { requestRetentionDays } = await getAppSettings(ctx.db);

  const expired = await ctx.db
    .select({ requestId: dsrPackages.requestId })
    .from(dsrPackages)
    .where(and(isNull(dsrPackages.deletedAt), lte(dsrPackages.expiresAt, now)));
  let packagesDeleted = 0;
  for (const { requestId } of expired) {
    packagesDeleted += (await deletePackage(ctx, requestId, now, 'expired')) ? 1 : 0;
  }

  const cutoff = DateTime.fromJSDate(now, { zone: deadlineZone })
    .minus({ days: requestRetentionDays })
    .toJSDate();
  const due = await ctx.db
    .select({ id: dsrRequests.id })
    .from(dsrRequests)
    .where(
      and(
        inArray(dsrRequests.status, ['completed', 'rejected', 'cancelled']),
        isNotNull(dsrRequests.completedAt),
        lte(dsrRequests.completedAt, cutoff),
        isNull(dsrRequests.identitiesErasedAt),
      ),
    );
  let identitiesErased = 0;
  for (const { id } of due) {
    identitiesErased += (await eraseIdentities(ctx, dataKey, id, now, requestRetentionDays)) ? 1 : 0;
  }
  return { packagesDeleted, identitiesErased };
}

async function deletePackage(ctx: Ctx, requestId: string, now: Date, reason: 'expired' | 'retention') {
  return ctx.db.transaction(async (tx) => {
    // the condition again, so two runs at once delete (and record) it once
    const [deleted] = await tx
      .update(dsrPackages)
      .set({ bytes: null, deletedAt: now })
      .where(and(eq(dsrPackages.requestId, requestId), isNull(dsrPackages.deletedAt)))
      .returning({
        fileName: dsrPackages.fileName,
        sha256: dsrPackages.sha256,
        expiresAt: dsrPackages.expiresAt,
        downloadCount: dsrPackages.downloadCount,
      });
    if (!deleted) {
      return false;
    }
    await recordAuditEvent(tx, ctx, {
      action: 'request.package_deleted',
      entityType: 'dsr_request',
      entityId: requestId,
      before: {
        fileName: deleted.fileName,
        sha256: deleted.sha256,
        expiresAt: deleted.expiresAt.toISOString(),
      },
      after: { deletedAt: now.toISOString(), reason, downloads: deleted.downloadCount },
    });
    return true;
  });
}

async function eraseIdentities(
  ctx: Ctx,
  dataKey: Buffer,
  requestId: string,
  now: Date,
  retentionDays: number,
) {
  const erased = await ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .update(dsrRequests)
      // the customer's notes often name the person too ("Meneer Jansen wil …")
      .set({ identitiesSealed: null, customerNotes: null, identitiesErasedAt: now, updatedAt: now })
      .where(and(eq(dsrRequests.id, requestId), isNull(dsrRequests.identitiesErasedAt)))
      .returning({ reference: dsrRequests.reference, completedAt: dsrRequests.completedAt });
    if (!request) {
      return false;
    }
    const files = await tx
      .update(dsrEvidence)
      .set({ bytes: null, erasedAt: now })
      .where(
        and(eq(dsrEvidence.requestId, requestId), isNotNull(dsrEvidence.bytes), isNull(dsrEvidence.erasedAt)),
      )
      .returning({ id: dsrEvidence.id, fileName: dsrEvidence.fileName, sha256: dsrEvidence.sha256 });
    // an OpenDSR receipt quotes the controller's request, identities and all (encoded_request)
    await eraseReceiptIdentities(tx, dataKey, requestId);
    await recordAuditEvent(tx, ctx, {
      action: 'request.identities_erased',
      entityType: 'dsr_request',
      entityId: requestId,
      after: {
        reference: request.reference,
        finishedAt: request.completedAt?.toISOString() ?? null,
        retentionDays,
        evidenceFilesErased: files.map((f) => ({ fileName: f.fileName, sha256: f.sha256 })),
      },
    });
    return true;
  });
  // an export package still downloadable holds the person's data too (a retention shorter than its lifetime)
  if (erased) {
    await deletePackage(ctx, requestId, now, 'retention');
  }
  return erased;
}

// ---- jobs ------------------------------------------------------------------------------------------------------

export const requestDeadlineWarningsJob = defineJob({
  name: 'requests.deadline-warnings',
  description:
    'Warn the privacy desk and task owners 3 days and 1 day before a data subject request’s 14-day deadline, and when it passes.',
  payload: z.object({}).default({}),
  cron: '*/15 * * * *', // every 15 minutes: a day's warning is never more than a quarter of an hour late
  run: async (deps) => sendRequestDeadlineWarnings(deps),
});

export const requestRetentionJob = defineJob({
  name: 'requests.retention',
  description:
    'Delete expired export packages, and erase the identities and data files of requests finished longer ago than the retention period.',
  payload: z.object({}).default({}),
  cron: '23 3 * * *', // daily, at night
  run: async (deps) => applyRequestRetention(deps),
});
