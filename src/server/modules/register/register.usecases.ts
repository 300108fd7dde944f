import { isCriminalData, isSpecialCategory } from '../../../shared/register-taxonomy.ts';
import { describeRetention, retentionRuleSchema } from '../../../shared/retention.ts';
import type { Ctx } from '../../context.ts';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { upsertProfile } from '../subprocessors/subprocessors.repository.ts';
import {
  asOfInstant,
  changedFields,
  entryLabel,
  filterEntries,
  isDuplicate,
  sortSnapshot,
} from './register.models.ts';
import * as repo from './register.repository.ts';
import type {
  EntryFields,
  EntryView,
  NewOperation,
  NewServiceLine,
  OperationUpdate,
  OperationView,
  PartyFields,
  PartyView,
  RegisterFilter,
  RegisterSnapshot,
  ServiceLineUpdate,
  ServiceLineView,
  VersionView,
} from './register.schemas.ts';
import { seedEntries, seedOperations, seedParties, seedServiceLines } from './register.seed.ts';

// ---- presenting --------------------------------------------------------------------------------------------

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentServiceLine = (row: repo.ServiceLineRow): ServiceLineView => ({
  code: row.code,
  nameNl: row.nameNl,
  nameEn: row.nameEn,
  productName: row.productName,
  purposeNl: row.purposeNl,
  purposeEn: row.purposeEn,
  position: row.position,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  retiredAt: iso(row.retiredAt),
});

export const presentOperation = (row: repo.OperationRow): OperationView => ({
  code: row.code,
  labelNl: row.labelNl,
  labelEn: row.labelEn,
  gdprOperation: row.gdprOperation as OperationView['gdprOperation'],
  position: row.position,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  retiredAt: iso(row.retiredAt),
});

export const presentParty = (row: repo.PartyRow): PartyView => ({
  id: row.id,
  name: row.name,
  legalName: row.legalName,
  country: row.country,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  retiredAt: iso(row.retiredAt),
});

function presentEntry(row: repo.EntryRow, subprocessors: { id: string; name: string }[]): EntryView {
  // Re-parsed so the rule's keys come out in one order, whatever order jsonb stored them in.
  const rule = retentionRuleSchema.parse(row.retentionRule);
  return {
    id: row.id,
    serviceLine: row.serviceLineCode,
    dataTypeNl: row.dataTypeNl,
    dataTypeEn: row.dataTypeEn,
    dataCategories: row.dataCategories,
    dataSubjects: row.dataSubjects,
    specialCategory: isSpecialCategory(row.dataCategories),
    criminalData: isCriminalData(row.dataCategories),
    processedByProcessor: row.processedByProcessor,
    processorRole: row.processorRole,
    retentionRule: rule,
    retentionNl: describeRetention(rule, 'nl'),
    retentionEn: describeRetention(rule, 'en'),
    subprocessors,
    position: row.position,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    retiredAt: iso(row.retiredAt),
  };
}

function buildSnapshot(state: repo.RegisterState): RegisterSnapshot {
  const partyName = new Map(state.parties.map((p) => [p.id, p.name]));
  const linksOf = new Map<string, { id: string; name: string }[]>();
  for (const link of state.links) {
    const list = linksOf.get(link.entryId) ?? [];
    list.push({ id: link.partyId, name: partyName.get(link.partyId) ?? '' });
    linksOf.set(link.entryId, list);
  }
  return sortSnapshot({
    serviceLines: state.lines.map(presentServiceLine),
    operations: state.operations.map(presentOperation),
    parties: state.parties.map(presentParty),
    entries: state.entries.map((e) => presentEntry(e, linksOf.get(e.id) ?? [])),
  });
}

// Snapshots come back from jsonb; their rules are re-parsed for the same key order as live entries.
function readSnapshot(value: unknown): RegisterSnapshot {
  const snapshot = value as RegisterSnapshot;
  return sortSnapshot({
    ...snapshot,
    entries: snapshot.entries.map((e) => ({
      ...e,
      retentionRule: retentionRuleSchema.parse(e.retentionRule),
    })),
  });
}

const presentVersion = (
  row: Pick<repo.VersionRow, 'version' | 'createdAt' | 'actorLabel' | 'action' | 'summary'>,
) =>
  ({
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    actorLabel: row.actorLabel,
    action: row.action,
    summary: row.summary,
  }) satisfies VersionView;

