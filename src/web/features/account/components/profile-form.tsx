import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isLocale, rememberLocale } from '../../../i18n/index.ts';
import type { Locale, User } from '../../../lib/api-types.ts';
import { requiredText, useForm } from '../../../lib/form.ts';
import { useUpdateAccount } from '../api/update-account.ts';

const schema = z.object({ name: requiredText(200), locale: z.enum(['nl', 'en']) });

export function ProfileForm({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const form = useForm<{ name: string; locale: Locale }>({ name: user.name, locale: user.locale });
  const update = useUpdateAccount();

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    update.mutate(data, {
      onSuccess: ({ user: saved }) => {
        if (saved.locale !== i18n.resolvedLanguage) {
          void i18n.changeLanguage(saved.locale);
          rememberLocale(saved.locale);
        }
        notifySuccess(t('account.saved'));
      },
      onError: (error) => form.applyApiError(error, ['name', 'locale'] as const),
    });
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <ErrorAlert error={form.formError} />
        <TextInput label={t('account.name')} autoComplete="name" required {...form.text('name')} />
        <Select
          label={t('account.language')}
          description={t('account.languageHint')}
          data={[
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
          value={form.values.locale}
          onChange={(value) => {
            if (isLocale(value)) {
              form.setValue('locale', value);
            }
          }}
          allowDeselect={false}
          error={form.errorText('locale')}
        />
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
