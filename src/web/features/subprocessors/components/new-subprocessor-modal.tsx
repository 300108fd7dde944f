import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { requiredText, useForm } from '../../../lib/form.ts';
import { subprocessorPage, useCreateSubprocessor } from '../api/subprocessors.ts';
import { useCountryOptions } from '../lib/countries.ts';

type Values = { name: string; legalName: string; country: string };

const schema = z.object({
  name: requiredText(200).refine((v) => !/[;\n\r]/.test(v), { error: 'subprocessors.create.nameSemicolon' }),
  legalName: z.string().trim().max(200, { error: 'validation.tooLong' }),
  country: z.string(),
});

function CreateForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { options } = useCountryOptions();
  const create = useCreateSubprocessor();
  const form = useForm<Values>({ name: '', legalName: '', country: '' });

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    create.mutate(
      { name: data.name, legalName: data.legalName || null, country: data.country || null },
      {
        onSuccess: (party) => {
          notifySuccess(t('subprocessors.create.created', { name: party.name }));
          onClose();
          navigate(subprocessorPage(party.id));
        },
        onError: (error) => form.applyApiError(error, ['name', 'legalName', 'country']),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('subprocessors.create.intro')}
        </Text>
        <ErrorAlert error={form.formError} />
        <TextInput
          label={t('subprocessors.fields.name')}
          description={t('subprocessors.create.nameHint')}
          required
          data-autofocus
          {...form.text('name')}
        />
        <TextInput label={t('subprocessors.fields.legalName')} {...form.text('legalName')} />
        <Select
          label={t('subprocessors.fields.country')}
          description={t('subprocessors.create.countryHint')}
          data={options}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('subprocessors.fields.clearCountry') }}
          nothingFoundMessage={t('subprocessors.fields.noCountry')}
          value={form.values.country || null}
          onChange={(value) => form.setValue('country', value ?? '')}
          error={form.errorText('country')}
          errorProps={{ role: 'alert' }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('subprocessors.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function NewSubprocessorModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('subprocessors.create.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <CreateForm onClose={onClose} /> : null}
    </Modal>
  );
}