export const loadSnapshot = async (db: DbOrTx) => buildSnapshot(await repo.loadState(db));

// ---- versions ----------------------------------------------------------------------------------------------

type Change = {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  summary: string;
};

// Every committed change to the register: its audit event (carrying the version it makes) and the whole register
// as it now stands, in the same transaction as the change itself.
export async function commitChange(tx: Tx, ctx: Ctx, version: number, change: Change) {
  const audit = await recordAuditEvent(tx, ctx, {
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: change.before,
    after: { ...(change.after as object | undefined), registerVersion: version },
  });
  const snapshot = await loadSnapshot(tx);
  await repo.insertVersion(tx, {
    version,
    createdAt: ctx.clock.now(),
    actorLabel: ctx.actor.label,
    action: change.action,
    summary: change.summary,
    auditEventId: audit.id,
    snapshot,
  });
  return snapshot;
}

export async function beginChange(tx: Tx) {
  await repo.lockRegister(tx);
  return (await repo.latestVersionNumber(tx)) + 1;
}

// ---- seed --------------------------------------------------------------------------------------------------

// A fresh install holds the agreement's Annex 1. Runs at every start; it writes only into a register that has
// never had a version, so edits and retirements are never undone.
export async function seedRegister(ctx: Ctx) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    if (version > 1) {
      return null;
    }
    const now = ctx.clock.now();
    const stamp = { createdAt: now, updatedAt: now };
    await repo.insertServiceLines(
      tx,
      seedServiceLines.map((line, i) => ({ ...line, position: (i + 1) * 10, ...stamp })),
    );
    await repo.insertOperations(
      tx,
      seedOperations.map((op, i) => ({
        code: op.code,
        labelNl: op.labelNl,
        labelEn: op.labelEn,
        gdprOperation: op.gdpr,
        position: (i + 1) * 10,
        ...stamp,
      })),
    );
    const partyRows = await repo.insertParties(
      tx,
      seedParties.map((name) => ({ name, legalName: null, country: null, ...stamp })),
    );
    const partyId = new Map(partyRows.map((p) => [p.name, p.id]));
    // The agreement names them, so a customer's signature on the DPA is its consent to them (seed 3.4, 5.1).
    for (const party of partyRows) {
      await upsertProfile(tx, { partyId: party.id, namedInAgreement: true, ...stamp });
    }
    const entries = await repo.insertEntries(
      tx,
      seedEntries.map((e, i) => ({
        serviceLineCode: e.serviceLine,
        dataTypeNl: e.dataTypeNl,
        dataTypeEn: e.dataTypeEn,
        dataCategories: e.dataCategories,
        dataSubjects: e.dataSubjects,
        processedByProcessor: e.processedByProcessor,
        processorRole: e.processorRole,
        retentionRule: e.retention,
        position: (i + 1) * 10,
        ...stamp,
      })),
    );
    const byPosition = new Map(entries.map((row) => [row.position, row.id]));
    await repo.insertEntryParties(
      tx,
      seedEntries.flatMap((e, i) =>
        e.subprocessors.map((name, position) => ({
          entryId: byPosition.get((i + 1) * 10)!,
          partyId: partyId.get(name)!,
          position,
        })),
      ),
    );
    return commitChange(tx, ctx, version, {
      action: 'register.seeded',
      entityType: 'register',
      entityId: null,
      after: {
        source: 'Verwerkersovereenkomst, Bijlage 1',
        serviceLines: seedServiceLines.length,
        operations: seedOperations.length,
        parties: seedParties.length,
        entries: seedEntries.length,
      },
      summary: `Annex 1 of the agreement: ${seedEntries.length} entries`,
    });
  });
}

// ---- reading -----------------------------------------------------------------------------------------------

