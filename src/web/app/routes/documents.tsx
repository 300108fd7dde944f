import { Badge, Stack, Tabs } from '@mantine/core';
import { IconAlertTriangle, IconFileStack, IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useOutdatedDocuments } from '../../features/documents/api/documents.ts';
import { BulkPanel } from '../../features/documents/components/bulk-panel.tsx';
import { OutdatedPanel } from '../../features/documents/components/outdated-panel.tsx';
import { TemplatePanel } from '../../features/documents/components/template-panel.tsx';
import { useBulkRun } from '../../features/documents/lib/bulk-run.ts';

const tabs = ['outdated', 'bulk', 'template'] as const;
type Tab = (typeof tabs)[number];
const icons = { outdated: IconAlertTriangle, bulk: IconFileStack, template: IconTemplate };

export function DocumentsRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const outdated = useOutdatedDocuments();
  const bulk = useBulkRun();
  const requested = params.get('tab') as Tab | null;
  const active: Tab = requested && tabs.includes(requested) ? requested : 'outdated';
  const show = (tab: Tab) => setParams(tab === 'outdated' ? {} : { tab }, { replace: true });

  const count = (tab: Tab) => {
    if (tab === 'outdated' && outdated.data && outdated.data.length > 0) {
      return (
        <Badge size="sm" color="orange" variant="light" circle={outdated.data.length < 10}>
          {outdated.data.length}
        </Badge>
      );
    }
    if (tab === 'bulk' && bulk.status === 'running') {
      return (
        <Badge size="sm" color="blue" variant="light">
          {bulk.done}/{bulk.total}
        </Badge>
      );
    }
    return null;
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('documents.title')} description={t('documents.intro')} />
      <Tabs
        value={active}
        onChange={(value) => {
          if (value) {
            show(value as Tab);
          }
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('documents.tabsLabel')}>
          {tabs.map((tab) => {
            const Icon = icons[tab];
            return (
              <Tabs.Tab
                key={tab}
                value={tab}
                leftSection={<Icon size={16} aria-hidden />}
                rightSection={count(tab)}
              >
                {t(`documents.tabs.${tab}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="outdated" pt="md">
          <OutdatedPanel onBulkStarted={() => show('bulk')} />
        </Tabs.Panel>
        <Tabs.Panel value="bulk" pt="md">
          <BulkPanel />
        </Tabs.Panel>
        <Tabs.Panel value="template" pt="md">
          <TemplatePanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
