import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import type { Locale } from '../../../lib/api-types.ts';
import { emailField, useForm } from '../../../lib/form.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';
import { type EmailDetail, useSendTestEmail } from '../api/mail.ts';
import { MailErrorAlert } from '../lib/errors.tsx';

const schema = z.object({ to: emailField() });

function TestResult({ message }: { message: EmailDetail }) {
  const { t } = useTranslation();
  const sent = message.status === 'sent';
  return (
    <Alert
      role="status"
      color={sent ? 'teal' : 'red'}
      variant="light"
      icon={sent ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
      title={sent ? t('mail.test.sent', { to: message.to }) : t('mail.test.failed', { to: message.to })}
    >
      <Stack gap={4}>
        {sent ? (
          <Text size="sm">{t('mail.test.serverSaid', { response: message.smtpResponse ?? '—' })}</Text>
        ) : (
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-word' }}>
            {message.lastError}
          </Text>
        )}
        <Anchor component={Link} to={`/mail?id=${message.id}`} size="sm">
          {t('mail.test.showInLog')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

export function TestMailCard({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const form = useForm({ to: user?.email ?? '' });
  const [locale, setLocale] = useState<Locale>(i18n.resolvedLanguage === 'en' ? 'en' : 'nl');
  const send = useSendTestEmail();

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    send.mutate({ to: data.to, locale }, { onError: (error) => form.applyApiError(error, ['to']) });
  });

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="test-mail-title">
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} fz="h5" id="test-mail-title">
            {t('mail.test.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {disabled ? t('mail.test.needsServer') : t('mail.test.intro')}
          </Text>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              {...form.text('to')}
              type="email"
              label={t('mail.test.to')}
              w={320}
              disabled={disabled}
            />
            <Select
              label={t('mail.test.language')}
              value={locale}
              onChange={(value) => setLocale(value === 'en' ? 'en' : 'nl')}
              data={[
                { value: 'nl', label: t('mail.locale.nl') },
                { value: 'en', label: t('mail.locale.en') },
              ]}
              allowDeselect={false}
              w={160}
              disabled={disabled}
            />
            <Button
              type="submit"
              leftSection={<IconMailForward size={16} aria-hidden />}
              loading={send.isPending}
              disabled={disabled}
            >
              {t('mail.test.send')}
            </Button>
          </Group>
          <MailErrorAlert error={form.formError} />
          {send.data && !send.isPending ? <TestResult message={send.data} /> : null}
        </Stack>
      </form>
    </Card>
  );
}
