import { Alert, Anchor, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconArrowLeft,
  IconFileCertificate,
  IconFileDescription,
  IconFiles,
  IconInfoCircle,
  IconListDetails,
  IconMessage2,
  IconUserShield,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { HeadcountsCard } from '../../features/breaches/components/headcounts-card.tsx';
import { useCustomer } from '../../features/customers/api/customers.ts';
import { AgreementTab } from '../../features/customers/components/agreement-tab.tsx';
import {
  CustomerStatusBadge,
  DemoBadge,
  DpaStatusBadge,
} from '../../features/customers/components/badges.tsx';
import { DpaTab } from '../../features/customers/components/dpa-tab.tsx';
import { InstructionsTab } from '../../features/customers/components/instructions-tab.tsx';
import { OverviewTab } from '../../features/customers/components/overview-tab.tsx';
import { RecordTab } from '../../features/customers/components/record-tab.tsx';
import { useCustomerPermissions } from '../../features/customers/lib/permissions.ts';
import { CustomerDocumentsTab } from '../../features/documents/components/customer-documents-tab.tsx';
import { PortalAccessTab } from '../../features/portal-accounts/components/portal-access-tab.tsx';
import { CustomerSubprocessorsTab } from '../../features/subprocessors/components/customer-subprocessors-tab.tsx';
import { isApiError } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { NotFoundRoute } from './not-found.tsx';

const tabs = [
  'overview',
  'agreement',
  'dpa',
  'record',
  'subprocessors',
  'documents',
  'instructions',
  'portal',
] as const;
type Tab = (typeof tabs)[number];
const icons = {
  overview: IconAddressBook,
  agreement: IconFileDescription,
  dpa: IconFileCertificate,
  record: IconListDetails,
  subprocessors: IconUsersGroup,
  documents: IconFiles,
  instructions: IconMessage2,
  portal: IconUserShield,
};

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/customers" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('customers.detail.back')}
      </Group>
    </Anchor>
  );
}

export function CustomerDetailRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { canEdit } = useCustomerPermissions();
  const customer = useCustomer(id);
  usePageTitle(customer.data?.legalName ?? t('customers.title'));

  if (customer.isPending) {
    return (
      <Stack gap="md">
        <BackLink />
        <Skeleton h={48} w={360} />
        <Skeleton h={320} />
      </Stack>
    );
  }
  if (customer.isError) {
    if (isApiError(customer.error) && (customer.error.status === 404 || customer.error.status === 400)) {
      return <NotFoundRoute />;
    }
    return (
      <Stack gap="md">
        <BackLink />
        <ErrorAlert error={customer.error} title={t('errors.loadTitle')} />
      </Stack>
    );
  }

  const data = customer.data;
  const requested = params.get('tab') as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : 'overview';
  const agreement = data.agreements[0];
  const inForce = agreement?.dpas.find((d) => d.inForce) ?? agreement?.dpas[0];

  return (
    <Stack gap="md">
      <BackLink />
      <Stack gap={4}>
        <PageHeader title={data.legalName} />
        <Group gap="xs" wrap="wrap" mt={-12}>
          <Text size="sm" c="dimmed">
            {t('customers.fields.kvkNumber')} {data.kvkNumber}
            {data.city ? ` · ${data.city}` : ''}
          </Text>
          <Group gap={4}>
            <Text size="sm" c="dimmed">
              {t('customers.list.agreement')}:
            </Text>
            <CustomerStatusBadge status={data.status} size="sm" />
          </Group>
          {agreement ? (
            <Group gap={4}>
              <Text size="sm" c="dimmed">
                {t('customers.list.dpa')}:
              </Text>
              <DpaStatusBadge status={inForce?.status ?? null} size="sm" />
            </Group>
          ) : null}
          {data.isDemo ? <DemoBadge size="sm" /> : null}
        </Group>
      </Stack>
      {data.isDemo ? (
        <Alert color="grape" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('customers.detail.demoNote')}
        </Alert>
      ) : null}
      {!canEdit ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('customers.detail.readOnly')}
        </Alert>
      ) : null}
      <Tabs
        value={active}
        onChange={(value) => {
          if (value) {
            setParams(value === 'overview' ? {} : { tab: value }, { replace: true });
          }
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('customers.detail.tabsLabel')}>
          {tabs.map((tab) => {
            const Icon = icons[tab];
            return (
              <Tabs.Tab key={tab} value={tab} leftSection={<Icon size={16} aria-hidden />}>
                {tab === 'portal'
                  ? t('portalAccounts.tab')
                  : tab === 'documents'
                    ? t('documents.tab')
                    : tab === 'subprocessors'
                      ? t('subprocessors.tab')
                      : t(`customers.detail.tabs.${tab}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Stack gap="md">
            <OverviewTab customer={data} canEdit={canEdit} />
            <HeadcountsCard customerId={data.id} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="agreement" pt="md">
          <AgreementTab customer={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="dpa" pt="md">
          <DpaTab customer={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="record" pt="md">
          <RecordTab customerId={data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="subprocessors" pt="md">
          <CustomerSubprocessorsTab customer={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          <CustomerDocumentsTab customer={data} />
        </Tabs.Panel>
        <Tabs.Panel value="instructions" pt="md">
          <InstructionsTab customer={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="portal" pt="md">
          <PortalAccessTab customer={data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
