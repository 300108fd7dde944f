import { ActionIcon, Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import {
  IconDots,
  IconLock,
  IconLockOpen,
  IconShieldOff,
  IconUserCheck,
  IconUserOff,
  IconUserPlus,
  IconUserShield,
} from '@tabler/icons-react';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../components/api-error.ts';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { useNow } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { User } from '../../../lib/api-types.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useResetTwoFactor } from '../../portal-accounts/api/portal-accounts.ts';
import { useUpdateUser, useUsers } from '../api/users.ts';
import { ChangeRoleModal } from './change-role-modal.tsx';
import { CreateUserModal } from './create-user-modal.tsx';
import { RoleBadge, RolesHelp } from './roles-help.tsx';

type Status = 'active' | 'disabled' | 'locked';

function statusOf(user: User, now: DateTime): Status {
  if (user.disabledAt) {
    return 'disabled';
  }
  if (user.lockedUntil && DateTime.fromISO(user.lockedUntil) > now) {
    return 'locked';
  }
  return 'active';
}

const statusColor: Record<Status, string> = { active: 'teal', disabled: 'gray', locked: 'orange' };

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const users = useUsers();
  const update = useUpdateUser();
  const now = useNow(60_000);
  const [creating, setCreating] = useState(false);
  const [roleFor, setRoleFor] = useState<User | null>(null);
  const [toggleFor, setToggleFor] = useState<User | null>(null);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const resetTwoFactor = useResetTwoFactor();

  const unlock = (user: User) =>
    update.mutate(
      { id: user.id, unlock: true },
      {
        onSuccess: () => notifySuccess(t('users.unlocked', { name: user.name })),
        onError: (error) => notifyError(error, t),
      },
    );

  const statusText = (user: User) => {
    const status = statusOf(user, now);
    if (status === 'locked') {
      return t('users.status.lockedUntil', { when: formatDateTime(user.lockedUntil, lng) });
    }
    return t(`users.status.${status}`);
  };

  const columns: TableColumn<User>[] = [
    {
      accessor: 'name',
      title: t('users.fields.name'),
      sortable: true,
      render: (user) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{user.name}</Text>
          {user.id === currentUserId ? (
            <Badge size="xs" variant="outline">
              {t('users.you')}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { accessor: 'email', title: t('users.fields.email'), sortable: true },
    {
      accessor: 'role',
      title: t('users.fields.role'),
      sortable: true,
      value: (user) => t(`roles.${user.role}.name`),
      render: (user) => <RoleBadge role={user.role} />,
    },
    {
      accessor: 'status',
      title: t('users.fields.status'),
      sortable: true,
      value: statusText,
      render: (user) => (
        <Badge size="sm" variant="dot" color={statusColor[statusOf(user, now)]}>
          {statusText(user)}
        </Badge>
      ),
    },
    {
      accessor: 'twoFactorEnabled',
      title: t('users.fields.twoFactor'),
      sortable: true,
      value: (user) => (user.twoFactorEnabled ? t('users.twoFactorOn') : t('users.twoFactorOff')),
      render: (user) => (
        <Badge
          size="sm"
          variant={user.twoFactorEnabled ? 'light' : 'outline'}
          color={user.twoFactorEnabled ? 'teal' : 'gray'}
        >
          {user.twoFactorEnabled ? t('users.twoFactorOn') : t('users.twoFactorOff')}
        </Badge>
      ),
    },
    {
      accessor: 'createdAt',
      title: t('users.fields.createdAt'),
      sortable: true,
      value: (user) => user.createdAt,
      render: (user) => <DateTimeText value={user.createdAt} />,
    },
    {
      accessor: 'actions',
      title: t('common.actions'),
      exportable: false,
      textAlign: 'right',
      width: 90,
      render: (user) => {
        const self = user.id === currentUserId;
        const status = statusOf(user, now);
        return (
          <Menu position="bottom-end" withinPortal shadow="md">
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('users.actionsFor', { name: user.name })}
              >
                <IconDots size={16} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconUserShield size={16} aria-hidden />}
                onClick={() => setRoleFor(user)}
                disabled={self}
              >
                {t('users.changeRole')}
              </Menu.Item>
              {status === 'locked' ? (
                <Menu.Item leftSection={<IconLockOpen size={16} aria-hidden />} onClick={() => unlock(user)}>
                  {t('users.unlock')}
                </Menu.Item>
              ) : null}
              {user.twoFactorEnabled && !self ? (
                <Menu.Item
                  leftSection={<IconShieldOff size={16} aria-hidden />}
                  onClick={() => setResetFor(user)}
                >
                  {t('users.resetTwoFactor')}
                </Menu.Item>
              ) : null}
              {user.disabledAt ? (
                <Menu.Item
                  leftSection={<IconUserCheck size={16} aria-hidden />}
                  onClick={() => setToggleFor(user)}
                >
                  {t('users.enable')}
                </Menu.Item>
              ) : (
                <Menu.Item
                  color="red"
                  leftSection={<IconUserOff size={16} aria-hidden />}
                  onClick={() => setToggleFor(user)}
                  disabled={self}
                >
                  {t('users.disable')}
                </Menu.Item>
              )}
              {self ? <Menu.Label>{t('users.selfNote')}</Menu.Label> : null}
            </Menu.Dropdown>
          </Menu>
        );
      },
    },
  ];

  const disabling = Boolean(toggleFor && !toggleFor.disabledAt);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('users.intro')}
        </Text>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </Group>
      <ErrorAlert error={users.error} />
      <DataTable<User>
        label={t('users.tableLabel')}
        columns={columns}
        records={users.data}
        fetching={users.isFetching}
        searchable
        csvFileName={t('users.csvFileName')}
        initialSort={{ columnAccessor: 'name', direction: 'asc' }}
        noRecordsText={t('users.empty')}
      />
      <Stack gap={4}>
        <Group gap={6}>
          <IconLock size={14} aria-hidden />
          <Text size="sm" fw={600}>
            {t('roles.title')}
          </Text>
        </Group>
        <RolesHelp />
      </Stack>
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      <ChangeRoleModal user={roleFor} onClose={() => setRoleFor(null)} />
      <ConfirmMutation
        target={toggleFor}
        onClose={() => setToggleFor(null)}
        mutation={update}
        variables={(user) => ({ id: user.id, disabled: disabling })}
        title={(user) =>
          disabling
            ? t('users.disableTitle', { name: user.name })
            : t('users.enableTitle', { name: user.name })
        }
        confirmLabel={disabling ? t('users.disable') : t('users.enable')}
        danger={disabling}
        success={(user) =>
          disabling ? t('users.disabled', { name: user.name }) : t('users.enabled', { name: user.name })
        }
      >
        {() => (disabling ? t('users.disableBody') : t('users.enableBody'))}
      </ConfirmMutation>
      <ConfirmMutation
        target={resetFor}
        onClose={() => setResetFor(null)}
        mutation={resetTwoFactor}
        variables={(user) => user.id}
        title={(user) => t('users.resetTwoFactorTitle', { name: user.name })}
        confirmLabel={t('users.resetTwoFactor')}
        danger
        success={(user) => t('users.twoFactorReset', { name: user.name })}
      >
        {(user) => t('users.resetTwoFactorBody', { name: user.name })}
      </ConfirmMutation>
    </Stack>
  );
}
