import { Button, Group, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiTokensTable } from '../../../components/api-tokens-table.tsx';
import type { ApiToken } from '../../../lib/api-types.ts';
import { useRevokeToken, useTokens } from '../api/tokens.ts';
import { useUsers } from '../api/users.ts';
import { CreateTokenModal } from './create-token-modal.tsx';
import { RoleBadge } from './roles-help.tsx';

export function TokensPanel() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const users = useUsers();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);

  // createdBy names who made the token (a user's id or e-mail; null for the CLI); show the person's name.
  const creatorName = (token: ApiToken) => {
    if (!token.createdBy) {
      return t('tokens.createdBySystem');
    }
    const creator = users.data?.find((user) => user.id === token.createdBy || user.email === token.createdBy);
    return creator?.name ?? token.createdBy;
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('tokens.intro')}
        </Text>
        <Button leftSection={<IconKey size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </Group>
      <ApiTokensTable<ApiToken>
        tokens={tokens}
        revoke={revoke}
        label={t('tokens.tableLabel')}
        csvFileName={t('tokens.csvFileName')}
        noRecordsText={t('tokens.empty')}
        searchable
        extraColumns={[
          {
            accessor: 'role',
            title: t('tokens.fields.role'),
            sortable: true,
            value: (token) => t(`roles.${token.role}.name`),
            render: (token) => <RoleBadge role={token.role} />,
          },
        ]}
        createdBy={creatorName}
      />
      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
