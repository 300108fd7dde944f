import { Alert, Loader, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { AuthLayout } from '../shell/auth-layout.tsx';

type PublicList = {
  processor: string;
  items: { name: string; purposeNl: string | null; purposeEn: string | null; countries: string[] }[];
};

/** /subverwerkers: the processor's sub-processors for anyone (an admin turns it on); names, purposes, countries. */
export function PublicSubprocessorsRoute() {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ['public-subprocessors'],
    queryFn: () => api<PublicList>('/public/subprocessors'),
    retry: false,
  });
  const language = i18n.language.startsWith('en') ? 'en' : 'nl';
  const countries = new Intl.DisplayNames([language], { type: 'region' });
  return (
    <AuthLayout
      title={t('publicSubprocessors.title')}
      titleId="public-subprocessors-title"
      intro={list.data ? t('publicSubprocessors.intro', { processor: list.data.processor }) : undefined}
      width={900}
    >
      {list.isPending ? <Loader aria-label={t('publicSubprocessors.loading')} /> : null}
      {list.isError ? <Alert color="gray">{t('publicSubprocessors.unavailable')}</Alert> : null}
      {list.data ? (
        <Table striped aria-labelledby="public-subprocessors-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('publicSubprocessors.name')}</Table.Th>
              <Table.Th scope="col">{t('publicSubprocessors.purpose')}</Table.Th>
              <Table.Th scope="col">{t('publicSubprocessors.countries')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((item) => (
              <Table.Tr key={item.name}>
                <Table.Td>{item.name}</Table.Td>
                <Table.Td>
                  {(language === 'en' ? (item.purposeEn ?? item.purposeNl) : item.purposeNl) ?? (
                    <Text c="dimmed" size="sm">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{item.countries.map((c) => countries.of(c) ?? c).join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </AuthLayout>
  );
}
