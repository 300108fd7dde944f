import {
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  Radio,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { DateTimeInput } from '../../../components/date-time-input.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ApiError } from '../../../lib/api.ts';
import { useForm } from '../../../lib/form.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import {
  breachesPage,
  incidentPage,
  useCreateIncident,
  useParties,
  useUpdateIncident,
} from '../api/breaches.ts';
import {
  type CiaAspect,
  ciaAspects,
  type EncryptionState,
  encryptionStates,
  type Incident,
  type IncidentAction,
  incidentActions,
  type Severity,
  severities,
} from '../api/types.ts';
import { fromLocalInput, isInFuture, toLocalInput } from '../lib/datetime.ts';
import { localizeError } from '../lib/errors.ts';
import { useBreachPermissions } from '../lib/permissions.ts';
import { NoAuthorityNote } from './badges.tsx';

type Values = {
  title: string;
  summary: string;
  discoveredAt: string;
  occurredFrom: string;
  occurredTo: string;
  occurredUnknown: boolean;
  ongoing: boolean;
  detection: string;
  aspects: CiaAspect[];
  actions: IncidentAction[];
  affectedSystems: string;
  serviceLineCodes: string[];
  partyIds: string[];
  rootCause: string;
  encryption: EncryptionState;
  measuresTaken: string;
  measuresPlanned: string;
  likelyConsequences: string;
  severity: Severity | '';
  notifiable: '' | 'yes' | 'no';
  decisionReasoning: string;
};

const optionalText = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });

const schema = z
  .object({
    title: z
      .string()
      .trim()
      .min(3, { error: 'breaches.form.errors.titleShort' })
      .max(200, { error: 'validation.tooLong' }),
    summary: z
      .string()
      .trim()
      .min(10, { error: 'breaches.form.errors.textShort' })
      .max(10_000, { error: 'validation.tooLong' }),
    discoveredAt: z
      .string()
      .min(1, { error: 'validation.required' })
      .refine((v) => fromLocalInput(v) !== null, { error: 'breaches.form.errors.dateTimeInvalid' })
      .refine((v) => !isInFuture(v), { error: 'breaches.form.errors.discoveredFuture' }),
    occurredFrom: z.string(),
    occurredTo: z.string(),
    occurredUnknown: z.boolean(),
    detection: optionalText(2000),
    aspects: z.array(z.enum(ciaAspects)).min(1, { error: 'breaches.form.errors.aspectsMissing' }),
    affectedSystems: optionalText(2000),
    rootCause: optionalText(10_000),
    measuresTaken: optionalText(10_000),
    measuresPlanned: optionalText(10_000),
    likelyConsequences: optionalText(10_000),
    severity: z.enum(severities, { error: 'breaches.form.errors.severityMissing' }),
    notifiable: z.enum(['yes', 'no'], { error: 'breaches.form.errors.notifiableMissing' }),
    decisionReasoning: z
      .string()
      .trim()
      .min(10, { error: 'breaches.form.errors.textShort' })
      .max(10_000, { error: 'validation.tooLong' }),
  })
  .loose()
  .refine((v) => v.occurredUnknown || !v.occurredFrom || fromLocalInput(v.occurredFrom) !== null, {
    path: ['occurredFrom'],
    error: 'breaches.form.errors.dateTimeInvalid',
  })
  .refine((v) => v.occurredUnknown || !v.occurredTo || fromLocalInput(v.occurredTo) !== null, {
    path: ['occurredTo'],
    error: 'breaches.form.errors.dateTimeInvalid',
  })
  // the server needs a scope to find the customers to tell (breaches.scope_missing)
  .refine(
    (v) =>
      v.notifiable !== 'yes' ||
      (v.serviceLineCodes as string[]).length > 0 ||
      (v.partyIds as string[]).length > 0,
    { path: ['serviceLineCodes'], error: 'breaches.apiErrors.scope_missing' },
  )
  .refine(
    (v) =>
      v.occurredUnknown ||
      !v.occurredFrom ||
      !v.occurredTo ||
      (fromLocalInput(v.occurredFrom) ?? '') <= (fromLocalInput(v.occurredTo) ?? ''),
    { path: ['occurredTo'], error: 'breaches.form.errors.occurredOrder' },
  );

