import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ResetConfirmForm } from '../../features/auth/components/reset-confirm-form.tsx';
import { ResetRequestForm } from '../../features/auth/components/reset-request-form.tsx';
import { AuthLayout } from '../shell/auth-layout.tsx';
import type { LoginNotice } from './login.tsx';

/** /reset-password: ask for a link by e-mail (public). */
export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const location = useLocation();
  const email = (location.state as { email?: unknown } | null)?.email;
  return (
    <AuthLayout title={t('auth.reset.title')} titleId="reset-title" intro={t('auth.reset.intro')}>
      <ResetRequestForm initialEmail={typeof email === 'string' ? email : ''} />
    </AuthLayout>
  );
}

/** /reset-password/:token: the link from the e-mail; choose a new password (public). */
export function ResetPasswordConfirmRoute() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const notice: LoginNotice = 'passwordReset';
  return (
    <AuthLayout title={t('auth.reset.newTitle')} titleId="reset-title" intro={t('auth.reset.newIntro')}>
      <ResetConfirmForm
        token={token}
        onDone={() => navigate('/login', { replace: true, state: { notice } })}
      />
    </AuthLayout>
  );
}
