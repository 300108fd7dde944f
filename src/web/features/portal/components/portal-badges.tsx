import { Badge, type BadgeProps, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementStatus, DpaStatus, InstructionStatus } from '../../customers/api/types.ts';
import { isDpaStatus } from '../../customers/components/badges.tsx';
import type { SubprocessorConsent } from '../api/types.ts';

const dpaColor: Record<DpaStatus, string> = {
  draft: 'gray',
  sent: 'orange',
  signed_by_customer: 'indigo',
  signed_by_processor: 'orange',
  active: 'teal',
  superseded: 'gray',
  ended: 'dark',
};

/**
 * A DPA version's status in the customer's words ("Wacht op uw handtekening"). `label` is read first by
 * screen readers ("Status: …"), so a badge on its own still says what it is.
 */
export function PortalDpaStatusBadge({
  status,
  label,
  ...props
}: { status: string | null | undefined; label?: string } & BadgeProps) {
  const { t } = useTranslation();
  const prefix = <VisuallyHidden>{`${label ?? t('portal.dpa.statusLabel')}: `}</VisuallyHidden>;
  if (!isDpaStatus(status)) {
    return (
      <Badge color="gray" variant="outline" {...props}>
        {prefix}
        {t('portal.dpa.status.none')}
      </Badge>
    );
  }
  return (
    <Badge color={dpaColor[status]} variant={status === 'active' ? 'filled' : 'light'} {...props}>
      {prefix}
      {t(`portal.dpa.status.${status}`)}
    </Badge>
  );
}

const agreementColor: Record<AgreementStatus, string> = {
  active: 'teal',
  terminated: 'orange',
  ended: 'gray',
};

/** The agreement's own status (active, notice given, ended), announced as such. */
export function AgreementStatusBadge({ status, ...props }: { status: AgreementStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={agreementColor[status]} variant="light" {...props}>
      <VisuallyHidden>{`${t('portal.overview.agreementStatus')}: `}</VisuallyHidden>
      {t(`customers.status.${status}`)}
    </Badge>
  );
}

const instructionColor: Record<InstructionStatus, string> = {
  in_force: 'teal',
  on_hold: 'red',
  withdrawn: 'gray',
};

export function InstructionStatusBadge({ status, ...props }: { status: InstructionStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={instructionColor[status]} variant="light" {...props}>
      <VisuallyHidden>{`${t('portal.instructions.statusLabel')}: `}</VisuallyHidden>
      {t(`portal.instructions.status.${status}`)}
    </Badge>
  );
}

/** How the customer stands towards a sub-processor, in five words it can act on. */
export type SubprocessorStateKey = 'active' | 'asked' | 'objected' | 'withdrawn' | 'notAgreed';

export function subprocessorStateKey(
  consent: Pick<SubprocessorConsent, 'active' | 'state'>,
): SubprocessorStateKey {
  if (consent.active) {
    return 'active';
  }
  switch (consent.state) {
    case 'asked':
    case 'objected':
    case 'withdrawn':
      return consent.state;
    default:
      return 'notAgreed';
  }
}

const subprocessorColor: Record<SubprocessorStateKey, string> = {
  active: 'teal',
  asked: 'orange',
  objected: 'red',
  withdrawn: 'gray',
  notAgreed: 'yellow',
};

export function SubprocessorStateBadge({
  consent,
  ...props
}: { consent: Pick<SubprocessorConsent, 'active' | 'state'> } & BadgeProps) {
  const { t } = useTranslation();
  const key = subprocessorStateKey(consent);
  return (
    <Badge color={subprocessorColor[key]} variant={key === 'notAgreed' ? 'outline' : 'light'} {...props}>
      <VisuallyHidden>{`${t('portal.subprocessors.stateLabel')}: `}</VisuallyHidden>
      {t(`portal.subprocessors.states.${key}`)}
    </Badge>
  );
}
