import { type ChangeEvent, type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isApiError } from './api.ts';
import { describeError } from './errors.ts';

export const passwordMinLength = 12;

// Messages are i18n keys, translated when shown (so they follow a language switch).
export const requiredText = (max = 200) =>
  z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
export const emailField = () =>
  z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .pipe(z.email({ error: 'validation.email' }));
export const newPasswordField = () =>
  z
    .string()
    .min(passwordMinLength, { error: 'validation.passwordLength' })
    .max(1000, { error: 'validation.tooLong' });

/** Where a field's error comes from: our own check (an i18n key) or the API. */
export type ErrorSource = { key: string; values?: Record<string, unknown> } | { apiError: unknown };

export type FieldErrors<V> = Partial<Record<keyof V & string, ErrorSource>>;

type MessageValues = (field: string) => Record<string, unknown> | undefined;

export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
  messageValues?: MessageValues,
): { ok: true; data: z.output<S> } | { ok: false; errors: Record<string, ErrorSource> } {
  const result = schema.safeParse(values);
  if (result.success) {
    return { ok: true, data: result.data };
  }
  const errors: Record<string, ErrorSource> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '');
    if (!errors[name]) {
      errors[name] = { key: issue.message, values: { min: passwordMinLength, ...messageValues?.(name) } };
    }
  }
  return { ok: false, errors };
}

/**
 * A small controlled-form helper: values, per-field errors (next to the input, announced with role="alert"),
 * one form-level error, and focus moved to the first invalid input after a failed submit.
 */
export function useForm<V extends Record<string, unknown>>(initialValues: V) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(initialValues);
  const [errors, setErrors] = useState<FieldErrors<V>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const setValue = useCallback(<K extends keyof V>(name: K, value: V[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => (current[name as keyof V & string] ? { ...current, [name]: undefined } : current));
  }, []);

  const showErrors = (next: FieldErrors<V>) => {
    setErrors(next);
    window.requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  };

  /** Validates the current values; shows the errors and returns null when they do not pass. */
  const check = <S extends z.ZodType>(schema: S, messageValues?: MessageValues): z.output<S> | null => {
    const result = validate(schema, values, messageValues);
    if (result.ok) {
      return result.data;
    }
    showErrors(result.errors as FieldErrors<V>);
    return null;
  };

  /** An API error naming a field this form has (`body.email` → `email`) goes next to it; others above the form. */
  const applyApiError = (error: unknown, fields: readonly (keyof V & string)[]) => {
    const name = isApiError(error) ? error.fieldName : undefined;
    if (name && (fields as readonly string[]).includes(name)) {
      showErrors({ [name]: { apiError: error } } as FieldErrors<V>);
      setFormError(null);
    } else {
      setFormError(error);
    }
  };

  const errorText = (name: keyof V & string): string | undefined => {
    const source = errors[name];
    if (!source) {
      return undefined;
    }
    return 'key' in source ? t(source.key as never, source.values) : describeError(source.apiError, t);
  };

  /** Props for a text-like input bound to `name`. */
  const text = <K extends keyof V & string>(name: K) => ({
    name,
    value: (values[name] ?? '') as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValue(name, event.currentTarget.value as V[K]),
    error: errorText(name),
    errorProps: { role: 'alert' },
  });

  const onSubmit = (handler: () => void) => (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    handler();
  };

  return {
    values,
    setValue,
    errorText,
    formError,
    setFormError,
    formRef,
    text,
    check,
    applyApiError,
    onSubmit,
    reset: () => {
      setValues(initialValues);
      setErrors({});
      setFormError(null);
    },
  };
}
