import { constants } from 'node:fs';
import { access, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import { type Ctx, systemActor } from '../../context.ts';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { JobDeps } from '../../jobs/job.types.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { customers } from '../customers/customers.table.ts';
import { scanFiles } from '../scanner/scanner.engine.ts';
import type { PiiType, ScanProgress } from '../scanner/scanner.types.ts';
import {
  failureOf,
  mergeDataTypes,
  type StoredScanResult,
  scanTypeLabels,
  toStoredResult,
  truncateError,
} from './breaches.scans.models.ts';
import type { BreachScanView, ScanAccept } from './breaches.scans.schemas.ts';
import { breachScans, incidentCustomers, incidents } from './breaches.table.ts';

type ReadCtx = Pick<Ctx, 'db' | 'clock'>;
type ScanRow = typeof breachScans.$inferSelect;

// ---- dispatch -------------------------------------------------------------------------------------------------
// When the job runtime runs in this process (main.ts), a queued scan goes to the breaches.scan job at once; the
// every-minute cron run picks up whatever this misses (a restart, jobs started later). Tests run the job directly.
type Dispatcher = (scanId: string) => Promise<unknown>;
let dispatcher: Dispatcher | null = null;

export function setScanDispatcher(next: Dispatcher | null) {
  dispatcher = next;
}

export function requestScan(scanId: string, log?: { warn: (obj: object, msg: string) => void }) {
  dispatcher?.(scanId).catch((error: unknown) =>
    log?.warn({ err: error }, 'could not hand a scan to the job queue'),
  );
}

// ---- reading --------------------------------------------------------------------------------------------------

const iso = (d: Date | null) => d?.toISOString() ?? null;

function present(row: ScanRow, customer: { id: string; legalName: string } | null): BreachScanView {
  const result = row.result as StoredScanResult | null;
  return {
    id: row.id,
    incidentId: row.incidentId,
    customerId: customer?.id ?? null,
    customerName: customer?.legalName ?? null,
    source: row.source,
    fileName: row.fileName,
    size: row.size,
    status: row.status,
    bytesDone: row.bytesDone,
    bytesTotal: row.bytesTotal,
    error: row.error,
    keepFile: row.keepFile,
    fileDeletedAt: iso(row.fileDeletedAt),
    result: result
      ? {
          files: result.files,
          bytes: result.bytes,
          seconds: result.seconds,
          mbPerSecond: result.mbPerSecond,
          types: (Object.entries(result.types) as [PiiType, { count: number; distinct: number }][])
            .sort((a, b) => b[1].count - a[1].count)
            .map(([type, v]) => ({
              type,
              count: v.count,
              distinct: v.distinct,
              label: scanTypeLabels[type],
            })),
          persons: result.persons,
          skipped: result.skipped,
          isApproximate: result.isApproximate,
        }
      : null,
    proposal: row.proposal,
    applied: row.applied,
    decidedBy: row.decidedBy,
    decidedAt: iso(row.decidedAt),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

async function scansOf(db: DbOrTx, incidentId: string, scanId?: string) {
  const rows = await db
    .select({ scan: breachScans, customerId: incidentCustomers.customerId, legalName: customers.legalName })
    .from(breachScans)
    .leftJoin(incidentCustomers, eq(incidentCustomers.id, breachScans.incidentCustomerId))
    .leftJoin(customers, eq(customers.id, incidentCustomers.customerId))
    .where(and(eq(breachScans.incidentId, incidentId), scanId ? eq(breachScans.id, scanId) : undefined))
    .orderBy(desc(breachScans.createdAt), desc(breachScans.id));
  return rows.map((r) =>
    present(r.scan, r.customerId && r.legalName ? { id: r.customerId, legalName: r.legalName } : null),
  );
}

export async function listScans(ctx: ReadCtx, incidentId: string) {
  await incidentOrThrow(ctx.db, incidentId);
  return scansOf(ctx.db, incidentId);
}

export async function getScan(ctx: ReadCtx, incidentId: string, scanId: string) {
  const [scan] = await scansOf(ctx.db, incidentId, scanId);
  if (!scan) {
    throw notFound('Scan');
  }
  return scan;
}

async function incidentOrThrow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  if (!row) {
    throw notFound('Incident');
  }
  return row;
}

// ---- starting a scan ------------------------------------------------------------------------------------------

// Checked before a byte of the upload is written: the incident exists and is not closed, and the customer the
// file belongs to (when given) is one of its affected customers.
export async function checkScanTarget(
  db: DbOrTx,
  incidentId: string,
  customerId: string | undefined,
  field: string,
) {
  const incident = await incidentOrThrow(db, incidentId);
  if (incident.status === 'closed') {
    throw conflict('breaches.closed', 'This incident is closed.');
  }
  if (!customerId) {
    return { incident, incidentCustomerId: null };
  }
  const [pair] = await db
    .select({ id: incidentCustomers.id })
    .from(incidentCustomers)
    .where(and(eq(incidentCustomers.incidentId, incidentId), eq(incidentCustomers.customerId, customerId)));
  if (!pair) {
    throw badRequest(
      'breaches.not_affected',
      'This customer is not among the affected customers of the incident.',
      field,
    );
  }
  return { incident, incidentCustomerId: pair.id };
}

type NewScan = {
  id: string;
  incidentId: string;
  customerId: string | undefined;
  source: ScanRow['source'];
  fileName: string;
  path: string;
  size: number;
  keepFile: boolean;
};

export async function queueScan(ctx: Ctx, scan: NewScan, field: string) {
  await ctx.db.transaction(async (tx) => {
    const { incident, incidentCustomerId } = await checkScanTarget(
      tx,
      scan.incidentId,
      scan.customerId,
      field,
    );
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(breachScans)
      .values({
        id: scan.id,
        incidentId: scan.incidentId,
        incidentCustomerId,
        source: scan.source,
        fileName: scan.fileName,
        path: scan.path,
        size: scan.size,
        status: 'queued',
        bytesTotal: scan.size,
        keepFile: scan.keepFile,
        createdBy: ctx.actor.label,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, ctx, {
      action: 'incident.scan_queued',
      entityType: 'incident',
      entityId: scan.incidentId,
      after: { ...row, incidentReference: incident.reference },
    });
  });
  return getScan(ctx, scan.incidentId, scan.id);
}

// A path on the server, for dumps too large to upload. Only inside the configured roots (ART28_SCAN_ROOTS),
// resolved through symlinks first so a link cannot lead out of them; none configured means none allowed.
export async function resolveServerPath(roots: readonly string[], given: string) {
  const field = 'body.path';
  if (roots.length === 0) {
    throw badRequest(
      'breaches.scan_paths_off',
      'Scanning files on the server is off. An administrator can allow directories with ART28_SCAN_ROOTS; until then, upload the file.',
      field,
    );
  }
  if (!path.isAbsolute(given)) {
    throw badRequest('breaches.scan_path_relative', 'Give the full path, starting with /.', field);
  }
  let real: string;
  try {
    real = await realpath(given);
  } catch {
    throw badRequest(
      'breaches.scan_path_missing',
      `There is no file or directory ${given} on the server.`,
      field,
    );
  }
  const inside = await Promise.all(
    roots.map(async (root) => {
      const realRoot = await realpath(root).catch(() => null);
      if (!realRoot) {
        return false;
      }
      const relative = path.relative(realRoot, real);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    }),
  );
  if (!inside.some(Boolean)) {
    throw badRequest(
      'breaches.scan_path_outside',
      `${given} is outside the directories that may be scanned (${roots.join(', ')}).`,
      field,
    );
  }
  try {
    await access(real, constants.R_OK);
  } catch {
    throw badRequest('breaches.scan_path_unreadable', `The server may not read ${given}.`, field);
  }
  const info = await stat(real);
  if (!info.isFile() && !info.isDirectory()) {
    throw badRequest('breaches.scan_path_not_file', `${given} is not a file or a directory.`, field);
  }
  return { path: real, size: info.isFile() ? info.size : 0 };
}

// ---- the job --------------------------------------------------------------------------------------------------

const progressEveryMs = 1000;
// a running scan writes its progress every second; one silent this long died with its process
const staleAfterMs = 15 * 60 * 1000;

async function removeCopy(row: ScanRow) {
  // only our own copy of an upload; a file on the server belongs to whoever put it there
  if (row.source !== 'upload' || row.keepFile) {
    return false;
  }
  await rm(row.path, { force: true });
  return true;
}

type ScanDeps = Pick<JobDeps, 'db' | 'clock' | 'log'>;

export async function runScan(deps: ScanDeps, scanId: string) {
  const row = await claimScan(deps, scanId);
  if (!row) {
    return { scanned: false };
  }
  return scanClaimed(deps, row);
}

// Claimed in one statement, so the immediate dispatch and the cron run never scan the same file twice.
export async function claimScan(deps: ScanDeps, scanId: string) {
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(breachScans)
    .set({ status: 'running', startedAt: now, updatedAt: now })
    .where(and(eq(breachScans.id, scanId), eq(breachScans.status, 'queued')))
    .returning();
  return row ?? null;
}

// What the scan panel's progress bar shows; also keeps a running scan from being taken for dead. Returns false
// once staff stopped the scan (its status is no longer running), which is how a job in any process learns of it.
export async function recordScanProgress(deps: ScanDeps, scanId: string, progress: ScanProgress) {
  const updated = await deps.db
    .update(breachScans)
    .set({ bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal, updatedAt: deps.clock.now() })
    .where(and(eq(breachScans.id, scanId), eq(breachScans.status, 'running')))
    .returning({ id: breachScans.id });
  return updated.length > 0;
}

export async function scanClaimed(deps: ScanDeps, row: ScanRow) {
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: systemActor };
  let lastWrite = performance.now();
  let writing: Promise<unknown> = Promise.resolve();
  let result: StoredScanResult | null = null;
  let error: string | null = null;
  const stop = new AbortController();
  try {
    const summary = await scanFiles([row.path], {
      signal: stop.signal,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastWrite < progressEveryMs) {
          return;
        }
        lastWrite = now;
        writing = writing
          .then(async () => {
            if (!(await recordScanProgress(deps, row.id, progress))) {
              stop.abort(new Error('The scan was stopped.'));
            }
          })
          .catch((e: unknown) => deps.log.warn({ err: e }, 'could not record scan progress'));
      },
    });
    result = toStoredResult(summary, row.path, row.fileName);
    error = failureOf(result);
  } catch (e) {
    error = truncateError(e instanceof Error ? e.message : String(e));
  }
  await writing;
  const deleted = await removeCopy(row).catch((e: unknown) => {
    deps.log.error({ err: e }, `could not delete the scanned upload ${row.path}`);
    return false;
  });
  const hasFindings = result !== null && (Object.keys(result.types).length > 0 || result.persons.max > 0);
  const status = await deps.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    // Only a scan still running is finished here: one stopped by staff (even in the last second, after its
    // final progress report) stays stopped, and cancelScan has written its audit event.
    const [after] = await tx
      .update(breachScans)
      .set({
        status: error ? 'failed' : 'done',
        result,
        error: error ? truncateError(error) : null,
        bytesDone: result?.bytes ?? row.bytesDone,
        bytesTotal: result ? Math.max(result.bytes, row.bytesTotal) : row.bytesTotal,
        proposal: !error && hasFindings ? 'proposed' : null,
        fileDeletedAt: deleted ? now : null,
        finishedAt: now,
        updatedAt: now,
      })
      .where(and(eq(breachScans.id, row.id), eq(breachScans.status, 'running')))
      .returning();
    if (!after) {
      await tx
        .update(breachScans)
        .set({ fileDeletedAt: deleted ? now : null, updatedAt: now })
        .where(eq(breachScans.id, row.id));
      return 'cancelled' as const;
    }
    await recordAuditEvent(tx, ctx, {
      action: error ? 'incident.scan_failed' : 'incident.scan_finished',
      entityType: 'incident',
      entityId: row.incidentId,
      after: {
        scanId: row.id,
        fileName: row.fileName,
        status: after.status,
        error,
        result,
        fileDeleted: deleted,
      },
    });
    return after.status;
  });
  return { scanned: true, status };
}

