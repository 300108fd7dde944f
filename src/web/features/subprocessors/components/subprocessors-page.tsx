import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Stack,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconBell, IconPlus, IconReplace } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import { DayText } from '../../customers/components/day-text.tsx';
import { formatDay } from '../../customers/lib/dates.ts';
import { countryName } from '../../settings/components/countries.ts';
import { proposalPage, subprocessorPage, useProposals, useSubprocessors } from '../api/subprocessors.ts';
import type { Proposal, Subprocessor } from '../api/types.ts';
import { useSubprocessorPermissions } from '../lib/permissions.ts';
import { describeProblem } from '../lib/transfers.ts';
import {
  ConsentCounts,
  consentCountsText,
  LocationBadges,
  ProposalStatusBadge,
  TransferProblemBadge,
} from './badges.tsx';
import { NewSubprocessorModal } from './new-subprocessor-modal.tsx';
import { ProposalProgress } from './proposal-progress.tsx';

function ServiceBadges({ codes }: { codes: string[] }) {
  const serviceLines = useServiceLines();
  if (codes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {codes.map((code) => (
        <Badge key={code} size="sm" variant="outline" color="gray">
          {serviceLines.nameOf(code)}
        </Badge>
      ))}
    </Group>
  );
}

function SubprocessorsTable() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const list = useSubprocessors();
  const serviceLines = useServiceLines();
  const alertText = (s: Subprocessor) =>
    s.alerts
      .map((a) => {
        const due = a.dueOn ? ` (${formatDay(a.dueOn, lng)})` : '';
        return `${t(`subprocessors.alertKinds.${a.kind}` as never, { defaultValue: a.kind })}: ${a.subject}${due}`;
      })
      .join('; ');

  const columns: TableColumn<Subprocessor>[] = [
    {
      accessor: 'name',
      title: t('subprocessors.fields.name'),
      sortable: true,
      value: (s) => s.name,
      render: (s) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={subprocessorPage(s.id)} size="sm" fw={600}>
              {s.name}
            </Anchor>
            {s.retiredAt ? (
              <Badge size="xs" color="gray" variant="outline">
                {t('subprocessors.retired')}
              </Badge>
            ) : null}
          </Group>
          {s.legalName && s.legalName !== s.name ? (
            <Text size="xs" c="dimmed">
              {s.legalName}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      accessor: 'country',
      title: t('subprocessors.list.country'),
      sortable: true,
      value: (s) => (s.country ? countryName(s.country, lng) : ''),
      render: (s) =>
        s.country ? (
          <Text size="sm" title={s.country}>
            {countryName(s.country, lng)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('subprocessors.countryUnknown')}
          </Text>
        ),
    },
    {
      accessor: 'locations',
      title: t('subprocessors.list.locations'),
      sortable: true,
      width: 185,
      // sorting puts the sub-processors with a transfer outside the EEA together
      value: (s) => s.locations.map((l) => `${l.country} ${t(`subprocessors.zones.${l.zone}`)}`).join('; '),
      render: (s) => <LocationBadges locations={s.locations} />,
    },
    {
      accessor: 'transferProblems',
      title: t('subprocessors.list.transfer'),
      sortable: true,
      width: 215,
      value: (s) =>
        s.transferProblems.length > 0
          ? `${t('subprocessors.transfer.blockedShort')}: ${s.transferProblems.map(describeProblem).join('; ')}`
          : s.transferOutsideEea
            ? t('subprocessors.list.transferCovered')
            : s.locations.length === 0
              ? t('subprocessors.locations.unknown')
              : t('subprocessors.list.transferNone'),
      render: (s) =>
        s.transferProblems.length > 0 ? (
          <TransferProblemBadge problems={s.transferProblems} size="sm" />
        ) : s.transferOutsideEea ? (
          <Text size="sm">{t('subprocessors.list.transferCovered')}</Text>
        ) : s.locations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('subprocessors.locations.unknown')}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('subprocessors.list.transferNone')}
          </Text>
        ),
    },
    {
      accessor: 'serviceLines',
      title: t('subprocessors.list.services'),
      value: (s) => s.serviceLines.map(serviceLines.nameOf).join('; '),
      render: (s) => <ServiceBadges codes={s.serviceLines} />,
    },
    {
      accessor: 'consentCounts',
      title: t('subprocessors.list.consent'),
      value: (s) => consentCountsText(s.consentCounts, t as never),
      render: (s) => <ConsentCounts counts={s.consentCounts} compact />,
    },
    {
      accessor: 'alerts',
      title: t('subprocessors.list.alerts'),
      sortable: true,
      width: 130,
      noWrap: true,
      value: (s) => (s.alerts.length > 0 ? `${s.alerts.length}: ${alertText(s)}` : ''),
      render: (s) =>
        s.alerts.length > 0 ? (
          <Tooltip
            label={
              <List size="xs" c="white" spacing={2}>
                {s.alerts.map((a) => (
                  <List.Item key={`${a.kind}-${a.subject}`}>
                    {t(`subprocessors.alertKinds.${a.kind}` as never, { defaultValue: a.kind })}: {a.subject}
                  </List.Item>
                ))}
              </List>
            }
            withArrow
            multiline
            maw={420}
          >
            <Badge
              color="orange"
              variant="light"
              leftSection={<IconBell size={12} aria-hidden />}
              tabIndex={0}
            >
              {t('subprocessors.list.alertCount', { count: s.alerts.length })}
              <VisuallyHidden>{`: ${alertText(s)}`}</VisuallyHidden>
            </Badge>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
  ];

  return (
    <Stack gap="xs">
      <ErrorAlert error={list.error} />
      <DataTable<Subprocessor>
        label={t('subprocessors.list.tableLabel')}
        columns={columns}
        records={list.data}
        fetching={list.isFetching && !list.data}
        noRecordsText={t('subprocessors.list.empty')}
        searchable
        csvFileName={t('subprocessors.list.csvFileName')}
        initialSort={{ columnAccessor: 'name', direction: 'asc' }}
      />
    </Stack>
  );
}