export async function getRegister(ctx: Pick<Ctx, 'db'>, filter: Partial<RegisterFilter> = {}) {
  let snapshot: RegisterSnapshot;
  let version: repo.VersionRow | null;
  if (filter.version !== undefined) {
    version = await repo.findVersion(ctx.db, filter.version);
    if (!version) {
      throw new AppError(
        404,
        'register.unknown_version',
        `Register version ${filter.version} does not exist.`,
        'query.version',
      );
    }
    snapshot = readSnapshot(version.snapshot);
  } else if (filter.asOf !== undefined) {
    version = await repo.findVersionAt(ctx.db, asOfInstant(filter.asOf));
    snapshot = version
      ? readSnapshot(version.snapshot)
      : { serviceLines: [], operations: [], parties: [], entries: [] };
  } else {
    [version, snapshot] = await Promise.all([repo.latestVersion(ctx.db), loadSnapshot(ctx.db)]);
  }
  return {
    version: version ? presentVersion(version) : null,
    asOf: filter.asOf ?? null,
    serviceLines: snapshot.serviceLines,
    operations: snapshot.operations,
    parties: snapshot.parties,
    entries: filterEntries(snapshot.entries, filter),
  };
}
export type RegisterView = Awaited<ReturnType<typeof getRegister>>;

// For modules that cite the register (a DPA records the version it was drawn up under) or refer to a service line.
export const currentRegisterVersion = async (db: DbOrTx) => (await repo.latestVersionNumber(db)) || null;
export async function isActiveServiceLine(db: DbOrTx, code: string) {
  const line = await repo.findServiceLine(db, code);
  return line !== null && line.retiredAt === null;
}

export async function listRegisterVersions(ctx: Pick<Ctx, 'db'>, page: { limit: number; offset: number }) {
  const result = await repo.listVersions(ctx.db, page.limit, page.offset);
  return { items: result.items.map(presentVersion), total: result.total };
}

export async function getEntry(ctx: Pick<Ctx, 'db'>, id: string) {
  const entry = (await loadSnapshot(ctx.db)).entries.find((e) => e.id === id);
  if (!entry) {
    throw notFound('Register entry');
  }
  return entry;
}

// The entry's revisions, each with the register version and the person that made it.
export async function getEntryHistory(ctx: Pick<Ctx, 'db'>, id: string) {
  await getEntry(ctx, id);
  const rows = await repo.findEntryInVersions(ctx.db, id);
  const items: {
    version: number;
    createdAt: string;
    actorLabel: string;
    action: string;
    entry: EntryView;
  }[] = [];
  for (const row of rows) {
    const entry = readSnapshot({ serviceLines: [], operations: [], parties: [], entries: [row.entry] })
      .entries[0]!;
    if (items.at(-1)?.entry.revision === entry.revision) {
      continue;
    }
    items.push({
      version: row.version,
      createdAt: new Date(row.created_at).toISOString(),
      actorLabel: row.actor_label,
      action: row.action,
      entry,
    });
  }
  return items.reverse();
}

export const listServiceLines = async (ctx: Pick<Ctx, 'db'>) => (await loadSnapshot(ctx.db)).serviceLines;
export const listOperations = async (ctx: Pick<Ctx, 'db'>) => (await loadSnapshot(ctx.db)).operations;
export const listParties = async (ctx: Pick<Ctx, 'db'>) => (await loadSnapshot(ctx.db)).parties;

// ---- entries -----------------------------------------------------------------------------------------------

type ResolvedFields = EntryFields & { subprocessors: { id: string; name: string }[] };

// Checks an entry against the register as it stands (inside the writing transaction, after the lock): its service
// line and sub-processors exist and are active, and no other active entry says the same.
export async function resolveEntryFields(
  tx: DbOrTx,
  fields: EntryFields,
  activeEntries: readonly EntryView[],
  selfId: string | null,
  prefix = 'body',
): Promise<ResolvedFields> {
  const line = await repo.findServiceLine(tx, fields.serviceLine);
  if (!line || line.retiredAt) {
    throw badRequest(
      'register.unknown_service_line',
      `There is no active service line "${fields.serviceLine}".`,
      `${prefix}.serviceLine`,
    );
  }
  const found = new Map((await repo.findPartiesByIds(tx, fields.subprocessorIds)).map((p) => [p.id, p]));
  const subprocessors = fields.subprocessorIds.map((id, i) => {
    const party = found.get(id);
    if (!party || party.retiredAt) {
      throw badRequest(
        'register.unknown_subprocessor',
        `There is no active sub-processor with id ${id}.`,
        `${prefix}.subprocessorIds.${i}`,
      );
    }
    return { id, name: party.name };
  });
  const duplicate = activeEntries.find(
    (e) =>
      e.id !== selfId &&
      isDuplicate(
        {
          serviceLine: e.serviceLine,
          dataTypeNl: e.dataTypeNl,
          subprocessorIds: e.subprocessors.map((s) => s.id),
        },
        fields,
      ),
  );
  if (duplicate) {
    throw badRequest(
      'register.duplicate_entry',
      `The register already has "${duplicate.dataTypeNl}" under ${duplicate.serviceLine}${
        duplicate.subprocessors.length ? ` with ${duplicate.subprocessors.map((s) => s.name).join(', ')}` : ''
      } (entry ${duplicate.id}).`,
      `${prefix}.dataTypeNl`,
    );
  }
  return { ...fields, subprocessors };
}

