import type { Ctx } from '../../context.ts';
import type { DbOrTx } from '../../db/database.ts';
import { genesisHash, hashAuditEvent, toJsonValue } from './audit.models.ts';
import {
  type AuditFilter,
  countAuditEvents,
  findAuditEvents,
  findAuditEventsAfter,
  findLatestVerification,
  insertAuditEvent,
  insertVerification,
  lockChainHead,
  readChainHead,
} from './audit.repository.ts';

export type AuditChange = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

// Called inside the use case's own transaction, so the change and its audit event commit or roll back together.
export async function recordAuditEvent(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'clock' | 'actor' | 'requestId'>,
  change: AuditChange,
) {
  const head = await lockChainHead(tx);
  const fields = {
    id: head.lastId + 1,
    occurredAt: ctx.clock.now(),
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.label,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId ?? null,
    before: toJsonValue(change.before),
    after: toJsonValue(change.after),
    requestId: ctx.requestId ?? null,
    prevHash: head.lastHash,
  };
  const hash = hashAuditEvent(fields);
  await insertAuditEvent(tx, { ...fields, hash });
  return { id: fields.id, hash };
}

export type ChainCheck = { ok: boolean; checkedRows: number; brokenRowId: number | null; message: string };

export async function checkAuditChain(db: DbOrTx): Promise<ChainCheck> {
  let expectedId = 1;
  let prevHash = genesisHash;
  let checked = 0;
  for (;;) {
    const batch = await findAuditEventsAfter(db, expectedId - 1, 1000);
    if (batch.length === 0) {
      break;
    }
    for (const row of batch) {
      checked++;
      if (row.id !== expectedId) {
        return broken(checked, expectedId, `Row ${expectedId} is missing (the next row is ${row.id}).`);
      }
      if (row.prevHash !== prevHash) {
        return broken(checked, row.id, `Row ${row.id} does not link to row ${row.id - 1}.`);
      }
      if (hashAuditEvent(row) !== row.hash) {
        return broken(checked, row.id, `Row ${row.id} was changed after it was written.`);
      }
      prevHash = row.hash;
      expectedId++;
    }
  }
  const head = await readChainHead(db);
  if (head && (head.lastId !== expectedId - 1 || head.lastHash !== prevHash)) {
    return broken(
      checked,
      head.lastId,
      `Rows after ${expectedId - 1} are missing (the chain recorded ${head.lastId}).`,
    );
  }
  return { ok: true, checkedRows: checked, brokenRowId: null, message: `${checked} rows verified.` };
}

function broken(checkedRows: number, brokenRowId: number, message: string): ChainCheck {
  return { ok: false, checkedRows, brokenRowId, message };
}

export async function verifyAuditChain(ctx: Pick<Ctx, 'db' | 'clock'>, trigger: 'job' | 'cli' | 'user') {
  const result = await checkAuditChain(ctx.db);
  return insertVerification(ctx.db, { ...result, ranAt: ctx.clock.now(), trigger });
}

export async function listAuditEvents(
  ctx: Pick<Ctx, 'db'>,
  filter: AuditFilter,
  page: { limit: number; offset: number; order: 'asc' | 'desc' },
) {
  return findAuditEvents(ctx.db, filter, page);
}

export const getLatestVerification = (ctx: Pick<Ctx, 'db'>) => findLatestVerification(ctx.db);
export const countAudit = (ctx: Pick<Ctx, 'db'>) => countAuditEvents(ctx.db);
