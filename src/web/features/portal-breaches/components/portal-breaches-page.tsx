import { Paper, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { groupNotices, usePortalBreaches } from '../api/portal-breaches.ts';
import { BreachCard } from './breach-card.tsx';

/**
 * The data breaches the processor notified to this customer (seed clause 8): one card per incident, its latest
 * answers and every update. The processor never notifies the AP or data subjects itself (8.3).
 */
export function PortalBreachesPage() {
  const { t } = useTranslation();
  const query = usePortalBreaches();
  const location = useLocation();

  // A notice mail or the overview may link to one incident (#breach-<reference>).
  const loaded = query.isSuccess;
  useEffect(() => {
    if (!loaded || !location.hash) {
      return;
    }
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [loaded, location.hash]);

  if (query.isPending) {
    return <Skeleton h={320} />;
  }
  if (query.isError) {
    return <ErrorAlert error={query.error} title={t('errors.loadTitle')} />;
  }
  const breaches = groupNotices(query.data);
  if (breaches.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="xs">
          <ThemeIcon variant="light" color="teal" size={44} radius="xl" aria-hidden>
            <IconShieldCheck size={26} />
          </ThemeIcon>
          <Text fw={600}>{t('portal.breaches.empty')}</Text>
          <Text size="sm" c="dimmed" ta="center" maw={560}>
            {t('portal.breaches.emptyDetail')}
          </Text>
        </Stack>
      </Paper>
    );
  }
  return (
    <Stack gap="lg">
      {breaches.map((breach) => (
        <BreachCard key={breach.reference} breach={breach} />
      ))}
    </Stack>
  );
}
