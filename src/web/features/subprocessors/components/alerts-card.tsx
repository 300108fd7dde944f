import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DayText } from '../../customers/components/day-text.tsx';
import { todayDay } from '../../customers/lib/dates.ts';
import { DashboardCard } from '../../dashboard/components/dashboard-card.tsx';
import { subprocessorPage, useSubprocessorAlerts } from '../api/subprocessors.ts';

/** Dashboard: what needs doing about sub-processors (an expired contract, an unanswered question, a review). */
export function SubprocessorAlertsCard() {
  const { t } = useTranslation();
  const alerts = useSubprocessorAlerts();
  const titleId = 'subprocessor-alerts-title';
  const today = todayDay();
  const items = [...(alerts.data ?? [])].sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  return (
    <DashboardCard
      titleId={titleId}
      title={t('subprocessors.alerts.title')}
      link={{ to: '/subprocessors', label: t('subprocessors.alerts.toList') }}
      error={alerts.error}
      loading={alerts.isPending}
      emptyText={alerts.data && items.length === 0 ? t('subprocessors.alerts.none') : null}
    >
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={520}>
          <Table fz="sm" verticalSpacing={6} aria-labelledby={titleId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('subprocessors.alerts.kind')}</Table.Th>
                <Table.Th>{t('subprocessors.alerts.subject')}</Table.Th>
                <Table.Th>{t('subprocessors.alerts.dueOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Badge
                      size="sm"
                      variant="light"
                      color={
                        a.kind === 'consent-overdue' || (a.dueOn !== null && a.dueOn < today)
                          ? 'red'
                          : 'orange'
                      }
                      style={{ textTransform: 'none' }}
                    >
                      {t(`subprocessors.alertKinds.${a.kind}` as never, { defaultValue: a.kind })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm">{a.subject}</Text>
                      <Text size="xs" c="dimmed">
                        <Anchor component={Link} to={subprocessorPage(a.partyId)} inherit>
                          {a.partyName}
                        </Anchor>
                        {a.customerId && a.customerName ? (
                          <>
                            {' · '}
                            <Anchor
                              component={Link}
                              to={`/customers/${encodeURIComponent(a.customerId)}?tab=subprocessors`}
                              inherit
                            >
                              {a.customerName}
                            </Anchor>
                          </>
                        ) : null}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <DayText value={a.dueOn} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </DashboardCard>
  );
}
