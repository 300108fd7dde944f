import { Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAnswerQuestion, useIncidentThread } from '../api/breaches.ts';
import type { IncidentCustomer } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { MessageThread } from './message-thread.tsx';

type ThreadModalProps = {
  incidentId: string;
  customer: IncidentCustomer | null;
  canWrite: boolean;
  onClose: () => void;
};

/** One notified customer's questions from the portal and our answers; an answer is e-mailed to its contacts. */
export function ThreadModal({ incidentId, customer, canWrite, onClose }: ThreadModalProps) {
  const { t } = useTranslation();
  const thread = useIncidentThread(incidentId, customer?.customerId ?? null);
  const answer = useAnswerQuestion(incidentId);
  const notified = customer?.noticeSentAt != null;
  const close = () => {
    answer.reset();
    onClose();
  };
  return (
    <Modal
      opened={customer !== null}
      onClose={close}
      size="lg"
      title={customer ? t('breaches.thread.title', { customer: customer.legalName }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {customer ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {notified ? t('breaches.thread.intro') : t('breaches.thread.notNotified')}
          </Text>
          <MessageThread
            messages={thread.data}
            loading={thread.isPending && thread.fetchStatus !== 'idle'}
            error={thread.error}
            side="processor"
            labels={{
              list: t('breaches.thread.list', { customer: customer.legalName }),
              empty: t('breaches.thread.empty'),
              customer: t('breaches.thread.customer'),
              processor: t('breaches.thread.processor'),
              compose: t('breaches.thread.compose'),
              composeHint: t('breaches.thread.composeHint'),
              send: t('breaches.thread.send'),
              sent: t('breaches.thread.sent'),
            }}
            onSend={
              canWrite && notified
                ? (body) => answer.mutateAsync({ customerId: customer.customerId, body })
                : undefined
            }
            sending={answer.isPending}
            sendError={localizeError(answer.error)}
          />
        </Stack>
      ) : null}
    </Modal>
  );
}
