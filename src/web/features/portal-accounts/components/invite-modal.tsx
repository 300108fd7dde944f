import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { customerRoles } from '../../../../shared/roles.ts';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { CustomerRole, PortalAccounts } from '../../../lib/api-types.ts';
import { emailField, requiredText, useForm } from '../../../lib/form.ts';
import type { Customer } from '../../customers/api/types.ts';
import { useMailSettings } from '../../mail/api/mail.ts';
import { useInviteToPortal } from '../api/portal-accounts.ts';

const schema = z.object({
  contactId: z.string(),
  name: requiredText(200),
  email: emailField(),
  role: z.enum(customerRoles, { error: 'validation.required' }),
});

type Draft = { contactId: string; name: string; email: string; role: CustomerRole };
const empty: Draft = { contactId: '', name: '', email: '', role: 'customer-member' };

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

type InviteModalProps = {
  opened: boolean;
  onClose: () => void;
  customer: Customer;
  accounts: PortalAccounts | undefined;
};

/** Invites one of the customer's contacts (or anyone typed in) to the portal; the link goes out by e-mail. */
export function InviteModal({ opened, onClose, customer, accounts }: InviteModalProps) {
  const { t } = useTranslation();
  const form = useForm<Draft>(empty);
  const invite = useInviteToPortal(customer.id);
  const mail = useMailSettings();

  const close = () => {
    form.reset();
    invite.reset();
    onClose();
  };

  const contactOptions = customer.contacts.map((contact) => ({
    value: contact.id,
    label: `${contact.name} — ${contact.email}`,
  }));
  const roleOptions = customerRoles.map((role) => ({ value: role, label: t(`roles.${role}.name`) }));

  const email = form.values.email;
  const pendingForAddress =
    email.includes('@') &&
    Boolean(accounts?.invites.some((i) => i.status === 'pending' && sameAddress(i.email, email)));
  const accountForAddress =
    email.includes('@') && Boolean(accounts?.users.some((u) => sameAddress(u.email, email)));

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    invite.mutate(
      {
        name: data.name,
        email: data.email,
        role: data.role,
        ...(data.contactId ? { contactId: data.contactId } : {}),
      },
      {
        onSuccess: ({ invite: created }) => {
          // Without an SMTP server the message waits in the outbox until someone sends it (E-mail page).
          const outbox = mail.data ? mail.data.smtp === null : false;
          notifySuccess(
            outbox
              ? t('portalAccounts.sentOutbox', { email: created.email })
              : t('portalAccounts.sent', { email: created.email }),
          );
          close();
        },
        onError: (error) => form.applyApiError(error, ['name', 'email', 'role', 'contactId'] as const),
      },
    );
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('portalAccounts.inviteTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="gray.7">
            {t('portalAccounts.inviteIntro', { customer: customer.legalName })}
          </Text>
          <ErrorAlert error={form.formError} />
          <Select
            label={t('portalAccounts.contact')}
            description={
              contactOptions.length > 0 ? t('portalAccounts.contactHint') : t('portalAccounts.noContacts')
            }
            placeholder={t('portalAccounts.contactPlaceholder')}
            data={contactOptions}
            value={form.values.contactId || null}
            onChange={(value) => {
              const contact = customer.contacts.find((c) => c.id === value);
              form.setValue('contactId', contact?.id ?? '');
              if (contact) {
                form.setValue('name', contact.name);
                form.setValue('email', contact.email);
              }
            }}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('portalAccounts.clearContact') }}
            disabled={contactOptions.length === 0}
            nothingFoundMessage={t('table.noRecords')}
            error={form.errorText('contactId')}
            errorProps={{ role: 'alert' }}
            data-autofocus
          />
          <TextInput label={t('portalAccounts.name')} required autoComplete="off" {...form.text('name')} />
          <TextInput
            label={t('portalAccounts.email')}
            type="email"
            required
            autoComplete="off"
            {...form.text('email')}
          />
          {accountForAddress ? (
            <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />}>
              {t('portalAccounts.hasAccount')}
            </Alert>
          ) : pendingForAddress ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
              {t('portalAccounts.replacesPending')}
            </Alert>
          ) : null}
          <Select
            label={t('portalAccounts.role')}
            description={t(`roles.${form.values.role}.description`)}
            data={roleOptions}
            value={form.values.role}
            onChange={(value) => {
              const role = customerRoles.find((r) => r === value);
              if (role) {
                form.setValue('role', role);
              }
            }}
            allowDeselect={false}
            required
            error={form.errorText('role')}
            errorProps={{ role: 'alert' }}
          />
          {mail.data && mail.data.smtp === null ? (
            <Text size="xs" c="gray.7">
              {t('portalAccounts.outboxNote')}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('portalAccounts.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
