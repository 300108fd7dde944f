import { Button, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { ProcessorProfile, ProcessorProfileInput } from '../../../lib/api-types.ts';
import { useForm } from '../../../lib/form.ts';
import { useUpdateProcessor } from '../api/processor.ts';
import { countryOptions } from './countries.ts';

const optional = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });

const schema = z.object({
  legalName: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(200, { error: 'validation.tooLong' }),
  kvkNumber: z
    .string()
    .trim()
    .regex(/^(\d{8})?$/, { error: 'validation.kvk' }),
  street: optional(200),
  postalCode: optional(20),
  city: optional(100),
  country: z.string().trim().length(2, { error: 'validation.required' }),
  privacyContactName: optional(200),
  privacyContactEmail: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .pipe(z.email({ error: 'validation.email' })),
  ]),
  privacyContactPhone: optional(40),
  breachPhone: optional(40),
});

const fields = [
  'legalName',
  'kvkNumber',
  'street',
  'postalCode',
  'city',
  'country',
  'privacyContactName',
  'privacyContactEmail',
  'privacyContactPhone',
  'breachPhone',
] as const satisfies readonly (keyof ProcessorProfileInput)[];

function toInput(profile: ProcessorProfile): ProcessorProfileInput {
  const input = {} as ProcessorProfileInput;
  for (const field of fields) {
    input[field] = profile[field] ?? '';
  }
  if (!input.country) {
    input.country = 'NL';
  }
  return input;
}

export function ProcessorForm({ profile, canEdit }: { profile: ProcessorProfile; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const form = useForm<ProcessorProfileInput>(toInput(profile));
  const update = useUpdateProcessor();
  // Everyone may read the profile; only admins change it. Read-only (not disabled) keeps it legible.
  const readOnly = { readOnly: !canEdit };

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    update.mutate(data, {
      onSuccess: () => notifySuccess(t('processor.saved')),
      onError: (error) => form.applyApiError(error, fields),
    });
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="processor-form-title">
      <Stack gap="md">
        <ErrorAlert error={form.formError} />
        <Fieldset legend={t('processor.sections.company')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('processor.fields.legalName')}
              description={t('processor.hints.legalName')}
              required
              autoComplete="organization"
              {...readOnly}
              {...form.text('legalName')}
            />
            <TextInput
              label={t('processor.fields.kvkNumber')}
              description={t('processor.hints.kvkNumber')}
              inputMode="numeric"
              maxLength={8}
              {...readOnly}
              {...form.text('kvkNumber')}
            />
            <TextInput
              label={t('processor.fields.street')}
              autoComplete="street-address"
              {...readOnly}
              {...form.text('street')}
            />
            <Group grow gap="sm" align="flex-start">
              <TextInput
                label={t('processor.fields.postalCode')}
                autoComplete="postal-code"
                {...readOnly}
                {...form.text('postalCode')}
              />
              <TextInput
                label={t('processor.fields.city')}
                autoComplete="address-level2"
                {...readOnly}
                {...form.text('city')}
              />
            </Group>
            <Select
              label={t('processor.fields.country')}
              data={countryOptions(i18n.resolvedLanguage, form.values.country)}
              value={form.values.country}
              onChange={(value) => form.setValue('country', value ?? 'NL')}
              searchable
              allowDeselect={false}
              {...readOnly}
              error={form.errorText('country')}
              errorProps={{ role: 'alert' }}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('processor.sections.privacy')}>
          <Text size="xs" c="dimmed" mb="xs">
            {t('processor.hints.privacySection')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('processor.fields.privacyContactName')}
              {...readOnly}
              {...form.text('privacyContactName')}
            />
            <TextInput
              label={t('processor.fields.privacyContactEmail')}
              type="email"
              autoComplete="email"
              {...readOnly}
              {...form.text('privacyContactEmail')}
            />
            <TextInput
              label={t('processor.fields.privacyContactPhone')}
              type="tel"
              autoComplete="tel"
              {...readOnly}
              {...form.text('privacyContactPhone')}
            />
            <TextInput
              label={t('processor.fields.breachPhone')}
              description={t('processor.hints.breachPhone')}
              type="tel"
              {...readOnly}
              {...form.text('breachPhone')}
            />
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
