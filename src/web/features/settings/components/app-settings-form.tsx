import { Anchor, Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { AppSettings } from '../../../lib/api-types.ts';
import { useForm } from '../../../lib/form.ts';
import { useUpdateAppSettings } from '../api/app-settings.ts';

type NumberSetting = {
  [K in keyof AppSettings]: AppSettings[K] extends number ? K : never;
}[keyof AppSettings];

// The server's limits (settings.schemas.ts); shown as hints and checked before sending.
const limits: Record<NumberSetting, { min: number; max: number }> = {
  sessionIdleMinutes: { min: 5, max: 24 * 60 },
  sessionAbsoluteHours: { min: 1, max: 24 * 30 },
  loginMaxAttempts: { min: 3, max: 50 },
  loginLockoutMinutes: { min: 1, max: 24 * 60 },
  portalSessionIdleMinutes: { min: 5, max: 24 * 60 },
  portalSessionAbsoluteHours: { min: 1, max: 24 * 30 },
  requestRetentionDays: { min: 30, max: 730 },
  scanUploadLimitMb: { min: 1, max: 100_000 },
};
const numberFields = Object.keys(limits) as NumberSetting[];
const switches = ['portalRequireTwoFactor', 'publicSubprocessorList'] as const;
type SwitchSetting = (typeof switches)[number];
const fields = [...numberFields, ...switches] as (keyof AppSettings)[];

type Draft = Record<NumberSetting, number | string> & Record<SwitchSetting, boolean>;

const range = (field: NumberSetting) => {
  const { min, max } = limits[field];
  const error = 'validation.range';
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const schema = z.object({
  sessionIdleMinutes: range('sessionIdleMinutes'),
  sessionAbsoluteHours: range('sessionAbsoluteHours'),
  loginMaxAttempts: range('loginMaxAttempts'),
  loginLockoutMinutes: range('loginLockoutMinutes'),
  portalSessionIdleMinutes: range('portalSessionIdleMinutes'),
  portalSessionAbsoluteHours: range('portalSessionAbsoluteHours'),
  portalRequireTwoFactor: z.boolean(),
  publicSubprocessorList: z.boolean(),
  requestRetentionDays: range('requestRetentionDays'),
  scanUploadLimitMb: range('scanUploadLimitMb'),
}) satisfies z.ZodType<AppSettings>;
const rangeOf = (field: string) => limits[field as NumberSetting];

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

  const numberField = (field: NumberSetting, unit: string) => ({
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
  const switchField = (field: SwitchSetting) => (
    <Switch
      name={field}
      label={t(`appSettings.fields.${field}.label`)}
      description={t(`appSettings.fields.${field}.hint`)}
      checked={form.values[field]}
      onChange={(event) => {
        if (canEdit) {
          form.setValue(field, event.currentTarget.checked);
        }
      }}
      disabled={!canEdit}
      error={form.errorText(field)}
    />
  );

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
        <Fieldset legend={t('appSettings.portal')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('appSettings.portalIntro')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NumberInput {...numberField('portalSessionIdleMinutes', t('appSettings.units.minutes'))} />
              <NumberInput {...numberField('portalSessionAbsoluteHours', t('appSettings.units.hours'))} />
            </SimpleGrid>
            {switchField('portalRequireTwoFactor')}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('appSettings.publicList')}>
          <Stack gap="xs">
            {switchField('publicSubprocessorList')}
            {form.values.publicSubprocessorList ? (
              <Anchor href="/subverwerkers" target="_blank" size="sm">
                {t('appSettings.publicListLink')}
              </Anchor>
            ) : null}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('appSettings.requests')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput {...numberField('requestRetentionDays', t('appSettings.units.days'))} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('appSettings.breachScans')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput {...numberField('scanUploadLimitMb', t('appSettings.units.megabytes'))} />
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
