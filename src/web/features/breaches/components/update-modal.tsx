import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useSendUpdate } from '../api/breaches.ts';
import type { IncidentCustomer } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { CustomerChooser, useCustomerChoice } from './customer-chooser.tsx';

/** Customers that have had their written notice: they get the updates of clause 8.2. */
export const isNotified = (c: IncidentCustomer) =>
  c.included && (c.status === 'notice_sent' || c.status === 'acknowledged');

type Props = { opened: boolean; customers: IncidentCustomer[]; incidentId: string; onClose: () => void };

/** Clause 8.2: what developed since the notice, and the measures taken to limit, end and prevent it. */
export function UpdateModal({ opened, onClose, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('breaches.update.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <UpdateForm onClose={onClose} {...rest} /> : null}
    </Modal>
  );
}

function UpdateForm({ customers, incidentId, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const send = useSendUpdate(incidentId);
  const notified = customers.filter(isNotified).sort((a, b) => a.legalName.localeCompare(b.legalName));
  const choice = useCustomerChoice(notified);
  const { chosen } = choice;
  const [changes, setChanges] = useState('');
  const [changesError, setChangesError] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);

  const submit = () => {
    setChangesError(null);
    setChoiceError(null);
    if (changes.trim().length < 10) {
      setChangesError(t('breaches.update.changesShort'));
      return;
    }
    if (chosen.length === 0) {
      setChoiceError(t('breaches.notice.noneChosen'));
      return;
    }
    send.mutate(
      {
        changes: changes.trim(),
        ...choice.customerIds,
      },
      {
        onSuccess: ({ sent }) => {
          notifySuccess(t('breaches.update.sent', { count: sent }));
          onClose();
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t('breaches.update.intro')}</Text>
      <Textarea
        label={t('breaches.update.changes')}
        description={t('breaches.update.changesHint')}
        required
        autosize
        minRows={4}
        maxRows={12}
        maxLength={5000}
        value={changes}
        onChange={(event) => setChanges(event.currentTarget.value)}
        error={changesError}
        errorProps={{ role: 'alert' }}
        data-autofocus
      />
      <CustomerChooser
        choice={choice}
        candidates={notified}
        allLabel={t('breaches.update.toAll', { count: notified.length })}
        error={choiceError}
      />
      <ErrorAlert error={localizeError(send.error)} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button loading={send.isPending} onClick={submit}>
          {t('breaches.update.submit', { count: chosen.length })}
        </Button>
      </Group>
    </Stack>
  );
}
