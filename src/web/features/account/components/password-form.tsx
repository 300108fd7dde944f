import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { newPasswordField, passwordMinLength, useForm } from '../../../lib/form.ts';
import { useChangePassword } from '../api/change-password.ts';

const schema = z
  .object({
    currentPassword: z.string().min(1, { error: 'validation.required' }),
    newPassword: newPasswordField(),
    confirm: z.string(),
  })
  .refine((values) => values.newPassword === values.confirm, {
    path: ['confirm'],
    error: 'validation.passwordMismatch',
  })
  .refine((values) => values.newPassword !== values.currentPassword, {
    path: ['newPassword'],
    error: 'validation.passwordSame',
  });

export function PasswordForm() {
  const { t } = useTranslation();
  const form = useForm({ currentPassword: '', newPassword: '', confirm: '' });
  const change = useChangePassword();
  const toggle = { visibilityToggleButtonProps: { 'aria-label': t('common.showCharacters') } };

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    change.mutate(
      { currentPassword: data.currentPassword, newPassword: data.newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('account.passwordChanged'));
        },
        onError: (error) => form.applyApiError(error, ['currentPassword', 'newPassword'] as const),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <ErrorAlert error={form.formError} />
        <PasswordInput
          label={t('account.currentPassword')}
          autoComplete="current-password"
          required
          {...toggle}
          {...form.text('currentPassword')}
        />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('account.newPasswordHint', { min: passwordMinLength })}
          autoComplete="new-password"
          required
          {...toggle}
          {...form.text('newPassword')}
        />
        <PasswordInput
          label={t('account.confirmPassword')}
          autoComplete="new-password"
          required
          {...toggle}
          {...form.text('confirm')}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
