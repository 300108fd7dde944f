import { Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useForm } from '../../../lib/form.ts';
import { useCreateAgreement } from '../api/agreements.ts';
import { useServiceLines } from '../api/service-lines.ts';
import { isDay, todayDay } from '../lib/dates.ts';
import { localizeError } from '../lib/errors.ts';
import { DayInput } from './day-input.tsx';

// Form names: reference, startDate, and per picked service `services.<i>.startDate` / `.endDate` /
// `.serviceLineCode` — the same paths the server names in its errors (body.services.1.startDate).
type Values = Record<string, string>;

const schema = z.object({
  reference: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(60, { error: 'validation.tooLong' }),
  startDate: z.string().refine(isDay, { error: 'customers.dates.invalid' }),
});

type Picked = { code: string; startDate: string };

export function AgreementForm({ customerId, onDone }: { customerId: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  const form = useForm<Values>({ reference: '', startDate: todayDay() });
  const [picked, setPicked] = useState<Picked[]>([]);
  const create = useCreateAgreement(customerId);
  const startDate = form.values.startDate ?? '';

  const toggle = (code: string, on: boolean) => {
    setPicked((current) =>
      on
        ? // keep the register's order, so the n-th picked line is services.n in the request and in errors
          serviceLines.options
            .map((o) => o.value)
            .filter((c) => c === code || current.some((p) => p.code === c))
            .map((c) => current.find((p) => p.code === c) ?? { code: c, startDate: '' })
        : current.filter((p) => p.code !== code),
    );
    form.setFormError(null);
  };

  const setServiceStart = (index: number, code: string, value: string) => {
    setPicked((current) => current.map((p) => (p.code === code ? { ...p, startDate: value } : p)));
    form.setValue(`services.${index}.startDate`, value);
  };

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    const services = picked.map((p) => ({
      serviceLineCode: p.code,
      startDate: p.startDate || data.startDate,
      endDate: null,
    }));
    const names = [
      'reference',
      'startDate',
      ...picked.flatMap((_, i) =>
        ['serviceLineCode', 'startDate', 'endDate'].map((f) => `services.${i}.${f}`),
      ),
    ];
    create.mutate(
      { reference: data.reference, startDate: data.startDate, services },
      {
        onSuccess: () => {
          notifySuccess(t('customers.agreement.created', { reference: data.reference }));
          onDone?.();
        },
        // a service's end date has no input here; its start date shows the problem
        onError: (error) =>
          form.applyApiError(
            localizeError(error, (field) =>
              field.replace(/^(body\.services\.\d+)\.endDate$/, '$1.startDate'),
            ),
            names,
          ),
      },
    );
  });

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="new-agreement-title">
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="h4" id="new-agreement-title">
            {t('customers.agreement.createTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('customers.agreement.createIntro')}
          </Text>
          <ErrorAlert error={form.formError} />
          <Group grow align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('customers.agreement.reference')}
              description={t('customers.agreement.referenceHint')}
              required
              miw={220}
              {...form.text('reference')}
            />
            <DayInput
              label={t('customers.agreement.startDate')}
              required
              miw={220}
              value={startDate}
              onChange={(value) => form.setValue('startDate', value)}
              error={form.errorText('startDate')}
              errorProps={{ role: 'alert' }}
            />
          </Group>
          <Stack gap={6} role="group" aria-labelledby="services-picker-label">
            <Text size="sm" fw={500} id="services-picker-label">
              {t('customers.agreement.services')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('customers.agreement.servicesHint')}
            </Text>
            <ErrorAlert error={serviceLines.error} />
            {serviceLines.options.map((option) => {
              const index = picked.findIndex((p) => p.code === option.value);
              const chosen = index >= 0;
              const lineError = chosen ? form.errorText(`services.${index}.serviceLineCode`) : undefined;
              return (
                <Group key={option.value} gap="sm" align="center" wrap="wrap" mih={36}>
                  <Checkbox
                    label={option.label}
                    checked={chosen}
                    onChange={(event) => toggle(option.value, event.currentTarget.checked)}
                    error={lineError}
                    w={200}
                  />
                  {chosen ? (
                    <DayInput
                      aria-label={t('customers.agreement.serviceStart', { service: option.label })}
                      description={null}
                      size="xs"
                      w={210}
                      placeholder={t('customers.agreement.sameAsAgreement')}
                      value={picked[index]?.startDate ?? ''}
                      onChange={(value) => setServiceStart(index, option.value, value)}
                      clearable
                      clearButtonProps={{ 'aria-label': t('customers.dates.clear') }}
                      error={form.errorText(`services.${index}.startDate`)}
                      errorProps={{ role: 'alert' }}
                    />
                  ) : null}
                </Group>
              );
            })}
          </Stack>
          <Group justify="flex-end" gap="xs">
            {onDone ? (
              <Button variant="default" onClick={onDone}>
                {t('common.cancel')}
              </Button>
            ) : null}
            <Button type="submit" loading={create.isPending}>
              {t('customers.agreement.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
