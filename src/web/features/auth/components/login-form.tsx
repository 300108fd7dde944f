import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { emailField, useForm } from '../../../lib/form.ts';
import { useLogin } from '../api/login.ts';

const schema = z.object({
  email: emailField(),
  password: z.string().min(1, { error: 'validation.required' }),
});

export function LoginForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ email: '', password: '' });
  const login = useLogin();

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    login.mutate(data, {
      onSuccess: onDone,
      onError: (error) => {
        // Never say which of the two was wrong: the server does not either.
        form.setFormError(error);
        form.setValue('password', '');
      },
    });
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="login-title">
      <Stack gap="sm">
        <ErrorAlert error={form.formError} title={t('login.failed')} />
        <TextInput
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          {...form.text('email')}
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('common.showCharacters') }}
          visibilityToggleFocusable
          {...form.text('password')}
        />
        <Button type="submit" loading={login.isPending} mt="xs">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
