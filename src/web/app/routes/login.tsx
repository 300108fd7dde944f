import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/components/login-form.tsx';
import { safeNext, useRedirectIfLoggedIn } from '../gates.tsx';
import { AuthLayout } from '../shell/auth-layout.tsx';

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  useRedirectIfLoggedIn(next);
  return (
    <AuthLayout title={t('login.title')} titleId="login-title" intro={t('login.intro')}>
      <LoginForm onDone={() => navigate(next, { replace: true })} />
    </AuthLayout>
  );
}
