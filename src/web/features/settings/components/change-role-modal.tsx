import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { StaffRole, User } from '../../../lib/api-types.ts';
import { useUpdateUser } from '../api/users.ts';
import { isStaffRole, useRoleOptions } from './roles-help.tsx';

export function ChangeRoleModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const roleOptions = useRoleOptions();
  const staffRoleOf = (u: User | null) => (u && isStaffRole(u.role) ? u.role : null);
  const [role, setRole] = useState<StaffRole | null>(staffRoleOf(user));
  const [seenUser, setSeenUser] = useState(user);
  if (user !== seenUser) {
    setSeenUser(user);
    setRole(staffRoleOf(user));
  }

  const close = () => {
    update.reset();
    onClose();
  };

  return (
    <Modal
      opened={Boolean(user)}
      onClose={close}
      title={t('users.changeRoleTitle', { name: user?.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!user || !role) {
            return;
          }
          update.mutate(
            { id: user.id, role },
            {
              onSuccess: () => {
                notifySuccess(t('users.roleChanged', { name: user.name }));
                close();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <ErrorAlert error={update.error} />
          <Select
            label={t('users.fields.role')}
            data={roleOptions}
            value={role}
            onChange={(value) => setRole(isStaffRole(value) ? value : null)}
            allowDeselect={false}
            data-autofocus
          />
          {role ? (
            <Text size="sm" c="dimmed">
              {t(`roles.${role}.description`)}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!role || role === user?.role}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
