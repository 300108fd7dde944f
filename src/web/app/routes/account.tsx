import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PasswordForm } from '../../features/account/components/password-form.tsx';
import { ProfileForm } from '../../features/account/components/profile-form.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';

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
    </Stack>
  );
}
