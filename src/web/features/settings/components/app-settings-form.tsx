import { Button, Fieldset, Group, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { AppSettings } from '../../../lib/api-types.ts';
import { useForm } from '../../../lib/form.ts';
import { useUpdateAppSettings } from '../api/app-settings.ts';

// The server's limits (settings.schemas.ts); shown as hints and checked before sending.
const limits: Record<keyof AppSettings, { min: number; max: number }> = {
  sessionIdleMinutes: { min: 5, max: 24 * 60 },
  sessionAbsoluteHours: { min: 1, max: 24 * 30 },
  loginMaxAttempts: { min: 3, max: 50 },
  loginLockoutMinutes: { min: 1, max: 24 * 60 },
};
const fields = Object.keys(limits) as (keyof AppSettings)[];

type Draft = Record<keyof AppSettings, number | string>;

const schema = z.object(
  Object.fromEntries(
    fields.map((field) => {
      const { min, max } = limits[field];
      const error = 'validation.range';
      return [field, z.number({ error }).int({ error }).min(min, { error }).max(max, { error })];
    }),
  ) as Record<keyof AppSettings, z.ZodNumber>,
);
const rangeOf = (field: string) => limits[field as keyof AppSettings];

export function AppSettingsForm({ settings, canEdit }: { settings: AppSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const form = useForm<Draft>({ ...settings });
  const update = useUpdateAppSettings();

  const submit = form.onSubmit(() => {
    const data = form.check(schema, rangeOf);
    if (!data) {
      return;
    }
    update.mutate(data, {
      onSuccess: () => notifySuccess(t('appSettings.saved')),
      onError: (error) => form.applyApiError(error, fields),
    });
  });

  const numberField = (field: keyof AppSettings, unit: string) => ({
    label: t(`appSettings.fields.${field}.label`),
    description: `${t(`appSettings.fields.${field}.hint`)} ${t('appSettings.range', { ...limits[field], unit })}`,
    value: form.values[field],
    onChange: (value: number | string) => form.setValue(field, value),
    error: form.errorText(field),
    errorProps: { role: 'alert' },
    min: limits[field].min,
    max: limits[field].max,
    allowDecimal: false,
    allowNegative: false,
    clampBehavior: 'none' as const,
    readOnly: !canEdit,
    name: field,
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="md" maw={760}>
        <ErrorAlert error={form.formError} />
        <Fieldset legend={t('appSettings.sessions')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput {...numberField('sessionIdleMinutes', t('appSettings.units.minutes'))} />
            <NumberInput {...numberField('sessionAbsoluteHours', t('appSettings.units.hours'))} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('appSettings.login')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput {...numberField('loginMaxAttempts', t('appSettings.units.attempts'))} />
            <NumberInput {...numberField('loginLockoutMinutes', t('appSettings.units.minutes'))} />
          </SimpleGrid>
        </Fieldset>
        {canEdit ? (
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
