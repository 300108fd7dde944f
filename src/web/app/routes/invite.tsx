import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { notifySuccess } from '../../components/api-error.ts';
import { InviteAccept } from '../../features/auth/components/invite-accept.tsx';
import { landingPath } from '../../features/auth/lib/landing.ts';
import { AuthLayout } from '../shell/auth-layout.tsx';

/** /invite/:token: a customer contact accepts an invitation to the portal (public) and is then signed in. */
export function InviteRoute() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [goneError, setGoneError] = useState<unknown>(null);
  return (
    <AuthLayout
      title={t('auth.invite.title')}
      titleId="invite-title"
      intro={t('auth.invite.intro')}
      width={480}
    >
      <InviteAccept
        token={token}
        goneError={goneError}
        onGone={setGoneError}
        onDone={(session) => {
          notifySuccess(t('auth.invite.done'));
          navigate(landingPath(session, '/portal'), { replace: true });
        }}
      />
    </AuthLayout>
  );
}
