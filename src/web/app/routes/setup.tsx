import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifySuccess } from '../../components/api-error.ts';
import { SetupForm } from '../../features/setup/components/setup-form.tsx';
import { AuthLayout } from '../shell/auth-layout.tsx';

export function SetupRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <AuthLayout title={t('setup.title')} titleId="setup-title" intro={t('setup.intro')} width={480}>
      <SetupForm
        onDone={() => {
          notifySuccess(t('setup.done'));
          navigate('/', { replace: true });
        }}
      />
    </AuthLayout>
  );
}
