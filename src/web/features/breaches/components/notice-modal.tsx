import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { i18n } from '../../../i18n/index.ts';
import { ApiError, isApiError } from '../../../lib/api.ts';
import { useSendNotices } from '../api/breaches.ts';
import type { IncidentCustomer } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { CustomerChooser, useCustomerChoice } from './customer-chooser.tsx';

/** Included customers still waiting for their written notice (clause 8.1). */
export const isWaiting = (c: IncidentCustomer) =>
  c.included && (c.status === 'to_notify' || c.status === 'phoned');

const questions = ['rootCause', 'dataTypes', 'personsMin', 'subjectsGroup', 'contactsKnown'] as const;
type Question = (typeof questions)[number];

/** What the server's breaches.notice_incomplete names: the incident's root cause or a customer's answer. */
export type MissingAnswer = { customer: IncidentCustomer | null; question: Question };

export function missingAnswer(error: unknown, customers: IncidentCustomer[]): MissingAnswer | null {
  if (!isApiError(error) || error.code !== 'breaches.notice_incomplete' || !error.field) {
    return null;
  }
  const [scope, id, name] = error.field.split('.');
  if (scope === 'incident' && id === 'rootCause') {
    return { customer: null, question: 'rootCause' };
  }
  const question = questions.find((q) => q === name);
  if (scope === 'customers' && question) {
    return { customer: customers.find((c) => c.customerId === id) ?? null, question };
  }
  return null;
}

function describeMissing(missing: MissingAnswer): string {
  const question = i18n.t(`breaches.notice.question.${missing.question}`);
  return missing.customer
    ? i18n.t('breaches.notice.incompleteCustomer', { name: missing.customer.legalName, question })
    : i18n.t('breaches.notice.incompleteIncident', { question });
}

type Props = {
  opened: boolean;
  customers: IncidentCustomer[];
  incidentId: string;
  onClose: () => void;
  /** Opens the incident's form (the root cause is the incident's answer). */
  onEditIncident: () => void;
  /** Opens the customer's adjustment (the other answers are the customer's). */
  onAdjust: (customer: IncidentCustomer) => void;
  /**
   * Art. 33(3)(c) asks for the likely consequences, Annex 3 does not: the notice may go without them (facts come
   * in phases, Art. 33(4)), but staff are reminded before it does.
   */
  consequencesMissing?: boolean;
};

/** Clause 8.1: the written notice with the answers of Annex 3, to all waiting customers or the chosen ones. */
export function NoticeModal({ opened, onClose, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('breaches.notice.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <NoticeForm onClose={onClose} {...rest} /> : null}
    </Modal>
  );
}

function NoticeForm({
  customers,
  incidentId,
  onClose,
  onEditIncident,
  onAdjust,
  consequencesMissing = false,
}: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const send = useSendNotices(incidentId);
  const waiting = customers.filter(isWaiting).sort((a, b) => a.legalName.localeCompare(b.legalName));
  const choice = useCustomerChoice(waiting);
  const { chosen } = choice;
  const [lateReason, setLateReason] = useState('');
  const [lateError, setLateError] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const now = Date.now();
  const late = chosen.filter((c) => Date.parse(c.dueAt) < now);
  const missing = missingAnswer(send.error, customers);
  const error = missing
    ? new ApiError(400, 'breaches.notice_incomplete', describeMissing(missing))
    : isApiError(send.error) && send.error.field === 'body.lateReason'
      ? null
      : localizeError(send.error);

  const submit = () => {
    setLateError(null);
    setChoiceError(null);
    if (chosen.length === 0) {
      setChoiceError(t('breaches.notice.noneChosen'));
      return;
    }
    if (late.length > 0 && lateReason.trim().length === 0) {
      setLateError(t('breaches.apiErrors.late_reason_required'));
      return;
    }
    send.mutate(
      {
        ...choice.customerIds,
        ...(late.length > 0 ? { lateReason: lateReason.trim() } : {}),
      },
      {
        onSuccess: ({ sent }) => {
          notifySuccess(t('breaches.notice.sent', { count: sent }));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && e.field === 'body.lateReason') {
            setLateError(t('breaches.apiErrors.late_reason_required'));
          }
        },
      },
    );
  };

  if (waiting.length === 0) {
    return (
      <Stack gap="md">
        <Text size="sm">{t('breaches.notice.nobodyWaiting')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">{t('breaches.notice.intro')}</Text>
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
        <Text size="xs">{t('breaches.notice.how')}</Text>
      </Alert>
      {consequencesMissing ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          <Stack gap={6} align="flex-start">
            <Text size="xs">{t('breaches.notice.consequencesMissing')}</Text>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => {
                onClose();
                onEditIncident();
              }}
            >
              {t('breaches.notice.fixIncident')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <CustomerChooser
        choice={choice}
        candidates={waiting}
        allLabel={t('breaches.notice.toAll', { count: waiting.length })}
        error={choiceError}
        aside={(c) => <DeadlineBadge due={c.dueAt} completedAt={null} />}
        autoFocus
      />
      {late.length > 0 ? (
        <Textarea
          label={t('breaches.notice.lateReason')}
          description={t('breaches.notice.lateReasonHint', { count: late.length })}
          required
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          value={lateReason}
          onChange={(event) => setLateReason(event.currentTarget.value)}
          error={lateError}
          errorProps={{ role: 'alert' }}
        />
      ) : null}
      <ErrorAlert error={error} />
      {missing ? (
        <Group gap="xs">
          {missing.customer ? (
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                const customer = missing.customer;
                onClose();
                if (customer) {
                  onAdjust(customer);
                }
              }}
            >
              {t('breaches.notice.fixCustomer', { name: missing.customer.legalName })}
            </Button>
          ) : (
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                onClose();
                onEditIncident();
              }}
            >
              {t('breaches.notice.fixIncident')}
            </Button>
          )}
        </Group>
      ) : null}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button loading={send.isPending} onClick={submit}>
          {t('breaches.notice.submit', { count: chosen.length })}
        </Button>
      </Group>
    </Stack>
  );
}
