import { Text, type TextProps } from '@mantine/core';
import { useFormat } from '../lib/format.ts';

type DateTimeTextProps = TextProps & {
  value: string | null | undefined;
  withSeconds?: boolean;
  fallback?: string;
};

/** An instant in Europe/Amsterdam, as a <time> element carrying the exact ISO value. */
export function DateTimeText({ value, withSeconds, fallback = '—', ...props }: DateTimeTextProps) {
  const format = useFormat();
  if (!value) {
    return (
      <Text component="span" inherit {...props}>
        {fallback}
      </Text>
    );
  }
  return (
    <Text component="time" dateTime={value} inherit {...props}>
      {format.dateTime(value, withSeconds)}
    </Text>
  );
}
