import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { notifySuccess } from '../../components/api-error.ts';
import { DateTimeText } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PasswordForm } from '../../features/account/components/password-form.tsx';
import { ProfileForm } from '../../features/account/components/profile-form.tsx';
import { RecoveryCodes } from '../../features/account/components/recovery-codes.tsx';
import { SessionsSection } from '../../features/account/components/sessions-section.tsx';
import { TwoFactorSection } from '../../features/account/components/two-factor-section.tsx';
import { TwoFactorSetup } from '../../features/account/components/two-factor-setup.tsx';
import {
  getSession,
  sessionQueryKey,
  useCurrentUser,
  useSession,
} from '../../features/auth/api/get-session.ts';
import { useLogout } from '../../features/auth/api/logout.ts';
import { landingPath } from '../../features/auth/lib/landing.ts';
import { AuthLayout } from '../shell/auth-layout.tsx';

/** /account (staff) and /portal/account (portal users): one's own profile, password, two-factor and sessions. */
export function AccountRoute() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!user) {
    return null;
  }
  return (
    <Stack gap="md">
      <PageHeader title={t('account.title')} description={t('account.intro')} />
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="account-who">
        <Stack gap={6}>
          <Title order={2} fz="h4" id="account-who">
            {t('account.who')}
          </Title>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {user.email}
            </Text>
            <Badge variant="light">{t(`roles.${user.role}.name`)}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t(`roles.${user.role}.description`)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('account.since')} <DateTimeText value={user.createdAt} />
          </Text>
        </Stack>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md" radius="md" component="section" aria-labelledby="account-profile">
          <Stack gap="sm">
            <Title order={2} fz="h4" id="account-profile">
              {t('account.profile')}
            </Title>
            <ProfileForm key={`${user.id}-${user.locale}-${user.name}`} user={user} />
          </Stack>
        </Card>
        <Card withBorder padding="md" radius="md" component="section" aria-labelledby="account-password">
          <Stack gap="sm">
            <Title order={2} fz="h4" id="account-password">
              {t('account.password')}
            </Title>
            <PasswordForm />
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="account-two-factor">
        <TwoFactorSection email={user.email} />
      </Card>
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="account-sessions">
        <SessionsSection />
      </Card>
    </Stack>
  );
}

/**
 * /two-factor-setup: two-factor sign-in is required (portal setting) and this account has none yet. Until it is
 * set up, this page and signing out are all there is (RequireAuth sends every other page here).
 */
export function TwoFactorSetupRoute() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useLogout();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [continuing, setContinuing] = useState(false);

  const data = session.data;
  if (!data) {
    return null;
  }
  // Nothing to do here (set up already, or not required): on to the person's home.
  if (!data.mustEnrolTwoFactor && !codes) {
    return <Navigate to={landingPath(data, '/')} replace />;
  }

  const proceed = async () => {
    setContinuing(true);
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: sessionQueryKey,
        queryFn: getSession,
        staleTime: 0,
      });
      navigate(fresh ? landingPath(fresh, '/') : '/login', { replace: true });
    } finally {
      setContinuing(false);
    }
  };

  return (
    <AuthLayout title={t('auth.enrol.title')} titleId="enrol-title" intro={t('auth.enrol.intro')} width={640}>
      {codes ? (
        <Stack gap="sm">
          <Alert role="status" color="teal" variant="light" icon={<IconShieldLock aria-hidden />}>
            {t('auth.enrol.done')}
          </Alert>
          <RecoveryCodes
            codes={codes}
            email={data.user.email}
            doneLabel={t('auth.enrol.continue')}
            onDone={() => void proceed()}
          />
          {continuing ? (
            <Text size="sm" c="dimmed">
              {t('common.loading')}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Stack gap="md">
          <Alert color="blue" variant="light" icon={<IconShieldLock aria-hidden />}>
            {t('auth.enrol.why')}
          </Alert>
          <TwoFactorSetup
            headingLevel={2}
            onEnabled={(recoveryCodes) => {
              notifySuccess(t('account.twoFactor.enabled'));
              setCodes(recoveryCodes);
            }}
          />
        </Stack>
      )}
      <Group justify="flex-end" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconLogout size={16} aria-hidden />}
          loading={logout.isPending}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          {t('auth.enrol.logout')}
        </Button>
      </Group>
    </AuthLayout>
  );
}
