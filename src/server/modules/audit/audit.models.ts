import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const genesisHash = '0'.repeat(64);

export type ChainedFields = {
  id: number;
  occurredAt: Date;
  actorKind: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
};

// jsonb keeps JSON values, not JS ones (Dates become strings, undefined keys vanish). Normalising before hashing
// makes the hash of what we write equal the hash of what we read back.
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export function hashAuditEvent(fields: ChainedFields): string {
  const canonical = canonicalize({
    id: fields.id,
    occurredAt: fields.occurredAt.toISOString(),
    actorKind: fields.actorKind,
    actorId: fields.actorId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    entityType: fields.entityType,
    entityId: fields.entityId,
    requestId: fields.requestId,
    prevHash: fields.prevHash,
    before: toJsonValue(fields.before),
    after: toJsonValue(fields.after),
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}
