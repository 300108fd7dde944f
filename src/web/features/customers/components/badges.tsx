import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CustomerStatus, type DpaStatus, dpaStatuses } from '../api/types.ts';

const customerColor: Record<CustomerStatus, string> = {
  active: 'teal',
  terminated: 'orange',
  ended: 'gray',
  none: 'gray',
};

export function CustomerStatusBadge({ status, ...props }: { status: CustomerStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={customerColor[status]} variant={status === 'none' ? 'outline' : 'light'} {...props}>
      {t(`customers.status.${status}`)}
    </Badge>
  );
}

const dpaColor: Record<DpaStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  signed_by_customer: 'indigo',
  signed_by_processor: 'indigo',
  active: 'teal',
  superseded: 'gray',
  ended: 'dark',
};

export const isDpaStatus = (value: string | null | undefined): value is DpaStatus =>
  (dpaStatuses as readonly string[]).includes(value ?? '');

export function DpaStatusBadge({ status, ...props }: { status: string | null } & BadgeProps) {
  const { t } = useTranslation();
  if (!isDpaStatus(status)) {
    return (
      <Badge color="gray" variant="outline" {...props}>
        {t('customers.dpa.none')}
      </Badge>
    );
  }
  return (
    <Badge color={dpaColor[status]} variant={status === 'active' ? 'filled' : 'light'} {...props}>
      {t(`customers.dpa.status.${status}`)}
    </Badge>
  );
}

/** Demo customers (`art28 demo`) are never mistaken for real ones. */
export function DemoBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color="grape"
      variant="filled"
      title={t('customers.demoHint')}
      style={{ flexShrink: 0 }}
      {...props}
    >
      {t('customers.demo')}
    </Badge>
  );
}
