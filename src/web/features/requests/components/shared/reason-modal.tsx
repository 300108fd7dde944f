import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../../components/api-error.ts';
import { ErrorAlert } from '../../../../components/error-alert.tsx';

/** What the modal needs of the mutations that may run from it: their state, and to clear it on closing. */
type Mutation = { isPending: boolean; error: unknown; reset: () => void };

/**
 * A state change that takes a reason (staff: on hold, reject, cancel, lift; the customer: cancel, lift). The
 * caller says what the change is called and runs one of `mutations` in `onConfirm` with `done`, which announces
 * `doneMessage` and closes the modal.
 */
export function ReasonModal({
  opened,
  title,
  hint,
  required,
  minLength = 1,
  dismissLabel,
  confirmLabel,
  danger,
  mutations,
  doneMessage,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  hint: string;
  required: boolean;
  /** The shortest reason (trimmed) accepted when one is required. */
  minLength?: number;
  dismissLabel: string;
  confirmLabel: string;
  danger: boolean;
  mutations: Mutation[];
  doneMessage: string;
  onClose: () => void;
  /** `reason` is trimmed, null when left empty. */
  onConfirm: (reason: string | null, done: { onSuccess: () => void }) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const close = () => {
    setReason('');
    setInvalid(undefined);
    for (const mutation of mutations) {
      mutation.reset();
    }
    onClose();
  };
  const confirm = () => {
    if (!opened) {
      return;
    }
    const trimmed = reason.trim();
    if (required && trimmed.length < minLength) {
      setInvalid(t('requests.actions.reasonMissing'));
      return;
    }
    onConfirm(trimmed || null, {
      onSuccess: () => {
        notifySuccess(doneMessage);
        close();
      },
    });
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        {hint ? (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        ) : null}
        <Textarea
          label={t('requests.actions.reason')}
          required={required}
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={invalid}
          errorProps={{ role: 'alert' }}
          data-autofocus
        />
        <ErrorAlert error={mutations.find((m) => m.error)?.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {dismissLabel}
          </Button>
          <Button
            color={danger ? 'red' : undefined}
            loading={mutations.some((m) => m.isPending)}
            onClick={confirm}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
