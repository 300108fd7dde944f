import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useForm } from '../../../lib/form.ts';
import { useAdjustCustomer } from '../api/breaches.ts';
import { type ContactsKnown, contactsKnownStates, type IncidentCustomer } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';

type Values = {
  included: boolean;
  reasoning: string;
  dataTypes: string[];
  subjectsGroup: string;
  vulnerableGroup: boolean;
  personsMin: number | string;
  personsMax: number | string;
  contactsKnown: ContactsKnown;
};

const count = z.union([z.literal(''), z.coerce.number().int().min(0)], {
  error: 'breaches.adjust.countInvalid',
});

const schema = z
  .object({
    reasoning: z
      .string()
      .trim()
      .min(3, { error: 'breaches.adjust.reasoningShort' })
      .max(2000, { error: 'validation.tooLong' }),
    subjectsGroup: z
      .string()
      .trim()
      .min(1, { error: 'validation.required' })
      .max(500, { error: 'validation.tooLong' }),
    personsMin: count,
    personsMax: count,
  })
  .loose()
  .refine((v) => v.personsMin === '' || v.personsMax === '' || Number(v.personsMin) <= Number(v.personsMax), {
    path: ['personsMax'],
    error: 'breaches.adjust.rangeOrder',
  });

const fields = [
  'included',
  'reasoning',
  'dataTypes',
  'subjectsGroup',
  'vulnerableGroup',
  'personsMin',
  'personsMax',
  'contactsKnown',
] as const;

const toCount = (value: number | string) => (value === '' ? null : Number(value));

type Props = { incidentId: string; customer: IncidentCustomer | null; onClose: () => void };

/** Staff correct what the register computed for one customer; the reasoning is kept with the adjustment. */
export function AdjustModal({ incidentId, customer, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={customer !== null}
      onClose={onClose}
      title={t('breaches.adjust.title', { name: customer?.legalName ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {customer ? <AdjustForm incidentId={incidentId} customer={customer} onDone={onClose} /> : null}
    </Modal>
  );
}

function AdjustForm({
  incidentId,
  customer,
  onDone,
}: {
  incidentId: string;
  customer: IncidentCustomer;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const adjust = useAdjustCustomer(incidentId);
  const form = useForm<Values>({
    included: customer.included,
    reasoning: customer.reasoning,
    dataTypes: customer.dataTypes,
    subjectsGroup: customer.subjectsGroup,
    vulnerableGroup: customer.vulnerableGroup,
    personsMin: customer.personsMin ?? '',
    personsMax: customer.personsMax ?? '',
    contactsKnown: customer.contactsKnown,
  });
  const v = form.values;
  const submit = form.onSubmit(() => {
    if (!form.check(schema)) {
      return;
    }
    adjust.mutate(
      {
        customerId: customer.customerId,
        included: v.included,
        reasoning: v.reasoning.trim(),
        dataTypes: v.dataTypes.map((d) => d.trim()).filter(Boolean),
        subjectsGroup: v.subjectsGroup.trim(),
        vulnerableGroup: v.vulnerableGroup,
        personsMin: toCount(v.personsMin),
        personsMax: toCount(v.personsMax),
        contactsKnown: v.contactsKnown,
      },
      {
        onSuccess: () => {
          notifySuccess(t('breaches.adjust.saved'));
          onDone();
        },
        onError: (error) => form.applyApiError(localizeError(error), fields),
      },
    );
  });
  const fieldError = (name: keyof Values & string) => ({
    error: form.errorText(name),
    errorProps: { role: 'alert' },
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        <Switch
          label={t('breaches.adjust.included')}
          description={t('breaches.adjust.includedHint')}
          checked={v.included}
          onChange={(event) => form.setValue('included', event.currentTarget.checked)}
          data-autofocus
          {...fieldError('included')}
        />
        <Textarea
          label={t('breaches.adjust.reasoning')}
          description={t('breaches.adjust.reasoningHint')}
          required
          autosize
          minRows={2}
          maxRows={8}
          {...form.text('reasoning')}
        />
        <TagsInput
          label={t('breaches.adjust.dataTypes')}
          description={t('breaches.adjust.dataTypesHint')}
          value={v.dataTypes}
          onChange={(value) => form.setValue('dataTypes', value)}
          clearable
          {...fieldError('dataTypes')}
        />
        <TextInput label={t('breaches.adjust.subjectsGroup')} required {...form.text('subjectsGroup')} />
        <Checkbox
          label={t('breaches.adjust.vulnerableGroup')}
          checked={v.vulnerableGroup}
          onChange={(event) => form.setValue('vulnerableGroup', event.currentTarget.checked)}
          {...fieldError('vulnerableGroup')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NumberInput
            label={t('breaches.adjust.personsMin')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            value={v.personsMin}
            onChange={(value) => form.setValue('personsMin', value)}
            {...fieldError('personsMin')}
          />
          <NumberInput
            label={t('breaches.adjust.personsMax')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            value={v.personsMax}
            onChange={(value) => form.setValue('personsMax', value)}
            {...fieldError('personsMax')}
          />
        </SimpleGrid>
        <Select
          label={t('breaches.adjust.contactsKnown')}
          description={t('breaches.adjust.contactsKnownHint')}
          data={contactsKnownStates.map((c) => ({ value: c, label: t(`breaches.contactsKnown.${c}`) }))}
          value={v.contactsKnown}
          onChange={(value) => form.setValue('contactsKnown', (value ?? 'unknown') as ContactsKnown)}
          allowDeselect={false}
          maw={280}
          {...fieldError('contactsKnown')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={adjust.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
