import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconDots, IconMailForward, IconTrash, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { CustomerRole, PortalInvite, User } from '../../../lib/api-types.ts';
import { emailField, requiredText, useForm } from '../../../lib/form.ts';
import { useFormat } from '../../../lib/format.ts';
import {
  type NewPortalInvite,
  useInviteColleague,
  usePortalAccounts,
  useRemoveColleague,
  useRevokeInvite,
} from '../api/accounts.ts';
import { usePortalCustomer } from '../api/portal.ts';
import { localizePortalError } from '../lib/errors.ts';
import type { PortalUser } from '../lib/session.ts';

const roleColor: Record<CustomerRole, string> = { 'customer-admin': 'teal', 'customer-member': 'gray' };

function RoleBadge({ role }: { role: CustomerRole }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={roleColor[role]}>
      {t(`portal.roles.${role}`)}
    </Badge>
  );
}

// ---- invite a colleague ------------------------------------------------------------------------------------------

type InviteValues = { contactId: string | null; name: string; email: string; role: CustomerRole };

const inviteSchema = z.object({
  contactId: z.string().nullable(),
  name: requiredText(200),
  email: emailField(),
  role: z.enum(['customer-admin', 'customer-member']),
});

function InviteForm({ initial, onDone }: { initial: Partial<InviteValues>; onDone: () => void }) {
  const { t } = useTranslation();
  const customer = usePortalCustomer();
  const form = useForm<InviteValues>({
    contactId: null,
    name: '',
    email: '',
    role: 'customer-member',
    ...initial,
  });
  const invite = useInviteColleague();
  const contacts = customer.data?.contacts ?? [];

  const submit = form.onSubmit(() => {
    const data = form.check(inviteSchema);
    if (!data) {
      return;
    }
    const body: NewPortalInvite = { name: data.name, email: data.email, role: data.role };
    if (data.contactId) {
      body.contactId = data.contactId;
    }
    invite.mutate(body, {
      onSuccess: () => {
        notifySuccess(t('portal.users.invited', { name: data.name, email: data.email }));
        onDone();
      },
      onError: (error) =>
        form.applyApiError(localizePortalError(error), ['contactId', 'name', 'email', 'role']),
    });
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('portal.users.inviteIntro')}</Text>
        <ErrorAlert error={form.formError} />
        {contacts.length > 0 ? (
          <Select
            label={t('portal.users.fromContact')}
            description={t('portal.users.fromContactHint')}
            placeholder={t('portal.users.fromContactPlaceholder')}
            data={contacts.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))}
            value={form.values.contactId}
            onChange={(value) => {
              form.setValue('contactId', value);
              const contact = contacts.find((c) => c.id === value);
              if (contact) {
                form.setValue('name', contact.name);
                form.setValue('email', contact.email);
              }
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('portal.users.clearContact') }}
            searchable
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('portal.users.name')}
            required
            autoComplete="off"
            data-autofocus
            {...form.text('name')}
          />
          <TextInput
            label={t('portal.users.email')}
            type="email"
            required
            autoComplete="off"
            {...form.text('email')}
          />
        </SimpleGrid>
        <Radio.Group
          label={t('portal.users.role')}
          value={form.values.role}
          onChange={(value) => form.setValue('role', value as CustomerRole)}
          required
          error={form.errorText('role')}
          errorProps={{ role: 'alert' }}
        >
          <Stack gap={8} mt={6}>
            {(['customer-member', 'customer-admin'] as const).map((role) => (
              <Radio
                key={role}
                value={role}
                label={t(`portal.roles.${role}`)}
                description={t(`portal.roleDescriptions.${role}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={invite.isPending}
            leftSection={<IconMailForward size={16} aria-hidden />}
          >
            {t('portal.users.sendInvite')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// ---- the page ----------------------------------------------------------------------------------------------------

export function PortalUsersPage({ user }: { user: PortalUser }) {
  const { t } = useTranslation();
  const format = useFormat();
  const accounts = usePortalAccounts();
  const revoke = useRevokeInvite();
  const remove = useRemoveColleague();
  const [inviting, setInviting] = useState<Partial<InviteValues> | null>(null);
  const [revoking, setRevoking] = useState<PortalInvite | null>(null);
  const [removing, setRemoving] = useState<User | null>(null);

  if (accounts.isPending) {
    return <Skeleton h={320} />;
  }
  if (accounts.isError) {
    return <ErrorAlert error={accounts.error} title={t('errors.loadTitle')} />;
  }
  const { users, invites } = accounts.data;
  const inviteStatusOrder = { pending: 0, expired: 1, revoked: 2, accepted: 3 };
  const sortedInvites = [...invites].sort(
    (a, b) =>
      inviteStatusOrder[a.status] - inviteStatusOrder[b.status] || b.createdAt.localeCompare(a.createdAt),
  );

  const userColumns: TableColumn<User>[] = [
    {
      accessor: 'name',
      title: t('portal.users.name'),
      sortable: true,
      render: (u) => (
        <Group gap={6}>
          <Text size="sm" fw={500}>
            {u.name}
          </Text>
          {u.id === user.id ? (
            <Badge size="xs" variant="outline">
              {t('portal.users.you')}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { accessor: 'email', title: t('portal.users.email'), sortable: true },
    {
      accessor: 'role',
      title: t('portal.users.role'),
      sortable: true,
      value: (u) => t(`portal.roles.${u.role as CustomerRole}`),
      render: (u) => <RoleBadge role={u.role as CustomerRole} />,
    },
    {
      accessor: 'twoFactorEnabled',
      title: t('portal.users.twoFactor'),
      value: (u) => (u.twoFactorEnabled ? t('portal.users.yes') : t('portal.users.no')),
      render: (u) =>
        u.twoFactorEnabled ? (
          <Badge size="sm" variant="light" color="teal">
            <VisuallyHidden>{`${t('portal.users.twoFactor')}: `}</VisuallyHidden>
            {t('portal.users.twoFactorOn')}
          </Badge>
        ) : (
          <Badge size="sm" variant="outline" color="gray">
            <VisuallyHidden>{`${t('portal.users.twoFactor')}: `}</VisuallyHidden>
            {t('portal.users.twoFactorOff')}
          </Badge>
        ),
    },
    {
      accessor: 'createdAt',
      title: t('portal.users.since'),
      sortable: true,
      value: (u) => format.dateTime(u.createdAt),
      render: (u) => <DateTimeText value={u.createdAt} />,
    },
    {
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      width: 60,
      render: (u) =>
        u.id === user.id ? null : (
          <Tooltip label={t('portal.users.remove')} withArrow>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('portal.users.removeFor', { name: u.name })}
              onClick={() => setRemoving(u)}
            >
              <IconUserMinus size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ),
    },
  ];

  const inviteColumns: TableColumn<PortalInvite>[] = [
    { accessor: 'name', title: t('portal.users.name'), sortable: true },
    { accessor: 'email', title: t('portal.users.email'), sortable: true },
    {
      accessor: 'role',
      title: t('portal.users.role'),
      value: (i) => t(`portal.roles.${i.role}`),
      render: (i) => <RoleBadge role={i.role} />,
    },
    {
      accessor: 'createdAt',
      title: t('portal.users.invitedAt'),
      sortable: true,
      value: (i) => format.dateTime(i.createdAt),
      render: (i) => (
        <Stack gap={0}>
          <DateTimeText value={i.createdAt} />
          <Text size="xs" c="dimmed">
            {t('portal.users.invitedBy', { name: i.invitedBy })}
          </Text>
        </Stack>
      ),
    },
    {
      accessor: 'status',
      title: t('portal.users.status'),
      value: (i) => t(`portal.users.inviteStatus.${i.status}`),
      render: (i) =>
        i.status === 'pending' ? (
          <Stack gap={4} align="flex-start">
            <Text size="xs">{t('portal.users.validFor')}</Text>
            <DeadlineBadge due={i.expiresAt} warnBefore={{ days: 1 }} />
          </Stack>
        ) : (
          <Badge size="sm" variant="outline" color="gray">
            <VisuallyHidden>{`${t('portal.users.status')}: `}</VisuallyHidden>
            {t(`portal.users.inviteStatus.${i.status}`)}
          </Badge>
        ),
    },
    {
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      width: 60,
      render: (i) => (
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('portal.users.inviteActionsFor', { name: i.name })}
            >
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconMailForward size={16} aria-hidden />}
              onClick={() =>
                setInviting({ name: i.name, email: i.email, role: i.role, contactId: i.contactId })
              }
            >
              {t('portal.users.inviteAgain')}
            </Menu.Item>
            {i.status === 'pending' ? (
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setRevoking(i)}
              >
                {t('portal.users.revoke')}
              </Menu.Item>
            ) : null}
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="colleagues-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} fz="h4" id="colleagues-title">
              {t('portal.users.colleagues', { count: users.length })}
            </Title>
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setInviting({})}>
              {t('portal.users.invite')}
            </Button>
          </Group>
          <DataTable<User>
            label={t('portal.users.colleaguesLabel')}
            columns={userColumns}
            records={users}
            initialSort={{ columnAccessor: 'name', direction: 'asc' }}
            noRecordsText={t('portal.users.noUsers')}
          />
        </Stack>
      </Card>
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="invites-title">
        <Stack gap="sm">
          <Title order={2} fz="h4" id="invites-title">
            {t('portal.users.invites', { count: invites.filter((i) => i.status === 'pending').length })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('portal.users.invitesIntro')}
          </Text>
          <DataTable<PortalInvite>
            label={t('portal.users.invitesLabel')}
            columns={inviteColumns}
            records={sortedInvites}
            noRecordsText={t('portal.users.noInvites')}
          />
        </Stack>
      </Card>
      <Modal
        opened={inviting !== null}
        onClose={() => setInviting(null)}
        title={t('portal.users.inviteTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {inviting ? <InviteForm initial={inviting} onDone={() => setInviting(null)} /> : null}
      </Modal>
      <ConfirmMutation
        target={revoking}
        onClose={() => setRevoking(null)}
        mutation={revoke}
        variables={(user) => user.id}
        title={(user) => t('portal.users.revokeTitle', { name: user.name })}
        confirmLabel={t('portal.users.revoke')}
        danger
        success={(user) => t('portal.users.revoked', { name: user.name })}
        localize={localizePortalError}
      >
        {(user) => t('portal.users.revokeBody', { email: user.email })}
      </ConfirmMutation>
      <ConfirmMutation
        target={removing}
        onClose={() => setRemoving(null)}
        mutation={remove}
        variables={(user) => user.id}
        title={(user) => t('portal.users.removeTitle', { name: user.name })}
        confirmLabel={t('portal.users.remove')}
        danger
        success={(user) => t('portal.users.removed', { name: user.name })}
        localize={localizePortalError}
      >
        {() => t('portal.users.removeBody')}
      </ConfirmMutation>
    </Stack>
  );
}
