import { Alert, Anchor, Badge, Box, Group, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { DayText } from '../../customers/components/day-text.tsx';
import { formatDay, todayDay } from '../../customers/lib/dates.ts';
import { portalDocumentFileUrl } from '../../documents/api/documents.ts';
import { usePortalSubprocessors } from '../api/portal.ts';
import type { SubprocessorConsent, SubprocessorRequest } from '../api/types.ts';
import { locationsPlain } from '../lib/locations.ts';
import { useOwnServices } from '../lib/services.ts';
import { usePortalUser } from '../lib/session.ts';
import { type AnsweredConsent, type ConsentDecision, ConsentModal } from './consent-modals.tsx';
import { ConsentRequestCard } from './consent-request-card.tsx';
import { SubprocessorStateBadge, type SubprocessorStateKey, subprocessorStateKey } from './portal-badges.tsx';
import { SubprocessorLocations } from './subprocessor-locations.tsx';

type EeaFilter = 'inside' | 'outside' | 'unknown';
const stateKeys: SubprocessorStateKey[] = ['active', 'asked', 'objected', 'withdrawn', 'notAgreed'];

const eeaOf = (s: SubprocessorConsent): EeaFilter =>
  s.locations.length === 0 ? 'unknown' : s.locations.some((l) => l.zone !== 'eea') ? 'outside' : 'inside';

/** What was just answered, kept on the page (and announced) until the next answer. */
function AnswerResult({ result }: { result: AnsweredConsent }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // The card that held the buttons is gone: keyboard focus continues here.
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const given = result.decision === 'give';
  const name = result.request.name;
  const { active, reason, transferConsentGiven, documentId } = result.answer;
  // Consent may come well before the change: the sub-processor starts from the proposal's date.
  const starts = result.request.effectiveFrom > todayDay();
  const givenText = [
    starts
      ? t('portal.subprocessors.result.given', {
          name,
          date: formatDay(result.request.effectiveFrom, i18n.resolvedLanguage ?? 'nl'),
        })
      : active
        ? t('portal.subprocessors.result.givenActive', { name })
        : t('portal.subprocessors.result.givenInactive', { name }),
    !starts && !active && reason ? t(`portal.subprocessors.reasons.${reason}`) : null,
    transferConsentGiven ? t('portal.subprocessors.result.transfer') : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="group"
      color={given ? 'teal' : 'orange'}
      variant="light"
      icon={given ? <IconCircleCheck aria-hidden /> : <IconInfoCircle aria-hidden />}
      title={t(
        given ? 'portal.subprocessors.result.givenTitle' : 'portal.subprocessors.result.objectedTitle',
        {
          name,
        },
      )}
    >
      <Stack gap={6}>
        <Text size="sm">{given ? givenText : t('portal.subprocessors.result.objected')}</Text>
        <Group gap="md">
          {documentId ? (
            <Anchor href={portalDocumentFileUrl(documentId)} size="sm" fw={500}>
              {t('portal.subprocessors.result.declaration')}
            </Anchor>
          ) : null}
          <Anchor component={Link} to="/portal/documents" size="sm" fw={500}>
            {t('portal.subprocessors.result.toDocuments')}
          </Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * The customer's sub-processors (seed clauses 3.4, 5.1, 6.1): first the requests waiting for its answer, then
 * every sub-processor for the services it takes, with where it works, on what ground, and whether it is active.
 */
export function PortalSubprocessorsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const en = lng === 'en';
  const user = usePortalUser();
  const query = usePortalSubprocessors();
  const services = useOwnServices();
  const location = useLocation();
  const [service, setService] = useState<string | null>(null);
  const [state, setState] = useState<SubprocessorStateKey | null>(null);
  const [eea, setEea] = useState<EeaFilter | null>(null);
  const [answering, setAnswering] = useState<{
    request: SubprocessorRequest;
    decision: ConsentDecision;
  } | null>(null);
  const [result, setResult] = useState<AnsweredConsent | null>(null);
  // After an answer the card (and its button) is gone, so focus goes to the result instead of back.
  const [returnFocus, setReturnFocus] = useState(true);

  // The overview links to one request (#request-<partyId>): bring it into view once it is on the page.
  const loaded = query.isSuccess;
  useEffect(() => {
    if (!loaded || !location.hash) {
      return;
    }
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [loaded, location.hash]);

  if (!user) {
    return null;
  }
  if (query.isPending) {
    return <Skeleton h={320} />;
  }
  if (query.isError) {
    return <ErrorAlert error={query.error} title={t('errors.loadTitle')} />;
  }
  const { items, requests } = query.data;
  const openRequests = [...requests].sort((a, b) => (a.respondBy ?? '').localeCompare(b.respondBy ?? ''));

  const codes = [...new Set(items.flatMap((s) => s.serviceLines))];
  const servicesOf = (s: SubprocessorConsent) => s.serviceLines.map(services.nameOf).join(', ');
  const whatOf = (s: SubprocessorConsent) =>
    en ? (s.servicesEn ?? s.servicesNl) : (s.servicesNl ?? s.servicesEn);
  const visible = items.filter(
    (s) =>
      (!service || s.serviceLines.includes(service)) &&
      (!state || subprocessorStateKey(s) === state) &&
      (!eea || eeaOf(s) === eea),
  );

  const answered = (answer: AnsweredConsent) => {
    setReturnFocus(false);
    setAnswering(null);
    setResult(answer);
    const given = answer.decision === 'give';
    const documentId = answer.answer.documentId;
    notifications.show({
      color: given ? 'teal' : 'orange',
      title: t(
        given ? 'portal.subprocessors.result.givenTitle' : 'portal.subprocessors.result.objectedTitle',
        {
          name: answer.request.name,
        },
      ),
      message: documentId ? (
        <Anchor href={portalDocumentFileUrl(documentId)} size="sm">
          {t('portal.subprocessors.result.declaration')}
        </Anchor>
      ) : (
        t('portal.subprocessors.result.stored')
      ),
      autoClose: 8000,
      closeButtonProps: { 'aria-label': t('common.close') },
    });
  };

  const stateDetail = (s: SubprocessorConsent) => {
    if (s.active) {
      return s.basis ? t(`portal.subprocessors.basis.${s.basis}`) : null;
    }
    // asked, objected and withdrawn say it all in the badge
    return s.reason && !['asked', 'objected', 'withdrawn'].includes(s.reason)
      ? t(`portal.subprocessors.reasons.${s.reason}`)
      : null;
  };

  const columns: TableColumn<SubprocessorConsent>[] = [
    {
      accessor: 'name',
      title: t('portal.subprocessors.name'),
      sortable: true,
      render: (s) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {s.name}
          </Text>
          {s.legalName && s.legalName !== s.name ? (
            <Text size="xs" c="dimmed">
              {s.legalName}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      accessor: 'servicesNl',
      title: t('portal.subprocessors.services'),
      value: (s) => [whatOf(s), servicesOf(s)].filter(Boolean).join(' — '),
      render: (s) => (
        <Stack gap={4}>
          <Text size="sm">{whatOf(s) ?? '—'}</Text>
          {s.serviceLines.length > 0 ? (
            <Group gap={4}>
              {s.serviceLines.map((code) => (
                <Badge key={code} size="xs" variant="outline" color="gray">
                  {services.nameOf(code)}
                </Badge>
              ))}
            </Group>
          ) : null}
        </Stack>
      ),
    },
    {
      accessor: 'locations',
      title: t('portal.subprocessors.locations'),
      value: (s) => locationsPlain(s.locations, t, lng),
      render: (s) => (
        <SubprocessorLocations
          locations={s.locations}
          label={t('portal.subprocessors.locationsOf', { name: s.name })}
        />
      ),
    },
    {
      accessor: 'state',
      title: t('portal.subprocessors.state'),
      sortable: true,
      width: 210,
      value: (s) => t(`portal.subprocessors.states.${subprocessorStateKey(s)}`),
      render: (s) => {
        const detail = stateDetail(s);
        return (
          <Stack gap={4} align="flex-start">
            <SubprocessorStateBadge consent={s} size="sm" />
            {detail ? (
              <Text size="xs" c="dimmed">
                {detail}
              </Text>
            ) : null}
          </Stack>
        );
      },
    },
    {
      accessor: 'since',
      title: t('portal.subprocessors.since'),
      sortable: true,
      width: 120,
      value: (s) => s.since,
      render: (s) => <DayText value={s.since} size="sm" />,
    },
  ];

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="section" aria-labelledby="consent-requests-title">
        {/* always on the page, so screen readers announce the result when it appears */}
        <Box role="status" aria-live="polite" mb={result ? 'md' : 0}>
          {result ? (
            <AnswerResult key={`${result.request.partyId}-${result.decision}`} result={result} />
          ) : null}
        </Box>
        <Title order={2} fz="h3" id="consent-requests-title">
          {t('portal.subprocessors.requestsTitle', { count: openRequests.length })}
        </Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('portal.subprocessors.requestsIntro')}
        </Text>
        {openRequests.length === 0 ? (
          <Group gap="xs" wrap="nowrap">
            <IconCircleCheck size={20} color="var(--mantine-color-teal-7)" aria-hidden />
            <Text size="sm">{t('portal.subprocessors.noRequests')}</Text>
          </Group>
        ) : (
          <Stack gap="md">
            {openRequests.map((request) => (
              <ConsentRequestCard
                key={request.partyId}
                request={request}
                isAdmin={user.isAdmin}
                serviceName={services.nameOf}
                onAnswer={(r, decision) => {
                  setReturnFocus(true);
                  setAnswering({ request: r, decision });
                }}
              />
            ))}
          </Stack>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="subprocessors-title">
        <Title order={2} fz="h3" id="subprocessors-title">
          {t('portal.subprocessors.tableTitle')}
        </Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('portal.subprocessors.tableIntro')}
        </Text>
        <DataTable<SubprocessorConsent>
          label={t('portal.subprocessors.tableTitle')}
          columns={columns}
          records={visible}
          idAccessor="partyId"
          fetching={query.isFetching}
          searchable
          csvFileName="sub-verwerkers.csv"
          initialSort={{ columnAccessor: 'name', direction: 'asc' }}
          noRecordsText={t('portal.subprocessors.empty')}
          toolbar={
            <>
              <Select
                aria-label={t('portal.subprocessors.filterService')}
                placeholder={t('portal.subprocessors.allServices')}
                data={codes.map((value) => ({ value, label: services.nameOf(value) }))}
                value={service}
                onChange={setService}
                clearable
                clearButtonProps={{ 'aria-label': t('portal.subprocessors.clearService') }}
                size="sm"
                w={170}
              />
              <Select
                aria-label={t('portal.subprocessors.filterState')}
                placeholder={t('portal.subprocessors.allStates')}
                data={stateKeys.map((value) => ({ value, label: t(`portal.subprocessors.states.${value}`) }))}
                value={state}
                onChange={(value) => setState(value as SubprocessorStateKey | null)}
                clearable
                clearButtonProps={{ 'aria-label': t('portal.subprocessors.clearState') }}
                size="sm"
                w={200}
              />
              <Select
                aria-label={t('portal.subprocessors.filterEea')}
                placeholder={t('portal.subprocessors.allLocations')}
                data={(['inside', 'outside', 'unknown'] as const).map((value) => ({
                  value,
                  label: t(`portal.subprocessors.eeaValues.${value}`),
                }))}
                value={eea}
                onChange={(value) => setEea(value as EeaFilter | null)}
                clearable
                clearButtonProps={{ 'aria-label': t('portal.subprocessors.clearEea') }}
                size="sm"
                w={180}
              />
            </>
          }
        />
      </Stack>

      <ConsentModal
        request={answering?.request ?? null}
        decision={answering?.decision ?? 'give'}
        user={user}
        serviceName={services.nameOf}
        returnFocus={returnFocus}
        onClose={() => setAnswering(null)}
        onAnswered={answered}
      />
    </Stack>
  );
}
