import { Alert, Anchor, Card, Group, Image, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProcessorProfile } from '../../../lib/api-types.ts';
import { logoUrl } from '../api/processor.ts';
import { countryName } from './countries.ts';

// The fields a breach notice and the agreement need; missing ones are flagged on the dashboard.
const essentialFields = ['legalName', 'kvkNumber', 'privacyContactEmail', 'breachPhone'] as const;

export function ProcessorSummaryCard({ profile }: { profile: ProcessorProfile }) {
  const { t, i18n } = useTranslation();
  const titleId = 'processor-summary-title';
  const missing = essentialFields.filter((field) => !profile[field]);
  const address = [profile.street, [profile.postalCode, profile.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  const rows = [
    { label: t('processor.fields.legalName'), value: profile.legalName },
    { label: t('processor.fields.kvkNumber'), value: profile.kvkNumber },
    {
      label: t('processor.summary.address'),
      value: [address, countryName(profile.country, i18n.resolvedLanguage)].filter(Boolean).join(', '),
    },
    {
      label: t('processor.summary.privacyContact'),
      value: [profile.privacyContactName, profile.privacyContactEmail, profile.privacyContactPhone]
        .filter(Boolean)
        .join(' · '),
    },
    { label: t('processor.fields.breachPhone'), value: profile.breachPhone },
  ];
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} fz="h4" id={titleId}>
            {t('processor.summary.title')}
          </Title>
          {profile.hasLogo ? (
            <Image
              src={logoUrl(profile)}
              alt={t('processor.logo.alt', { name: profile.legalName })}
              h={36}
              w="auto"
              fit="contain"
            />
          ) : null}
        </Group>
        <Table variant="vertical" withRowBorders={false} verticalSpacing={4} fz="sm">
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th w={170} fw={500} c="dimmed" bg="transparent">
                  {row.label}
                </Table.Th>
                <Table.Td>
                  {row.value || (
                    <Text span c="dimmed" size="sm">
                      {t('common.notSet')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {missing.length > 0 ? (
          <Alert color="orange" variant="light" p="xs">
            <Text size="sm">
              {t('processor.summary.incomplete', {
                fields: missing.map((field) => t(`processor.fields.${field}`)).join(', '),
              })}{' '}
              <Anchor component={Link} to="/settings?tab=processor" size="sm">
                {t('processor.summary.complete')}
              </Anchor>
            </Text>
          </Alert>
        ) : (
          <Anchor component={Link} to="/settings?tab=processor" size="sm">
            {t('processor.summary.edit')}
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}
