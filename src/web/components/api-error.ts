import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { i18n } from '../i18n/index.ts';
import { describeError, errorRequestId } from '../lib/errors.ts';

export function notifyError(error: unknown, t: TFunction, title?: string): void {
  const requestId = errorRequestId(error);
  const message = describeError(error, t);
  notifications.show({
    color: 'red',
    title: title ?? t('errors.title'),
    message: requestId ? `${message} (${t('errors.requestId', { id: requestId })})` : message,
    autoClose: 8000,
    closeButtonProps: { 'aria-label': t('common.close') },
  });
}

export function notifySuccess(message: string): void {
  notifications.show({
    color: 'teal',
    message,
    autoClose: 4000,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
