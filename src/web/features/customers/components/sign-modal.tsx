import {
  Button,
  FileInput,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { maxSignedPdfBytes as maxPdfBytes } from '../../../../shared/upload-limits.ts';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ApiError } from '../../../lib/api.ts';
import { requiredText, useForm } from '../../../lib/form.ts';
import { useSignDpa } from '../api/agreements.ts';
import type { Customer, Dpa, Party } from '../api/types.ts';
import { dayOf, isDay, signatureInstant, todayDay } from '../lib/dates.ts';
import { localizeError } from '../lib/errors.ts';
import { formatBytes, readAsBase64 } from '../lib/files.ts';
import { DayInput } from './day-input.tsx';

type Values = {
  party: Party;
  signerName: string;
  signerRole: string;
  day: string;
  time: string;
  file: File | null;
};

const schema = z.object({
  party: z.enum(['customer', 'processor']),
  signerName: requiredText(200),
  signerRole: requiredText(100),
  day: z.string().refine(isDay, { error: 'customers.dates.invalid' }),
  time: z
    .string()
    .trim()
    .regex(/^(([01]?\d|2[0-3]):[0-5]\d)?$/, { error: 'customers.sign.timeInvalid' }),
  file: z
    .instanceof(File, { error: 'customers.sign.fileRequired' })
    .refine((f) => f.size <= maxPdfBytes, { error: 'customers.sign.fileTooLarge' }),
});

async function looksLikePdf(file: File) {
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === '%PDF-';
}

type Props = { customer: Customer; agreementId: string; dpa: Dpa | null; onClose: () => void };

/** Records one party's signature of a DPA version with the signed PDF (clause 2.1: in force once both signed). */
export function SignModal({ customer, agreementId, dpa, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={dpa !== null}
      onClose={onClose}
      title={t('customers.sign.title', { version: dpa?.version ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {dpa ? <SignForm customer={customer} agreementId={agreementId} dpa={dpa} onDone={onClose} /> : null}
    </Modal>
  );
}

function SignForm({
  customer,
  agreementId,
  dpa,
  onDone,
}: {
  customer: Customer;
  agreementId: string;
  dpa: Dpa;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const signed = new Set(dpa.signatures.map((s) => s.party));
  const firstOpen: Party = signed.has('customer') ? 'processor' : 'customer';
  const signatory = customer.contacts.find((c) => c.roles.includes('signatory'));
  const defaults = (party: Party) => (party === 'customer' ? (signatory?.name ?? '') : '');
  const form = useForm<Values>({
    party: firstOpen,
    signerName: defaults(firstOpen),
    signerRole: '',
    day: todayDay(),
    time: '',
    file: null,
  });
  const sign = useSignDpa(customer.id, agreementId);
  const minDay = dpa.sentAt ? dayOf(dpa.sentAt) : undefined;

  const submit = form.onSubmit(async () => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    if (!(await looksLikePdf(data.file))) {
      // the server would refuse it too (dpas.file_not_pdf); say so before uploading megabytes
      form.applyApiError(
        new ApiError(
          400,
          'dpas.file_not_pdf',
          t('customers.apiErrors.dpas.file_not_pdf'),
          undefined,
          'body.file',
        ),
        ['file'],
      );
      return;
    }
    const dataBase64 = await readAsBase64(data.file);
    sign.mutate(
      {
        dpaId: dpa.id,
        party: data.party,
        signerName: data.signerName,
        signerRole: data.signerRole,
        signedAt: signatureInstant(data.day, data.time, dpa.sentAt),
        file: { name: data.file.name.slice(0, 200), dataBase64 },
      },
      {
        onSuccess: (customerAfter) => {
          const after = customerAfter.agreements
            .find((a) => a.id === agreementId)
            ?.dpas.find((d) => d.id === dpa.id);
          notifySuccess(
            after?.status === 'active'
              ? t('customers.sign.nowActive', { version: dpa.version })
              : t('customers.sign.saved'),
          );
          onDone();
        },
        // the signed time is entered as a day (and time); body.signedAt lands on the day
        onError: (error) =>
          form.applyApiError(
            localizeError(error, (field) =>
              field === 'body.signedAt'
                ? 'body.day'
                : field.startsWith('body.file')
                  ? 'body.file'
                  : undefined,
            ),
            ['party', 'signerName', 'signerRole', 'day', 'file'],
          ),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('customers.sign.intro')}</Text>
        <ErrorAlert error={form.formError} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="sign-party-label">
            {t('customers.sign.party')}
          </Text>
          <SegmentedControl
            aria-labelledby="sign-party-label"
            value={form.values.party}
            onChange={(value) => {
              const party = value as Party;
              form.setValue('party', party);
              form.setValue('signerName', defaults(party));
            }}
            data={(['customer', 'processor'] as const).map((party) => ({
              value: party,
              label: signed.has(party)
                ? t('customers.sign.partySigned', { party: t(`customers.sign.parties.${party}`) })
                : t(`customers.sign.parties.${party}`),
              disabled: signed.has(party),
            }))}
          />
          {form.errorText('party') ? (
            <Text size="xs" c="red.8" role="alert">
              {form.errorText('party')}
            </Text>
          ) : null}
        </Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('customers.sign.signerName')} required {...form.text('signerName')} />
          <TextInput
            label={t('customers.sign.signerRole')}
            description={t('customers.sign.signerRoleHint')}
            required
            {...form.text('signerRole')}
          />
          <DayInput
            label={t('customers.sign.day')}
            description={null}
            required
            minDate={minDay}
            maxDate={todayDay()}
            value={form.values.day}
            onChange={(value) => form.setValue('day', value)}
            error={form.errorText('day')}
            errorProps={{ role: 'alert' }}
          />
          <TextInput
            label={t('customers.sign.time')}
            placeholder={t('customers.sign.timePlaceholder')}
            inputMode="numeric"
            maxLength={5}
            autoComplete="off"
            {...form.text('time')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('customers.sign.timeHint')}
        </Text>
        <FileInput
          label={t('customers.sign.file')}
          description={t('customers.sign.fileHint')}
          placeholder={t('customers.sign.filePlaceholder')}
          accept="application/pdf,.pdf"
          required
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
          value={form.values.file}
          onChange={(file) => form.setValue('file', file)}
          valueComponent={({ value }) =>
            value instanceof File ? (
              <Text size="sm">{`${value.name} (${formatBytes(value.size)})`}</Text>
            ) : null
          }
          clearable
          clearButtonProps={{ 'aria-label': t('customers.sign.clearFile') }}
          error={form.errorText('file')}
          errorProps={{ role: 'alert' }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={sign.isPending}>
            {t('customers.sign.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
