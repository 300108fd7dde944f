import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { AuditChainCard } from '../../features/audit/components/audit-chain-card.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { BreachObligationsCard } from '../../features/breaches/components/obligations-card.tsx';
import { useDashboard } from '../../features/dashboard/api/get-dashboard.ts';
import { CountsCard } from '../../features/dashboard/components/counts-card.tsx';
import { OpenRequestsCard } from '../../features/requests/components/open-requests-card.tsx';
import { useProcessor } from '../../features/settings/api/processor.ts';
import { ProcessorSummaryCard } from '../../features/settings/components/processor-summary-card.tsx';
import { SubprocessorAlertsCard } from '../../features/subprocessors/components/alerts-card.tsx';
import { can } from '../../lib/roles.ts';

export function DashboardRoute() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const dashboard = useDashboard();
  const processor = useProcessor();

  return (
    <Stack gap="md">
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.welcome', { name: user?.name ?? '' })}
      />
      <ErrorAlert error={dashboard.error ?? processor.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          {dashboard.data ? (
            <>
              <AuditChainCard
                verification={dashboard.data.auditChain}
                canVerify={can(user?.role, 'audit.verify')}
              />
              <CountsCard counts={dashboard.data.counts} />
              <BreachObligationsCard />
              <OpenRequestsCard />
              <SubprocessorAlertsCard />
            </>
          ) : dashboard.isPending ? (
            <>
              <Skeleton h={180} radius="md" />
              <Skeleton h={110} radius="md" />
            </>
          ) : null}
        </Stack>
        {processor.data ? (
          <ProcessorSummaryCard profile={processor.data} />
        ) : processor.isPending ? (
          <Skeleton h={300} radius="md" />
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}
