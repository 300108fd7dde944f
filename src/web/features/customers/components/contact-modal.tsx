import { Button, Checkbox, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { emailField, requiredText, useForm } from '../../../lib/form.ts';
import { useSaveContact } from '../api/customers.ts';
import { type Contact, type ContactRole, contactRoles } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { formatPhone } from '../lib/phone.ts';

type Values = { name: string; email: string; phone: string; roles: ContactRole[] };

const schema = z
  .object({
    name: requiredText(200),
    email: emailField(),
    phone: z.string().trim().max(40, { error: 'validation.tooLong' }),
    roles: z.array(z.enum(contactRoles)).min(1, { error: 'customers.contacts.rolesRequired' }),
  })
  // Clause 8.1: a breach is reported to the ICT lead by phone, so the ICT lead needs a number.
  .refine((v) => !v.roles.includes('ict-lead') || v.phone.length > 0, {
    path: ['phone'],
    error: 'customers.contacts.ictLeadPhone',
  });

const fields = ['name', 'email', 'phone', 'roles'] as const;

type SaveContact = ReturnType<typeof useSaveContact>;

type Props = {
  customerId: string;
  contact: Contact | null;
  opened: boolean;
  onClose: () => void;
  /** Where the contact is saved; the staff API unless given (the customer portal saves through its own). */
  save?: SaveContact;
  /** Turns a server error into the text shown (default: this module's texts). */
  localize?: typeof localizeError;
};

export function ContactModal({ customerId, contact, opened, onClose, save, localize }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? t('customers.contacts.editTitle') : t('customers.contacts.addTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? (
        <ContactForm
          customerId={customerId}
          contact={contact}
          onDone={onClose}
          save={save}
          localize={localize ?? localizeError}
        />
      ) : null}
    </Modal>
  );
}

function ContactForm({
  customerId,
  contact,
  onDone,
  save: givenSave,
  localize,
}: {
  customerId: string;
  contact: Contact | null;
  onDone: () => void;
  save: SaveContact | undefined;
  localize: typeof localizeError;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    name: contact?.name ?? '',
    email: contact?.email ?? '',
    phone: formatPhone(contact?.phone),
    roles: contact?.roles ?? [],
  });
  const staffSave = useSaveContact(customerId);
  const save = givenSave ?? staffSave;
  const ictLead = form.values.roles.includes('ict-lead');

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    save.mutate(
      { contactId: contact?.id, ...data, phone: data.phone || null },
      {
        onSuccess: () => {
          notifySuccess(
            contact ? t('customers.contacts.saved') : t('customers.contacts.added', { name: data.name }),
          );
          onDone();
        },
        // body.roles.0 → roles
        onError: (error) =>
          form.applyApiError(
            localize(error, (field) => (field.startsWith('body.roles') ? 'body.roles' : undefined)),
            fields,
          ),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('customers.contacts.name')} required data-autofocus {...form.text('name')} />
          <TextInput label={t('customers.contacts.email')} type="email" required {...form.text('email')} />
        </SimpleGrid>
        <Checkbox.Group
          label={t('customers.contacts.roles')}
          description={t('customers.contacts.rolesHint')}
          value={form.values.roles}
          onChange={(value) => form.setValue('roles', value as ContactRole[])}
          error={form.errorText('roles')}
          errorProps={{ role: 'alert' }}
          required
        >
          <Stack gap={6} mt={6}>
            {contactRoles.map((role) => (
              <Checkbox key={role} value={role} label={t(`customers.roles.${role}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TextInput
          label={t('customers.contacts.phone')}
          description={ictLead ? t('customers.contacts.ictLeadPhoneHint') : t('customers.contacts.phoneHint')}
          type="tel"
          autoComplete="tel"
          required={ictLead}
          {...form.text('phone')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {contact ? t('common.save') : t('customers.contacts.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