const fields = [
  'title',
  'summary',
  'discoveredAt',
  'occurredFrom',
  'occurredTo',
  'ongoing',
  'detection',
  'aspects',
  'actions',
  'affectedSystems',
  'serviceLineCodes',
  'partyIds',
  'rootCause',
  'encryption',
  'measuresTaken',
  'measuresPlanned',
  'likelyConsequences',
  'severity',
  'notifiable',
  'decisionReasoning',
] as const;

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

const emptyValues: Values = {
  title: '',
  summary: '',
  discoveredAt: toLocalInput(),
  occurredFrom: '',
  occurredTo: '',
  occurredUnknown: false,
  ongoing: false,
  detection: '',
  aspects: [],
  actions: [],
  affectedSystems: '',
  serviceLineCodes: [],
  partyIds: [],
  rootCause: '',
  encryption: 'unknown',
  measuresTaken: '',
  measuresPlanned: '',
  likelyConsequences: '',
  severity: '',
  notifiable: '',
  decisionReasoning: '',
};

function valuesOf(incident: Incident): Values {
  return {
    title: incident.title,
    summary: incident.summary,
    discoveredAt: toLocalInput(incident.discoveredAt),
    occurredFrom: incident.occurredFrom ? toLocalInput(incident.occurredFrom) : '',
    occurredTo: incident.occurredTo ? toLocalInput(incident.occurredTo) : '',
    occurredUnknown: incident.occurredFrom === null && incident.occurredTo === null,
    ongoing: incident.ongoing,
    detection: incident.detection ?? '',
    aspects: incident.aspects,
    actions: incident.actions,
    affectedSystems: incident.affectedSystems ?? '',
    serviceLineCodes: incident.serviceLineCodes,
    partyIds: incident.partyIds,
    rootCause: incident.rootCause ?? '',
    encryption: incident.encryption,
    measuresTaken: incident.measuresTaken ?? '',
    measuresPlanned: incident.measuresPlanned ?? '',
    likelyConsequences: incident.likelyConsequences ?? '',
    severity: incident.severity,
    notifiable: incident.notifiable ? 'yes' : 'no',
    decisionReasoning: incident.decisionReasoning,
  };
}

/** An unchanged instant keeps its seconds (the input only holds minutes). */
const keepInstant = (value: string, original: string | null | undefined) =>
  original && value === toLocalInput(original) ? original : fromLocalInput(value);

type FormProps = {
  /** Editing: the incident as it is now (the moment of discovery cannot change). */
  incident?: Incident;
  /** Editing: called after saving or cancelling. */
  onDone?: () => void;
};

