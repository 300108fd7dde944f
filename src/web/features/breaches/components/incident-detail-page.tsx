import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconCalculator,
  IconChevronDown,
  IconChevronRight,
  IconEdit,
  IconMailForward,
  IconMessages,
  IconPhone,
  IconSend,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { notifySuccess } from '../../../components/api-error.ts';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { i18n } from '../../../i18n/index.ts';
import { useFormat } from '../../../lib/format.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import {
  breachesPage,
  useChangeIncidentStatus,
  useIncident,
  useIncidentCustomers,
  useParties,
  useRecomputeImpact,
} from '../api/breaches.ts';
import type { Incident, IncidentCustomer } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { useBreachPermissions } from '../lib/permissions.ts';
import { AdjustModal } from './adjust-modal.tsx';
import {
  IncidentStatusBadge,
  NoAuthorityNote,
  ObligationStatusBadge,
  SeverityBadge,
  YesNo,
} from './badges.tsx';
import { CallModal } from './call-modal.tsx';
import { IncidentForm } from './incident-form-page.tsx';
import { isWaiting, NoticeModal } from './notice-modal.tsx';
import { ScanPanel } from './scan-panel.tsx';
import { ThreadModal } from './thread-modal.tsx';
import { isNotified, UpdateModal } from './update-modal.tsx';

function BackToList() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={breachesPage} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('breaches.backToList')}
      </Group>
    </Anchor>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </Stack>
  );
}

const dash = '—';

