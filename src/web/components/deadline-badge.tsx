import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { DateTime, type DurationLikeObject } from 'luxon';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.ts';

/** The current time, refreshed every `intervalMs`, so countdowns move while a page stays open. */
export function useNow(intervalMs = 30_000): DateTime {
  const [now, setNow] = useState(() => DateTime.utc());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(DateTime.utc()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export type DeadlineState = 'done' | 'overdue' | 'due-soon' | 'open';

export function deadlineState(
  due: DateTime,
  now: DateTime,
  warnBefore: DurationLikeObject,
  completed: boolean,
): DeadlineState {
  if (completed) {
    return 'done';
  }
  if (due <= now) {
    return 'overdue';
  }
  return due.minus(warnBefore) <= now ? 'due-soon' : 'open';
}

const stateColor: Record<DeadlineState, string> = {
  done: 'teal',
  overdue: 'red',
  'due-soon': 'orange',
  open: 'blue',
};

type DeadlineBadgeProps = {
  /** The deadline instant (ISO). */
  due: string;
  /** When the obligation was met; the badge then shows "done" and stops counting. */
  completedAt?: string | null;
  /** How long before the deadline the badge turns orange. Default: 4 hours (breach notices are due in 24 h). */
  warnBefore?: DurationLikeObject;
};

/**
 * A countdown to a legal deadline (breach notice within 24 hours, data subject request within 14 days):
 * "nog 3 uur 20 min", "2 dagen te laat". The exact instant (Europe/Amsterdam) is in the tooltip.
 */
export function DeadlineBadge({ due, completedAt, warnBefore = { hours: 4 } }: DeadlineBadgeProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const dueAt = DateTime.fromISO(due);
  if (!dueAt.isValid) {
    return null;
  }
  const state = deadlineState(dueAt, now, warnBefore, Boolean(completedAt));
  const remaining = dueAt.diff(now, ['days', 'hours', 'minutes']);
  const span = state === 'overdue' ? remaining.negate() : remaining;
  const days = Math.floor(span.days);
  const hours = Math.floor(span.hours);
  const minutes = Math.max(0, Math.floor(span.minutes));
  const parts: string[] = [];
  if (days > 0) {
    parts.push(t('deadline.days', { count: days }));
  }
  if (hours > 0 || days > 0) {
    parts.push(t('deadline.hours', { count: hours }));
  }
  if (days === 0) {
    parts.push(t('deadline.minutes', { count: minutes }));
  }
  const duration = parts.join(' ');
  const label =
    state === 'done'
      ? t('deadline.done')
      : state === 'overdue'
        ? t('deadline.overdue', { duration })
        : t('deadline.remaining', { duration });
  const dueText = t('deadline.dueAt', { when: format.dateTime(due) });
  return (
    <Tooltip label={dueText} withArrow>
      <Badge color={stateColor[state]} variant={state === 'open' ? 'light' : 'filled'} tabIndex={0}>
        {label}
        <VisuallyHidden>{` (${dueText})`}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}
