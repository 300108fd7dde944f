import {
  Alert,
  Checkbox,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { FormButtons, FormModal } from '../../../components/form-modal.tsx';
import { isApiError } from '../../../lib/api.ts';
import { requiredText, useForm } from '../../../lib/form.ts';
import { displayZone } from '../../../lib/format.ts';
import { DayInput } from '../../customers/components/day-input.tsx';
import { isDay, todayDay } from '../../customers/lib/dates.ts';
import { countryName } from '../../settings/components/countries.ts';
import {
  useAssessObjection,
  useRecordAnswer,
  useWithdrawConsent,
  useWithdrawProposal,
} from '../api/subprocessors.ts';
import { type AnswerMethod, answerMethods, type ObjectionOutcome, objectionOutcomes } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';

/** The pair a consent action is about: which customer, which sub-processor. */
export type PairTarget = {
  customerId: string;
  customerName: string;
  partyId: string;
  partyName: string;
  /** The countries outside the EEA that need the customer's explicit written consent (clause 6.1). */
  transferCountries: string[];
};

// ---- an answer received by e-mail or letter -----------------------------------------------------------------

type AnswerValues = {
  decision: 'give' | 'object' | '';
  transferConsent: boolean;
  reason: string;
  method: AnswerMethod | '';
  answeredBy: string;
  answeredOn: string;
  answeredTime: string;
};

const timePattern = /^([01]?\d|2[0-3]):[0-5]\d$/;
const instantOf = (day: string, time: string) =>
  DateTime.fromISO(`${day}T${time.padStart(5, '0')}`, { zone: displayZone });

const answerSchema = (needsTransfer: boolean) =>
  z
    .object({
      decision: z.enum(['give', 'object'], { error: 'validation.required' }),
      transferConsent: z.boolean(),
      reason: z.string().trim().max(5000, { error: 'validation.tooLong' }),
      method: z.enum(answerMethods, { error: 'validation.required' }),
      answeredBy: requiredText(200),
      answeredOn: z.string().refine(isDay, { error: 'customers.dates.invalid' }),
      answeredTime: z.string().trim().regex(timePattern, { error: 'subprocessors.answer.timeInvalid' }),
    })
    .refine((v) => v.decision !== 'object' || v.reason.trim().length > 0, {
      path: ['reason'],
      error: 'subprocessors.answer.reasonRequired',
    })
    .refine(
      (v) =>
        !isDay(v.answeredOn) ||
        !timePattern.test(v.answeredTime.trim()) ||
        instantOf(v.answeredOn, v.answeredTime.trim()) <= DateTime.now(),
      {
        path: ['answeredTime'],
        error: 'subprocessors.answer.notInFuture',
      },
    )
    // clause 6.1 (and the server): consent to a sub-processor outside the EEA comes with consent to the transfer
    .refine((v) => !needsTransfer || v.decision !== 'give' || v.transferConsent, {
      path: ['transferConsent'],
      error: 'subprocessors.answer.transferRequired',
    });

function AnswerForm({ target, onDone }: { target: PairTarget; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const now = DateTime.now().setZone(displayZone);
  const form = useForm<AnswerValues>({
    decision: '',
    transferConsent: false,
    reason: '',
    method: 'email',
    answeredBy: '',
    answeredOn: now.toISODate()!,
    answeredTime: now.toFormat('HH:mm'),
  });
  const record = useRecordAnswer();
  const v = form.values;
  // The server knows best: should it ask for the transfer consent the page did not know about, the box appears.
  const [serverAsked, setServerAsked] = useState(false);
  const needsTransfer = target.transferCountries.length > 0 || serverAsked;
  const countries =
    target.transferCountries.map((c) => countryName(c, i18n.resolvedLanguage)).join(', ') ||
    t('subprocessors.answer.outsideEea');

  const submit = form.onSubmit(() => {
    const data = form.check(answerSchema(needsTransfer));
    if (!data) {
      return;
    }
    record.mutate(
      {
        customerId: target.customerId,
        partyId: target.partyId,
        decision: data.decision,
        transferConsent: data.decision === 'give' && needsTransfer ? data.transferConsent : false,
        ...(data.reason.trim() ? { reason: data.reason.trim() } : {}),
        method: data.method,
        answeredBy: data.answeredBy,
        answeredAt: instantOf(data.answeredOn, data.answeredTime.trim()).toISO()!,
      },
      {
        onSuccess: () => {
          notifySuccess(t('subprocessors.answer.recorded', { customer: target.customerName }));
          onDone();
        },
        onError: (error) => {
          if (isApiError(error) && error.field === 'body.transferConsent') {
            setServerAsked(true);
          }
          form.applyApiError(
            localizeError(error, (field) => (field === 'body.answeredAt' ? 'body.answeredTime' : field)),
            ['decision', 'transferConsent', 'reason', 'method', 'answeredBy', 'answeredTime'],
          );
        },
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t('subprocessors.answer.intro', { customer: target.customerName, party: target.partyName })}
        </Text>
        <ErrorAlert error={form.formError} />
        <Radio.Group
          label={t('subprocessors.answer.decision')}
          required
          value={v.decision}
          onChange={(value) => form.setValue('decision', value as AnswerValues['decision'])}
          error={form.errorText('decision')}
          errorProps={{ role: 'alert' }}
        >
          <Stack gap={6} mt={6}>
            <Radio value="give" label={t('subprocessors.answer.give')} data-autofocus />
            <Radio value="object" label={t('subprocessors.answer.object')} />
          </Stack>
        </Radio.Group>
        {needsTransfer && v.decision === 'give' ? (
          <Stack gap={4}>
            <Checkbox
              label={t('subprocessors.answer.transferConsent', { countries })}
              description={t('subprocessors.answer.transferConsentHint')}
              checked={v.transferConsent}
              onChange={(event) => form.setValue('transferConsent', event.currentTarget.checked)}
              aria-invalid={form.errorText('transferConsent') ? true : undefined}
            />
            {form.errorText('transferConsent') ? (
              <Text size="sm" c="red" role="alert">
                {form.errorText('transferConsent')}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        <Textarea
          label={
            v.decision === 'object'
              ? t('subprocessors.answer.objectionReason')
              : t('subprocessors.answer.note')
          }
          required={v.decision === 'object'}
          autosize
          minRows={2}
          maxRows={8}
          {...form.text('reason')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('subprocessors.answer.method')}
            data={answerMethods.map((m) => ({ value: m, label: t(`subprocessors.methods.${m}`) }))}
            value={v.method || null}
            onChange={(value) => form.setValue('method', (value ?? '') as AnswerValues['method'])}
            allowDeselect={false}
            required
            error={form.errorText('method')}
            errorProps={{ role: 'alert' }}
          />
          <TextInput
            label={t('subprocessors.answer.answeredBy')}
            description={t('subprocessors.answer.answeredByHint')}
            required
            {...form.text('answeredBy')}
          />
          <DayInput
            label={t('subprocessors.answer.answeredOn')}
            description={null}
            required
            maxDate={todayDay()}
            value={v.answeredOn}
            onChange={(value) => form.setValue('answeredOn', value)}
            error={form.errorText('answeredOn')}
            errorProps={{ role: 'alert' }}
          />
          <TextInput
            label={t('subprocessors.answer.answeredTime')}
            description={t('subprocessors.answer.answeredTimeHint')}
            required
            inputMode="numeric"
            maxLength={5}
            {...form.text('answeredTime')}
          />
        </SimpleGrid>
        <FormButtons onCancel={onDone} label={t('subprocessors.answer.submit')} loading={record.isPending} />
      </Stack>
    </form>
  );
}

export function AnswerModal({ target, onClose }: { target: PairTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal size="lg" title={t('subprocessors.answer.title')} opened={target !== null} onClose={onClose}>
      {target ? <AnswerForm target={target} onDone={onClose} /> : null}
    </FormModal>
  );
}

// ---- assessing an objection (clause 3.4: reasonable grounds?) ---------------------------------------------

type AssessValues = { reasonable: 'yes' | 'no' | ''; outcome: ObjectionOutcome | ''; note: string };

const assessSchema = z.object({
  reasonable: z.enum(['yes', 'no'], { error: 'validation.required' }),
  outcome: z.enum(objectionOutcomes, { error: 'validation.required' }),
  note: z.string().trim().max(5000, { error: 'validation.tooLong' }),
});

function AssessForm({
  target,
  objection,
  onDone,
}: {
  target: PairTarget;
  objection: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<AssessValues>({ reasonable: '', outcome: '', note: '' });
  const assess = useAssessObjection();
  const submit = form.onSubmit(() => {
    const data = form.check(assessSchema);
    if (!data) {
      return;
    }
    assess.mutate(
      {
        customerId: target.customerId,
        partyId: target.partyId,
        reasonable: data.reasonable === 'yes',
        outcome: data.outcome,
        ...(data.note ? { note: data.note } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t('subprocessors.assess.recorded', { customer: target.customerName }));
          onDone();
        },
        onError: (error) => form.applyApiError(localizeError(error), ['reasonable', 'outcome', 'note']),
      },
    );
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t('subprocessors.assess.intro', { customer: target.customerName, party: target.partyName })}
        </Text>
        {objection ? (
          <Alert color="red" variant="light" title={t('subprocessors.assess.objection')} p="xs">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {objection}
            </Text>
          </Alert>
        ) : null}
        <ErrorAlert error={form.formError} />
        <Radio.Group
          label={t('subprocessors.assess.reasonable')}
          description={t('subprocessors.assess.reasonableHint')}
          required
          value={form.values.reasonable}
          onChange={(value) => form.setValue('reasonable', value as AssessValues['reasonable'])}
          error={form.errorText('reasonable')}
          errorProps={{ role: 'alert' }}
        >
          <Group gap="lg" mt={6}>
            <Radio value="yes" label={t('subprocessors.assess.yes')} data-autofocus />
            <Radio value="no" label={t('subprocessors.assess.no')} />
          </Group>
        </Radio.Group>
        <Select
          label={t('subprocessors.assess.outcome')}
          data={objectionOutcomes.map((o) => ({ value: o, label: t(`subprocessors.outcomes.${o}`) }))}
          value={form.values.outcome || null}
          onChange={(value) => form.setValue('outcome', (value ?? '') as AssessValues['outcome'])}
          allowDeselect={false}
          required
          error={form.errorText('outcome')}
          errorProps={{ role: 'alert' }}
        />
        <Textarea
          label={t('subprocessors.assess.note')}
          autosize
          minRows={2}
          maxRows={8}
          {...form.text('note')}
        />
        <FormButtons onCancel={onDone} label={t('subprocessors.assess.submit')} loading={assess.isPending} />
      </Stack>
    </form>
  );
}

export function AssessModal({
  target,
  objection,
  onClose,
}: {
  target: PairTarget | null;
  objection: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal size="lg" title={t('subprocessors.assess.title')} opened={target !== null} onClose={onClose}>
      {target ? <AssessForm target={target} objection={objection} onDone={onClose} /> : null}
    </FormModal>
  );
}

// ---- a reason, for withdrawing a consent or a proposal -------------------------------------------------------

const reasonSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, { error: 'subprocessors.withdraw.reasonShort' })
    .max(5000, { error: 'validation.tooLong' }),
});

function ReasonForm({
  intro,
  label,
  submitLabel,
  loading,
  onSubmit,
  onDone,
}: {
  intro: string;
  label: string;
  submitLabel: string;
  loading: boolean;
  onSubmit: (reason: string, onError: (error: unknown) => void) => void;
  onDone: () => void;
}) {
  const form = useForm<{ reason: string }>({ reason: '' });
  const submit = form.onSubmit(() => {
    const data = form.check(reasonSchema);
    if (data) {
      onSubmit(data.reason, (error) => form.applyApiError(localizeError(error), ['reason']));
    }
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{intro}</Text>
        <ErrorAlert error={form.formError} />
        <Textarea
          label={label}
          required
          autosize
          minRows={3}
          maxRows={10}
          data-autofocus
          {...form.text('reason')}
        />
        <FormButtons onCancel={onDone} label={submitLabel} loading={loading} color="red" />
      </Stack>
    </form>
  );
}

function WithdrawConsentForm({ target, onDone }: { target: PairTarget; onDone: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawConsent();
  return (
    <ReasonForm
      intro={t('subprocessors.withdraw.consentIntro', {
        customer: target.customerName,
        party: target.partyName,
      })}
      label={t('subprocessors.withdraw.consentReason')}
      submitLabel={t('subprocessors.withdraw.consentSubmit')}
      loading={withdraw.isPending}
      onDone={onDone}
      onSubmit={(reason, onError) =>
        withdraw.mutate(
          { customerId: target.customerId, partyId: target.partyId, reason },
          {
            onSuccess: () => {
              notifySuccess(t('subprocessors.withdraw.consentDone', { customer: target.customerName }));
              onDone();
            },
            onError,
          },
        )
      }
    />
  );
}

export function WithdrawConsentModal({
  target,
  onClose,
}: {
  target: PairTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      size="lg"
      title={t('subprocessors.withdraw.consentTitle')}
      opened={target !== null}
      onClose={onClose}
    >
      {target ? <WithdrawConsentForm target={target} onDone={onClose} /> : null}
    </FormModal>
  );
}

function WithdrawProposalForm({ proposalId, onDone }: { proposalId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawProposal(proposalId);
  return (
    <ReasonForm
      intro={t('subprocessors.withdraw.proposalIntro')}
      label={t('subprocessors.withdraw.proposalReason')}
      submitLabel={t('subprocessors.withdraw.proposalSubmit')}
      loading={withdraw.isPending}
      onDone={onDone}
      onSubmit={(reason, onError) =>
        withdraw.mutate(reason, {
          onSuccess: () => {
            notifySuccess(t('subprocessors.withdraw.proposalDone'));
            onDone();
          },
          onError,
        })
      }
    />
  );
}

export function WithdrawProposalModal({
  proposalId,
  opened,
  onClose,
}: {
  proposalId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal size="lg" title={t('subprocessors.withdraw.proposalTitle')} opened={opened} onClose={onClose}>
      <WithdrawProposalForm proposalId={proposalId} onDone={onClose} />
    </FormModal>
  );
}
