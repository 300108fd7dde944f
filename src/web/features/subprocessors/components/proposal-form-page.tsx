import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ApiError } from '../../../lib/api.ts';
import { useForm } from '../../../lib/form.ts';
import { displayZone } from '../../../lib/format.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import { DayInput } from '../../customers/components/day-input.tsx';
import { isDay, todayDay } from '../../customers/lib/dates.ts';
import { useRegister } from '../../register/api/register.ts';
import { countryName } from '../../settings/components/countries.ts';
import { proposalPage, subprocessorPage, useCreateProposal, useSubprocessors } from '../api/subprocessors.ts';
import type { ProposalKind, Subprocessor } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { useSubprocessorPermissions } from '../lib/permissions.ts';
import { describeProblem } from '../lib/transfers.ts';
import { LocationBadges } from './badges.tsx';
import { BackToList } from './subprocessor-detail-page.tsx';

type Values = {
  partyId: string;
  kind: ProposalKind;
  replacesPartyId: string;
  serviceLineCodes: string[];
  /** Register rows of the chosen services left out; by default every row takes part. */
  excludedEntryIds: string[];
  reason: string;
  effectiveFrom: string;
  windowDays: number | string;
};

const defaultWindow = 30;

const schema = z
  .object({
    partyId: z.string().min(1, { error: 'subprocessors.proposal.partyMissing' }),
    kind: z.enum(['add', 'replace']),
    replacesPartyId: z.string(),
    serviceLineCodes: z.array(z.string()).min(1, { error: 'subprocessors.proposal.servicesMissing' }),
    reason: z
      .string()
      .trim()
      .min(10, { error: 'subprocessors.proposal.reasonShort' })
      .max(5000, { error: 'validation.tooLong' }),
    effectiveFrom: z.string().refine(isDay, { error: 'customers.dates.invalid' }),
    windowDays: z.coerce
      .number({ error: 'subprocessors.proposal.windowInvalid' })
      .int({ error: 'subprocessors.proposal.windowInvalid' })
      .min(7, { error: 'subprocessors.proposal.windowInvalid' })
      .max(180, { error: 'subprocessors.proposal.windowInvalid' }),
  })
  .loose()
  .refine((v) => v.kind === 'add' || v.replacesPartyId !== '', {
    path: ['replacesPartyId'],
    error: 'subprocessors.proposal.replacesMissing',
  });

// body.serviceLineCodes.1 → serviceLineCodes; body.entryIds.0 → excludedEntryIds (the rows' checkboxes)
const toFormField = (error: unknown) =>
  localizeError(error, (field) =>
    field
      .replace(/^(body\.)?serviceLineCodes\..*$/, '$1serviceLineCodes')
      .replace(/^(body\.)?entryIds.*$/, '$1excludedEntryIds'),
  );

