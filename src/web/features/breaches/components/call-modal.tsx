import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { DateTimeInput } from '../../../components/date-time-input.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useForm } from '../../../lib/form.ts';
import { useRecordCall } from '../api/breaches.ts';
import { type CallOutcome, callOutcomes, type IncidentCustomer } from '../api/types.ts';
import { fromLocalInput, isInFuture, toLocalInput } from '../lib/datetime.ts';
import { localizeError } from '../lib/errors.ts';

type Values = {
  calledAt: string;
  calleeName: string;
  phoneNumber: string;
  outcome: CallOutcome;
  note: string;
};

const schema = z
  .object({
    calledAt: z
      .string()
      .min(1, { error: 'validation.required' })
      .refine((v) => fromLocalInput(v) !== null, { error: 'breaches.form.errors.dateTimeInvalid' })
      .refine((v) => !isInFuture(v), { error: 'breaches.call.calledFuture' }),
    calleeName: z
      .string()
      .trim()
      .min(1, { error: 'validation.required' })
      .max(200, { error: 'validation.tooLong' }),
    phoneNumber: z
      .string()
      .trim()
      .min(6, { error: 'breaches.call.phoneShort' })
      .max(40, { error: 'validation.tooLong' }),
    outcome: z.enum(callOutcomes),
    note: z.string().trim().max(2000, { error: 'validation.tooLong' }),
  })
  .loose();

const fields = ['calledAt', 'calleeName', 'phoneNumber', 'outcome', 'note'] as const;

type Props = { incidentId: string; customer: IncidentCustomer | null; onClose: () => void };

/** Clause 8.1: the customer is told by phone, to its ICT lead; each attempt is recorded. */
export function CallModal({ incidentId, customer, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={customer !== null}
      onClose={onClose}
      title={t('breaches.call.title', { name: customer?.legalName ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {customer ? <CallForm incidentId={incidentId} customer={customer} onDone={onClose} /> : null}
    </Modal>
  );
}

function CallForm({
  incidentId,
  customer,
  onDone,
}: {
  incidentId: string;
  customer: IncidentCustomer;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordCall(incidentId);
  const form = useForm<Values>({
    calledAt: toLocalInput(),
    calleeName: customer.ictLead?.name ?? '',
    phoneNumber: customer.ictLead?.phone ?? '',
    outcome: 'reached',
    note: '',
  });
  const v = form.values;
  const submit = form.onSubmit(() => {
    if (!form.check(schema)) {
      return;
    }
    record.mutate(
      {
        customerId: customer.customerId,
        calledAt: fromLocalInput(v.calledAt) ?? '',
        calleeName: v.calleeName.trim(),
        phoneNumber: v.phoneNumber.trim(),
        outcome: v.outcome,
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t('breaches.call.saved'));
          onDone();
        },
        onError: (error) => form.applyApiError(localizeError(error), fields),
      },
    );
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        {customer.ictLead ? null : (
          <Text size="sm" c="orange">
            {t('breaches.call.noIctLead')}
          </Text>
        )}
        <DateTimeInput
          label={t('breaches.call.calledAt')}
          description={t('breaches.form.localTime')}
          required
          max={toLocalInput()}
          maw={280}
          name="calledAt"
          value={v.calledAt}
          onChange={(value) => form.setValue('calledAt', value)}
          error={form.errorText('calledAt')}
          errorProps={{ role: 'alert' }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {/* focus here, not on the time above: focusing that opens its calendar over the form */}
          <TextInput
            label={t('breaches.call.calleeName')}
            required
            data-autofocus
            {...form.text('calleeName')}
          />
          <TextInput
            label={t('breaches.call.phoneNumber')}
            type="tel"
            required
            autoComplete="off"
            {...form.text('phoneNumber')}
          />
        </SimpleGrid>
        <Select
          label={t('breaches.call.outcome')}
          required
          data={callOutcomes.map((o) => ({ value: o, label: t(`breaches.outcome.${o}`) }))}
          value={v.outcome}
          onChange={(value) => form.setValue('outcome', (value ?? 'reached') as CallOutcome)}
          allowDeselect={false}
          maw={280}
          error={form.errorText('outcome')}
          errorProps={{ role: 'alert' }}
        />
        <Textarea label={t('breaches.call.note')} autosize minRows={2} maxRows={8} {...form.text('note')} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('breaches.call.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
