import { SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../lib/api-types.ts';
import { useFormat } from '../../../lib/format.ts';
import { DashboardCard } from './dashboard-card.tsx';

export function CountsCard({ counts }: { counts: Dashboard['counts'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = 'counts-title';
  const items = [
    { key: 'users', label: t('dashboard.counts.users'), value: counts.users },
    { key: 'tokens', label: t('dashboard.counts.activeTokens'), value: counts.activeTokens },
    { key: 'events', label: t('dashboard.counts.auditEvents'), value: counts.auditEvents },
  ];
  return (
    <DashboardCard titleId={titleId} title={t('dashboard.counts.title')}>
      <SimpleGrid cols={3} spacing="sm" component="dl" m={0}>
        {items.map((item) => (
          <div key={item.key}>
            <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
              {item.label}
            </Text>
            <Text component="dd" m={0} fz={26} fw={700} lh={1.2}>
              {format.number(item.value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </DashboardCard>
  );
}
