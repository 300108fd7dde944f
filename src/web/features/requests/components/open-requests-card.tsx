import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../dashboard/components/dashboard-card.tsx';
import { requestPage, requestsPage, useRequests } from '../api/requests.ts';
import { RequestCountdown } from './badges.tsx';

const limit = 8;

/** Dashboard: the open data subject requests, soonest due first, each with its 14-day countdown (seed 3.6). */
export function OpenRequestsCard() {
  const { t } = useTranslation();
  const requests = useRequests({ status: 'open' }, { refetchInterval: 60_000 });
  const titleId = 'open-requests-title';
  const all = [...(requests.data ?? [])].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const items = all.slice(0, limit);
  return (
    <DashboardCard
      titleId={titleId}
      title={t('requests.card.title')}
      link={{ to: requestsPage, label: t('requests.card.toList') }}
      description={t('requests.card.description')}
      error={requests.error}
      loading={requests.isPending}
      emptyText={requests.data && items.length === 0 ? t('requests.card.none') : null}
    >
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={440}>
          <Table fz="sm" verticalSpacing={6} aria-labelledby={titleId} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('requests.list.reference')}</Table.Th>
                <Table.Th>{t('requests.list.customer')}</Table.Th>
                <Table.Th>{t('requests.card.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={requestPage(r.id)} size="sm">
                      {r.reference}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`requests.right.${r.rightType}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.customer.legalName}</Table.Td>
                  <Table.Td miw={170} style={{ whiteSpace: 'nowrap' }}>
                    {/* a badge may shrink in a table cell; the countdown must stay readable */}
                    <div style={{ minWidth: 'max-content' }}>
                      <RequestCountdown status={r.status} dueAt={r.dueAt} completedAt={r.completedAt} />
                    </div>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {all.length > items.length ? (
        <Text size="xs" c="dimmed">
          {t('requests.card.more', { count: all.length - items.length })}
        </Text>
      ) : null}
    </DashboardCard>
  );
}
