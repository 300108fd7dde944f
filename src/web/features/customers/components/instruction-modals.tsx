import {
  FileInput,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { maxAttachmentBytes } from '../../../../shared/upload-limits.ts';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { FormButtons, FormModal } from '../../../components/form-modal.tsx';
import { requiredText, useForm } from '../../../lib/form.ts';
import { useAnswerInstruction, useFlagInstruction, useRecordInstruction } from '../api/instructions.ts';
import { useServiceLines } from '../api/service-lines.ts';
import {
  type Customer,
  type Instruction,
  type InstructionChannel,
  instructionChannels,
} from '../api/types.ts';
import { isDay, todayDay } from '../lib/dates.ts';
import { localizeError } from '../lib/errors.ts';
import { formatBytes, readAsBase64 } from '../lib/files.ts';
import { DayInput } from './day-input.tsx';

const maxAttachments = 10;

// ---- record an instruction ----------------------------------------------------------------------------------

type Values = {
  receivedOn: string;
  fromName: string;
  channel: InstructionChannel | '';
  text: string;
  serviceLineCodes: string[];
  attachments: File[];
};

const schema = z.object({
  receivedOn: z
    .string()
    .refine(isDay, { error: 'customers.dates.invalid' })
    .refine((d) => d <= todayDay(), { error: 'customers.instructions.notInFuture' }),
  fromName: requiredText(200),
  channel: z.enum(instructionChannels, { error: 'validation.required' }),
  text: requiredText(20_000),
  serviceLineCodes: z.array(z.string()).max(20),
  attachments: z
    .array(z.instanceof(File))
    .max(maxAttachments, { error: 'customers.instructions.tooManyFiles' })
    .refine((files) => files.every((f) => f.size > 0 && f.size <= maxAttachmentBytes), {
      error: 'customers.instructions.fileTooLarge',
    }),
});

function RecordForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  const taken = new Set(customer.agreements[0]?.services.map((s) => s.serviceLineCode) ?? []);
  // the customer's own services first
  const options = [...serviceLines.options].sort(
    (a, b) => Number(taken.has(b.value)) - Number(taken.has(a.value)),
  );
  const form = useForm<Values>({
    receivedOn: todayDay(),
    fromName: '',
    channel: 'email',
    text: '',
    serviceLineCodes: [],
    attachments: [],
  });
  const record = useRecordInstruction(customer.id);
  const fields = ['receivedOn', 'fromName', 'channel', 'text', 'serviceLineCodes', 'attachments'] as const;

  const submit = form.onSubmit(async () => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    const attachments = await Promise.all(
      data.attachments.map(async (file) => ({
        name: file.name.slice(0, 200),
        mime: (file.type || 'application/octet-stream').slice(0, 100),
        dataBase64: await readAsBase64(file),
      })),
    );
    record.mutate(
      { ...data, attachments },
      {
        onSuccess: () => {
          notifySuccess(t('customers.instructions.recorded'));
          onDone();
        },
        // body.serviceLineCodes.1 → serviceLineCodes, body.attachments.0 → attachments
        onError: (error) =>
          form.applyApiError(
            localizeError(error, (field) =>
              field.replace(/^body\.(serviceLineCodes|attachments)\.\d+.*$/, 'body.$1'),
            ),
            fields,
          ),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <DayInput
            label={t('customers.instructions.receivedOn')}
            description={null}
            required
            data-autofocus
            maxDate={todayDay()}
            value={form.values.receivedOn}
            onChange={(value) => form.setValue('receivedOn', value)}
            error={form.errorText('receivedOn')}
            errorProps={{ role: 'alert' }}
          />
          <TextInput label={t('customers.instructions.fromName')} required {...form.text('fromName')} />
          <Select
            label={t('customers.instructions.channel')}
            data={instructionChannels.map((c) => ({
              value: c,
              label: t(`customers.instructions.channels.${c}`),
            }))}
            value={form.values.channel || null}
            onChange={(value) => form.setValue('channel', (value ?? '') as InstructionChannel | '')}
            allowDeselect={false}
            required
            error={form.errorText('channel')}
            errorProps={{ role: 'alert' }}
          />
        </SimpleGrid>
        <Textarea
          label={t('customers.instructions.text')}
          description={t('customers.instructions.textHint')}
          required
          autosize
          minRows={4}
          maxRows={14}
          {...form.text('text')}
        />
        <MultiSelect
          label={t('customers.instructions.services')}
          description={t('customers.instructions.servicesHint')}
          data={options}
          value={form.values.serviceLineCodes}
          onChange={(value) => form.setValue('serviceLineCodes', value)}
          clearable
          clearButtonProps={{ 'aria-label': t('customers.instructions.clearServices') }}
          error={form.errorText('serviceLineCodes')}
          errorProps={{ role: 'alert' }}
        />
        <FileInput
          label={t('customers.instructions.attachments')}
          description={t('customers.instructions.attachmentsHint')}
          placeholder={t('customers.instructions.attachmentsPlaceholder')}
          multiple
          leftSection={<IconPaperclip size={16} aria-hidden />}
          value={form.values.attachments}
          onChange={(files) => form.setValue('attachments', files)}
          valueComponent={({ value }) =>
            Array.isArray(value) && value.length > 0 ? (
              <Text size="sm">{value.map((f) => `${f.name} (${formatBytes(f.size)})`).join(', ')}</Text>
            ) : null
          }
          clearable
          clearButtonProps={{ 'aria-label': t('customers.instructions.clearFiles') }}
          error={form.errorText('attachments')}
          errorProps={{ role: 'alert' }}
        />
        <FormButtons
          onCancel={onDone}
          label={t('customers.instructions.record')}
          loading={record.isPending}
        />
      </Stack>
    </form>
  );
}

export function RecordInstructionModal({
  customer,
  opened,
  onClose,
}: {
  customer: Customer;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal title={t('customers.instructions.recordTitle')} opened={opened} onClose={onClose} size="lg">
      <RecordForm customer={customer} onDone={onClose} />
    </FormModal>
  );
}

// ---- flag an instruction that would infringe the GDPR (Art. 28(3), last subparagraph) -----------------------

function FlagForm({
  customerId,
  instruction,
  onDone,
}: {
  customerId: string;
  instruction: Instruction;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ concern: '' });
  const flag = useFlagInstruction(customerId);
  const submit = form.onSubmit(() => {
    const data = form.check(z.object({ concern: requiredText(5000) }));
    if (!data) {
      return;
    }
    flag.mutate(
      { id: instruction.id, concern: data.concern },
      {
        onSuccess: () => {
          notifySuccess(t('customers.instructions.flagged'));
          onDone();
        },
        onError: (error) => form.applyApiError(localizeError(error), ['concern']),
      },
    );
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('customers.instructions.flagIntro')}</Text>
        <ErrorAlert error={form.formError} />
        <Textarea
          label={t('customers.instructions.concern')}
          description={t('customers.instructions.concernHint')}
          required
          autosize
          minRows={3}
          data-autofocus
          {...form.text('concern')}
        />
        <FormButtons
          onCancel={onDone}
          label={t('customers.instructions.flagSubmit')}
          loading={flag.isPending}
          color="red"
        />
      </Stack>
    </form>
  );
}

export function FlagInstructionModal({
  customerId,
  instruction,
  onClose,
}: {
  customerId: string;
  instruction: Instruction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal title={t('customers.instructions.flagTitle')} opened={instruction !== null} onClose={onClose}>
      {instruction ? <FlagForm customerId={customerId} instruction={instruction} onDone={onClose} /> : null}
    </FormModal>
  );
}

// ---- the customer's answer -------------------------------------------------------------------------------------

function AnswerForm({
  customerId,
  instruction,
  onDone,
}: {
  customerId: string;
  instruction: Instruction;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<{ answer: string; outcome: 'in_force' | 'withdrawn' | '' }>({
    answer: '',
    outcome: '',
  });
  const answer = useAnswerInstruction(customerId);
  const submit = form.onSubmit(() => {
    const data = form.check(
      z.object({
        answer: requiredText(5000),
        outcome: z.enum(['in_force', 'withdrawn'], { error: 'validation.required' }),
      }),
    );
    if (!data) {
      return;
    }
    answer.mutate(
      { id: instruction.id, ...data },
      {
        onSuccess: () => {
          notifySuccess(t('customers.instructions.answered'));
          onDone();
        },
        onError: (error) => form.applyApiError(localizeError(error), ['answer', 'outcome']),
      },
    );
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('customers.instructions.answerIntro')}</Text>
        <ErrorAlert error={form.formError} />
        <Textarea
          label={t('customers.instructions.answer')}
          required
          autosize
          minRows={3}
          data-autofocus
          {...form.text('answer')}
        />
        <Radio.Group
          label={t('customers.instructions.outcome')}
          value={form.values.outcome}
          onChange={(value) => form.setValue('outcome', value as 'in_force' | 'withdrawn')}
          required
          error={form.errorText('outcome')}
          errorProps={{ role: 'alert' }}
        >
          <Stack gap={6} mt={6}>
            <Radio value="in_force" label={t('customers.instructions.outcomes.in_force')} />
            <Radio value="withdrawn" label={t('customers.instructions.outcomes.withdrawn')} />
          </Stack>
        </Radio.Group>
        <FormButtons
          onCancel={onDone}
          label={t('customers.instructions.answerSubmit')}
          loading={answer.isPending}
        />
      </Stack>
    </form>
  );
}

export function AnswerInstructionModal({
  customerId,
  instruction,
  onClose,
}: {
  customerId: string;
  instruction: Instruction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      title={t('customers.instructions.answerTitle')}
      opened={instruction !== null}
      onClose={onClose}
    >
      {instruction ? <AnswerForm customerId={customerId} instruction={instruction} onDone={onClose} /> : null}
    </FormModal>
  );
}
