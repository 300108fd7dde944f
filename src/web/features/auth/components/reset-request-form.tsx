import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { emailField, useForm } from '../../../lib/form.ts';
import { useRequestPasswordReset } from '../api/password-reset.ts';

const schema = z.object({ email: emailField() });

/**
 * Asks for a reset link. Whatever the address, the answer is the same sentence: the page must not tell who has
 * an account.
 */
export function ResetRequestForm({ initialEmail = '' }: { initialEmail?: string }) {
  const { t } = useTranslation();
  const form = useForm({ email: initialEmail });
  const request = useRequestPasswordReset();
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sent) {
      sentRef.current?.focus();
    }
  }, [sent]);

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    request.mutate(data, {
      onSuccess: () => setSent(true),
      onError: (error) => form.applyApiError(error, ['email'] as const),
    });
  });

  if (sent) {
    return (
      <Stack gap="md">
        <Alert
          ref={sentRef}
          tabIndex={-1}
          role="status"
          color="teal"
          variant="light"
          title={t('auth.reset.sentTitle')}
          icon={<IconMailCheck aria-hidden />}
        >
          {t('auth.reset.sent')}
        </Alert>
        <Group justify="space-between" gap="xs">
          <Anchor component={Link} to="/login" size="sm">
            {t('auth.reset.backToLogin')}
          </Anchor>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              request.reset();
              setSent(false);
            }}
          >
            {t('auth.reset.again')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="reset-title">
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        <TextInput
          label={t('auth.reset.email')}
          type="email"
          autoComplete="username"
          required
          {...form.text('email')}
        />
        <Button type="submit" loading={request.isPending} mt="xs">
          {t('auth.reset.submit')}
        </Button>
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.reset.backToLogin')}
        </Anchor>
      </Stack>
    </form>
  );
}
