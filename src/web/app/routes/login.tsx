import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoginForm, type LoginStep } from '../../features/auth/components/login-form.tsx';
import { landingPath } from '../../features/auth/lib/landing.ts';
import { safeNext, useRedirectIfLoggedIn } from '../gates.tsx';
import { AuthLayout } from '../shell/auth-layout.tsx';

/** A message another page leaves for the login page (`navigate('/login', { state: { notice } })`). */
export type LoginNotice = 'passwordReset';

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [step, setStep] = useState<LoginStep>('password');
  useRedirectIfLoggedIn(next);
  const notice = (location.state as { notice?: LoginNotice } | null)?.notice;
  const intro =
    step === 'code'
      ? t('auth.twoFactor.intro')
      : step === 'recovery'
        ? t('auth.twoFactor.recoveryIntro')
        : t('login.intro');
  return (
    <AuthLayout title={t('login.title')} titleId="login-title" intro={intro}>
      {notice === 'passwordReset' && step === 'password' ? (
        <Alert role="status" color="teal" variant="light" icon={<IconCircleCheck aria-hidden />}>
          {t('auth.reset.done')}
        </Alert>
      ) : null}
      <LoginForm
        onStepChange={setStep}
        onDone={(session) => navigate(landingPath(session, next), { replace: true })}
      />
    </AuthLayout>
  );
}
