import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { requiredText, useForm } from '../../../lib/form.ts';
import { countryOptions } from '../../settings/components/countries.ts';
import { useCreateCustomer, useUpdateCustomer } from '../api/customers.ts';
import type { Customer, CustomerFields } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';

const optional = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });
const schema = z.object({
  legalName: requiredText(200),
  kvkNumber: z
    .string()
    .trim()
    .regex(/^\d{8}$/, { error: 'validation.kvk' }),
  street: optional(200),
  postalCode: optional(20),
  city: optional(100),
  country: z.string().trim().length(2, { error: 'validation.required' }),
  locale: z.enum(['nl', 'en']),
});
const fields = ['legalName', 'kvkNumber', 'street', 'postalCode', 'city', 'country', 'locale'] as const;

const empty: CustomerFields = {
  legalName: '',
  kvkNumber: '',
  street: '',
  postalCode: '',
  city: '',
  country: 'NL',
  locale: 'nl',
};

const fieldsOf = (customer: Customer | null): CustomerFields =>
  customer
    ? {
        legalName: customer.legalName,
        kvkNumber: customer.kvkNumber,
        street: customer.street,
        postalCode: customer.postalCode,
        city: customer.city,
        country: customer.country,
        locale: customer.locale,
      }
    : empty;

type Props = { opened: boolean; onClose: () => void; customer?: Customer | null };

/** New customer (then opens it), or the customer's own fields. */
export function CustomerFormModal({ opened, onClose, customer = null }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={customer ? t('customers.form.editTitle') : t('customers.form.createTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <CustomerForm customer={customer} onDone={onClose} /> : null}
    </Modal>
  );
}

function CustomerForm({ customer, onDone }: { customer: Customer | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const form = useForm<CustomerFields>(fieldsOf(customer));
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? '');
  const pending = create.isPending || update.isPending;

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    const onError = (error: unknown) => form.applyApiError(localizeError(error), fields);
    if (customer) {
      update.mutate(data, {
        onSuccess: () => {
          notifySuccess(t('customers.form.saved'));
          onDone();
        },
        onError,
      });
    } else {
      create.mutate(data, {
        onSuccess: (created) => {
          notifySuccess(t('customers.form.created', { name: created.legalName }));
          onDone();
          navigate(`/customers/${created.id}`);
        },
        onError,
      });
    }
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        <TextInput
          label={t('customers.fields.legalName')}
          required
          data-autofocus
          autoComplete="organization"
          {...form.text('legalName')}
        />
        <TextInput
          label={t('customers.fields.kvkNumber')}
          description={t('customers.form.kvkHint')}
          required
          inputMode="numeric"
          maxLength={8}
          {...form.text('kvkNumber')}
        />
        <TextInput
          label={t('customers.fields.street')}
          autoComplete="street-address"
          {...form.text('street')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('customers.fields.postalCode')}
            autoComplete="postal-code"
            {...form.text('postalCode')}
          />
          <TextInput
            label={t('customers.fields.city')}
            autoComplete="address-level2"
            {...form.text('city')}
          />
          <Select
            label={t('customers.fields.country')}
            data={countryOptions(i18n.resolvedLanguage, form.values.country)}
            value={form.values.country}
            onChange={(value) => form.setValue('country', value ?? 'NL')}
            searchable
            allowDeselect={false}
            error={form.errorText('country')}
            errorProps={{ role: 'alert' }}
          />
          <Select
            label={t('customers.fields.locale')}
            description={t('customers.form.localeHint')}
            data={[
              { value: 'nl', label: t('customers.locales.nl') },
              { value: 'en', label: t('customers.locales.en') },
            ]}
            value={form.values.locale}
            onChange={(value) => form.setValue('locale', value === 'en' ? 'en' : 'nl')}
            allowDeselect={false}
            error={form.errorText('locale')}
            errorProps={{ role: 'alert' }}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {customer ? t('common.save') : t('customers.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