/** 95 → "1 u 35 min" (nl) / "1 h 35 min" (en). */
function lateDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [
    days ? i18n.t('breaches.customers.days', { count: days }) : '',
    hours ? i18n.t('breaches.customers.hours', { count: hours }) : '',
    rest || (!days && !hours) ? i18n.t('breaches.customers.minutes', { count: rest }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function Facts({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  const parties = useParties();
  const partyName = (id: string) => parties.data?.find((p) => p.id === id)?.name ?? id;
  const occurred =
    incident.occurredFrom || incident.occurredTo ? (
      <>
        <DateTimeText value={incident.occurredFrom} fallback={t('breaches.unknown')} />
        {' – '}
        <DateTimeText value={incident.occurredTo} fallback={t('breaches.unknown')} />
      </>
    ) : (
      t('breaches.unknown')
    );
  const titleId = 'incident-facts-title';
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} fz="h4" id={titleId}>
          {t('breaches.detail.facts')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="dl" m={0}>
          <Fact label={t('breaches.form.discoveredAt')}>
            <DateTimeText value={incident.discoveredAt} />
          </Fact>
          <Fact label={t('breaches.detail.occurred')}>{occurred}</Fact>
          <Fact label={t('breaches.form.ongoing')}>
            <YesNo value={incident.ongoing} />
          </Fact>
          <Fact label={t('breaches.form.aspects')}>
            {incident.aspects.map((a) => t(`breaches.aspect.${a}`)).join(', ') || dash}
          </Fact>
          <Fact label={t('breaches.form.actions')}>
            {incident.actions.map((a) => t(`breaches.action.${a}`)).join(', ') || dash}
          </Fact>
          <Fact label={t('breaches.form.encryption')}>{t(`breaches.encryption.${incident.encryption}`)}</Fact>
          <Fact label={t('breaches.form.serviceLines')}>
            {incident.serviceLineCodes.map(serviceLines.nameOf).join(', ') || dash}
          </Fact>
          <Fact label={t('breaches.form.parties')}>
            {incident.partyIds.map(partyName).join(', ') || dash}
          </Fact>
          <Fact label={t('breaches.form.notifiable')}>
            <YesNo value={incident.notifiable} />
          </Fact>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" component="dl" m={0}>
          <Fact label={t('breaches.form.summary')}>{incident.summary}</Fact>
          <Fact label={t('breaches.form.detection')}>{incident.detection ?? dash}</Fact>
          <Fact label={t('breaches.form.affectedSystems')}>{incident.affectedSystems ?? dash}</Fact>
          <Fact label={t('breaches.form.rootCause')}>{incident.rootCause ?? dash}</Fact>
          <Fact label={t('breaches.form.measuresTaken')}>{incident.measuresTaken ?? dash}</Fact>
          <Fact label={t('breaches.form.measuresPlanned')}>{incident.measuresPlanned ?? dash}</Fact>
          <Fact label={t('breaches.form.likelyConsequences')}>{incident.likelyConsequences ?? dash}</Fact>
          <Fact label={t('breaches.form.decisionReasoning')}>{incident.decisionReasoning}</Fact>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function Counts({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const c = incident.counts;
  const items: [string, number, string?][] = [
    [t('breaches.counts.included'), c.included],
    [t('breaches.counts.excluded'), c.excluded],
    [t('breaches.counts.toNotify'), c.toNotify, 'red'],
    [t('breaches.counts.phoned'), c.phoned],
    [t('breaches.counts.noticeSent'), c.noticeSent],
    [t('breaches.counts.acknowledged'), c.acknowledged],
    [t('breaches.counts.late'), c.late, 'red'],
  ];
  return (
    <Group gap="lg" component="dl" m={0} wrap="wrap">
      {items.map(([label, n, color]) => (
        <Stack key={label} gap={0}>
          <Text size="xs" c="dimmed" component="dt">
            {label}
          </Text>
          <Text size="lg" fw={700} component="dd" m={0} c={n > 0 ? color : undefined}>
            {n}
          </Text>
        </Stack>
      ))}
    </Group>
  );
}

function StatusActions({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const change = useChangeIncidentStatus(incident.id);
  const [target, setTarget] = useState<'contained' | 'closed' | null>(null);
  const [note, setNote] = useState('');
  const close = () => {
    setTarget(null);
    setNote('');
    change.reset();
  };
  return (
    <>
      {incident.status === 'open' ? (
        <Button variant="default" onClick={() => setTarget('contained')}>
          {t('breaches.detail.markContained')}
        </Button>
      ) : null}
      {incident.status !== 'closed' ? (
        <Button variant="default" onClick={() => setTarget('closed')}>
          {t('breaches.detail.markClosed')}
        </Button>
      ) : null}
      <ConfirmModal
        opened={target !== null}
        title={target === 'closed' ? t('breaches.detail.closeTitle') : t('breaches.detail.containTitle')}
        confirmLabel={
          target === 'closed' ? t('breaches.detail.markClosed') : t('breaches.detail.markContained')
        }
        loading={change.isPending}
        error={localizeError(change.error)}
        onClose={close}
        onConfirm={() => {
          if (!target) {
            return;
          }
          change.mutate(
            { status: target, ...(note.trim() ? { note: note.trim() } : {}) },
            {
              onSuccess: () => {
                notifySuccess(t(`breaches.detail.statusSaved.${target}`));
                close();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {target === 'closed' ? t('breaches.detail.closeText') : t('breaches.detail.containText')}
          </Text>
          <Textarea
            label={t('breaches.detail.statusNote')}
            autosize
            minRows={2}
            maxRows={6}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
        </Stack>
      </ConfirmModal>
    </>
  );
}

function CustomersTable({ incident, onEditIncident }: { incident: Incident; onEditIncident: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { canWrite } = useBreachPermissions();
  const serviceLines = useServiceLines();
  const parties = useParties();
  const customers = useIncidentCustomers(incident.id);
  const recompute = useRecomputeImpact(incident.id);
  const [calling, setCalling] = useState<IncidentCustomer | null>(null);
  const [adjusting, setAdjusting] = useState<IncidentCustomer | null>(null);
  // by id, so the open thread follows the list as it refreshes after an answer
  const [threadOf, setThreadOf] = useState<string | null>(null);
  const [expandedIds, setExpandedIds] = useState<string[]>([]);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [updateOpen, setUpdateOpen] = useState(false);
  const rows = customers.data ?? [];
  const waitingCount = rows.filter(isWaiting).length;
  const notifiedCount = rows.filter(isNotified).length;
  const closed = incident.status === 'closed';
  const partyName = (id: string) => parties.data?.find((p) => p.id === id)?.name ?? id;
  const yesNo = (value: boolean) => (value ? t('breaches.yes') : t('breaches.no'));
  const persons = (c: IncidentCustomer) =>
    c.personsMin === null && c.personsMax === null
      ? t('breaches.unknown')
      : c.personsMin === c.personsMax
        ? format.number(c.personsMin ?? 0)
        : `${c.personsMin === null ? '?' : format.number(c.personsMin)}–${
            c.personsMax === null ? '?' : format.number(c.personsMax)
          }`;
  const titleId = 'incident-customers-title';

  const noWrap = { whiteSpace: 'nowrap' } as const;
  // "Schoonmaakbedrijf", "Gebruikersprofielen": a long word breaks rather than running into the next column
  const breakWords = { overflowWrap: 'anywhere' } as const;
  const lastCall = (c: IncidentCustomer) =>
    [...c.calls].sort((a, b) => Date.parse(b.calledAt) - Date.parse(a.calledAt))[0];

  const callButton = (c: IncidentCustomer) =>
    canWrite && c.included ? (
      <Button
        size="compact-xs"
        variant="light"
        mt={4}
        leftSection={<IconPhone size={12} aria-hidden />}
        onClick={() => setCalling(c)}
        aria-label={`${t('breaches.customers.recordCall')}: ${c.legalName}`}
      >
        {t('breaches.customers.recordCall')}
      </Button>
    ) : null;
  const adjustButton = (c: IncidentCustomer) =>
    canWrite ? (
      <Button
        size="compact-xs"
        variant="default"
        mt={2}
        onClick={() => setAdjusting(c)}
        aria-label={`${t('breaches.customers.adjust')}: ${c.legalName}`}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('breaches.customers.adjust')}
      </Button>
    ) : null;

  const callsText = (c: IncidentCustomer) => {
    const last = lastCall(c);
    return last
      ? `${t('breaches.customers.callsCount', { count: c.calls.length })} · ${t(`breaches.outcome.${last.outcome}`)} · ${format.dateTime(last.calledAt)}`
      : '';
  };
  const matchedText = (c: IncidentCustomer) =>
    [...c.matchedServiceLines.map(serviceLines.nameOf), ...c.matchedParties.map(partyName)].join('; ');
  const expanded = (c: IncidentCustomer) => expandedIds.includes(c.id);
  const toggleDetails = (c: IncidentCustomer) =>
    setExpandedIds((ids) => (ids.includes(c.id) ? ids.filter((id) => id !== c.id) : [...ids, c.id]));

  // Fits 1280 px beside the navigation: what staff act on in the columns (who, affected, where the notice stands,
  // the clock, whom to phone, Annex 3's data types, people and numbers); the reasoning and the rest of Annex 3 in
  // the row's details. The hidden columns still go into the search and the CSV export.
  const columns: TableColumn<IncidentCustomer>[] = [
    {
      accessor: 'legalName',
      title: t('breaches.customers.legalName'),
      sortable: true,
      width: 130,
      render: (c) => (
        <Stack gap={2} align="flex-start">
          <Anchor
            component={Link}
            to={`/customers/${encodeURIComponent(c.customerId)}`}
            size="sm"
            fw={600}
            style={breakWords}
          >
            {c.legalName}
          </Anchor>
          {c.agreementEnded ? (
            <Badge size="xs" color="gray" variant="outline" style={{ textTransform: 'none' }}>
              {t('breaches.customers.agreementEnded')}
            </Badge>
          ) : null}
          <Button
            size="compact-xs"
            variant="subtle"
            px={4}
            leftSection={
              expanded(c) ? (
                <IconChevronDown size={12} aria-hidden />
              ) : (
                <IconChevronRight size={12} aria-hidden />
              )
            }
            onClick={() => toggleDetails(c)}
            aria-expanded={expanded(c)}
            aria-label={`${t('breaches.customers.details')}: ${c.legalName}`}
          >
            {t('breaches.customers.details')}
          </Button>
        </Stack>
      ),
    },
    {
      accessor: 'included',
      title: t('breaches.customers.included'),
      sortable: true,
      width: 95,
      // "Getroffen" sorts before "Niet getroffen" (and "Affected" before "Not affected")
      value: (c) => (c.included ? t('breaches.customers.includedYes') : t('breaches.customers.includedNo')),
      render: (c) => (
        <Stack gap={2} align="flex-start">
          <Badge
            size="xs"
            color={c.included ? 'red' : 'gray'}
            variant="light"
            style={{ textTransform: 'none', flexShrink: 0 }}
            title={c.reasoning}
          >
            {c.included ? t('breaches.customers.includedYes') : t('breaches.customers.includedNo')}
          </Badge>
          {adjustButton(c)}
        </Stack>
      ),
    },
    {
      accessor: 'reasoning',
      title: t('breaches.customers.reasoning'),
      hidden: true,
    },
    {
      accessor: 'status',
      title: t('breaches.customers.status'),
      width: 115,
      sortable: true,
      value: (c) => (c.included ? t(`breaches.obligationStatus.${c.status}`) : ''),
      render: (c) =>
        c.included ? (
          <Stack gap={2} align="flex-start">
            <ObligationStatusBadge status={c.status} />
            {c.noticeSentAt ? (
              <Text size="xs" c="dimmed">
                {t('breaches.customers.noticeSentAt')} <DateTimeText value={c.noticeSentAt} />
              </Text>
            ) : null}
            {c.acknowledgedAt ? (
              <Text size="xs" c="dimmed">
                {t('breaches.customers.acknowledgedAt')} <DateTimeText value={c.acknowledgedAt} />
              </Text>
            ) : null}
            {c.messages > 0 || c.noticeSentAt ? (
              <>
                {c.unansweredQuestions > 0 ? (
                  <Badge size="sm" color="orange" variant="filled" style={{ textTransform: 'none' }}>
                    {t('breaches.customers.unanswered', { count: c.unansweredQuestions })}
                  </Badge>
                ) : c.messages > 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('breaches.customers.messages', { count: c.messages })}
                  </Text>
                ) : null}
                <Button
                  size="compact-xs"
                  variant={c.unansweredQuestions > 0 ? 'light' : 'default'}
                  mt={2}
                  leftSection={<IconMessages size={12} aria-hidden />}
                  onClick={() => setThreadOf(c.customerId)}
                  aria-label={`${t('breaches.customers.openThread')}: ${c.legalName}`}
                >
                  {t('breaches.customers.questions')}
                </Button>
              </>
            ) : null}
          </Stack>
        ) : (
          dash
        ),
    },
    {
      accessor: 'unansweredQuestions',
      title: t('breaches.customers.questions'),
      hidden: true,
      value: (c) =>
        c.unansweredQuestions > 0
          ? t('breaches.customers.unanswered', { count: c.unansweredQuestions })
          : t('breaches.customers.messages', { count: c.messages }),
    },
    {
      accessor: 'dueAt',
      title: t('breaches.customers.due'),
      width: 115,
      sortable: true,
      value: (c) => format.dateTime(c.dueAt),
      render: (c) =>
        c.included ? (
          <Stack gap={2}>
            <DeadlineBadge
              due={c.dueAt}
              completedAt={
                c.status === 'to_notify' ? null : (lastCall(c)?.calledAt ?? c.noticeSentAt ?? c.dueAt)
              }
            />
            {c.lateByMinutes ? (
              <Text size="xs" c="red">
                {t('breaches.customers.lateBy', { duration: lateDuration(c.lateByMinutes) })}
              </Text>
            ) : null}
          </Stack>
        ) : (
          dash
        ),
    },
    {
      accessor: 'ictLead',
      title: t('breaches.customers.ictLead'),
      width: 150,
      value: (c) => (c.ictLead ? [c.ictLead.name, c.ictLead.phone].filter(Boolean).join(' ') : ''),
      render: (c) => {
        const last = lastCall(c);
        return (
          <Stack gap={0} align="flex-start">
            {c.ictLead ? (
              <>
                <Text size="sm">{c.ictLead.name}</Text>
                {c.ictLead.phone ? (
                  <Anchor href={`tel:${c.ictLead.phone.replace(/[^\d+]/g, '')}`} size="sm" style={noWrap}>
                    {c.ictLead.phone}
                  </Anchor>
                ) : (
                  <Text size="xs" c="red">
                    {t('breaches.customers.noPhone')}
                  </Text>
                )}
              </>
            ) : (
              <Text size="xs" c="red">
                {t('breaches.customers.noIctLead')}
              </Text>
            )}
            {last ? (
              <Text size="xs" c="dimmed">
                {t('breaches.customers.callsCount', { count: c.calls.length })} ·{' '}
                {t(`breaches.outcome.${last.outcome}`)} · <DateTimeText value={last.calledAt} />
              </Text>
            ) : null}
            {callButton(c)}
          </Stack>
        );
      },
    },
    {
      accessor: 'calls',
      title: t('breaches.customers.calls'),
      hidden: true,
      value: callsText,
    },
    {
      accessor: 'dataTypes',
      title: t('breaches.customers.dataTypes'),
      width: 150,
      value: (c) => c.dataTypes.join('; '),
      render: (c) => (
        <Text size="xs" lineClamp={3} title={c.dataTypes.join('; ')} style={breakWords}>
          {c.dataTypes.join('; ') || dash}
        </Text>
      ),
    },
    {
      accessor: 'subjectsGroup',
      title: t('breaches.customers.subjectsGroup'),
      sortable: true,
      width: 110,
      render: (c) => (
        <Text size="xs" lineClamp={3} title={c.subjectsGroup} style={breakWords}>
          {c.subjectsGroup}
        </Text>
      ),
    },
    {
      accessor: 'personsMax',
      title: t('breaches.customers.persons'),
      sortable: true,
      width: 75,
      textAlign: 'right',
      value: (c) => persons(c),
      render: (c) => (
        <Text size="sm" style={noWrap}>
          {persons(c)}
        </Text>
      ),
    },
    {
      accessor: 'matchedServiceLines',
      title: t('breaches.customers.matched'),
      hidden: true,
      value: matchedText,
    },
    {
      accessor: 'agreementEnded',
      title: t('breaches.customers.agreementEnded'),
      hidden: true,
      value: (c) => yesNo(c.agreementEnded),
    },
    {
      accessor: 'vulnerableGroup',
      title: t('breaches.customers.vulnerable'),
      hidden: true,
      value: (c) => yesNo(c.vulnerableGroup),
    },
    {
      accessor: 'contactsKnown',
      title: t('breaches.customers.contactsKnown'),
      hidden: true,
      value: (c) => t(`breaches.contactsKnown.${c.contactsKnown}`),
    },
    {
      accessor: 'lateReason',
      title: t('breaches.customers.lateReasonColumn'),
      hidden: true,
    },
  ];

  // The rest of the customer's Annex 3 answers and why art28 (or staff) counted it in or out.
  const details = (c: IncidentCustomer) => (
    <SimpleGrid
      cols={{ base: 1, sm: 2, lg: 3 }}
      spacing="sm"
      verticalSpacing="xs"
      component="dl"
      m={0}
      p="xs"
    >
      <Fact label={t('breaches.customers.reasoning')}>{c.reasoning}</Fact>
      <Fact label={t('breaches.customers.matched')}>{matchedText(c) || dash}</Fact>
      <Fact label={t('breaches.customers.dataTypes')}>{c.dataTypes.join('; ') || dash}</Fact>
      <Fact label={t('breaches.customers.subjectsGroup')}>{c.subjectsGroup || dash}</Fact>
      <Fact label={t('breaches.customers.vulnerable')}>{yesNo(c.vulnerableGroup)}</Fact>
      <Fact label={t('breaches.customers.contactsKnown')}>
        {t(`breaches.contactsKnown.${c.contactsKnown}`)}
      </Fact>
      <Fact label={t('breaches.customers.agreementEnded')}>{yesNo(c.agreementEnded)}</Fact>
      {c.lateReason ? <Fact label={t('breaches.customers.lateReasonColumn')}>{c.lateReason}</Fact> : null}
    </SimpleGrid>
  );

  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} fz="h4" id={titleId}>
            {t('breaches.customers.title')}
          </Title>
          <Text size="xs" c="dimmed" maw={760}>
            {t('breaches.customers.description')}
          </Text>
        </Stack>
        {canWrite ? (
          <Group gap="xs">
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              disabled={closed || waitingCount === 0}
              onClick={() => setNoticeOpen(true)}
            >
              {t('breaches.notice.open', { count: waitingCount })}
            </Button>
            <Button
              variant="light"
              leftSection={<IconMailForward size={16} aria-hidden />}
              disabled={closed || notifiedCount === 0}
              onClick={() => setUpdateOpen(true)}
            >
              {t('breaches.update.open')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconCalculator size={16} aria-hidden />}
              loading={recompute.isPending}
              onClick={() =>
                recompute.mutate(undefined, {
                  onSuccess: (items) =>
                    notifySuccess(
                      t('breaches.customers.recomputed', { count: items.filter((i) => i.included).length }),
                    ),
                })
              }
            >
              {t('breaches.customers.recompute')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <ErrorAlert error={customers.error ?? localizeError(recompute.error)} />
      {/* the class lets the column titles wrap rather than end in "…" (styles.css) */}
      <Box className="breach-customers-table">
        <DataTable<IncidentCustomer>
          label={t('breaches.customers.title')}
          columns={columns}
          records={customers.data}
          fetching={customers.isPending}
          noRecordsText={t('breaches.customers.empty')}
          searchable
          csvFileName={`${incident.reference}-klanten.csv`}
          initialSort={{ columnAccessor: 'included', direction: 'asc' }}
          pinFirstColumn
          rowExpansion={{
            trigger: 'never',
            expanded: { recordIds: expandedIds, onRecordIdsChange: setExpandedIds },
            content: ({ record }) => details(record),
          }}
        />
      </Box>
      <CallModal incidentId={incident.id} customer={calling} onClose={() => setCalling(null)} />
      <AdjustModal incidentId={incident.id} customer={adjusting} onClose={() => setAdjusting(null)} />
      <ThreadModal
        incidentId={incident.id}
        customer={rows.find((r) => r.customerId === threadOf) ?? null}
        canWrite={canWrite}
        onClose={() => setThreadOf(null)}
      />
      <NoticeModal
        opened={noticeOpen}
        incidentId={incident.id}
        customers={rows}
        onClose={() => setNoticeOpen(false)}
        onEditIncident={onEditIncident}
        onAdjust={setAdjusting}
        consequencesMissing={!incident.likelyConsequences?.trim()}
      />
      <UpdateModal
        opened={updateOpen}
        incidentId={incident.id}
        customers={rows}
        onClose={() => setUpdateOpen(false)}
      />
    </Stack>
  );
}

export function IncidentDetailPage() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const incident = useIncident(incidentId);
  const { canWrite } = useBreachPermissions();
  const [editing, setEditing] = useState(false);
  const i = incident.data;
  return (
    <Stack gap="md">
      <BackToList />
      {incident.isPending ? <Skeleton h={200} /> : null}
      <ErrorAlert error={incident.error} />
      {i ? (
        <>
          <PageHeader
            title={`${i.reference} · ${i.title}`}
            description={
              <Group gap="xs" component="span">
                <IncidentStatusBadge status={i.status} />
                <SeverityBadge severity={i.severity} />
                <Badge
                  color={i.notifiable ? 'red' : 'gray'}
                  variant="light"
                  style={{ textTransform: 'none' }}
                >
                  {i.notifiable ? t('breaches.detail.notifiable') : t('breaches.detail.notNotifiable')}
                </Badge>
              </Group>
            }
            actions={
              canWrite ? (
                <>
                  {i.status !== 'closed' ? (
                    <Button
                      variant="default"
                      leftSection={<IconEdit size={16} aria-hidden />}
                      onClick={() => setEditing(true)}
                    >
                      {t('breaches.edit.open')}
                    </Button>
                  ) : null}
                  <StatusActions incident={i} />
                </>
              ) : null
            }
          />
          <NoAuthorityNote />
          <Card withBorder padding="md" radius="md">
            <Group justify="space-between" align="center" wrap="wrap" gap="md">
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {t('breaches.detail.deadline')}
                </Text>
                <Group gap="xs">
                  <DeadlineBadge
                    due={i.dueAt}
                    completedAt={i.counts.toNotify === 0 ? (i.closedAt ?? i.dueAt) : null}
                  />
                  <Text size="xs" c="dimmed">
                    {t('breaches.detail.deadlineHint')}
                  </Text>
                </Group>
                {i.containedAt || i.closedAt ? (
                  <Text size="xs" c="dimmed">
                    {i.containedAt ? (
                      <>
                        {t('breaches.detail.containedAt')} <DateTimeText value={i.containedAt} />
                      </>
                    ) : null}
                    {i.containedAt && i.closedAt ? ' · ' : null}
                    {i.closedAt ? (
                      <>
                        {t('breaches.detail.closedAt')} <DateTimeText value={i.closedAt} />
                      </>
                    ) : null}
                  </Text>
                ) : null}
              </Stack>
              <Counts incident={i} />
            </Group>
          </Card>
          <CustomersTable incident={i} onEditIncident={() => setEditing(true)} />
          <ScanPanel incident={i} />
          <Facts incident={i} />
          <Text size="xs" c="dimmed">
            {t('breaches.detail.recordedBy', { name: i.createdBy })} <DateTimeText value={i.createdAt} />
          </Text>
          <Modal
            opened={editing}
            onClose={() => setEditing(false)}
            title={t('breaches.edit.title')}
            size="xl"
            closeButtonProps={{ 'aria-label': t('common.close') }}
          >
            {editing ? (
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {t('breaches.edit.description')}
                </Text>
                <IncidentForm incident={i} onDone={() => setEditing(false)} />
              </Stack>
            ) : null}
          </Modal>
        </>
      ) : null}
    </Stack>
  );
}
