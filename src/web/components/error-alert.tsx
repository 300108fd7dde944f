import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError, errorRequestId } from '../lib/errors.ts';

type ErrorAlertProps = {
  error: unknown;
  title?: string;
  onClose?: () => void;
};

/** An error announced to screen readers (role="alert"), with the request id for server errors. */
export function ErrorAlert({ error, title, onClose }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const requestId = errorRequestId(error);
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      title={title ?? t('errors.title')}
      icon={<IconAlertTriangle aria-hidden />}
      withCloseButton={Boolean(onClose)}
      closeButtonLabel={t('common.close')}
      onClose={onClose}
    >
      <Text size="sm">{describeError(error, t)}</Text>
      {requestId ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.requestId', { id: requestId })}
        </Text>
      ) : null}
    </Alert>
  );
}
