import { Button, Group, Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A dialog around one form; the form mounts only while it is open, so every opening starts from fresh values. */
export function FormModal({
  title,
  opened,
  onClose,
  children,
  size,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  children: ReactNode;
  size?: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? children : null}
    </Modal>
  );
}

/** The foot of a dialog's form: cancel, and the submit button named for what it does. */
export function FormButtons({
  onCancel,
  label,
  loading,
  color,
}: {
  onCancel: () => void;
  label: string;
  loading: boolean;
  color?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading} color={color}>
        {label}
      </Button>
    </Group>
  );
}