function ProposalForm({
  subprocessors,
  initialPartyId,
}: {
  subprocessors: Subprocessor[];
  initialPartyId: string;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const navigate = useNavigate();
  const serviceLines = useServiceLines();
  const register = useRegister({});
  const create = useCreateProposal();
  const initialParty = subprocessors.find((s) => s.id === initialPartyId);
  const form = useForm<Values>({
    partyId: initialParty?.id ?? '',
    kind: 'add',
    replacesPartyId: '',
    serviceLineCodes: initialParty?.serviceLines ?? [],
    excludedEntryIds: [],
    reason: '',
    effectiveFrom: DateTime.now().setZone(displayZone).plus({ days: defaultWindow }).toISODate()!,
    windowDays: defaultWindow,
  });
  const v = form.values;
  const party = subprocessors.find((s) => s.id === v.partyId) ?? null;
  const problems = party?.transferProblems ?? [];
  // The server refuses both (createProposal): no lawful ground for a transfer, or no locations to judge it by.
  const noLocations = party !== null && party.locations.length === 0;
  const blocked = problems.length > 0 || noLocations;
  const blockedText = !party
    ? null
    : problems.length > 0
      ? t('subprocessors.proposal.cannotSubmit', { reason: problems.map(describeProblem).join('; ') })
      : noLocations
        ? t('subprocessors.proposal.cannotSubmitLocations', { name: party.name })
        : null;

  const active = subprocessors.filter((s) => s.retiredAt === null);
  const partyOptions = active
    .map((s) => ({
      value: s.id,
      label: s.country ? `${s.name} (${countryName(s.country, i18n.resolvedLanguage)})` : s.name,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const replaceOptions = partyOptions.filter((o) => o.value !== v.partyId);

  const entries = useMemo(
    () =>
      (register.data?.entries ?? []).filter(
        (e) => e.retiredAt === null && v.serviceLineCodes.includes(e.serviceLine),
      ),
    [register.data, v.serviceLineCodes],
  );
  const chosenEntries = entries.filter((e) => !v.excludedEntryIds.includes(e.id));

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data || blocked) {
      return;
    }
    if (chosenEntries.length === 0 && entries.length > 0) {
      form.applyApiError(
        new ApiError(
          400,
          'client',
          t('subprocessors.proposal.entriesMissing'),
          undefined,
          'excludedEntryIds',
        ),
        ['excludedEntryIds'],
      );
      return;
    }
    const someLeftOut = entries.some((e) => v.excludedEntryIds.includes(e.id));
    create.mutate(
      {
        kind: v.kind,
        partyId: v.partyId,
        replacesPartyId: v.kind === 'replace' ? v.replacesPartyId : null,
        serviceLineCodes: v.serviceLineCodes,
        ...(someLeftOut ? { entryIds: chosenEntries.map((e) => e.id) } : {}),
        reason: v.reason.trim(),
        effectiveFrom: v.effectiveFrom,
        windowDays: Number(v.windowDays),
      },
      {
        onSuccess: (proposal) => {
          notifySuccess(
            t('subprocessors.proposal.created', {
              count: proposal.progress.customers,
              name: proposal.party.name,
            }),
          );
          navigate(proposalPage(proposal.id));
        },
        onError: (error) =>
          form.applyApiError(toFormField(error), [
            'partyId',
            'replacesPartyId',
            'serviceLineCodes',
            'excludedEntryIds',
            'reason',
            'effectiveFrom',
            'windowDays',
          ]),
      },
    );
  });

  const toggleEntry = (id: string, on: boolean) =>
    form.setValue(
      'excludedEntryIds',
      on ? v.excludedEntryIds.filter((x) => x !== id) : [...v.excludedEntryIds, id],
    );

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t('subprocessors.proposal.title')}>
      <Stack gap="md">
        <ErrorAlert error={form.formError} />
        <Fieldset legend={t('subprocessors.proposal.whatLegend')}>
          <Stack gap="sm">
            <Select
              label={t('subprocessors.proposal.party')}
              description={t('subprocessors.proposal.partyHint')}
              placeholder={t('subprocessors.proposal.partyPlaceholder')}
              data={partyOptions}
              searchable
              required
              nothingFoundMessage={t('subprocessors.list.empty')}
              value={v.partyId || null}
              onChange={(value) => {
                const next = subprocessors.find((s) => s.id === value);
                form.setValue('partyId', value ?? '');
                if (next && next.serviceLines.length > 0) {
                  form.setValue('serviceLineCodes', next.serviceLines);
                }
                if (value === v.replacesPartyId) {
                  form.setValue('replacesPartyId', '');
                }
              }}
              allowDeselect={false}
              error={form.errorText('partyId')}
              errorProps={{ role: 'alert' }}
              maw={480}
            />
            {party ? (
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t('subprocessors.proposal.where')}:
                </Text>
                <LocationBadges locations={party.locations} />
              </Group>
            ) : null}
            {noLocations && party ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
                <Text size="sm">
                  {t('subprocessors.proposal.noLocations', { name: party.name })}{' '}
                  <Anchor component={Link} to={subprocessorPage(party.id)} inherit>
                    {t('subprocessors.proposal.toProfile')}
                  </Anchor>
                </Text>
              </Alert>
            ) : null}
            {problems.length > 0 ? (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertTriangle aria-hidden />}
                title={t('subprocessors.proposal.blockedTitle')}
                id="proposal-blocked"
              >
                <Stack gap={4}>
                  <Text size="sm">{t('subprocessors.proposal.blockedIntro', { name: party?.name })}</Text>
                  <List size="sm" spacing={2}>
                    {problems.map((p) => (
                      <List.Item key={p}>
                        {t('subprocessors.transfer.blocked', { reason: describeProblem(p) })}
                      </List.Item>
                    ))}
                  </List>
                </Stack>
              </Alert>
            ) : null}
            <Radio.Group
              label={t('subprocessors.proposal.kind')}
              value={v.kind}
              onChange={(value) => form.setValue('kind', value as ProposalKind)}
            >
              <Group gap="lg" mt={6}>
                <Radio value="add" label={t('subprocessors.proposal.kinds.add')} />
                <Radio value="replace" label={t('subprocessors.proposal.kinds.replace')} />
              </Group>
            </Radio.Group>
            {v.kind === 'replace' ? (
              <Select
                label={t('subprocessors.proposal.replaces')}
                data={replaceOptions}
                searchable
                required
                value={v.replacesPartyId || null}
                onChange={(value) => form.setValue('replacesPartyId', value ?? '')}
                allowDeselect={false}
                error={form.errorText('replacesPartyId')}
                errorProps={{ role: 'alert' }}
                maw={480}
              />
            ) : null}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('subprocessors.proposal.servicesLegend')}>
          <Stack gap="sm">
            <Checkbox.Group
              label={t('subprocessors.proposal.services')}
              description={t('subprocessors.proposal.servicesHint')}
              value={v.serviceLineCodes}
              onChange={(value) => form.setValue('serviceLineCodes', value)}
              required
              error={form.errorText('serviceLineCodes')}
              errorProps={{ role: 'alert' }}
            >
              <Group gap="lg" mt={6}>
                {serviceLines.options.map((o) => (
                  <Checkbox key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Checkbox.Group>
            {v.serviceLineCodes.length > 0 ? (
              <Stack gap={6} role="group" aria-labelledby="entries-label" aria-describedby="entries-hint">
                <Text size="sm" fw={500} id="entries-label">
                  {t('subprocessors.proposal.entries', {
                    chosen: chosenEntries.length,
                    total: entries.length,
                  })}
                </Text>
                <Text size="xs" c="dimmed" id="entries-hint">
                  {t('subprocessors.proposal.entriesHint')}
                </Text>
                {register.isPending ? <Skeleton h={80} /> : null}
                <ErrorAlert error={register.error} />
                {v.serviceLineCodes.map((code) => {
                  const rows = entries.filter((e) => e.serviceLine === code);
                  if (rows.length === 0) {
                    return register.data ? (
                      <Text key={code} size="sm" c="dimmed">
                        {t('subprocessors.proposal.noEntries', { service: serviceLines.nameOf(code) })}
                      </Text>
                    ) : null;
                  }
                  return (
                    <Stack key={code} gap={4} pl="xs">
                      <Text size="sm" fw={600}>
                        {serviceLines.nameOf(code)}
                      </Text>
                      {rows.map((e) => (
                        <Checkbox
                          key={e.id}
                          size="sm"
                          checked={!v.excludedEntryIds.includes(e.id)}
                          onChange={(event) => toggleEntry(e.id, event.currentTarget.checked)}
                          label={
                            <Group gap={6} component="span">
                              {en ? e.dataTypeEn : e.dataTypeNl}
                              {party && e.subprocessors.some((p) => p.id === party.id) ? (
                                <Badge size="xs" variant="light" color="gray" component="span">
                                  {t('subprocessors.proposal.alreadyThere')}
                                </Badge>
                              ) : null}
                            </Group>
                          }
                        />
                      ))}
                    </Stack>
                  );
                })}
                {form.errorText('excludedEntryIds') ? (
                  <Text size="sm" c="red" role="alert">
                    {form.errorText('excludedEntryIds')}
                  </Text>
                ) : null}
              </Stack>
            ) : null}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('subprocessors.proposal.whyLegend')}>
          <Stack gap="sm">
            <Textarea
              label={t('subprocessors.proposal.reason')}
              description={t('subprocessors.proposal.reasonHint')}
              required
              autosize
              minRows={3}
              maxRows={12}
              {...form.text('reason')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={560}>
              <DayInput
                label={t('subprocessors.proposal.effectiveFrom')}
                required
                minDate={todayDay()}
                value={v.effectiveFrom}
                onChange={(value) => form.setValue('effectiveFrom', value)}
                error={form.errorText('effectiveFrom')}
                errorProps={{ role: 'alert' }}
              />
              <NumberInput
                label={t('subprocessors.proposal.windowDays')}
                description={t('subprocessors.proposal.windowDaysHint')}
                min={7}
                max={180}
                step={1}
                allowDecimal={false}
                allowNegative={false}
                value={v.windowDays}
                onChange={(value) => form.setValue('windowDays', value)}
                error={form.errorText('windowDays')}
                errorProps={{ role: 'alert' }}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Group justify="flex-end" gap="sm" align="center">
          {blockedText ? (
            <Text size="sm" c="red" id="proposal-submit-blocked" maw={560} ta="right">
              {blockedText}
            </Text>
          ) : null}
          <Button variant="default" onClick={() => navigate('/subprocessors')}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={create.isPending}
            disabled={blocked}
            aria-describedby={blocked ? 'proposal-submit-blocked' : undefined}
            leftSection={<IconSend size={16} aria-hidden />}
          >
            {t('subprocessors.proposal.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProposalFormPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const list = useSubprocessors();
  const { canPropose } = useSubprocessorPermissions();
  return (
    <Stack gap="md">
      <BackToList />
      <PageHeader title={t('subprocessors.proposal.title')} description={t('subprocessors.proposal.intro')} />
      {!canPropose ? (
        <Alert color="blue" variant="light">
          {t('subprocessors.proposal.notAllowed')}
        </Alert>
      ) : list.isPending ? (
        <Skeleton h={420} />
      ) : list.isError ? (
        <ErrorAlert error={list.error} title={t('errors.loadTitle')} />
      ) : (
        <ProposalForm subprocessors={list.data} initialPartyId={params.get('partyId') ?? ''} />
      )}
    </Stack>
  );
}