export function IncidentForm({ incident, onDone }: FormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const serviceLines = useServiceLines();
  const parties = useParties();
  const create = useCreateIncident();
  const update = useUpdateIncident(incident?.id ?? '');
  const editing = incident !== undefined;
  const form = useForm<Values>(incident ? valuesOf(incident) : emptyValues);
  const v = form.values;
  const now = toLocalInput();
  const dateTime = (name: 'discoveredAt' | 'occurredFrom' | 'occurredTo') => ({
    name,
    value: v[name],
    onChange: (value: string) => form.setValue(name, value),
    error: form.errorText(name),
    errorProps: { role: 'alert' },
  });
  const partyOptions = (parties.data ?? [])
    .filter((p) => p.retiredAt === null || v.partyIds.includes(p.id))
    .map((p) => ({ value: p.id, label: p.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const lineOptions = [
    ...serviceLines.options,
    ...v.serviceLineCodes
      .filter((code) => !serviceLines.options.some((o) => o.value === code))
      .map((code) => ({ value: code, label: serviceLines.nameOf(code) })),
  ];

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    const body = {
      title: v.title.trim(),
      summary: v.summary.trim(),
      discoveredAt: incident ? incident.discoveredAt : (fromLocalInput(v.discoveredAt) ?? ''),
      occurredFrom: v.occurredUnknown ? null : keepInstant(v.occurredFrom, incident?.occurredFrom),
      occurredTo: v.occurredUnknown ? null : keepInstant(v.occurredTo, incident?.occurredTo),
      ongoing: v.ongoing,
      detection: orNull(v.detection),
      aspects: v.aspects,
      actions: v.actions,
      affectedSystems: orNull(v.affectedSystems),
      serviceLineCodes: v.serviceLineCodes,
      partyIds: v.partyIds,
      rootCause: orNull(v.rootCause),
      encryption: v.encryption,
      measuresTaken: orNull(v.measuresTaken),
      measuresPlanned: orNull(v.measuresPlanned),
      likelyConsequences: orNull(v.likelyConsequences),
      severity: data.severity,
      notifiable: data.notifiable === 'yes',
      decisionReasoning: v.decisionReasoning.trim(),
    };
    if (editing) {
      update.mutate(body, {
        onSuccess: () => {
          notifySuccess(t('breaches.form.updated'));
          onDone?.();
        },
        onError: (error) => form.applyApiError(localizeError(error), fields),
      });
      return;
    }
    create.mutate(body, {
      onSuccess: (incident) => {
        notifySuccess(
          t('breaches.form.created', { reference: incident.reference, count: incident.counts.included }),
        );
        navigate(incidentPage(incident.id));
      },
      onError: (error) => form.applyApiError(localizeError(error), fields),
    });
  });

  const groupError = (name: keyof Values & string) => ({
    error: form.errorText(name),
    errorProps: { role: 'alert' },
  });

  return (
    <form
      ref={form.formRef}
      onSubmit={submit}
      noValidate
      aria-label={editing ? t('breaches.edit.title') : t('breaches.form.title')}
    >
      <Stack gap="md">
        <ErrorAlert error={form.formError} />
        <Fieldset legend={t('breaches.form.whatLegend')}>
          <Stack gap="sm">
            <TextInput
              label={t('breaches.form.titleField')}
              required
              maxLength={200}
              {...form.text('title')}
            />
            <Textarea
              label={t('breaches.form.summary')}
              description={t('breaches.form.summaryHint')}
              required
              autosize
              minRows={3}
              maxRows={12}
              {...form.text('summary')}
            />
            <Textarea
              label={t('breaches.form.detection')}
              description={t('breaches.form.detectionHint')}
              autosize
              minRows={2}
              maxRows={8}
              {...form.text('detection')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('breaches.form.whenLegend')}>
          <Stack gap="sm">
            <DateTimeInput
              label={t('breaches.form.discoveredAt')}
              description={editing ? t('breaches.edit.discoveredFixed') : t('breaches.form.discoveredAtHint')}
              required={!editing}
              disabled={editing}
              max={now}
              maw={280}
              {...dateTime('discoveredAt')}
            />
            <Checkbox
              label={t('breaches.form.occurredUnknown')}
              checked={v.occurredUnknown}
              onChange={(event) => form.setValue('occurredUnknown', event.currentTarget.checked)}
            />
            {v.occurredUnknown ? null : (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={580}>
                <DateTimeInput
                  label={t('breaches.form.occurredFrom')}
                  max={now}
                  {...dateTime('occurredFrom')}
                />
                <DateTimeInput label={t('breaches.form.occurredTo')} max={now} {...dateTime('occurredTo')} />
              </SimpleGrid>
            )}
            <Checkbox
              label={t('breaches.form.ongoing')}
              checked={v.ongoing}
              onChange={(event) => form.setValue('ongoing', event.currentTarget.checked)}
              {...groupError('ongoing')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('breaches.form.natureLegend')}>
          <Stack gap="sm">
            <Checkbox.Group
              label={t('breaches.form.aspects')}
              description={t('breaches.form.aspectsHint')}
              required
              value={v.aspects}
              onChange={(value) => form.setValue('aspects', value as CiaAspect[])}
              {...groupError('aspects')}
            >
              <Group gap="lg" mt={6}>
                {ciaAspects.map((a) => (
                  <Checkbox key={a} value={a} label={t(`breaches.aspect.${a}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('breaches.form.actions')}
              description={t('breaches.form.actionsHint')}
              value={v.actions}
              onChange={(value) => form.setValue('actions', value as IncidentAction[])}
              {...groupError('actions')}
            >
              <Group gap="lg" mt={6}>
                {incidentActions.map((a) => (
                  <Checkbox key={a} value={a} label={t(`breaches.action.${a}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Textarea
              label={t('breaches.form.affectedSystems')}
              autosize
              minRows={2}
              maxRows={8}
              {...form.text('affectedSystems')}
            />
            <MultiSelect
              label={t('breaches.form.serviceLines')}
              description={t('breaches.form.serviceLinesHint')}
              data={lineOptions}
              value={v.serviceLineCodes}
              onChange={(value) => form.setValue('serviceLineCodes', value)}
              searchable
              clearable
              nothingFoundMessage={t('breaches.form.nothingFound')}
              maw={640}
              {...groupError('serviceLineCodes')}
            />
            <MultiSelect
              label={t('breaches.form.parties')}
              description={t('breaches.form.partiesHint')}
              data={partyOptions}
              value={v.partyIds}
              onChange={(value) => form.setValue('partyIds', value)}
              searchable
              clearable
              nothingFoundMessage={t('breaches.form.nothingFound')}
              maw={640}
              {...groupError('partyIds')}
            />
            <ErrorAlert error={serviceLines.error ?? parties.error} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('breaches.form.causeLegend')}>
          <Stack gap="sm">
            <Textarea
              label={t('breaches.form.rootCause')}
              description={t('breaches.form.rootCauseHint')}
              autosize
              minRows={2}
              maxRows={10}
              {...form.text('rootCause')}
            />
            <Radio.Group
              label={t('breaches.form.encryption')}
              description={t('breaches.form.encryptionHint')}
              value={v.encryption}
              onChange={(value) => form.setValue('encryption', value as EncryptionState)}
              {...groupError('encryption')}
            >
              <Group gap="lg" mt={6}>
                {encryptionStates.map((e) => (
                  <Radio key={e} value={e} label={t(`breaches.encryption.${e}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t('breaches.form.measuresTaken')}
              autosize
              minRows={2}
              maxRows={10}
              {...form.text('measuresTaken')}
            />
            <Textarea
              label={t('breaches.form.measuresPlanned')}
              autosize
              minRows={2}
              maxRows={10}
              {...form.text('measuresPlanned')}
            />
            <Textarea
              label={t('breaches.form.likelyConsequences')}
              description={t('breaches.form.likelyConsequencesHint')}
              autosize
              minRows={2}
              maxRows={10}
              {...form.text('likelyConsequences')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('breaches.form.decisionLegend')}>
          <Stack gap="sm">
            <Radio.Group
              label={t('breaches.form.severity')}
              required
              value={v.severity}
              onChange={(value) => form.setValue('severity', value as Severity)}
              {...groupError('severity')}
            >
              <Group gap="lg" mt={6}>
                {severities.map((s) => (
                  <Radio key={s} value={s} label={t(`breaches.severity.${s}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Radio.Group
              label={t('breaches.form.notifiable')}
              description={t('breaches.form.notifiableHint')}
              required
              value={v.notifiable}
              onChange={(value) => form.setValue('notifiable', value as 'yes' | 'no')}
              {...groupError('notifiable')}
            >
              <Group gap="lg" mt={6}>
                <Radio value="yes" label={t('breaches.form.notifiableYes')} />
                <Radio value="no" label={t('breaches.form.notifiableNo')} />
              </Group>
            </Radio.Group>
            <Textarea
              label={t('breaches.form.decisionReasoning')}
              description={t('breaches.form.decisionReasoningHint')}
              required
              autosize
              minRows={3}
              maxRows={12}
              {...form.text('decisionReasoning')}
            />
          </Stack>
        </Fieldset>

        <Group gap="xs">
          <Button type="submit" loading={create.isPending || update.isPending}>
            {editing ? t('common.save') : t('breaches.form.submit')}
          </Button>
          {editing ? (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          ) : (
            <Button component={Link} to={breachesPage} variant="default">
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

export function IncidentFormPage() {
  const { t } = useTranslation();
  const { canWrite } = useBreachPermissions();
  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to={breachesPage} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('breaches.backToList')}
        </Group>
      </Anchor>
      <PageHeader title={t('breaches.form.title')} description={t('breaches.form.description')} />
      <NoAuthorityNote />
      {canWrite ? <IncidentForm /> : <ErrorAlert error={new ApiError(403, 'forbidden', '')} />}
    </Stack>
  );
}
