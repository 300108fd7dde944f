import { ActionIcon, Alert, Anchor, Badge, Button, Group, Menu, Skeleton, Stack, Text } from '@mantine/core';
import { IconDots, IconEdit, IconInfoCircle, IconPhone, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { Contact } from '../../customers/api/types.ts';
import { ContactModal } from '../../customers/components/contact-modal.tsx';
import { formatPhone } from '../../customers/lib/phone.ts';
import { usePortalCustomer, useRemovePortalContact, useSavePortalContact } from '../api/portal.ts';
import { localizePortalError } from '../lib/errors.ts';
import type { PortalUser } from '../lib/session.ts';

/** The customer's contact persons; a customer-admin keeps them current (clause 8.1: who we call about a breach). */
export function PortalContactsPage({ user }: { user: PortalUser }) {
  const { t } = useTranslation();
  const customer = usePortalCustomer();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const save = useSavePortalContact();
  const remove = useRemovePortalContact();
  const canEdit = user.isAdmin;

  if (customer.isPending) {
    return <Skeleton h={240} />;
  }
  if (customer.isError) {
    return <ErrorAlert error={customer.error} title={t('errors.loadTitle')} />;
  }
  const contacts = customer.data.contacts;
  const hasIctLead = contacts.some((c) => c.roles.includes('ict-lead'));

  const columns: TableColumn<Contact>[] = [
    { accessor: 'name', title: t('portal.contacts.name'), sortable: true },
    {
      accessor: 'roles',
      title: t('portal.contacts.roles'),
      sortable: true,
      value: (c) => c.roles.map((r) => t(`customers.roles.${r}`)).join('; '),
      render: (c) => (
        <Group gap={4}>
          {c.roles.map((role) => (
            <Badge key={role} size="sm" variant="light" color={role === 'ict-lead' ? 'red' : 'blue'}>
              {t(`customers.roles.${role}`)}
            </Badge>
          ))}
        </Group>
      ),
    },
    {
      accessor: 'email',
      title: t('portal.contacts.email'),
      sortable: true,
      render: (c) => (
        <Anchor href={`mailto:${c.email}`} size="sm">
          {c.email}
        </Anchor>
      ),
    },
    {
      accessor: 'phone',
      title: t('portal.contacts.phone'),
      noWrap: true,
      value: (c) => formatPhone(c.phone),
      render: (c) =>
        c.phone ? (
          <Anchor href={`tel:${c.phone}`} size="sm">
            {formatPhone(c.phone)}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      width: 60,
      render: (c) => (
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('portal.contacts.actionsFor', { name: c.name })}
            >
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(c)}>
              {t('portal.contacts.edit')}
            </Menu.Item>
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setRemoving(c)}
            >
              {t('portal.contacts.remove')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ),
    });
  }

  return (
    <Stack gap="md">
      <Alert
        color="blue"
        variant="light"
        icon={<IconPhone aria-hidden />}
        title={t('portal.contacts.ictLeadTitle')}
      >
        {t('portal.contacts.ictLeadExplanation')}
      </Alert>
      {!hasIctLead ? (
        <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {canEdit ? t('portal.contacts.noIctLeadAdmin') : t('portal.contacts.noIctLeadMember')}
        </Alert>
      ) : null}
      {!canEdit ? (
        <Text size="sm" c="dimmed">
          {t('portal.contacts.readOnly')}
        </Text>
      ) : null}
      <DataTable<Contact>
        label={t('portal.contacts.tableLabel')}
        columns={columns}
        records={contacts}
        noRecordsText={t('portal.contacts.empty')}
        initialSort={{ columnAccessor: 'name', direction: 'asc' }}
        searchable
        csvFileName="contactpersonen.csv"
        toolbar={
          canEdit ? (
            <Button
              size="sm"
              leftSection={<IconUserPlus size={16} aria-hidden />}
              onClick={() => setEditing('new')}
            >
              {t('portal.contacts.add')}
            </Button>
          ) : null
        }
      />
      {canEdit ? (
        <>
          <ContactModal
            customerId={customer.data.id}
            contact={editing === 'new' ? null : editing}
            opened={editing !== null}
            onClose={() => {
              setEditing(null);
              save.reset();
            }}
            save={save}
            localize={localizePortalError}
          />
          <ConfirmMutation
            target={removing}
            onClose={() => setRemoving(null)}
            mutation={remove}
            variables={(contact) => contact.id}
            title={(contact) => t('portal.contacts.removeTitle', { name: contact.name })}
            confirmLabel={t('portal.contacts.remove')}
            danger
            success={(contact) => t('portal.contacts.removed', { name: contact.name })}
            localize={localizePortalError}
          >
            {() => t('portal.contacts.removeBody')}
          </ConfirmMutation>
        </>
      ) : null}
    </Stack>
  );
}
