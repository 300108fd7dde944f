import { Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { DateTime } from 'luxon';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../components/deadline-badge.tsx';
import type { PortalInvite } from '../../../lib/api-types.ts';
import { useFormat } from '../../../lib/format.ts';

/** "nog 6 dagen 23 uur" for an open invitation; the exact instant in the tooltip and for screen readers. */
export function ExpiryText({ invite }: { invite: PortalInvite }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(60_000);
  const expires = DateTime.fromISO(invite.expiresAt);
  const when = format.dateTime(invite.expiresAt);
  if (invite.status !== 'pending' || !expires.isValid || expires <= now) {
    return (
      <Text size="sm" component="time" dateTime={invite.expiresAt}>
        {invite.status === 'expired' ? t('portalAccounts.expiredOn', { when }) : when}
      </Text>
    );
  }
  const span = expires.diff(now, ['days', 'hours', 'minutes']);
  const days = Math.floor(span.days);
  const hours = Math.floor(span.hours);
  const minutes = Math.max(1, Math.floor(span.minutes));
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
  return (
    <Tooltip label={when} withArrow>
      <Text size="sm" component="time" dateTime={invite.expiresAt} tabIndex={0}>
        {t('portalAccounts.expiresIn', { duration: parts.join(' ') })}
        <VisuallyHidden>{` (${when})`}</VisuallyHidden>
      </Text>
    </Tooltip>
  );
}