// The cron fallback: scans still queued (the dispatch was missed) and scans whose process died mid-way.
export async function runQueuedScans(deps: ScanDeps) {
  const stale = await deps.db
    .update(breachScans)
    .set({
      status: 'failed',
      error: 'The scan was interrupted (the server stopped). Upload the file again.',
      finishedAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    })
    .where(
      and(
        eq(breachScans.status, 'running'),
        lt(breachScans.updatedAt, new Date(deps.clock.now().getTime() - staleAfterMs)),
      ),
    )
    .returning();
  for (const row of stale) {
    // The upload holds the leaked data: it goes, and the row and the audit log say so.
    const deleted = await removeCopy(row).catch((e: unknown) => {
      deps.log.error({ err: e }, `could not delete the interrupted upload ${row.path}`);
      return false;
    });
    await deps.db.transaction(async (tx) => {
      if (deleted) {
        await tx
          .update(breachScans)
          .set({ fileDeletedAt: deps.clock.now() })
          .where(eq(breachScans.id, row.id));
      }
      await recordAuditEvent(
        tx,
        { clock: deps.clock, actor: systemActor },
        {
          action: 'incident.scan_failed',
          entityType: 'incident',
          entityId: row.incidentId,
          after: {
            scanId: row.id,
            fileName: row.fileName,
            status: 'failed',
            error: row.error,
            fileDeleted: deleted,
          },
        },
      );
    });
  }
  const queued = await deps.db
    .select({ id: breachScans.id })
    .from(breachScans)
    .where(eq(breachScans.status, 'queued'))
    .orderBy(asc(breachScans.createdAt))
    .limit(10);
  let scanned = 0;
  for (const { id } of queued) {
    scanned += (await runScan(deps, id)).scanned ? 1 : 0;
  }
  return { scanned, interrupted: stale.length };
}

