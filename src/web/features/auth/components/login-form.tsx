import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import type { Session, TwoFactorChallenge } from '../../../lib/api-types.ts';
import { emailField, useForm } from '../../../lib/form.ts';
import { isTwoFactorChallenge, useLogin, useTwoFactorLogin } from '../api/login.ts';
import { OneTimeCodeInput } from './one-time-code-input.tsx';

const passwordSchema = z.object({
  email: emailField(),
  password: z.string().min(1, { error: 'validation.required' }),
});
const codeSchema = z.object({ code: z.string().regex(/^\d{6}$/, { error: 'auth.twoFactor.codeFormat' }) });
const recoverySchema = z.object({
  recoveryCode: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(40, { error: 'validation.tooLong' }),
});

export type LoginStep = 'password' | 'code' | 'recovery';

type TwoFactorStepProps = {
  challenge: TwoFactorChallenge;
  mode: 'code' | 'recovery';
  onModeChange: (mode: 'code' | 'recovery') => void;
  onDone: (session: Session) => void;
  onExpired: () => void;
};

/** Step 2: the code from the authenticator app, or a recovery code. */
function TwoFactorStep({ challenge, mode, onModeChange, onDone, onExpired }: TwoFactorStepProps) {
  const { t } = useTranslation();
  const form = useForm({ code: '', recoveryCode: '' });
  const verify = useTwoFactorLogin();
  // The input of the current mode gets focus when the step opens and when the mode switches (each mode has
  // its own input, so this runs once per switch).
  const focusOnMount = useCallback((input: HTMLInputElement | null) => input?.focus(), []);

  const submit = form.onSubmit(() => {
    const input =
      mode === 'code'
        ? (() => {
            const data = form.check(codeSchema);
            return data ? { challenge: challenge.challenge, code: data.code } : null;
          })()
        : (() => {
            const data = form.check(recoverySchema);
            return data ? { challenge: challenge.challenge, recoveryCode: data.recoveryCode } : null;
          })();
    if (!input) {
      return;
    }
    verify.mutate(input, {
      onSuccess: onDone,
      onError: (error) => {
        if (isApiError(error) && error.code === 'auth.challenge_expired') {
          onExpired();
          return;
        }
        form.setValue(mode === 'code' ? 'code' : 'recoveryCode', '');
        form.applyApiError(error, ['code', 'recoveryCode'] as const);
      },
    });
  });

  const switchMode = () => {
    form.reset();
    verify.reset();
    onModeChange(mode === 'code' ? 'recovery' : 'code');
  };

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="login-title">
      <Stack gap="sm">
        <ErrorAlert error={form.formError} title={t('auth.twoFactor.failed')} />
        {mode === 'code' ? (
          <OneTimeCodeInput
            ref={focusOnMount}
            label={t('auth.twoFactor.code')}
            description={t('auth.twoFactor.codeHint')}
            required
            {...form.text('code')}
          />
        ) : (
          <TextInput
            ref={focusOnMount}
            label={t('auth.twoFactor.recoveryCode')}
            description={t('auth.twoFactor.recoveryHint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...form.text('recoveryCode')}
          />
        )}
        <Button type="submit" loading={verify.isPending} mt="xs">
          {t('auth.twoFactor.submit')}
        </Button>
        <Group justify="space-between" gap="xs">
          <Anchor component="button" type="button" size="sm" onClick={switchMode}>
            {mode === 'code' ? t('auth.twoFactor.useRecovery') : t('auth.twoFactor.useApp')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

type LoginFormProps = {
  onDone: (session: Session) => void;
  onStepChange?: (step: LoginStep) => void;
};

/**
 * Signing in: e-mail and password, then — for an account with two-factor sign-in — the code from the app (or a
 * recovery code). A challenge that expired sends the person back to the first step with a message.
 */
export function LoginForm({ onDone, onStepChange }: LoginFormProps) {
  const { t } = useTranslation();
  const form = useForm({ email: '', password: '' });
  const login = useLogin();
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  const [mode, setMode] = useState<'code' | 'recovery'>('code');
  const [expired, setExpired] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const backFromStep2 = useRef(false);

  const step: LoginStep = challenge ? mode : 'password';
  useEffect(() => {
    onStepChange?.(step);
  }, [step, onStepChange]);

  // Back on step 1 after step 2 (expired or "back"): the e-mail address is kept, the password is asked again.
  useEffect(() => {
    if (!challenge && backFromStep2.current) {
      backFromStep2.current = false;
      passwordRef.current?.focus();
    }
  }, [challenge]);

  const backToPassword = (becauseExpired: boolean) => {
    backFromStep2.current = true;
    form.setValue('password', '');
    setExpired(becauseExpired);
    setMode('code');
    setChallenge(null);
  };

  const submit = form.onSubmit(() => {
    const data = form.check(passwordSchema);
    if (!data) {
      return;
    }
    setExpired(false);
    login.mutate(data, {
      onSuccess: (result) => {
        if (isTwoFactorChallenge(result)) {
          setChallenge(result);
        } else {
          onDone(result);
        }
      },
      onError: (error) => {
        // Never say which of the two was wrong: the server does not either.
        form.setFormError(error);
        form.setValue('password', '');
      },
    });
  });

  if (challenge) {
    return (
      <Stack gap="sm">
        <TwoFactorStep
          challenge={challenge}
          mode={mode}
          onModeChange={setMode}
          onDone={onDone}
          onExpired={() => backToPassword(true)}
        />
        <Anchor component="button" type="button" size="sm" onClick={() => backToPassword(false)}>
          {t('auth.twoFactor.back')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="login-title">
      <Stack gap="sm">
        {expired ? (
          <Alert role="alert" color="orange" variant="light" icon={<IconClockExclamation aria-hidden />}>
            {t('auth.twoFactor.expired')}
          </Alert>
        ) : null}
        <ErrorAlert error={form.formError} title={t('login.failed')} />
        <TextInput
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          {...form.text('email')}
        />
        <PasswordInput
          ref={passwordRef}
          label={t('login.password')}
          autoComplete="current-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('common.showCharacters') }}
          visibilityToggleFocusable
          {...form.text('password')}
        />
        <Button type="submit" loading={login.isPending} mt="xs">
          {t('login.submit')}
        </Button>
        <Anchor component={Link} to="/reset-password" state={{ email: form.values.email }} size="sm">
          {t('login.forgotPassword')}
        </Anchor>
      </Stack>
    </form>
  );
}
