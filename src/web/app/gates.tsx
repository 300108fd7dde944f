import { Button, Center, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageLoader } from '../components/page-loader.tsx';
import { sessionQueryKey, useSession } from '../features/auth/api/get-session.ts';
import { landingPath, twoFactorSetupPath } from '../features/auth/lib/landing.ts';
import { useSetupStatus } from '../features/setup/api/get-setup-status.ts';
import { i18n, isLocale, rememberLocale } from '../i18n/index.ts';
import { isApiError, setCsrfToken, setUnauthorizedHandler } from '../lib/api.ts';
import type { Session } from '../lib/api-types.ts';
import { can, type Permission } from '../lib/roles.ts';
import { ForbiddenRoute } from './routes/forbidden.tsx';

function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md">
      <Stack maw={480} w="100%">
        <ErrorAlert error={error} title={t('errors.loadTitle')} />
        <Button variant="default" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </Stack>
    </Center>
  );
}

/** Only a relative path inside the app may be a return address (no open redirect). */
export function safeNext(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) {
    return '/';
  }
  return value;
}

/** First question on every load: is art28 set up? If not, everything leads to /setup. */
export function SetupGate() {
  const setup = useSetupStatus();
  const location = useLocation();
  if (setup.isPending) {
    return <PageLoader />;
  }
  if (setup.isError) {
    return <FullPageError error={setup.error} onRetry={() => void setup.refetch()} />;
  }
  const onSetupPage = location.pathname === '/setup';
  if (setup.data.needed && !onSetupPage) {
    return <Navigate to="/setup" replace />;
  }
  if (!setup.data.needed && onSetupPage) {
    return <Navigate to="/" replace />;
  }
  return <Outlet />;
}

/**
 * Any 401 from the API (session expired or revoked) drops the session; RequireAuth then sends to /login.
 * A 403 `auth.two_factor_setup_required` (an admin made two-factor sign-in mandatory while this page was open)
 * marks the session, so RequireAuth sends to the set-up page.
 */
export function UnauthorizedHandler() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  useEffect(() => {
    const onError = (error: unknown) => {
      if (!isApiError(error) || error.code !== 'auth.two_factor_setup_required') {
        return;
      }
      const session = queryClient.getQueryData<Session | null>(sessionQueryKey);
      if (session && !session.mustEnrolTwoFactor) {
        queryClient.setQueryData<Session>(sessionQueryKey, { ...session, mustEnrolTwoFactor: true });
      }
    };
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') {
        onError(event.action.error);
      }
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') {
        onError(event.action.error);
      }
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient]);
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const had = queryClient.getQueryData<Session | null>(['session']);
      setCsrfToken(null);
      if (had) {
        notifications.show({
          id: 'session-expired',
          color: 'orange',
          message: t('login.expired'),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
        queryClient.setQueryData(['session'], null);
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, t]);
  return null;
}

/** The language saved on the account wins once logged in (and whenever it changes on the account). */
function useSessionLocale(session: Session | null | undefined) {
  const locale = session?.user.locale;
  useEffect(() => {
    if (isLocale(locale) && locale !== i18n.resolvedLanguage) {
      void i18n.changeLanguage(locale);
      rememberLocale(locale);
    }
  }, [locale]);
}

export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  useSessionLocale(session.data);
  if (session.isPending) {
    return <PageLoader />;
  }
  if (session.isError) {
    return <FullPageError error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${query}`} replace />;
  }
  // Two-factor sign-in is required and not set up: the set-up page (and signing out) is all there is.
  if (session.data.mustEnrolTwoFactor && location.pathname !== twoFactorSetupPath) {
    return <Navigate to={twoFactorSetupPath} replace />;
  }
  return <Outlet />;
}

/** Pages a role may not use show a clear "no access" page instead of failing API calls. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const role = useSession().data?.user.role;
  if (!can(role, permission)) {
    return <ForbiddenRoute />;
  }
  return children;
}

/** Sends a logged-in user who opens /login onward: to `next` or their home (the portal for customer contacts). */
export function useRedirectIfLoggedIn(next: string) {
  const session = useSession();
  const navigate = useNavigate();
  useEffect(() => {
    if (session.data) {
      navigate(landingPath(session.data, next), { replace: true });
    }
  }, [session.data, navigate, next]);
  return session;
}
