import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { describeError } from '../../../lib/errors.ts';

// The mail module's own error codes get their text from the "mail" strings; anything else as everywhere.
const mailCodes = {
  'mail.not_configured': 'mail.errors.notConfigured',
  'mail.already_sent': 'mail.errors.alreadySent',
  'mail.sending': 'mail.errors.sending',
  'mail.erased': 'mail.errors.erased',
} as const;

const mailCodeOf = (error: unknown) =>
  isApiError(error) && error.code in mailCodes ? mailCodes[error.code as keyof typeof mailCodes] : null;

export function describeMailError(error: unknown, t: TFunction): string {
  const key = mailCodeOf(error);
  return key ? t(key) : describeError(error, t);
}

export function MailErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  const key = mailCodeOf(error);
  if (!key) {
    return <ErrorAlert error={error} onClose={onClose} />;
  }
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      title={t('errors.title')}
      icon={<IconAlertTriangle aria-hidden />}
      withCloseButton={Boolean(onClose)}
      closeButtonLabel={t('common.close')}
      onClose={onClose}
    >
      <Text size="sm">{t(key)}</Text>
    </Alert>
  );
}
