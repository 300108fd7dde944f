import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TableColumn } from '../../../../components/data-table.tsx';
import { DateTimeText } from '../../../../components/date-time.tsx';
import { useFormat } from '../../../../lib/format.ts';
import type { DataSubjectRequest } from '../../api/types.ts';
import { RequestCountdown, RequestStatusBadge } from '../badges.tsx';

type Column = TableColumn<DataSubjectRequest>;

/**
 * The columns the staff list and the customer's list share. Each list picks and orders them and adds its own
 * (staff: the customer and the tasks done; the customer: their own deadline towards the person).
 */
export function useRequestColumns({
  pathOf,
  receivedTitle,
  dueTitle,
  rightWidth,
}: {
  /** Where the reference links to. */
  pathOf: (id: string) => string;
  receivedTitle: string;
  dueTitle: string;
  rightWidth?: number;
}): Record<'reference' | 'right' | 'received' | 'status' | 'due', Column> {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    reference: {
      accessor: 'reference',
      title: t('requests.list.reference'),
      width: 140,
      sortable: true,
      render: (r) => (
        <Anchor component={Link} to={pathOf(r.id)} size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {r.reference}
        </Anchor>
      ),
    },
    right: {
      accessor: 'rightType',
      title: t('requests.list.right'),
      width: rightWidth,
      sortable: true,
      value: (r) => t(`requests.right.${r.rightType}`),
      render: (r) => t(`requests.right.${r.rightType}`),
    },
    received: {
      accessor: 'receivedAt',
      title: receivedTitle,
      width: 150,
      sortable: true,
      value: (r) => format.dateTime(r.receivedAt),
      render: (r) => <DateTimeText value={r.receivedAt} size="sm" style={{ whiteSpace: 'nowrap' }} />,
    },
    status: {
      accessor: 'status',
      title: t('requests.list.status'),
      width: 140,
      sortable: true,
      value: (r) => t(`requests.status.${r.status}`),
      render: (r) => <RequestStatusBadge status={r.status} />,
    },
    due: {
      accessor: 'dueAt',
      title: dueTitle,
      width: 190,
      sortable: true,
      // sorts and exports by the instant; shows the live countdown
      value: (r) => r.dueAt,
      render: (r) => <RequestCountdown status={r.status} dueAt={r.dueAt} completedAt={r.completedAt} />,
    },
  };
}
