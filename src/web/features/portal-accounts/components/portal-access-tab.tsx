import { ActionIcon, Alert, Anchor, Badge, Button, Group, Menu, Stack, Text, Title } from '@mantine/core';
import {
  IconDots,
  IconInfoCircle,
  IconMailForward,
  IconShieldOff,
  IconTrash,
  IconUserX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { InviteStatus, PortalInvite, User } from '../../../lib/api-types.ts';
import { can } from '../../../lib/roles.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';
import type { Customer } from '../../customers/api/types.ts';
import { useMailSettings } from '../../mail/api/mail.ts';
import { RoleBadge } from '../../settings/components/roles-help.tsx';
import {
  usePortalAccounts,
  useRemovePortalUser,
  useResetTwoFactor,
  useRevokeInvite,
} from '../api/portal-accounts.ts';
import { ExpiryText } from './expiry-text.tsx';
import { InviteModal } from './invite-modal.tsx';

const statusColor: Record<InviteStatus, string> = {
  pending: 'blue',
  expired: 'gray',
  revoked: 'gray',
  accepted: 'teal',
};

function TwoFactorBadge({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant={on ? 'light' : 'outline'} color={on ? 'teal' : 'gray'} miw="max-content">
      {on ? t('portalAccounts.twoFactorOn') : t('portalAccounts.twoFactorOff')}
    </Badge>
  );
}

/** Staff view of one customer's portal access: its portal users and the invitations, with invite/withdraw/remove. */
export function PortalAccessTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const role = useCurrentUser()?.role;
  const canManage = can(role, 'portalAccounts.manage');
  const canReset = can(role, 'users.resetTwoFactor');
  const accounts = usePortalAccounts(customer.id);
  const mail = useMailSettings();
  const revoke = useRevokeInvite(customer.id);
  const remove = useRemovePortalUser(customer.id);
  const reset = useResetTwoFactor(customer.id);
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<PortalInvite | null>(null);
  const [removing, setRemoving] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const userColumns: TableColumn<User>[] = [
    { accessor: 'name', title: t('portalAccounts.columns.name'), sortable: true },
    { accessor: 'email', title: t('portalAccounts.columns.email'), sortable: true },
    {
      accessor: 'role',
      title: t('portalAccounts.columns.role'),
      sortable: true,
      noWrap: true,
      value: (user) => t(`roles.${user.role}.name`),
      render: (user) => <RoleBadge role={user.role} />,
    },
    {
      accessor: 'twoFactorEnabled',
      title: t('portalAccounts.columns.twoFactor'),
      sortable: true,
      value: (user) =>
        user.twoFactorEnabled ? t('portalAccounts.twoFactorOn') : t('portalAccounts.twoFactorOff'),
      render: (user) => <TwoFactorBadge on={user.twoFactorEnabled} />,
    },
    {
      accessor: 'createdAt',
      title: t('portalAccounts.columns.since'),
      sortable: true,
      render: (user) => <DateTimeText value={user.createdAt} />,
    },
  ];
  if (canManage || canReset) {
    userColumns.push({
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      width: 70,
      render: (user) => (
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('portalAccounts.actionsFor', { name: user.name })}
            >
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {canReset ? (
              <Menu.Item
                leftSection={<IconShieldOff size={16} aria-hidden />}
                disabled={!user.twoFactorEnabled}
                onClick={() => setResetting(user)}
              >
                {t('users.resetTwoFactor')}
              </Menu.Item>
            ) : null}
            {canManage ? (
              <Menu.Item
                color="red"
                leftSection={<IconUserX size={16} aria-hidden />}
                onClick={() => setRemoving(user)}
              >
                {t('portalAccounts.remove')}
              </Menu.Item>
            ) : null}
          </Menu.Dropdown>
        </Menu>
      ),
    });
  }

  const inviteColumns: TableColumn<PortalInvite>[] = [
    { accessor: 'name', title: t('portalAccounts.columns.name'), sortable: true },
    { accessor: 'email', title: t('portalAccounts.columns.email'), sortable: true },
    {
      accessor: 'role',
      title: t('portalAccounts.columns.role'),
      noWrap: true,
      value: (invite) => t(`roles.${invite.role}.name`),
      render: (invite) => <RoleBadge role={invite.role} />,
    },
    {
      accessor: 'status',
      title: t('portalAccounts.columns.status'),
      sortable: true,
      noWrap: true,
      value: (invite) => t(`portalAccounts.status.${invite.status}`),
      render: (invite) => (
        <Badge size="sm" variant="dot" color={statusColor[invite.status]} miw="max-content">
          {t(`portalAccounts.status.${invite.status}`)}
        </Badge>
      ),
    },
    {
      accessor: 'expiresAt',
      title: t('portalAccounts.columns.expires'),
      sortable: true,
      render: (invite) => <ExpiryText invite={invite} />,
    },
    {
      accessor: 'invitedBy',
      title: t('portalAccounts.columns.invitedBy'),
      render: (invite) => (
        <Stack gap={0}>
          <Text size="sm">{invite.invitedBy}</Text>
          <Text size="xs" c="gray.7">
            <DateTimeText value={invite.createdAt} />
          </Text>
        </Stack>
      ),
    },
  ];
  if (canManage) {
    inviteColumns.push({
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      render: (invite) =>
        invite.status === 'pending' ? (
          <Button
            size="xs"
            variant="default"
            color="red"
            leftSection={<IconTrash size={14} aria-hidden />}
            aria-label={t('portalAccounts.revokeNamed', { email: invite.email })}
            onClick={() => setRevoking(invite)}
          >
            {t('portalAccounts.revoke')}
          </Button>
        ) : null,
    });
  }

  // Open invitations first, then the newest.
  const invites = accounts.data
    ? [...accounts.data.invites].sort(
        (a, b) =>
          Number(b.status === 'pending') - Number(a.status === 'pending') ||
          b.createdAt.localeCompare(a.createdAt),
      )
    : undefined;
  const outbox = mail.data?.smtp === null;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Text size="sm" c="gray.7" maw={720}>
          {t('portalAccounts.intro')}
        </Text>
        {canManage ? (
          <Button leftSection={<IconMailForward size={16} aria-hidden />} onClick={() => setInviting(true)}>
            {t('portalAccounts.invite')}
          </Button>
        ) : null}
      </Group>
      {!canManage ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('portalAccounts.readOnly')}
        </Alert>
      ) : null}
      {canManage && outbox ? (
        <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('portalAccounts.outboxNote')}{' '}
          <Anchor component={Link} to="/mail" size="sm">
            {t('mail.tab')}
          </Anchor>
        </Alert>
      ) : null}
      <ErrorAlert error={accounts.error} />
      <Stack gap="xs" component="section" aria-labelledby="portal-users-title">
        <Title order={2} fz="h4" id="portal-users-title">
          {t('portalAccounts.usersTitle')}
        </Title>
        <DataTable<User>
          label={t('portalAccounts.usersTable')}
          columns={userColumns}
          records={accounts.data?.users}
          fetching={accounts.isPending}
          initialSort={{ columnAccessor: 'name', direction: 'asc' }}
          noRecordsText={t('portalAccounts.usersEmpty')}
        />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="portal-invites-title">
        <Title order={2} fz="h4" id="portal-invites-title">
          {t('portalAccounts.invitesTitle')}
        </Title>
        <DataTable<PortalInvite>
          label={t('portalAccounts.invitesTable')}
          columns={inviteColumns}
          records={invites}
          fetching={accounts.isPending}
          noRecordsText={t('portalAccounts.invitesEmpty')}
        />
      </Stack>
      {canManage ? (
        <InviteModal
          opened={inviting}
          onClose={() => setInviting(false)}
          customer={customer}
          accounts={accounts.data}
        />
      ) : null}
      <ConfirmMutation
        target={revoking}
        onClose={() => setRevoking(null)}
        mutation={revoke}
        variables={(access) => access.id}
        title={(access) => t('portalAccounts.revokeTitle', { email: access.email })}
        confirmLabel={t('portalAccounts.revoke')}
        danger
        success={() => t('portalAccounts.revoked')}
      >
        {() => t('portalAccounts.revokeBody')}
      </ConfirmMutation>
      <ConfirmMutation
        target={removing}
        onClose={() => setRemoving(null)}
        mutation={remove}
        variables={(user) => user.id}
        title={(user) => t('portalAccounts.removeTitle', { name: user.name })}
        confirmLabel={t('portalAccounts.remove')}
        danger
        success={(user) => t('portalAccounts.removed', { name: user.name })}
      >
        {(user) => t('portalAccounts.removeBody', { name: user.name, email: user.email })}
      </ConfirmMutation>
      <ConfirmMutation
        target={resetting}
        onClose={() => setResetting(null)}
        mutation={reset}
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
