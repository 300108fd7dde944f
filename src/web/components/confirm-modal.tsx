import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from './api-error.ts';
import { ErrorAlert } from './error-alert.tsx';

type ConfirmModalProps = {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  loading?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
};

/** Asks before an action that cannot be undone. Cancel has focus first, so Enter does not confirm by accident. */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  danger,
  loading,
  error,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm" component="div">
          {children}
        </Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red' : undefined} loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type ConfirmMutationProps<T, R, E, V, C> = {
  /** What the action is about; the dialog is open while it is set. */
  target: T | null;
  /** Clears the target (the parent's state). */
  onClose: () => void;
  mutation: Pick<UseMutationResult<R, E, V, C>, 'mutateAsync' | 'isPending' | 'error' | 'reset'>;
  variables: (target: T) => V;
  title: (target: T) => string;
  confirmLabel: string;
  danger?: boolean;
  /** The notification after it worked. */
  success: (target: T, result: R) => string;
  /** How the error is shown (a module's own wording for its error codes). */
  localize?: (error: E | null) => unknown;
  children: (target: T) => ReactNode;
};

/**
 * A ConfirmModal bound to one mutation: confirm runs it, success closes the dialog and says so, an error stays in
 * the dialog until it is closed. The promise (not mutate's callbacks) settles even when the action unmounts the
 * page that asked, such as ending this device's own session.
 */
export function ConfirmMutation<T, R, E, V, C>({
  target,
  onClose,
  mutation,
  variables,
  title,
  confirmLabel,
  danger,
  success,
  localize,
  children,
}: ConfirmMutationProps<T, R, E, V, C>) {
  return (
    <ConfirmModal
      opened={target !== null}
      title={target === null ? '' : title(target)}
      confirmLabel={confirmLabel}
      danger={danger}
      loading={mutation.isPending}
      error={localize ? localize(mutation.error) : mutation.error}
      onClose={() => {
        onClose();
        mutation.reset();
      }}
      onConfirm={() => {
        if (target === null) {
          return;
        }
        mutation
          .mutateAsync(variables(target))
          .then((result) => {
            onClose();
            notifySuccess(success(target, result));
          })
          .catch(() => undefined);
      }}
    >
      {target === null ? null : children(target)}
    </ConfirmModal>
  );
}
