import { Alert, Badge, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { IncidentStatus, ObligationStatus, Severity } from '../api/types.ts';

const incidentColor: Record<IncidentStatus, string> = { open: 'red', contained: 'orange', closed: 'gray' };
const severityColor: Record<Severity, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};
const obligationColor: Record<ObligationStatus, string> = {
  to_notify: 'red',
  phoned: 'blue',
  notice_sent: 'teal',
  acknowledged: 'green',
};

const badgeStyle = { textTransform: 'none' } as const;

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={incidentColor[status]} variant="light" style={badgeStyle}>
      {t(`breaches.status.${status}`)}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={severityColor[severity]} variant="outline" style={badgeStyle}>
      {t(`breaches.severity.${severity}`)}
    </Badge>
  );
}

export function ObligationStatusBadge({ status }: { status: ObligationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={obligationColor[status]} variant="light" style={badgeStyle}>
      {t(`breaches.obligationStatus.${status}`)}
    </Badge>
  );
}

export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" component="span" fw={value ? 600 : undefined}>
      {value ? t('breaches.yes') : t('breaches.no')}
    </Text>
  );
}

/** Clause 8.3: the processor tells its customers; whether to notify the authority or data subjects is theirs. */
export function NoAuthorityNote() {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
      <Text size="sm">{t('breaches.noAuthority')}</Text>
    </Alert>
  );
}
