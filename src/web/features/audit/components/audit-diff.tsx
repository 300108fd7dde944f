import { Code, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../lib/api-types.ts';
import { useFormat } from '../../../lib/format.ts';

type Row = { key: string; before: unknown; after: unknown; kind: 'same' | 'changed' | 'added' | 'removed' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function show(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** A value as stored; instants are also shown in Amsterdam time, the exact value stays in the tooltip. */
function Value({ value }: { value: unknown }) {
  const format = useFormat();
  if (typeof value === 'string' && isoInstant.test(value)) {
    return (
      <time dateTime={value} title={value} className="json-block">
        {format.dateTime(value, true)}
      </time>
    );
  }
  return <pre className="json-block">{show(value)}</pre>;
}

/** Field-by-field comparison of an event's before and after state; unchanged fields are listed last. */
export function diffRows(before: unknown, after: unknown): Row[] | null {
  if (!(isRecord(before) || before == null) || !(isRecord(after) || after == null)) {
    return null;
  }
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows: Row[] = keys.map((key) => {
    const inBefore = key in b;
    const inAfter = key in a;
    const kind =
      inBefore && !inAfter
        ? 'removed'
        : !inBefore && inAfter
          ? 'added'
          : JSON.stringify(b[key]) === JSON.stringify(a[key])
            ? 'same'
            : 'changed';
    return { key, before: b[key], after: a[key], kind };
  });
  const order = { changed: 0, added: 1, removed: 2, same: 3 } as const;
  return rows.sort((x, y) => order[x.kind] - order[y.kind] || x.key.localeCompare(y.key));
}

const kindClass = {
  changed: 'diff-changed',
  added: 'diff-added',
  removed: 'diff-removed',
  same: undefined,
} as const;

export function AuditDiff({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const rows = diffRows(event.before, event.after);
  return (
    <Stack gap="xs" p="xs">
      <Group gap="lg" wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('audit.detail.id')}: <Code>{String(event.id)}</Code>
        </Text>
        {event.actorId ? (
          <Text size="xs" c="dimmed">
            {t('audit.detail.actorId')}: <Code>{event.actorId}</Code>
          </Text>
        ) : null}
        {event.requestId ? (
          <Text size="xs" c="dimmed">
            {t('audit.detail.requestId')}: <Code>{event.requestId}</Code>
          </Text>
        ) : null}
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {t('audit.detail.hash')}: <Code>{event.hash}</Code>
        </Text>
      </Group>
      {rows === null ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <Text size="xs" fw={600}>
              {t('audit.detail.before')}
            </Text>
            <pre className="json-block">{show(event.before) || '—'}</pre>
          </div>
          <div>
            <Text size="xs" fw={600}>
              {t('audit.detail.after')}
            </Text>
            <pre className="json-block">{show(event.after) || '—'}</pre>
          </div>
        </SimpleGrid>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.detail.noData')}
        </Text>
      ) : (
        <Table
          withTableBorder
          withColumnBorders
          fz="xs"
          verticalSpacing={4}
          aria-label={t('audit.detail.tableLabel')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('audit.detail.field')}</Table.Th>
              <Table.Th>{t('audit.detail.before')}</Table.Th>
              <Table.Th>{t('audit.detail.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key} className={kindClass[row.kind]}>
                <Table.Td>
                  <Code>{row.key}</Code>
                  {row.kind !== 'same' ? (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t(`audit.detail.kind.${row.kind}`)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Value value={row.before} />
                </Table.Td>
                <Table.Td>
                  <Value value={row.after} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
