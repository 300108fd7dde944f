import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconGavel, IconMessageReply, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundRoute } from '../../../app/routes/not-found.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { isApiError } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import { DayText } from '../../customers/components/day-text.tsx';
import { subprocessorPage, useProposal, useSubprocessor } from '../api/subprocessors.ts';
import type { ProposalCustomer, ProposalDetail } from '../api/types.ts';
import { assessmentText } from '../lib/assessment.ts';
import { useSubprocessorPermissions } from '../lib/permissions.ts';
import { ConsentStateBadge, LocationBadges, ProposalStatusBadge, TransferProblemBadge } from './badges.tsx';
import { AnswerModal, AssessModal, type PairTarget, WithdrawProposalModal } from './consent-modals.tsx';
import { ProposalProgress } from './proposal-progress.tsx';
import { BackToList } from './subprocessor-detail-page.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

export const proposalTitle = (
  p: Pick<ProposalDetail, 'kind' | 'party' | 'replaces'>,
  t: (key: never, values?: object) => string,
) =>
  p.kind === 'replace' && p.replaces
    ? t('subprocessors.proposal.replaceWhat' as never, { name: p.party.name, replaces: p.replaces.name })
    : t('subprocessors.proposal.addWhat' as never, { name: p.party.name });

function CustomersTable({
  proposal,
  transferCountries,
  canRecord,
  canDecide,
}: {
  proposal: ProposalDetail;
  transferCountries: string[];
  canRecord: boolean;
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [answering, setAnswering] = useState<PairTarget | null>(null);
  const [assessing, setAssessing] = useState<{ target: PairTarget; objection: string | null } | null>(null);
  const targetOf = (c: ProposalCustomer): PairTarget => ({
    customerId: c.customerId,
    customerName: c.legalName,
    partyId: proposal.party.id,
    partyName: proposal.party.name,
    transferCountries,
  });
  const open = proposal.status === 'open';

  const columns: TableColumn<ProposalCustomer>[] = [
    {
      accessor: 'legalName',
      title: t('subprocessors.customers.customer'),
      sortable: true,
      render: (c) => (
        <Anchor
          component={Link}
          to={`/customers/${encodeURIComponent(c.customerId)}?tab=subprocessors`}
          size="sm"
          fw={500}
        >
          {c.legalName}
        </Anchor>
      ),
    },
    {
      accessor: 'state',
      title: t('subprocessors.customers.state'),
      sortable: true,
      width: 140,
      value: (c) => t(`subprocessors.consentStates.${c.state}`),
      render: (c) => (
        <Group gap={4}>
          <ConsentStateBadge state={c.state} size="sm" />
          {c.escalatedAt ? (
            <Tooltip
              label={t('subprocessors.customers.escalatedAt', { when: format.dateTime(c.escalatedAt) })}
              withArrow
            >
              <Badge size="sm" color="orange" variant="outline" tabIndex={0}>
                {t('subprocessors.customers.escalated')}
              </Badge>
            </Tooltip>
          ) : null}
        </Group>
      ),
    },
    {
      accessor: 'respondBy',
      title: t('subprocessors.customers.respondBy'),
      sortable: true,
      noWrap: true,
      width: 210,
      value: (c) => (c.respondBy ? format.dateTime(c.respondBy) : ''),
      render: (c) =>
        c.respondBy && c.state === 'asked' ? (
          <DeadlineBadge due={c.respondBy} warnBefore={{ days: 7 }} />
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
    {
      accessor: 'answeredAt',
      title: t('subprocessors.customers.answered'),
      sortable: true,
      value: (c) =>
        [
          c.answeredAt ? `${c.answeredBy ?? ''} ${format.dateTime(c.answeredAt)}`.trim() : '',
          c.objectionReason ? `${t('subprocessors.customers.objection')}: ${c.objectionReason}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      render: (c) =>
        c.answeredAt ? (
          <Stack gap={2}>
            <Text size="sm">{c.answeredBy}</Text>
            <DateTimeText value={c.answeredAt} size="xs" c="dimmed" />
            {c.objectionReason ? (
              <Text
                size="sm"
                c="red.8"
                lineClamp={3}
                style={{ whiteSpace: 'pre-wrap' }}
                title={c.objectionReason}
              >
                {t('subprocessors.customers.objection')}: {c.objectionReason}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
    ...(transferCountries.length > 0
      ? [
          {
            accessor: 'transferConsentGiven',
            title: t('subprocessors.customers.transferConsent'),
            value: (c: ProposalCustomer) =>
              c.state !== 'given'
                ? ''
                : c.transferConsentGiven
                  ? t('subprocessors.yes')
                  : t('subprocessors.no'),
            render: (c: ProposalCustomer) =>
              c.state !== 'given' ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                <Text size="sm" c={c.transferConsentGiven ? undefined : 'red'}>
                  {c.transferConsentGiven ? t('subprocessors.yes') : t('subprocessors.no')}
                </Text>
              ),
          } satisfies TableColumn<ProposalCustomer>,
        ]
      : []),
    ...(canRecord || canDecide
      ? [
          {
            accessor: 'actions',
            title: t('common.actions'),
            titleHidden: true,
            exportable: false,
            textAlign: 'right',
            noWrap: true,
            render: (c: ProposalCustomer) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                {c.state === 'asked' && open && canRecord ? (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconMessageReply size={14} aria-hidden />}
                    onClick={() => setAnswering(targetOf(c))}
                    aria-label={t('subprocessors.answer.buttonFor', { customer: c.legalName })}
                  >
                    {t('subprocessors.answer.button')}
                  </Button>
                ) : null}
                {c.state === 'objected' && c.objectionReasonable !== null ? (
                  <Text size="xs" c="dimmed">
                    {assessmentText(t, c)}
                  </Text>
                ) : null}
                {c.state === 'objected' && c.objectionReasonable === null && canDecide ? (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    leftSection={<IconGavel size={14} aria-hidden />}
                    onClick={() => setAssessing({ target: targetOf(c), objection: c.objectionReason })}
                    aria-label={t('subprocessors.assess.buttonFor', { customer: c.legalName })}
                  >
                    {t('subprocessors.assess.button')}
                  </Button>
                ) : null}
              </Group>
            ),
          } satisfies TableColumn<ProposalCustomer>,
        ]
      : []),
  ];

  return (
    <>
      <DataTable<ProposalCustomer>
        label={t('subprocessors.customers.tableLabel')}
        columns={columns}
        records={proposal.customers}
        idAccessor="customerId"
        searchable
        csvFileName={t('subprocessors.customers.csvFileName')}
        noRecordsText={t('subprocessors.customers.empty')}
        initialSort={{ columnAccessor: 'legalName', direction: 'asc' }}
      />
      <AnswerModal target={answering} onClose={() => setAnswering(null)} />
      <AssessModal
        target={assessing?.target ?? null}
        objection={assessing?.objection ?? null}
        onClose={() => setAssessing(null)}
      />
    </>
  );
}

export function ProposalPage() {
  const { t } = useTranslation();
  const { proposalId = '' } = useParams();
  const query = useProposal(proposalId);
  const party = useSubprocessor(query.data?.party.id ?? null);
  const serviceLines = useServiceLines();
  const { canPropose, canRecordAnswers, canDecide } = useSubprocessorPermissions();
  const [withdrawing, setWithdrawing] = useState(false);

  if (query.isPending) {
    return (
      <Stack gap="md">
        <BackToList />
        <Skeleton h={48} w={360} />
        <Skeleton h={320} />
      </Stack>
    );
  }
  if (query.isError) {
    if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundRoute />;
    }
    return (
      <Stack gap="md">
        <BackToList />
        <ErrorAlert error={query.error} title={t('errors.loadTitle')} />
      </Stack>
    );
  }
  const p = query.data;
  const transferCountries = (party.data?.locations ?? [])
    .filter((l) => l.needsTransferConsent)
    .map((l) => l.country);

  return (
    <Stack gap="md">
      <BackToList />
      <PageHeader
        title={t('subprocessors.proposal.pageTitle', { what: proposalTitle(p, t as never) })}
        actions={
          canPropose && p.status === 'open' ? (
            <Button
              variant="light"
              color="red"
              leftSection={<IconX size={16} aria-hidden />}
              onClick={() => setWithdrawing(true)}
            >
              {t('subprocessors.withdraw.proposalButton')}
            </Button>
          ) : null
        }
      />
      <Group gap="xs" mt={-12}>
        <ProposalStatusBadge status={p.status} />
        <Text size="sm" c="dimmed">
          {t('subprocessors.proposal.createdBy', { name: p.createdBy })} <DateTimeText value={p.createdAt} />
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Card withBorder radius="md" padding="md" component="section" aria-labelledby="proposal-facts-title">
          <Stack gap="sm">
            <Title order={2} fz="h4" id="proposal-facts-title">
              {t('subprocessors.proposal.factsTitle')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
              <Fact label={t('subprocessors.proposal.what')}>
                {p.kind === 'replace' && p.replaces ? (
                  <>
                    <Anchor component={Link} to={subprocessorPage(p.party.id)} inherit>
                      {p.party.name}
                    </Anchor>{' '}
                    {t('subprocessors.proposal.replacesWord')}{' '}
                    <Anchor component={Link} to={subprocessorPage(p.replaces.id)} inherit>
                      {p.replaces.name}
                    </Anchor>
                  </>
                ) : (
                  <>
                    {t('subprocessors.proposal.addWord')}{' '}
                    <Anchor component={Link} to={subprocessorPage(p.party.id)} inherit>
                      {p.party.name}
                    </Anchor>
                  </>
                )}
              </Fact>
              <Fact label={t('subprocessors.list.services')}>
                <Group gap={4} component="span">
                  {p.serviceLineCodes.map((code) => (
                    <Badge key={code} size="sm" variant="outline" color="gray" component="span">
                      {serviceLines.nameOf(code)}
                    </Badge>
                  ))}
                </Group>
                <Text size="xs" c="dimmed" component="span" display="block">
                  {t('subprocessors.proposal.entryCount', { count: p.entryIds.length })}
                </Text>
              </Fact>
              <Fact label={t('subprocessors.proposal.where')}>
                {party.data ? (
                  <Stack gap={4} component="span">
                    <LocationBadges locations={party.data.locations} />
                    <TransferProblemBadge problems={party.data.transferProblems} size="sm" />
                  </Stack>
                ) : (
                  '…'
                )}
              </Fact>
              <Fact label={t('subprocessors.proposal.effectiveFrom')}>
                <DayText value={p.effectiveFrom} />
              </Fact>
              <Fact label={t('subprocessors.proposal.respondBy')}>
                <Group gap="xs" component="span">
                  <DateTimeText value={p.respondBy} />
                  {p.status === 'open' ? <DeadlineBadge due={p.respondBy} warnBefore={{ days: 7 }} /> : null}
                </Group>
                <Text size="xs" c="dimmed" component="span" display="block">
                  {t('subprocessors.proposal.windowText', { count: p.windowDays })}
                </Text>
              </Fact>
              {p.withdrawnAt ? (
                <Fact label={t('subprocessors.proposal.withdrawn')}>
                  <DateTimeText value={p.withdrawnAt} />
                  {p.withdrawnReason ? `: ${p.withdrawnReason}` : ''}
                </Fact>
              ) : null}
            </SimpleGrid>
            <Fact label={t('subprocessors.proposal.why')}>
              <Text size="sm" component="span" style={{ whiteSpace: 'pre-wrap' }}>
                {p.reason}
              </Text>
            </Fact>
          </Stack>
        </Card>
        <Card
          withBorder
          radius="md"
          padding="md"
          component="section"
          aria-labelledby="proposal-progress-title"
        >
          <Stack gap="sm">
            <Title order={2} fz="h4" id="proposal-progress-title">
              {t('subprocessors.proposals.progress')}
            </Title>
            <ProposalProgress progress={p.progress} />
            <Text size="xs" c="dimmed">
              {t('subprocessors.proposal.silenceNote')}
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="proposal-customers-title">
        <Title order={2} fz="h3" id="proposal-customers-title">
          {t('subprocessors.customers.title', { count: p.customers.length })}
        </Title>
        <CustomersTable
          proposal={p}
          transferCountries={transferCountries}
          canRecord={canRecordAnswers}
          canDecide={canDecide}
        />
      </Stack>
      <WithdrawProposalModal proposalId={p.id} opened={withdrawing} onClose={() => setWithdrawing(false)} />
    </Stack>
  );
}
