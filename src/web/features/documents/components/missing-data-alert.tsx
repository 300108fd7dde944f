import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isDataMissing, type MissingItem, missingItems, placeHref } from '../lib/missing.ts';

export function missingItemText(item: MissingItem, t: TFunction): string {
  return item.key ? t(`documents.missing.items.${item.key}`) : item.text;
}

/** "Ontbreekt: Een tekenbevoegde contactpersoon; …": the short form, for a table cell. */
export function describeGenerateError(error: unknown, t: TFunction): string | null {
  const items = missingItems(error);
  return items.length > 0
    ? `${t('documents.missing.short')}: ${items.map((item) => missingItemText(item, t)).join('; ')}`
    : null;
}

type Props = {
  error: unknown;
  customerId: string;
  /** Called when a link is followed (a modal closes itself). */
  onNavigate?: () => void;
  onClose?: () => void;
};

/**
 * Why a document could not be generated. For missing data: every missing item, each with a link to where it is
 * filled in (the customer's contacts or agreement, the processor's settings); any other error as usual.
 */
export function GenerateErrorAlert({ error, customerId, onNavigate, onClose }: Props) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  if (!isDataMissing(error)) {
    return <ErrorAlert error={error} onClose={onClose} />;
  }
  const items = missingItems(error);
  return (
    <Alert
      role="alert"
      color="orange"
      variant="light"
      title={t('documents.missing.title')}
      icon={<IconAlertTriangle aria-hidden />}
      withCloseButton={Boolean(onClose)}
      closeButtonLabel={t('common.close')}
      onClose={onClose}
    >
      <Stack gap="xs">
        <Text size="sm">{t('documents.missing.intro', { count: items.length })}</Text>
        <List size="sm" spacing={4}>
          {items.map((item) => (
            <List.Item key={item.text}>
              {missingItemText(item, t)}
              {item.place ? (
                <>
                  {' — '}
                  <Anchor
                    component={Link}
                    to={placeHref(item.place, customerId)}
                    onClick={onNavigate}
                    size="sm"
                  >
                    {t(`documents.missing.places.${item.place}`)}
                  </Anchor>
                </>
              ) : null}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}