const entryColumns = (fields: EntryFields) => ({
  serviceLineCode: fields.serviceLine,
  dataTypeNl: fields.dataTypeNl,
  dataTypeEn: fields.dataTypeEn,
  dataCategories: fields.dataCategories,
  dataSubjects: fields.dataSubjects,
  processedByProcessor: fields.processedByProcessor,
  processorRole: fields.processorRole,
  retentionRule: fields.retentionRule,
});

const activeOf = (snapshot: RegisterSnapshot) => snapshot.entries.filter((e) => e.retiredAt === null);

export async function insertEntryInTx(tx: Tx, ctx: Ctx, fields: ResolvedFields, position: number) {
  const now = ctx.clock.now();
  const row = await repo.insertEntry(tx, {
    ...entryColumns(fields),
    position,
    createdAt: now,
    updatedAt: now,
  });
  await repo.replaceEntryParties(
    tx,
    row.id,
    fields.subprocessors.map((s) => s.id),
  );
  return presentEntry(row, fields.subprocessors);
}

export async function updateEntryInTx(tx: Tx, ctx: Ctx, before: EntryView, fields: ResolvedFields) {
  const row = await repo.updateEntry(tx, before.id, {
    ...entryColumns(fields),
    revision: before.revision + 1,
    updatedAt: ctx.clock.now(),
  });
  await repo.replaceEntryParties(
    tx,
    row.id,
    fields.subprocessors.map((s) => s.id),
  );
  return presentEntry(row, fields.subprocessors);
}

export async function retireEntryInTx(tx: Tx, ctx: Ctx, before: EntryView) {
  const row = await repo.updateEntry(tx, before.id, {
    retiredAt: ctx.clock.now(),
    revision: before.revision + 1,
    updatedAt: ctx.clock.now(),
  });
  return presentEntry(row, before.subprocessors);
}

export async function createEntry(ctx: Ctx, fields: EntryFields) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const current = await loadSnapshot(tx);
    const resolved = await resolveEntryFields(tx, fields, activeOf(current), null);
    const entry = await insertEntryInTx(tx, ctx, resolved, (await repo.maxEntryPosition(tx)) + 10);
    const snapshot = await commitChange(tx, ctx, version, {
      action: 'register.entry_created',
      entityType: 'register_entry',
      entityId: entry.id,
      after: entry,
      summary: `Added ${entryLabel(entry)}`,
    });
    return snapshot.entries.find((e) => e.id === entry.id)!;
  });
}

async function activeEntryOrThrow(snapshot: RegisterSnapshot, id: string) {
  const entry = snapshot.entries.find((e) => e.id === id);
  if (!entry) {
    throw notFound('Register entry');
  }
  if (entry.retiredAt) {
    throw badRequest(
      'register.entry_retired',
      'This entry is retired; it stays in the history as it was.',
      'params.id',
    );
  }
  return entry;
}

