import { Badge, type BadgeProps, Group, List, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../settings/components/countries.ts';
import type { ConsentViewState, LocationClass, ProposalStatus, TransferZone } from '../api/types.ts';
import { describeBasis, describeProblem } from '../lib/transfers.ts';

const zoneColor: Record<TransferZone, string> = { eea: 'teal', adequacy: 'blue', 'third-country': 'orange' };

export function ZoneBadge({ zone, ...props }: { zone: TransferZone } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={zoneColor[zone]} variant="light" {...props}>
      {t(`subprocessors.zones.${zone}`)}
    </Badge>
  );
}

/** "Verenigde Staten · derde land"; a location without a lawful ground is red. */
export function LocationBadges({ locations }: { locations: LocationClass[] }) {
  const { t, i18n } = useTranslation();
  if (locations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('subprocessors.locations.unknown')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {locations.map((l) => (
        <Tooltip
          key={`${l.country}-${l.kind}`}
          label={`${countryName(l.country, i18n.resolvedLanguage)} · ${t(`subprocessors.locationKinds.${l.kind}`)}${
            l.basis ? ` · ${describeBasis(l.basis)}` : ''
          }`}
          withArrow
          multiline
          maw={360}
        >
          <Badge
            size="sm"
            variant="light"
            color={l.problem ? 'red' : zoneColor[l.zone]}
            tabIndex={0}
            style={{ textTransform: 'none' }}
          >
            {l.country} · {t(`subprocessors.zones.${l.zone}`)}
            <VisuallyHidden>{` (${countryName(l.country, i18n.resolvedLanguage)})`}</VisuallyHidden>
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** A red badge "Geen doorgifte mogelijk" whose tooltip (and accessible text) says why. */
export function TransferProblemBadge({ problems, ...props }: { problems: string[] } & BadgeProps) {
  const { t } = useTranslation();
  if (problems.length === 0) {
    return null;
  }
  const reasons = problems.map(describeProblem);
  return (
    <Tooltip
      label={
        <List size="xs" spacing={2} c="white">
          {reasons.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
      }
      withArrow
      multiline
      maw={420}
    >
      <Badge
        color="red"
        variant="filled"
        tabIndex={0}
        leftSection={<IconAlertTriangle size={12} aria-hidden />}
        {...props}
      >
        {t('subprocessors.transfer.blockedShort')}
        <VisuallyHidden>{`: ${reasons.join('; ')}`}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

const consentColor: Record<ConsentViewState, string> = {
  'not-asked': 'gray',
  'by-signature': 'indigo',
  asked: 'blue',
  given: 'teal',
  objected: 'red',
  withdrawn: 'orange',
  cancelled: 'gray',
};

export function ConsentStateBadge({ state, ...props }: { state: ConsentViewState } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      color={consentColor[state]}
      variant={state === 'given' ? 'filled' : state === 'not-asked' ? 'outline' : 'light'}
      {...props}
    >
      {t(`subprocessors.consentStates.${state}`)}
    </Badge>
  );
}

const proposalColor: Record<ProposalStatus, string> = { open: 'blue', withdrawn: 'gray', closed: 'teal' };

export function ProposalStatusBadge({ status, ...props }: { status: ProposalStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={proposalColor[status]} variant="light" {...props}>
      {t(`subprocessors.proposalStatus.${status}`)}
    </Badge>
  );
}

const countOrder = ['given', 'by-signature', 'asked', 'objected', 'withdrawn', 'not-asked'] as const;

/** The consent counts as plain text: "12 toestemming · 3 gevraagd". */
export function consentCountsText(
  counts: Record<string, number>,
  t: (key: never, values?: object) => string,
) {
  return countOrder
    .filter((state) => (counts[state] ?? 0) > 0)
    .map((state) => t(`subprocessors.counts.${state}` as never, { count: counts[state] }))
    .join(' · ');
}

/** Stored answers per state; `compact` (table cells) shows a dash when there are none. */
export function ConsentCounts({ counts, compact }: { counts: Record<string, number>; compact?: boolean }) {
  const { t } = useTranslation();
  const shown = countOrder.filter((state) => (counts[state] ?? 0) > 0);
  if (shown.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {compact ? '—' : t('subprocessors.counts.none')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {shown.map((state) => (
        <Badge
          key={state}
          size="sm"
          variant="light"
          color={consentColor[state]}
          style={{ textTransform: 'none' }}
        >
          {t(`subprocessors.counts.${state}`, { count: counts[state] })}
        </Badge>
      ))}
    </Group>
  );
}
