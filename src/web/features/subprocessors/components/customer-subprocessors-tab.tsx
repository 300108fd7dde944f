import { Anchor, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconGavel, IconMessageReply, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import type { Customer } from '../../customers/api/types.ts';
import { proposalPage, subprocessorPage, useCustomerSubprocessors } from '../api/subprocessors.ts';
import type { Consent } from '../api/types.ts';
import { assessmentText as assessmentOf } from '../lib/assessment.ts';
import { useSubprocessorPermissions } from '../lib/permissions.ts';
import { ConsentStateBadge, LocationBadges } from './badges.tsx';
import { AnswerModal, AssessModal, type PairTarget, WithdrawConsentModal } from './consent-modals.tsx';

/** Customer page, tab "Sub-verwerkers": which sub-processors may work on this customer's data, and why not. */
export function CustomerSubprocessorsTab({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useCustomerSubprocessors(customer.id);
  const serviceLines = useServiceLines();
  const { canRecordAnswers, canDecide } = useSubprocessorPermissions();
  const canAnswer = canEdit && canRecordAnswers;
  const canAct = canAnswer || canDecide;
  const [answering, setAnswering] = useState<PairTarget | null>(null);
  const [assessing, setAssessing] = useState<{ target: PairTarget; objection: string | null } | null>(null);
  const [withdrawing, setWithdrawing] = useState<PairTarget | null>(null);

  const targetOf = (c: Consent): PairTarget => ({
    customerId: customer.id,
    customerName: customer.legalName,
    partyId: c.partyId,
    partyName: c.name,
    transferCountries: c.locations.filter((l) => l.needsTransferConsent).map((l) => l.country),
  });
  const reasonText = (c: Consent) =>
    c.reason ? t(`subprocessors.reasons.${c.reason}`) : t('subprocessors.customerTab.activeYes');
  // clause 6.1: only consent that was given can lack the transfer consent; before that it is simply needed
  const transferText = (c: Consent) =>
    !c.transferRequired
      ? ''
      : c.transferConsentGiven
        ? t('subprocessors.customerTab.transferGiven')
        : c.state === 'given'
          ? t('subprocessors.customerTab.transferMissing')
          : t('subprocessors.customerTab.transferNeeded');
  const assessmentText = (c: Consent) => assessmentOf(t, c);
  const stateText = (c: Consent) =>
    `${t(`subprocessors.consentStates.${c.state}`)}${c.basis === 'dpa' ? ` (${t('subprocessors.customerTab.byDpa')})` : ''}`;

  const columns: TableColumn<Consent>[] = [
    {
      accessor: 'name',
      title: t('subprocessors.fields.name'),
      sortable: true,
      render: (c) => (
        <Stack gap={2}>
          <Anchor component={Link} to={subprocessorPage(c.partyId)} size="sm" fw={600}>
            {c.name}
          </Anchor>
          <Group gap={4}>
            {c.serviceLines.map((code) => (
              <Badge key={code} size="xs" variant="outline" color="gray">
                {serviceLines.nameOf(code)}
              </Badge>
            ))}
          </Group>
        </Stack>
      ),
      value: (c) => c.name,
    },
    {
      accessor: 'locations',
      title: t('subprocessors.list.locations'),
      width: 170,
      value: (c) => c.locations.map((l) => `${l.country} ${t(`subprocessors.zones.${l.zone}`)}`).join('; '),
      render: (c) => <LocationBadges locations={c.locations} />,
    },
    {
      accessor: 'state',
      title: t('subprocessors.customers.state'),
      sortable: true,
      value: (c) =>
        [
          stateText(c),
          transferText(c),
          c.objectionReason ?? '',
          c.state === 'objected' && c.objectionReasonable !== null ? assessmentText(c) : '',
        ]
          .filter(Boolean)
          .join('; '),
      render: (c) => (
        <Stack gap={2} align="flex-start">
          <ConsentStateBadge state={c.state} size="sm" />
          {c.basis === 'dpa' ? (
            <Text size="xs" c="dimmed">
              {t('subprocessors.customerTab.byDpa')}
            </Text>
          ) : null}
          {c.transferRequired ? (
            <Text size="xs" c={c.state === 'given' && !c.transferConsentGiven ? 'orange.8' : 'dimmed'}>
              {transferText(c)}
            </Text>
          ) : null}
          {c.state === 'objected' && c.objectionReason ? (
            <Text size="xs" c="red.8" lineClamp={3} title={c.objectionReason}>
              {c.objectionReason}
            </Text>
          ) : null}
          {c.state === 'objected' && c.objectionReasonable !== null ? (
            <Text size="xs" c="dimmed">
              {assessmentText(c)}
            </Text>
          ) : null}
          {c.proposalId ? (
            <Anchor component={Link} to={proposalPage(c.proposalId)} size="xs">
              {t('subprocessors.customerTab.toProposal')}
            </Anchor>
          ) : null}
        </Stack>
      ),
    },
    {
      accessor: 'active',
      title: t('subprocessors.customerTab.active'),
      sortable: true,
      width: 200,
      value: (c) => (c.active ? t('subprocessors.yes') : `${t('subprocessors.no')}: ${reasonText(c)}`),
      render: (c) =>
        c.active ? (
          <Badge color="teal" variant="light" size="sm">
            {t('subprocessors.customerTab.activeYes')}
          </Badge>
        ) : (
          <Stack gap={2} align="flex-start">
            <Badge color="gray" variant="outline" size="sm">
              {t('subprocessors.customerTab.activeNo')}
            </Badge>
            <Tooltip label={c.reasonDetail ?? ''} disabled={!c.reasonDetail} withArrow multiline maw={360}>
              <Text
                size="xs"
                c={c.reason === 'transfer-basis-missing' ? 'red' : 'dimmed'}
                tabIndex={c.reasonDetail ? 0 : undefined}
              >
                {reasonText(c)}
              </Text>
            </Tooltip>
          </Stack>
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
          <Stack gap={2} align="flex-start">
            <DeadlineBadge due={c.respondBy} warnBefore={{ days: 7 }} />
            {c.escalatedAt ? (
              <Badge size="xs" color="orange" variant="outline">
                {t('subprocessors.customers.escalated')}
              </Badge>
            ) : null}
          </Stack>
        ) : c.answeredAt ? (
          <Text size="xs" c="dimmed">
            {t('subprocessors.customerTab.answeredBy', {
              name: c.answeredBy ?? '',
              when: format.dateTime(c.answeredAt),
            })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
    ...(canAct
      ? [
          {
            accessor: 'actions',
            title: t('common.actions'),
            titleHidden: true,
            exportable: false,
            textAlign: 'right',
            noWrap: true,
            render: (c: Consent) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                {c.state === 'asked' && canAnswer ? (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconMessageReply size={14} aria-hidden />}
                    onClick={() => setAnswering(targetOf(c))}
                    aria-label={t('subprocessors.answer.buttonForParty', { party: c.name })}
                  >
                    {t('subprocessors.answer.button')}
                  </Button>
                ) : null}
                {c.state === 'objected' && canDecide ? (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    leftSection={<IconGavel size={14} aria-hidden />}
                    onClick={() => setAssessing({ target: targetOf(c), objection: c.objectionReason })}
                    aria-label={t('subprocessors.assess.buttonForParty', { party: c.name })}
                  >
                    {t('subprocessors.assess.button')}
                  </Button>
                ) : null}
                {c.state === 'given' && canDecide ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconX size={14} aria-hidden />}
                    onClick={() => setWithdrawing(targetOf(c))}
                    aria-label={t('subprocessors.withdraw.consentButtonFor', { party: c.name })}
                  >
                    {t('subprocessors.withdraw.consentButton')}
                  </Button>
                ) : null}
              </Group>
            ),
          } satisfies TableColumn<Consent>,
        ]
      : []),
  ];

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={760}>
        {t('subprocessors.customerTab.intro')}
      </Text>
      <ErrorAlert error={query.error} />
      <DataTable<Consent>
        label={t('subprocessors.customerTab.tableLabel', { customer: customer.legalName })}
        columns={columns}
        records={query.data}
        idAccessor="partyId"
        fetching={query.isPending}
        searchable
        csvFileName={t('subprocessors.customerTab.csvFileName')}
        noRecordsText={t('subprocessors.customerTab.empty')}
        initialSort={{ columnAccessor: 'name', direction: 'asc' }}
      />
      <AnswerModal target={answering} onClose={() => setAnswering(null)} />
      <AssessModal
        target={assessing?.target ?? null}
        objection={assessing?.objection ?? null}
        onClose={() => setAssessing(null)}
      />
      <WithdrawConsentModal target={withdrawing} onClose={() => setWithdrawing(null)} />
    </Stack>
  );
}