export async function updateEntry(
  ctx: Ctx,
  id: string,
  input: EntryFields & { revision?: number | undefined },
) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const current = await loadSnapshot(tx);
    const before = await activeEntryOrThrow(current, id);
    if (input.revision !== undefined && input.revision !== before.revision) {
      throw conflict(
        'register.stale',
        `Someone else changed this entry (revision ${before.revision}) after you opened it (revision ${input.revision}). Reload and try again.`,
        'body.revision',
      );
    }
    const { revision: _revision, ...fields } = input;
    const resolved = await resolveEntryFields(tx, fields, activeOf(current), id);
    const changes = changedFields(before, { ...before, ...resolved });
    if (changes.length === 0) {
      return before;
    }
    const after = await updateEntryInTx(tx, ctx, before, resolved);
    const snapshot = await commitChange(tx, ctx, version, {
      action: 'register.entry_updated',
      entityType: 'register_entry',
      entityId: id,
      before,
      after,
      summary: `Changed ${changes.join(', ')} of ${entryLabel(after)}`,
    });
    return snapshot.entries.find((e) => e.id === id)!;
  });
}

export async function retireEntry(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const current = await loadSnapshot(tx);
    const before = current.entries.find((e) => e.id === id);
    if (!before) {
      throw notFound('Register entry');
    }
    if (before.retiredAt) {
      return before;
    }
    const after = await retireEntryInTx(tx, ctx, before);
    await commitChange(tx, ctx, version, {
      action: 'register.entry_retired',
      entityType: 'register_entry',
      entityId: id,
      before,
      after,
      summary: `Retired ${entryLabel(after)}`,
    });
    return after;
  });
}

// ---- service lines -----------------------------------------------------------------------------------------

export async function createServiceLine(ctx: Ctx, input: NewServiceLine) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    if (await repo.findServiceLine(tx, input.code)) {
      throw badRequest(
        'register.service_line_exists',
        `A service line "${input.code}" exists already.`,
        'body.code',
      );
    }
    const now = ctx.clock.now();
    const row = await repo.insertServiceLine(tx, {
      ...input,
      position: input.position ?? (await repo.maxServiceLinePosition(tx)) + 10,
      createdAt: now,
      updatedAt: now,
    });
    const after = presentServiceLine(row);
    await commitChange(tx, ctx, version, {
      action: 'register.service_line_created',
      entityType: 'service_line',
      entityId: row.code,
      after,
      summary: `Added service line ${row.code}`,
    });
    return after;
  });
}

async function activeServiceLineOrThrow(tx: DbOrTx, code: string) {
  const row = await repo.findServiceLine(tx, code);
  if (!row) {
    throw notFound('Service line');
  }
  if (row.retiredAt) {
    throw badRequest('register.service_line_retired', `Service line "${code}" is retired.`, 'params.code');
  }
  return row;
}

export async function updateServiceLine(ctx: Ctx, code: string, input: ServiceLineUpdate) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const before = presentServiceLine(await activeServiceLineOrThrow(tx, code));
    const row = await repo.updateServiceLine(tx, code, {
      ...input,
      position: input.position ?? before.position,
      updatedAt: ctx.clock.now(),
    });
    const after = presentServiceLine(row);
    await commitChange(tx, ctx, version, {
      action: 'register.service_line_updated',
      entityType: 'service_line',
      entityId: code,
      before,
      after,
      summary: `Changed service line ${code}`,
    });
    return after;
  });
}

export async function retireServiceLine(ctx: Ctx, code: string) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const before = presentServiceLine(await activeServiceLineOrThrow(tx, code));
    const inUse = await repo.countActiveEntriesOfServiceLine(tx, code);
    if (inUse > 0) {
      throw badRequest(
        'register.service_line_in_use',
        `Service line "${code}" still has ${inUse} active entries; retire or move them first.`,
        'params.code',
      );
    }
    const now = ctx.clock.now();
    const after = presentServiceLine(
      await repo.updateServiceLine(tx, code, { retiredAt: now, updatedAt: now }),
    );
    await commitChange(tx, ctx, version, {
      action: 'register.service_line_retired',
      entityType: 'service_line',
      entityId: code,
      before,
      after,
      summary: `Retired service line ${code}`,
    });
    return after;
  });
}

// ---- processing operations ---------------------------------------------------------------------------------

export async function createOperation(ctx: Ctx, input: NewOperation) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    if (await repo.findOperation(tx, input.code)) {
      throw badRequest(
        'register.operation_exists',
        `An operation "${input.code}" exists already.`,
        'body.code',
      );
    }
    const now = ctx.clock.now();
    const row = await repo.insertOperation(tx, {
      ...input,
      position: input.position ?? (await repo.maxOperationPosition(tx)) + 10,
      createdAt: now,
      updatedAt: now,
    });
    const after = presentOperation(row);
    await commitChange(tx, ctx, version, {
      action: 'register.operation_created',
      entityType: 'processing_operation',
      entityId: row.code,
      after,
      summary: `Added operation ${row.code}`,
    });
    return after;
  });
}

