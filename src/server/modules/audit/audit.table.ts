import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorKind: text('actor_kind', { enum: ['user', 'token', 'system', 'cli'] }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_action_idx').on(t.action),
    index('audit_events_occurred_idx').on(t.occurredAt),
  ],
);

// One row. Appending an event updates it, so concurrent writers (several instances on one PostgreSQL) queue on
// its row lock instead of forking the chain from the same previous hash.
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});

export const auditVerifications = pgTable('audit_verifications', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  ranAt: timestamp('ran_at', { withTimezone: true, mode: 'date' }).notNull(),
  ok: boolean('ok').notNull(),
  checkedRows: integer('checked_rows').notNull(),
  brokenRowId: bigint('broken_row_id', { mode: 'number' }),
  message: text('message').notNull(),
  trigger: text('trigger', { enum: ['job', 'cli', 'user'] }).notNull(),
});
