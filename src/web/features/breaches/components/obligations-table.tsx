import { Anchor, Box, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { incidentPage, useBreachObligations } from '../api/breaches.ts';
import { ObligationStatusBadge } from './badges.tsx';

/**
 * The open clause 8.1 obligations of every incident (a customer still to be told by phone, within 24 hours of
 * discovery), soonest due first, each with a live countdown. Used on the list page and on the dashboard.
 */
export function ObligationsTable({
  labelledBy,
  limit,
  maxHeight,
  compact,
}: {
  labelledBy: string;
  limit?: number;
  /** Scroll the list inside this height (a keyboard-focusable region) instead of growing the page. */
  maxHeight?: number;
  /** Narrow (dashboard card): the incident by its reference only, its title in the tooltip. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const obligations = useBreachObligations();
  const all = [...(obligations.data ?? [])].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const items = limit ? all.slice(0, limit) : all;
  return (
    <Stack gap="xs">
      <ErrorAlert error={obligations.error} />
      {obligations.isPending ? <Skeleton h={80} /> : null}
      {obligations.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('breaches.obligations.none')}
        </Text>
      ) : null}
      {items.length > 0 ? (
        <Box
          {...(maxHeight
            ? {
                mah: maxHeight,
                style: { overflowY: 'auto' },
                tabIndex: 0,
                role: 'region',
                'aria-labelledby': labelledBy,
              }
            : {})}
        >
          <Table.ScrollContainer minWidth={560}>
            <Table fz="sm" verticalSpacing={6} aria-labelledby={labelledBy} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('breaches.obligations.customer')}</Table.Th>
                  <Table.Th>{t('breaches.obligations.incident')}</Table.Th>
                  <Table.Th>{t('breaches.obligations.status')}</Table.Th>
                  <Table.Th>{t('breaches.obligations.due')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/customers/${encodeURIComponent(o.customerId)}`}
                        size="sm"
                      >
                        {o.legalName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={incidentPage(o.incidentId)}
                        size="sm"
                        title={o.incidentTitle}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {o.incidentReference}
                      </Anchor>
                      {compact ? null : (
                        <Text size="xs" c="dimmed">
                          {o.incidentTitle}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td miw={120}>
                      <ObligationStatusBadge status={o.status} />
                    </Table.Td>
                    <Table.Td miw={160} style={{ whiteSpace: 'nowrap' }}>
                      <DeadlineBadge due={o.dueAt} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Box>
      ) : null}
      {limit && all.length > items.length ? (
        <Text size="xs" c="dimmed">
          {t('breaches.obligations.more', { count: all.length - items.length })}
        </Text>
      ) : null}
    </Stack>
  );
}
