import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { breachesPage } from '../api/breaches.ts';
import { ObligationsTable } from './obligations-table.tsx';

/** Dashboard: the customers still to be phoned about a breach (clause 8.1), with their countdowns. */
export function BreachObligationsCard() {
  const { t } = useTranslation();
  const titleId = 'breach-obligations-title';
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} fz="h4" id={titleId}>
            {t('breaches.obligations.title')}
          </Title>
          <Anchor component={Link} to={breachesPage} size="sm">
            {t('breaches.obligations.toList')}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {t('breaches.obligations.description')}
        </Text>
        <ObligationsTable labelledBy={titleId} limit={10} compact />
      </Stack>
    </Card>
  );
}
