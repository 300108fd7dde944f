import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EmailStatus } from '../api/mail.ts';

export const statusColor: Record<EmailStatus, string> = {
  outbox: 'orange',
  queued: 'blue',
  sent: 'teal',
  failed: 'red',
};

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]} size="sm">
      {t(`mail.status.${status}`)}
    </Badge>
  );
}
