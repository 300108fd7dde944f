import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { StaffRole } from '../../../lib/api-types.ts';
import { emailField, newPasswordField, passwordMinLength, requiredText, useForm } from '../../../lib/form.ts';
import { staffRoles } from '../../../lib/roles.ts';
import { useCreateUser } from '../api/users.ts';
import { isStaffRole, useRoleOptions } from './roles-help.tsx';

const schema = z.object({
  name: requiredText(200),
  email: emailField(),
  role: z.enum(staffRoles, { error: 'validation.required' }),
  password: newPasswordField(),
});

const fields = ['name', 'email', 'role', 'password'] as const;

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ name: string; email: string; role: StaffRole | ''; password: string }>({
    name: '',
    email: '',
    role: 'staff',
    password: '',
  });
  const create = useCreateUser();
  const roleOptions = useRoleOptions();

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    create.mutate(data, {
      onSuccess: ({ user }) => {
        notifySuccess(t('users.created', { name: user.name }));
        close();
      },
      onError: (error) => form.applyApiError(error, fields),
    });
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('users.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={form.formError} />
          <TextInput label={t('users.fields.name')} required data-autofocus {...form.text('name')} />
          <TextInput label={t('users.fields.email')} type="email" required {...form.text('email')} />
          <Select
            label={t('users.fields.role')}
            description={form.values.role ? t(`roles.${form.values.role}.description`) : undefined}
            data={roleOptions}
            value={form.values.role || null}
            onChange={(value) => form.setValue('role', isStaffRole(value) ? value : '')}
            allowDeselect={false}
            required
            error={form.errorText('role')}
            errorProps={{ role: 'alert' }}
          />
          <PasswordInput
            label={t('users.fields.password')}
            description={t('users.passwordHint', { min: passwordMinLength })}
            autoComplete="new-password"
            required
            visibilityToggleButtonProps={{ 'aria-label': t('common.showCharacters') }}
            {...form.text('password')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
