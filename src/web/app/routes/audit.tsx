import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import type { AuditQuery } from '../../features/audit/api/get-audit-events.ts';
import { AuditFilters, type AuditFilterValues } from '../../features/audit/components/audit-filters.tsx';
import { AuditTable } from '../../features/audit/components/audit-table.tsx';
import { dayBoundary } from '../../lib/format.ts';

const pageSizes = [25, 50, 100, 200];
const isDay = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');

// Filters, page and order live in the URL, so a filtered view can be bookmarked or shared.
function readParams(params: URLSearchParams) {
  const size = Number(params.get('size'));
  const limit = pageSizes.includes(size) ? size : 50;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const filters: AuditFilterValues = {
    action: params.get('action') ?? '',
    entityType: params.get('entityType') ?? '',
    actor: params.get('actor') ?? '',
    from: isDay(params.get('from')),
    to: isDay(params.get('to')),
  };
  const order: 'asc' | 'desc' = params.get('order') === 'asc' ? 'asc' : 'desc';
  return { filters, limit, page, order };
}

export function AuditRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { filters, limit, page, order } = readParams(params);

  const query: AuditQuery = {
    action: filters.action || undefined,
    entityType: filters.entityType || undefined,
    actor: filters.actor || undefined,
    from: filters.from ? dayBoundary(filters.from, 'start') : undefined,
    to: filters.to ? dayBoundary(filters.to, 'end') : undefined,
    limit,
    offset: (page - 1) * limit,
    order,
  };

  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || (key === 'page' && value === 1)) {
        next.delete(key);
      } else {
        next.set(key, String(value));
      }
    }
    setParams(next);
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <AuditFilters
        key={JSON.stringify(filters)}
        value={filters}
        onApply={(next) => update({ ...next, page: undefined })}
      />
      <Text size="xs" c="dimmed">
        {t('audit.timezoneNote')}
      </Text>
      <AuditTable
        query={query}
        onPageChange={(next) => update({ page: next })}
        onPageSizeChange={(size) => update({ size: size === 50 ? undefined : size, page: undefined })}
        onOrderChange={(next) => update({ order: next === 'desc' ? undefined : next, page: undefined })}
      />
    </Stack>
  );
}
