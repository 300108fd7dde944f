import canonicalize from 'canonicalize';
import { DateTime } from 'luxon';
import { retentionKindsOf, retentionZone } from '../../../shared/retention.ts';
import type { EntryView, RegisterFilter, RegisterSnapshot } from './register.schemas.ts';

// Data types compare as a reader would: case, spacing and a trailing full stop do not make a new entry.
export const normaliseDataType = (label: string) =>
  label.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLocaleLowerCase('nl');

type DuplicateKey = { serviceLine: string; dataTypeNl: string; subprocessorIds: readonly string[] };

// A duplicate is the same data type in the same service with a sub-processor in common (or both without one).
// Annex 1 itself lists Security "Gebruikersprofielen" twice, once for Fortinet and once for Phished: two tools,
// two processings, not one row written twice.
export function isDuplicate(a: DuplicateKey, b: DuplicateKey): boolean {
  if (
    a.serviceLine !== b.serviceLine ||
    normaliseDataType(a.dataTypeNl) !== normaliseDataType(b.dataTypeNl)
  ) {
    return false;
  }
  if (a.subprocessorIds.length === 0 && b.subprocessorIds.length === 0) {
    return true;
  }
  return a.subprocessorIds.some((id) => b.subprocessorIds.includes(id));
}

// "asOf=2026-05-01" means the register as it stood at the end of that day in the Netherlands.
export function asOfInstant(asOf: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    const day = DateTime.fromISO(asOf, { zone: retentionZone });
    return day.plus({ days: 1 }).startOf('day').minus({ milliseconds: 1 }).toJSDate();
  }
  return new Date(asOf);
}

export function filterEntries(
  entries: readonly EntryView[],
  filter: Partial<Omit<RegisterFilter, 'asOf' | 'version'>>,
): EntryView[] {
  const party = filter.subprocessor?.trim().toLowerCase();
  return entries.filter(
    (e) =>
      (filter.includeRetired || e.retiredAt === null) &&
      (!filter.serviceLine || e.serviceLine === filter.serviceLine) &&
      (!filter.dataCategory || e.dataCategories.includes(filter.dataCategory)) &&
      (!filter.retention || retentionKindsOf(e.retentionRule).includes(filter.retention)) &&
      (!party || e.subprocessors.some((s) => s.id === party || s.name.toLowerCase() === party)),
  );
}

// Service lines in their order, entries grouped under them in theirs: the order of Annex 1.
export function sortSnapshot(snapshot: RegisterSnapshot): RegisterSnapshot {
  const linePosition = new Map(snapshot.serviceLines.map((l) => [l.code, l.position]));
  return {
    serviceLines: [...snapshot.serviceLines].sort(
      (a, b) => a.position - b.position || a.code.localeCompare(b.code),
    ),
    operations: [...snapshot.operations].sort(
      (a, b) => a.position - b.position || a.code.localeCompare(b.code),
    ),
    parties: [...snapshot.parties].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    entries: [...snapshot.entries].sort(
      (a, b) =>
        (linePosition.get(a.serviceLine) ?? 0) - (linePosition.get(b.serviceLine) ?? 0) ||
        a.position - b.position ||
        a.createdAt.localeCompare(b.createdAt),
    ),
  };
}

// Which editable fields differ, by name: the import report and the audit summary say what changed.
export function changedFields(before: EntryView, after: Omit<EntryView, 'id'> | EntryView): string[] {
  const fields = [
    'serviceLine',
    'dataTypeNl',
    'dataTypeEn',
    'dataCategories',
    'dataSubjects',
    'processedByProcessor',
    'processorRole',
    'retentionRule',
  ] as const;
  // canonical JSON: jsonb hands keys back in its own order
  const changed: string[] = fields.filter((f) => canonicalize(before[f]) !== canonicalize(after[f]));
  const ids = (e: Pick<EntryView, 'subprocessors'>) => e.subprocessors.map((s) => s.id).join(',');
  if (ids(before) !== ids(after)) {
    changed.push('subprocessors');
  }
  return changed;
}

export const entryLabel = (entry: Pick<EntryView, 'serviceLine' | 'dataTypeNl'>) =>
  `${entry.serviceLine} · ${entry.dataTypeNl}`;