// ---- the proposal ---------------------------------------------------------------------------------------------

// The scan of this incident, locked for the change; another incident's scan id is not found.
async function scanForUpdate(tx: Tx, incidentId: string, scanId: string) {
  const incident = await incidentOrThrow(tx, incidentId);
  const [row] = await tx
    .select()
    .from(breachScans)
    .where(and(eq(breachScans.id, scanId), eq(breachScans.incidentId, incidentId)))
    .for('update');
  if (!row) {
    throw notFound('Scan');
  }
  return { incident, row };
}

async function scanForDecision(tx: Tx, incidentId: string, scanId: string) {
  const { incident, row } = await scanForUpdate(tx, incidentId, scanId);
  if (row.proposal !== 'proposed') {
    throw conflict(
      'breaches.scan_not_proposed',
      row.status === 'done'
        ? 'This scan’s proposal was already accepted or dismissed.'
        : 'This scan has no proposal (yet): it has not finished, failed or found nothing.',
    );
  }
  return { incident, row };
}

// Annex 3 Q2 and Q3 from the scan, into the affected customers' answers: the found data types added to each
// customer's list in its own language, and the scanner's person bounds as a staff-set estimate. One transaction.
export async function acceptScan(ctx: Ctx, incidentId: string, scanId: string, input: ScanAccept) {
  if (!input.apply.dataTypes && !input.apply.persons) {
    throw badRequest('breaches.scan_nothing_to_apply', 'Choose data types, persons or both.', 'body.apply');
  }
  await ctx.db.transaction(async (tx) => {
    const { incident, row } = await scanForDecision(tx, incidentId, scanId);
    if (incident.status === 'closed') {
      throw conflict('breaches.closed', 'This incident is closed.');
    }
    const result = row.result as StoredScanResult;
    if (input.apply.persons && result.persons.max === 0) {
      throw badRequest(
        'breaches.scan_no_persons',
        'The scan found no one to count; leave the persons estimate as it is.',
        'body.apply.persons',
      );
    }
    const targets = await tx
      .select({ row: incidentCustomers, locale: customers.locale })
      .from(incidentCustomers)
      .innerJoin(customers, eq(customers.id, incidentCustomers.customerId))
      .where(
        and(
          eq(incidentCustomers.incidentId, incidentId),
          input.customerIds
            ? inArray(incidentCustomers.customerId, input.customerIds)
            : row.incidentCustomerId
              ? eq(incidentCustomers.id, row.incidentCustomerId)
              : eq(incidentCustomers.included, true),
        ),
      )
      .orderBy(asc(incidentCustomers.id))
      .for('update', { of: incidentCustomers });
    if (input.customerIds && targets.length !== new Set(input.customerIds).size) {
      throw badRequest(
        'breaches.not_affected',
        'Some of these customers are not among the affected customers of the incident.',
        'body.customerIds',
      );
    }
    if (targets.length === 0) {
      throw badRequest(
        'breaches.scan_no_customers',
        'The incident has no affected customers to apply the scan to.',
        'body.customerIds',
      );
    }
    const types = Object.keys(result.types) as PiiType[];
    const now = ctx.clock.now();
    const before: object[] = [];
    const after: object[] = [];
    for (const target of targets) {
      const locale = target.locale === 'en' ? 'en' : 'nl';
      const set = {
        ...(input.apply.dataTypes ? { dataTypes: mergeDataTypes(target.row.dataTypes, types, locale) } : {}),
        ...(input.apply.persons
          ? { personsMin: result.persons.min, personsMax: result.persons.max, personsOverridden: true }
          : {}),
        updatedAt: now,
      };
      await tx.update(incidentCustomers).set(set).where(eq(incidentCustomers.id, target.row.id));
      const pick = (r: { dataTypes: string[]; personsMin: number | null; personsMax: number | null }) => ({
        customerId: target.row.customerId,
        dataTypes: r.dataTypes,
        personsMin: r.personsMin,
        personsMax: r.personsMax,
      });
      before.push(pick(target.row));
      after.push(pick({ ...target.row, ...set }));
    }
    const applied = {
      customerIds: targets.map((t) => t.row.customerId),
      dataTypes: input.apply.dataTypes,
      persons: input.apply.persons,
    };
    await tx
      .update(breachScans)
      .set({ proposal: 'accepted', applied, decidedBy: ctx.actor.label, decidedAt: now, updatedAt: now })
      .where(eq(breachScans.id, row.id));
    await recordAuditEvent(tx, ctx, {
      action: 'incident.scan_accepted',
      entityType: 'incident',
      entityId: incidentId,
      before: { customers: before },
      after: {
        scanId,
        fileName: row.fileName,
        incidentReference: incident.reference,
        applied,
        customers: after,
      },
    });
  });
  return getScan(ctx, incidentId, scanId);
}

