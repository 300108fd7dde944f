import {
  Button,
  Fieldset,
  Group,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { useForm } from '../../../lib/form.ts';
import {
  type MailSettings,
  type MailSettingsUpdate,
  type SmtpSecurity,
  smtpSecurities,
  useUpdateMailSettings,
} from '../api/mail.ts';
import { MailErrorAlert } from '../lib/errors.tsx';

type Draft = {
  mode: 'environment' | 'custom';
  host: string;
  port: number | string;
  security: SmtpSecurity;
  username: string;
  password: string;
  mailFrom: string;
};

const defaultPorts: Record<SmtpSecurity, number> = { auto: 587, starttls: 587, tls: 465, none: 25 };

const customSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .regex(/^[A-Za-z0-9.:-]+$/, { error: 'mail.settings.invalidHost' }),
  port: z
    .number({ error: 'mail.settings.invalidPort' })
    .int({ error: 'mail.settings.invalidPort' })
    .min(1, { error: 'mail.settings.invalidPort' })
    .max(65535, { error: 'mail.settings.invalidPort' }),
  username: z.string().trim().max(320, { error: 'validation.tooLong' }),
});
// The same rule as the server's (mail.models.ts parseSender): an address, optionally with a display name.
const senderPattern =
  /^(?:"?[^"<>]*"?\s*<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>|[^<>\s@",]+@[^<>\s@",]+\.[^<>\s@",]+)$/;
const senderSchema = z.object({
  mailFrom: z
    .string()
    .trim()
    .max(320, { error: 'validation.tooLong' })
    .refine((value) => value === '' || senderPattern.test(value), { error: 'mail.settings.invalidSender' }),
});

const serverSchema = customSchema.extend(senderSchema.shape);

function draftOf(settings: MailSettings): Draft {
  const server = settings.override.smtp;
  return {
    mode: server ? 'custom' : 'environment',
    host: server?.host ?? '',
    port: server?.port ?? 587,
    security: server?.security ?? 'auto',
    username: server?.username ?? '',
    password: '',
    mailFrom: settings.override.mailFrom ?? '',
  };
}

export function MailSettingsForm({ settings, canEdit }: { settings: MailSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const form = useForm<Draft>(draftOf(settings));
  const update = useUpdateMailSettings();
  const values = form.values;
  const custom = values.mode === 'custom';
  const passwordSet = Boolean(settings.override.smtp?.passwordSet);

  const save = (input: MailSettingsUpdate) =>
    update.mutate(input, {
      onSuccess: () => {
        form.setValue('password', '');
        notifySuccess(t('mail.settings.saved'));
      },
      onError: (error) => form.setFormError(error),
    });

  const submit = form.onSubmit(() => {
    if (!custom) {
      const data = form.check(senderSchema);
      if (data) {
        save({ smtp: null, mailFrom: data.mailFrom || null });
      }
      return;
    }
    const data = form.check(serverSchema);
    if (data) {
      save({
        smtp: {
          host: data.host,
          port: data.port,
          security: values.security,
          username: data.username,
          // Left empty, the stored password stays; the form never receives it.
          ...(values.password ? { password: values.password } : {}),
        },
        mailFrom: data.mailFrom || null,
      });
    }
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="md" maw={760}>
        <MailErrorAlert error={form.formError} />
        <Fieldset legend={t('mail.settings.server')}>
          <Stack gap="sm">
            <SegmentedControl
              value={values.mode}
              onChange={(value) => form.setValue('mode', value as Draft['mode'])}
              disabled={!canEdit}
              aria-label={t('mail.settings.server')}
              data={[
                { value: 'environment', label: t('mail.settings.modeEnvironment') },
                { value: 'custom', label: t('mail.settings.modeCustom') },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            {custom ? (
              <>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                  <TextInput
                    {...form.text('host')}
                    label={t('mail.settings.host')}
                    placeholder="smtp.example.nl"
                    readOnly={!canEdit}
                    required
                    style={{ gridColumn: 'span 2' }}
                  />
                  <NumberInput
                    name="port"
                    label={t('mail.settings.port')}
                    value={values.port}
                    onChange={(value) => form.setValue('port', value)}
                    error={form.errorText('port')}
                    errorProps={{ role: 'alert' }}
                    min={1}
                    max={65535}
                    allowDecimal={false}
                    allowNegative={false}
                    readOnly={!canEdit}
                    required
                  />
                </SimpleGrid>
                <Select
                  label={t('mail.settings.security')}
                  description={t(`mail.settings.securityHint.${values.security}`)}
                  value={values.security}
                  onChange={(value) => {
                    if (!value) {
                      return;
                    }
                    const next = value as SmtpSecurity;
                    // Follow the usual port for the mode, unless someone typed a port of their own.
                    if (values.port === defaultPorts[values.security]) {
                      form.setValue('port', defaultPorts[next]);
                    }
                    form.setValue('security', next);
                  }}
                  data={smtpSecurities.map((value) => ({
                    value,
                    label: t(`mail.settings.securityOption.${value}`),
                  }))}
                  allowDeselect={false}
                  readOnly={!canEdit}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    {...form.text('username')}
                    label={t('mail.settings.username')}
                    description={t('mail.settings.usernameHint')}
                    autoComplete="off"
                    readOnly={!canEdit}
                  />
                  <PasswordInput
                    {...form.text('password')}
                    label={t('mail.settings.password')}
                    description={
                      passwordSet ? t('mail.settings.passwordKept') : t('mail.settings.passwordHint')
                    }
                    placeholder={passwordSet ? '••••••' : undefined}
                    autoComplete="new-password"
                    readOnly={!canEdit}
                  />
                </SimpleGrid>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {settings.environment.smtpUrl
                  ? t('mail.settings.environmentSet', { url: settings.environment.smtpUrl })
                  : t('mail.settings.environmentUnset')}
              </Text>
            )}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('mail.settings.sender')}>
          <TextInput
            {...form.text('mailFrom')}
            label={t('mail.settings.mailFrom')}
            description={
              settings.environment.mailFrom
                ? t('mail.settings.mailFromHintEnvironment', { value: settings.environment.mailFrom })
                : t('mail.settings.mailFromHint')
            }
            placeholder="Contict <privacy@contict.nl>"
            readOnly={!canEdit}
          />
        </Fieldset>
        {canEdit ? (
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