function ProposalsTable() {
  const { t } = useTranslation();
  const proposals = useProposals();
  const serviceLines = useServiceLines();
  const what = (p: Proposal) =>
    p.kind === 'replace' && p.replaces
      ? t('subprocessors.proposal.replaceWhat', { name: p.party.name, replaces: p.replaces.name })
      : t('subprocessors.proposal.addWhat', { name: p.party.name });

  const columns: TableColumn<Proposal>[] = [
    {
      accessor: 'party.name',
      title: t('subprocessors.proposals.what'),
      sortable: true,
      value: what,
      render: (p) => (
        <Anchor component={Link} to={proposalPage(p.id)} size="sm" fw={600}>
          {what(p)}
        </Anchor>
      ),
    },
    {
      accessor: 'serviceLineCodes',
      title: t('subprocessors.list.services'),
      value: (p) => p.serviceLineCodes.map(serviceLines.nameOf).join('; '),
      render: (p) => <ServiceBadges codes={p.serviceLineCodes} />,
    },
    {
      accessor: 'status',
      title: t('subprocessors.proposals.status'),
      sortable: true,
      value: (p) => t(`subprocessors.proposalStatus.${p.status}`),
      render: (p) => <ProposalStatusBadge status={p.status} size="sm" />,
    },
    {
      accessor: 'effectiveFrom',
      title: t('subprocessors.proposal.effectiveFrom'),
      sortable: true,
      noWrap: true,
      render: (p) => <DayText value={p.effectiveFrom} size="sm" />,
    },
    {
      accessor: 'respondBy',
      title: t('subprocessors.proposal.respondBy'),
      sortable: true,
      noWrap: true,
      width: 210,
      render: (p) =>
        p.status === 'open' ? (
          <DeadlineBadge due={p.respondBy} warnBefore={{ days: 7 }} />
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
    {
      accessor: 'progress',
      title: t('subprocessors.proposals.progress'),
      value: (p) =>
        t('subprocessors.progress.csv', {
          given: p.progress.given,
          objected: p.progress.objected,
          asked: p.progress.asked,
          overdue: p.progress.overdue,
          total: p.progress.customers,
        }),
      render: (p) => <ProposalProgress progress={p.progress} compact />,
    },
  ];

  return (
    <Stack gap="xs">
      <ErrorAlert error={proposals.error} />
      <DataTable<Proposal>
        label={t('subprocessors.proposals.tableLabel')}
        columns={columns}
        records={proposals.data}
        fetching={proposals.isFetching && !proposals.data}
        noRecordsText={t('subprocessors.proposals.empty')}
        searchable
        csvFileName={t('subprocessors.proposals.csvFileName')}
        initialSort={{ columnAccessor: 'respondBy', direction: 'desc' }}
      />
    </Stack>
  );
}

export function SubprocessorsPage() {
  const { t } = useTranslation();
  const { canEditProfile, canPropose } = useSubprocessorPermissions();
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('subprocessors.title')}
        description={t('subprocessors.intro')}
        actions={
          <>
            {canEditProfile ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('subprocessors.create.button')}
              </Button>
            ) : null}
            {canPropose ? (
              <Button
                component={Link}
                to="/subprocessors/proposals/new"
                variant="light"
                leftSection={<IconReplace size={16} aria-hidden />}
              >
                {t('subprocessors.proposal.button')}
              </Button>
            ) : null}
          </>
        }
      />
      <SubprocessorsTable />
      <Stack gap="xs" component="section" aria-labelledby="proposals-title">
        <Title order={2} fz="h3" id="proposals-title">
          {t('subprocessors.proposals.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('subprocessors.proposals.intro')}
        </Text>
        <ProposalsTable />
      </Stack>
      <NewSubprocessorModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
