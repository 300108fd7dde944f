import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDots, IconEdit, IconInfoCircle, IconPhone, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { countryName } from '../../settings/components/countries.ts';
import { useRemoveContact } from '../api/customers.ts';
import type { Contact, Customer } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { formatPhone } from '../lib/phone.ts';
import { ContactModal } from './contact-modal.tsx';
import { CustomerFormModal } from './customer-form-modal.tsx';

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function CustomerCard({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const notSet = t('common.notSet');
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="customer-fields-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4" id="customer-fields-title">
          {t('customers.overview.company')}
        </Title>
        {canEdit ? (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconEdit size={14} aria-hidden />}
            onClick={() => setEditing(true)}
          >
            {t('customers.overview.edit')}
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" component="dl" m={0}>
        <Field label={t('customers.fields.legalName')}>{customer.legalName}</Field>
        <Field label={t('customers.fields.kvkNumber')}>
          <Text component="span" ff="monospace" inherit>
            {customer.kvkNumber}
          </Text>
        </Field>
        <Field label={t('customers.fields.address')}>
          {[customer.street, `${customer.postalCode} ${customer.city}`.trim()].filter(Boolean).join(', ') ||
            notSet}
          {customer.country ? `, ${countryName(customer.country, i18n.resolvedLanguage)}` : ''}
        </Field>
        <Field label={t('customers.fields.locale')}>{t(`customers.locales.${customer.locale}`)}</Field>
        <Field label={t('customers.overview.createdAt')}>
          <DateTimeText value={customer.createdAt} />
        </Field>
        <Field label={t('customers.overview.updatedAt')}>
          <DateTimeText value={customer.updatedAt} />
        </Field>
      </SimpleGrid>
      <CustomerFormModal opened={editing} onClose={() => setEditing(false)} customer={customer} />
    </Card>
  );
}

function ContactsCard({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const remove = useRemoveContact(customer.id);
  const hasIctLead = customer.contacts.some((c) => c.roles.includes('ict-lead'));

  const columns: TableColumn<Contact>[] = [
    { accessor: 'name', title: t('customers.contacts.name'), sortable: true },
    {
      accessor: 'roles',
      title: t('customers.contacts.roles'),
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
      title: t('customers.contacts.email'),
      render: (c) => (
        <Anchor href={`mailto:${c.email}`} size="sm">
          {c.email}
        </Anchor>
      ),
    },
    {
      accessor: 'phone',
      title: t('customers.contacts.phone'),
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
              aria-label={t('customers.contacts.actionsFor', { name: c.name })}
            >
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(c)}>
              {t('customers.contacts.edit')}
            </Menu.Item>
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setRemoving(c)}
            >
              {t('customers.contacts.remove')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ),
    });
  }

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="contacts-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="h4" id="contacts-title">
            {t('customers.contacts.title')}
          </Title>
          {canEdit ? (
            <Button
              size="xs"
              leftSection={<IconUserPlus size={14} aria-hidden />}
              onClick={() => setEditing('new')}
            >
              {t('customers.contacts.add')}
            </Button>
          ) : null}
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconPhone size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm" c="dimmed">
            {t('customers.contacts.ictLeadExplanation')}
          </Text>
        </Group>
        {!hasIctLead ? (
          <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('customers.contacts.noIctLead')}
          </Alert>
        ) : null}
        <DataTable<Contact>
          label={t('customers.contacts.tableLabel')}
          columns={columns}
          records={customer.contacts}
          noRecordsText={t('customers.contacts.empty')}
          initialSort={{ columnAccessor: 'name', direction: 'asc' }}
        />
      </Stack>
      <ContactModal
        customerId={customer.id}
        contact={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      <ConfirmMutation
        target={removing}
        onClose={() => setRemoving(null)}
        mutation={remove}
        variables={(contact) => contact.id}
        title={(contact) => t('customers.contacts.removeTitle', { name: contact.name })}
        confirmLabel={t('customers.contacts.remove')}
        danger
        success={(contact) => t('customers.contacts.removed', { name: contact.name })}
        localize={localizeError}
      >
        {() => t('customers.contacts.removeBody')}
      </ConfirmMutation>
    </Card>
  );
}

export function OverviewTab({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  return (
    <Stack gap="md">
      <CustomerCard customer={customer} canEdit={canEdit} />
      <ContactsCard customer={customer} canEdit={canEdit} />
    </Stack>
  );
}
