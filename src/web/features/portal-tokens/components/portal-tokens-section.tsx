import { Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CreateApiTokenModal } from '../../../components/api-token-create-modal.tsx';
import { ApiTokensTable } from '../../../components/api-tokens-table.tsx';
import { requiredText } from '../../../lib/form.ts';
import {
  type CustomerApiToken,
  useCreatePortalToken,
  usePortalTokens,
  useRevokePortalToken,
} from '../api/portal-tokens.ts';

const schema = z.object({ name: requiredText(100) });

/** A customer-admin's API tokens for the customer's own systems (OpenDSR 2.0), on the portal's users page. */
export function PortalTokensSection() {
  const { t } = useTranslation();
  const tokens = usePortalTokens();
  const create = useCreatePortalToken();
  const revoke = useRevokePortalToken();
  const [creating, setCreating] = useState(false);
  const endpoint = `${window.location.origin}/opendsr/v2`;

  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      mt="md"
      component="section"
      aria-labelledby="portal-tokens-title"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={2} fz="h4" id="portal-tokens-title">
            {t('portalTokens.title')}
          </Title>
          <Button leftSection={<IconKey size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed" maw={720}>
          {t('portalTokens.intro')}
        </Text>
        <Text size="sm">
          {t('portalTokens.endpoint')} <Code>{endpoint}</Code>
        </Text>
        <ApiTokensTable<CustomerApiToken>
          tokens={tokens}
          revoke={revoke}
          label={t('portalTokens.tableLabel')}
          csvFileName={t('portalTokens.csvFileName')}
          noRecordsText={t('portalTokens.empty')}
        />
        <CreateApiTokenModal<{ name: string }, z.output<typeof schema>>
          opened={creating}
          onClose={() => setCreating(false)}
          title={t('portalTokens.createTitle')}
          nameHint={t('portalTokens.nameHint')}
          footnote={t('portalTokens.scopeHint')}
          initialValues={{ name: '' }}
          schema={schema}
          create={create}
          errorFields={['name']}
        />
      </Stack>
    </Card>
  );
}