async function activeOperationOrThrow(tx: DbOrTx, code: string) {
  const row = await repo.findOperation(tx, code);
  if (!row) {
    throw notFound('Processing operation');
  }
  if (row.retiredAt) {
    throw badRequest('register.operation_retired', `Operation "${code}" is retired.`, 'params.code');
  }
  return row;
}

export async function updateOperation(ctx: Ctx, code: string, input: OperationUpdate) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const before = presentOperation(await activeOperationOrThrow(tx, code));
    const row = await repo.updateOperation(tx, code, {
      ...input,
      position: input.position ?? before.position,
      updatedAt: ctx.clock.now(),
    });
    const after = presentOperation(row);
    await commitChange(tx, ctx, version, {
      action: 'register.operation_updated',
      entityType: 'processing_operation',
      entityId: code,
      before,
      after,
      summary: `Changed operation ${code}`,
    });
    return after;
  });
}

export async function retireOperation(ctx: Ctx, code: string) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const before = presentOperation(await activeOperationOrThrow(tx, code));
    const now = ctx.clock.now();
    const after = presentOperation(await repo.updateOperation(tx, code, { retiredAt: now, updatedAt: now }));
    await commitChange(tx, ctx, version, {
      action: 'register.operation_retired',
      entityType: 'processing_operation',
      entityId: code,
      before,
      after,
      summary: `Retired operation ${code}`,
    });
    return after;
  });
}

// ---- parties -----------------------------------------------------------------------------------------------

async function checkPartyNameFree(tx: DbOrTx, name: string, selfId: string | null) {
  const existing = await repo.findActivePartyByName(tx, name);
  if (existing && existing.id !== selfId) {
    throw badRequest(
      'register.party_exists',
      `A sub-processor named "${existing.name}" exists already.`,
      'body.name',
    );
  }
}

export async function createParty(ctx: Ctx, input: PartyFields) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    await checkPartyNameFree(tx, input.name, null);
    const now = ctx.clock.now();
    const after = presentParty(await repo.insertParty(tx, { ...input, createdAt: now, updatedAt: now }));
    await commitChange(tx, ctx, version, {
      action: 'register.party_created',
      entityType: 'party',
      entityId: after.id,
      after,
      summary: `Added sub-processor ${after.name}`,
    });
    return after;
  });
}

async function activePartyOrThrow(tx: DbOrTx, id: string) {
  const row = await repo.findParty(tx, id);
  if (!row) {
    throw notFound('Sub-processor');
  }
  if (row.retiredAt) {
    throw badRequest('register.party_retired', `Sub-processor "${row.name}" is retired.`, 'params.id');
  }
  return row;
}

export async function updateParty(ctx: Ctx, id: string, input: PartyFields) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const before = presentParty(await activePartyOrThrow(tx, id));
    await checkPartyNameFree(tx, input.name, id);
    const after = presentParty(await repo.updateParty(tx, id, { ...input, updatedAt: ctx.clock.now() }));
    await commitChange(tx, ctx, version, {
      action: 'register.party_updated',
      entityType: 'party',
      entityId: id,
      before,
      after,
      summary: `Changed sub-processor ${after.name}`,
    });
    return after;
  });
}

export async function retireParty(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const version = await beginChange(tx);
    const before = presentParty(await activePartyOrThrow(tx, id));
    const inUse = await repo.countActiveEntriesOfParty(tx, id);
    if (inUse > 0) {
      throw badRequest(
        'register.party_in_use',
        `${before.name} is still the sub-processor of ${inUse} active entries; change or retire them first.`,
        'params.id',
      );
    }
    const now = ctx.clock.now();
    const after = presentParty(await repo.updateParty(tx, id, { retiredAt: now, updatedAt: now }));
    await commitChange(tx, ctx, version, {
      action: 'register.party_retired',
      entityType: 'party',
      entityId: id,
      before,
      after,
      summary: `Retired sub-processor ${after.name}`,
    });
    return after;
  });
}
