import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { StaffRole } from '../../../lib/api-types.ts';
import { requiredText, useForm } from '../../../lib/form.ts';
import { staffRoles } from '../../../lib/roles.ts';
import { useCreateToken } from '../api/tokens.ts';
import { isStaffRole, useRoleOptions } from './roles-help.tsx';

const schema = z.object({
  name: requiredText(100),
  role: z.enum(staffRoles, { error: 'validation.required' }),
});

/**
 * Creates an API token. The secret exists only in this response (the server keeps a hash), so it is shown
 * once, with a copy button and a warning, and is gone when the dialog closes.
 */
export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ name: string; role: StaffRole | '' }>({ name: '', role: 'auditor' });
  const create = useCreateToken();
  const roleOptions = useRoleOptions();
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
      onError: (error) => form.applyApiError(error, ['name', 'role'] as const),
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
        <Stack gap="sm">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {t('tokens.secretWarning')}
          </Alert>
          <Text size="sm" id="token-secret-label" fw={500}>
            {t('tokens.secretLabel')}
          </Text>
          <Code
            block
            aria-labelledby="token-secret-label"
            style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          >
            {secret.value}
          </Code>
          <Text size="xs" c="dimmed">
            {t('tokens.secretUsage')}
          </Text>
          <Group justify="space-between">
            <CopyButton value={secret.value}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'filled'}
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                  data-autofocus
                >
                  {copied ? t('tokens.copied') : t('tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close}>
              {t('tokens.secretDone')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('tokens.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={form.formError} />
          <TextInput
            label={t('tokens.fields.name')}
            description={t('tokens.nameHint')}
            required
            data-autofocus
            {...form.text('name')}
          />
          <Select
            label={t('tokens.fields.role')}
            description={form.values.role ? t(`roles.${form.values.role}.description`) : undefined}
            data={roleOptions}
            value={form.values.role || null}
            onChange={(value) => form.setValue('role', isStaffRole(value) ? value : '')}
            allowDeselect={false}
            required
            error={form.errorText('role')}
            errorProps={{ role: 'alert' }}
          />
          <Text size="xs" c="dimmed">
            {t('tokens.leastPrivilege')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
