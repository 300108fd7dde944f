import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { useForm } from '../../../lib/form.ts';
import { OneTimeCodeInput } from '../../auth/components/one-time-code-input.tsx';
import { useDisableTwoFactor, useRegenerateRecoveryCodes } from '../api/two-factor.ts';

const codeSchema = z.object({ code: z.string().regex(/^\d{6}$/, { error: 'auth.twoFactor.codeFormat' }) });
const passwordSchema = z.object({ password: z.string().min(1, { error: 'validation.required' }) });

/** New recovery codes replace the old ones; a code from the app proves the phone is at hand. */
export function RegenerateCodesModal({
  opened,
  onClose,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  onDone: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ code: '' });
  const regenerate = useRegenerateRecoveryCodes();
  const close = () => {
    form.reset();
    regenerate.reset();
    onClose();
  };
  const submit = form.onSubmit(() => {
    const data = form.check(codeSchema);
    if (!data) {
      return;
    }
    regenerate.mutate(data.code, {
      onSuccess: ({ recoveryCodes }) => {
        form.reset();
        onDone(recoveryCodes);
      },
      onError: (error) => {
        form.setValue('code', '');
        form.applyApiError(error, ['code'] as const);
      },
    });
  });
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('account.twoFactor.regenerateTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('account.twoFactor.regenerateBody')}</Text>
          <ErrorAlert error={form.formError} />
          <OneTimeCodeInput
            label={t('account.twoFactor.code')}
            description={t('account.twoFactor.codeHint')}
            required
            data-autofocus
            {...form.text('code')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={regenerate.isPending}>
              {t('account.twoFactor.regenerateSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Turning it off asks for the password: a session left open on a shared computer must not be enough. */
export function DisableTwoFactorModal({
  opened,
  onClose,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ password: '' });
  const disable = useDisableTwoFactor();
  const close = () => {
    form.reset();
    disable.reset();
    onClose();
  };
  const submit = form.onSubmit(() => {
    const data = form.check(passwordSchema);
    if (!data) {
      return;
    }
    disable.mutate(data.password, {
      onSuccess: () => {
        form.reset();
        onDone();
      },
      onError: (error) => {
        form.setValue('password', '');
        // "required" names body.password too, but it is about the account, not about what was typed.
        if (isApiError(error) && error.code === 'two_factor.required') {
          form.setFormError(error);
          return;
        }
        form.applyApiError(error, ['password'] as const);
      },
    });
  });
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('account.twoFactor.disableTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('account.twoFactor.disableBody')}</Text>
          <ErrorAlert error={form.formError} />
          <PasswordInput
            label={t('account.twoFactor.password')}
            autoComplete="current-password"
            required
            data-autofocus
            visibilityToggleButtonProps={{ 'aria-label': t('common.showCharacters') }}
            {...form.text('password')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={disable.isPending}>
              {t('account.twoFactor.disable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