export async function dismissScan(ctx: Ctx, incidentId: string, scanId: string) {
  await ctx.db.transaction(async (tx) => {
    const { incident, row } = await scanForDecision(tx, incidentId, scanId);
    const now = ctx.clock.now();
    await tx
      .update(breachScans)
      .set({ proposal: 'dismissed', decidedBy: ctx.actor.label, decidedAt: now, updatedAt: now })
      .where(eq(breachScans.id, row.id));
    await recordAuditEvent(tx, ctx, {
      action: 'incident.scan_dismissed',
      entityType: 'incident',
      entityId: incidentId,
      after: { scanId, fileName: row.fileName, incidentReference: incident.reference },
    });
  });
  return getScan(ctx, incidentId, scanId);
}

// ---- stopping a scan, removing a kept file ----------------------------------------------------------------------

// A queued scan is never started; a running one stops at its next progress report (within about a second, in
// whichever process runs it). Nothing of a stopped scan is kept but the fact that it was stopped.
export async function cancelScan(ctx: Ctx, incidentId: string, scanId: string) {
  const removeNow = await ctx.db.transaction(async (tx) => {
    const { incident, row } = await scanForUpdate(tx, incidentId, scanId);
    if (row.status !== 'queued' && row.status !== 'running') {
      throw conflict('breaches.scan_not_active', 'This scan has already ended.', 'params.scanId');
    }
    const now = ctx.clock.now();
    // The job of a queued scan will not claim it any more, so its upload is removed here.
    const isRemovedHere = row.status === 'queued' && row.source === 'upload' && !row.keepFile;
    await tx
      .update(breachScans)
      .set({
        status: 'cancelled',
        error: null,
        finishedAt: now,
        updatedAt: now,
        ...(isRemovedHere ? { fileDeletedAt: now } : {}),
      })
      .where(eq(breachScans.id, row.id));
    await recordAuditEvent(tx, ctx, {
      action: 'incident.scan_cancelled',
      entityType: 'incident',
      entityId: incidentId,
      before: { scanId, status: row.status, bytesDone: row.bytesDone, bytesTotal: row.bytesTotal },
      after: { scanId, fileName: row.fileName, incidentReference: incident.reference, status: 'cancelled' },
    });
    return isRemovedHere ? row.path : null;
  });
  if (removeNow) {
    await rm(removeNow, { force: true });
  }
  return getScan(ctx, incidentId, scanId);
}

