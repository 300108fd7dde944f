import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { newPasswordField, passwordMinLength, useForm } from '../../../lib/form.ts';
import { useConfirmPasswordReset } from '../api/password-reset.ts';

const schema = z
  .object({ password: newPasswordField(), confirm: z.string() })
  .refine((values) => values.password === values.confirm, {
    path: ['confirm'],
    error: 'validation.passwordMismatch',
  });

/** A new password from the link in the reset e-mail. The link works once, for 60 minutes. */
export function ResetConfirmForm({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ password: '', confirm: '' });
  const confirm = useConfirmPasswordReset();
  const toggle = {
    visibilityToggleButtonProps: { 'aria-label': t('common.showCharacters') },
    visibilityToggleFocusable: true,
  };

  const invalidLink = isApiError(confirm.error) && confirm.error.code === 'password_reset.invalid';

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    confirm.mutate(
      { token, password: data.password },
      {
        onSuccess: onDone,
        onError: (error) => form.applyApiError(error, ['password'] as const),
      },
    );
  });

  if (invalidLink) {
    return (
      <Stack gap="md">
        <Alert
          role="alert"
          color="orange"
          variant="light"
          title={t('auth.reset.invalidTitle')}
          icon={<IconLinkOff aria-hidden />}
        >
          {t('auth.reset.invalid')}
        </Alert>
        <Button component={Link} to="/reset-password">
          {t('auth.reset.requestNew')}
        </Button>
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.reset.backToLogin')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="reset-title">
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        {/* Lets a password manager store the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <PasswordInput
          label={t('auth.reset.password')}
          description={t('auth.reset.passwordHint', { min: passwordMinLength })}
          autoComplete="new-password"
          required
          {...toggle}
          {...form.text('password')}
        />
        <PasswordInput
          label={t('auth.reset.confirm')}
          autoComplete="new-password"
          required
          {...toggle}
          {...form.text('confirm')}
        />
        <Button type="submit" loading={confirm.isPending} mt="xs">
          {t('auth.reset.save')}
        </Button>
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.reset.backToLogin')}
        </Anchor>
      </Stack>
    </form>
  );
}
