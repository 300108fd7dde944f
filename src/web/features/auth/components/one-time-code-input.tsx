import { TextInput, type TextInputProps } from '@mantine/core';
import type { ChangeEvent } from 'react';

type OneTimeCodeInputProps = Omit<TextInputProps, 'onChange' | 'value'> & {
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
};

/**
 * The 6-digit code from an authenticator app: a numeric keypad on phones, the browser's or the OS's one-time
 * code autofill, and only digits kept (a pasted "123 456" becomes "123456").
 */
export function OneTimeCodeInput({ onChange, ...props }: OneTimeCodeInputProps) {
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      spellCheck={false}
      styles={{ input: { fontVariantNumeric: 'tabular-nums', letterSpacing: '0.2em' } }}
      {...props}
      onChange={(event) => {
        event.currentTarget.value = event.currentTarget.value.replace(/\D/g, '').slice(0, 6);
        onChange(event);
      }}
    />
  );
}
