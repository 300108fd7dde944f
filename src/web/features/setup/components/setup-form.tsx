import { Button, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { currentLocale } from '../../../i18n/index.ts';
import { emailField, newPasswordField, passwordMinLength, requiredText, useForm } from '../../../lib/form.ts';
import { useCreateFirstAdmin } from '../api/create-first-admin.ts';

const schema = z
  .object({
    name: requiredText(200),
    email: emailField(),
    password: newPasswordField(),
    confirm: z.string(),
  })
  .refine((values) => values.password === values.confirm, {
    path: ['confirm'],
    error: 'validation.passwordMismatch',
  });

const apiFields = ['name', 'email', 'password'] as const;

export function SetupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ name: '', email: '', password: '', confirm: '' });
  const createAdmin = useCreateFirstAdmin();

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    const { name, email, password } = data;
    createAdmin.mutate(
      { name, email, password, locale: currentLocale() },
      {
        onSuccess: onDone,
        onError: (error) => form.applyApiError(error, apiFields),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="setup-title">
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        <TextInput label={t('setup.name')} autoComplete="name" required {...form.text('name')} />
        <TextInput
          label={t('setup.email')}
          type="email"
          autoComplete="email"
          required
          {...form.text('email')}
        />
        <PasswordInput
          label={t('setup.password')}
          description={t('setup.passwordHint', { min: passwordMinLength })}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('common.showCharacters') }}
          visibilityToggleFocusable
          {...form.text('password')}
        />
        <PasswordInput
          label={t('setup.confirm')}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('common.showCharacters') }}
          visibilityToggleFocusable
          {...form.text('confirm')}
        />
        <Text size="xs" c="dimmed" component="div">
          {t('setup.whyTitle')}
          <List size="xs" c="dimmed" mt={4} spacing={2}>
            <List.Item>{t('setup.why1', { min: passwordMinLength })}</List.Item>
            <List.Item>{t('setup.why2')}</List.Item>
            <List.Item>{t('setup.why3')}</List.Item>
          </List>
        </Text>
        <Button type="submit" loading={createAdmin.isPending} mt="xs">
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
