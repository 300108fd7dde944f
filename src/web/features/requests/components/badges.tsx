import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPlayerPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { RequestStatus, RightType, TaskOutcome, TaskStatus } from '../api/types.ts';

const badgeStyle = { textTransform: 'none' } as const;

const statusColor: Record<RequestStatus, string> = {
  received: 'blue',
  in_progress: 'indigo',
  on_hold: 'yellow',
  completed: 'teal',
  rejected: 'red',
  cancelled: 'gray',
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" style={badgeStyle}>
      {t(`requests.status.${status}`)}
    </Badge>
  );
}

export function RightBadge({ right }: { right: RightType }) {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="outline" style={badgeStyle}>
      {t(`requests.right.${right}`)}
    </Badge>
  );
}

const taskColor: Record<TaskStatus, string> = { open: 'blue', requested: 'orange', done: 'teal' };

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={taskColor[status]} variant="light" style={badgeStyle}>
      {t(`requests.taskStatus.${status}`)}
    </Badge>
  );
}

const outcomeColor: Record<TaskOutcome, string> = {
  found: 'teal',
  not_found: 'gray',
  done: 'teal',
  not_possible: 'red',
};

export function OutcomeBadge({ outcome }: { outcome: TaskOutcome }) {
  const { t } = useTranslation();
  return (
    <Badge color={outcomeColor[outcome]} variant="outline" style={badgeStyle}>
      {t(`requests.outcome.${outcome}`)}
    </Badge>
  );
}

/**
 * The 14-day countdown of a request (seed 3.6). On hold the clock stands still (the due date moves by the hold),
 * so the badge says "gepauzeerd" instead of counting; finished requests show their end state.
 */
export function RequestCountdown({
  status,
  dueAt,
  completedAt,
}: {
  status: RequestStatus;
  dueAt: string;
  completedAt: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (status === 'on_hold') {
    const dueText = t('deadline.dueAt', { when: format.dateTime(dueAt) });
    return (
      <Tooltip label={t('requests.pausedHint')} withArrow>
        <Badge
          color="yellow"
          variant="light"
          style={badgeStyle}
          leftSection={<IconPlayerPause size={12} aria-hidden />}
          tabIndex={0}
        >
          {t('requests.paused')}
          <VisuallyHidden>{` (${dueText})`}</VisuallyHidden>
        </Badge>
      </Tooltip>
    );
  }
  if (status === 'rejected' || status === 'cancelled') {
    return <RequestStatusBadge status={status} />;
  }
  return (
    <DeadlineBadge
      due={dueAt}
      completedAt={status === 'completed' ? completedAt : null}
      warnBefore={{ days: 3 }}
    />
  );
}
