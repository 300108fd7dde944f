import { Text, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../lib/dates.ts';

/** A calendar date as a <time> element carrying the exact value. */
export function DayText({
  value,
  fallback = '—',
  ...props
}: TextProps & { value: string | null | undefined; fallback?: string }) {
  const { i18n } = useTranslation();
  if (!value) {
    return (
      <Text component="span" inherit {...props}>
        {fallback}
      </Text>
    );
  }
  return (
    <Text component="time" dateTime={value} inherit {...props}>
      {formatDay(value, i18n.resolvedLanguage ?? 'nl')}
    </Text>
  );
}
