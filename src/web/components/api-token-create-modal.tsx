import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useForm } from '../lib/form.ts';
import { ErrorAlert } from './error-alert.tsx';
import { FormButtons } from './form-modal.tsx';

type TokenForm<V extends { name: string }> = ReturnType<typeof useForm<V>>;

/** What every create-token endpoint answers: the stored token and its secret, which exists only here. */
export type CreatedApiToken = { token: { name: string }; secret: string };

type CreateApiTokenModalProps<V extends { name: string }, I> = {
  opened: boolean;
  onClose: () => void;
  /** The dialog's title while the form shows. */
  title: string;
  /** The help under the name field. */
  nameHint: string;
  /** The small print under the fields (least privilege, scope). */
  footnote: string;
  initialValues: V;
  schema: z.ZodType<I>;
  create: UseMutationResult<CreatedApiToken, Error, I>;
  /** The form's fields an API error may name (the rest goes above the form). */
  errorFields: readonly (keyof V & string)[];
  /** Fields after the name, e.g. a staff token's role. */
  extraFields?: (form: TokenForm<V>) => ReactNode;
};

/**
 * Creates an API token (a staff token in settings, a customer token in the portal). The secret exists only in
 * the create response (the server keeps a hash), so it is shown once, with a copy button and a warning, and is
 * gone when the dialog closes.
 */
export function CreateApiTokenModal<V extends { name: string }, I>({
  opened,
  onClose,
  title,
  nameHint,
  footnote,
  initialValues,
  schema,
  create,
  errorFields,
  extraFields,
}: CreateApiTokenModalProps<V, I>) {
  const { t } = useTranslation();
  const form = useForm<V>(initialValues);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);

  const close = () => {
    form.reset();
    create.reset();
    setSecret(null);
    onClose();
  };

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    create.mutate(data, {
      onSuccess: ({ token, secret: value }) => setSecret({ name: token.name, value }),
      onError: (error) => form.applyApiError(error, errorFields),
    });
  });

  if (secret) {
    return (
      <Modal
        opened={opened}
        onClose={close}
        title={t('tokens.secretTitle', { name: secret.name })}
        closeOnClickOutside={false}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        size="lg"
      >
        <TokenSecret value={secret.value} onDone={close} />
      </Modal>
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={form.formError} />
          <TextInput
            label={t('tokens.fields.name')}
            description={nameHint}
            required
            data-autofocus
            {...form.text('name')}
          />
          {extraFields?.(form)}
          <Text size="xs" c="dimmed">
            {footnote}
          </Text>
          <FormButtons onCancel={close} label={t('tokens.create')} loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The new token's secret, shown once: a warning, the value, how to use it, and a copy button. */
function TokenSecret({ value, onDone }: { value: string; onDone: () => void }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
        {t('tokens.secretWarning')}
      </Alert>
      <Text size="sm" id={labelId} fw={500}>
        {t('tokens.secretLabel')}
      </Text>
      <Code block aria-labelledby={labelId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {value}
      </Code>
      <Text size="xs" c="dimmed">
        {t('tokens.secretUsage')}
      </Text>
      <Group justify="space-between">
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'filled'}
              color={copied ? 'teal' : undefined}
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              data-autofocus
            >
              {copied ? t('tokens.copied') : t('tokens.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onDone}>
          {t('tokens.secretDone')}
        </Button>
      </Group>
    </Stack>
  );
}
