import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';

export function ForbiddenRoute() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('forbidden.title')} />
      <Text>{t('forbidden.body')}</Text>
      <div>
        <Button component={Link} to="/" variant="default">
          {t('notFound.home')}
        </Button>
      </div>
    </Stack>
  );
}