// An upload kept on purpose (as evidence) is deleted when it is no longer needed: the leaked data should not
// outlive its use (Art. 5(1)(e)). A file on the server belongs to whoever put it there and is never ours to delete.
export async function deleteScanFile(ctx: Ctx, incidentId: string, scanId: string) {
  await ctx.db.transaction(async (tx) => {
    const { incident, row } = await scanForUpdate(tx, incidentId, scanId);
    if (row.source !== 'upload') {
      throw conflict(
        'breaches.scan_file_not_ours',
        'This file lies on the server outside art28; whoever placed it there removes it.',
        'params.scanId',
      );
    }
    if (row.fileDeletedAt) {
      throw conflict('breaches.scan_file_gone', 'This upload has already been deleted.', 'params.scanId');
    }
    if (row.status === 'queued' || row.status === 'running') {
      throw conflict(
        'breaches.scan_active',
        'The file is being scanned; stop the scan first or wait for it to end.',
        'params.scanId',
      );
    }
    // Removed before the row says so: should the commit fail, the file is gone and a retry finds nothing to do;
    // the other order could record a deletion that never happened.
    await rm(row.path, { force: true });
    const now = ctx.clock.now();
    await tx
      .update(breachScans)
      .set({ fileDeletedAt: now, updatedAt: now })
      .where(eq(breachScans.id, row.id));
    await recordAuditEvent(tx, ctx, {
      action: 'incident.scan_file_deleted',
      entityType: 'incident',
      entityId: incidentId,
      after: { scanId, fileName: row.fileName, incidentReference: incident.reference },
    });
  });
  return getScan(ctx, incidentId, scanId);
}
