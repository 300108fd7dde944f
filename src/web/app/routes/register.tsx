import { Alert, Button, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import {
  IconArrowBackUp,
  IconBuildingStore,
  IconClockHour4,
  IconInfoCircle,
  IconListDetails,
  IconPlus,
  IconSettingsCog,
  IconUpload,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { complianceWriters, type Role } from '../../../shared/roles.ts';
import { ConfirmMutation } from '../../components/confirm-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useRegister, useRetireEntry } from '../../features/register/api/register.ts';
import type { RegisterEntry } from '../../features/register/api/types.ts';
import { EntryFormModal } from '../../features/register/components/entry-form-modal.tsx';
import { EntryHistoryDrawer } from '../../features/register/components/entry-history-drawer.tsx';
import { ExportMenu } from '../../features/register/components/export-menu.tsx';
import { ImportModal } from '../../features/register/components/import-modal.tsx';
import {
  OperationsPanel,
  PartiesPanel,
  ServiceLinesPanel,
} from '../../features/register/components/reference-panels.tsx';
import {
  RegisterFilters,
  type RegisterFilterValues,
} from '../../features/register/components/register-filters.tsx';
import { RegisterGroups } from '../../features/register/components/register-groups.tsx';
import { useProcessor } from '../../features/settings/api/processor.ts';
import { useFormat } from '../../lib/format.ts';

const tabs = ['entries', 'serviceLines', 'parties', 'operations'] as const;
type Tab = (typeof tabs)[number];
const isDay = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');

// Filters, the date and the tab live in the URL, so a view of the register can be bookmarked or shared.
function readParams(params: URLSearchParams): { filters: RegisterFilterValues; tab: Tab } {
  const tab = params.get('tab') as Tab | null;
  return {
    tab: tab && tabs.includes(tab) ? tab : 'entries',
    filters: {
      asOf: isDay(params.get('asOf')),
      subprocessor: params.get('subprocessor') ?? '',
      dataCategory: params.get('category') ?? '',
      retention: params.get('retention') ?? '',
      includeRetired: params.get('retired') === '1',
    },
  };
}

export function RegisterRoute() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const { filters, tab } = readParams(params);
  const processor = useProcessor();
  const processorName = processor.data?.legalName ?? '…';
  const en = i18n.resolvedLanguage === 'en';

  const register = useRegister({
    asOf: filters.asOf || undefined,
    subprocessor: filters.subprocessor || undefined,
    dataCategory: filters.dataCategory || undefined,
    retention: filters.retention || undefined,
    includeRetired: filters.includeRetired || undefined,
  });
  // The unfiltered register of the same date, for the counts, the reference tabs and the filter choices.
  const whole = useRegister({ asOf: filters.asOf || undefined, includeRetired: true });

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<RegisterEntry | null>(null);
  const [retiring, setRetiring] = useState<RegisterEntry | null>(null);
  const [historyOf, setHistoryOf] = useState<RegisterEntry | null>(null);
  const [importing, setImporting] = useState(false);
  const retire = useRetireEntry();

  const viewingPast = Boolean(filters.asOf);
  const mayWrite = (complianceWriters as readonly Role[]).includes(user?.role ?? 'auditor');
  const canEdit = mayWrite && !viewingPast;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next, { replace: true });
  };
  const applyFilters = (next: RegisterFilterValues) =>
    update({
      asOf: next.asOf || undefined,
      subprocessor: next.subprocessor || undefined,
      category: next.dataCategory || undefined,
      retention: next.retention || undefined,
      retired: next.includeRetired ? '1' : undefined,
    });

  const data = register.data;
  const all = whole.data;
  const activeTotal = all?.entries.filter((e) => e.retiredAt === null).length ?? 0;
  const filtered = Boolean(filters.subprocessor || filters.dataCategory || filters.retention);
  const serviceName = (code: string) => {
    const line = all?.serviceLines.find((l) => l.code === code);
    return line ? (en ? line.nameEn : line.nameNl) : code;
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('register.title')}
        description={t('register.intro', { processor: processorName })}
        actions={
          <>
            {mayWrite ? (
              <Button
                variant="default"
                leftSection={<IconUpload size={16} aria-hidden />}
                onClick={() => setImporting(true)}
              >
                {t('register.actions.import')}
              </Button>
            ) : null}
            <ExportMenu asOf={filters.asOf || undefined} />
            {canEdit ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('register.actions.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {!mayWrite ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('register.readOnly')}
        </Alert>
      ) : null}
      {data?.version ? (
        <Text size="sm" c="dimmed" data-testid="register-version">
          <IconClockHour4 size={14} aria-hidden style={{ verticalAlign: 'text-bottom' }} />{' '}
          {t('register.version', {
            version: data.version.version,
            when: format.dateTime(data.version.createdAt),
          })}{' '}
          {t('register.versionBy', { actor: data.version.actorLabel })}
        </Text>
      ) : null}
      {viewingPast ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconClockHour4 aria-hidden />}
          title={
            data && !data.version
              ? t('register.asOf.empty', { date: format.date(filters.asOf) })
              : t('register.asOf.viewing', { date: format.date(filters.asOf) })
          }
        >
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconArrowBackUp size={14} aria-hidden />}
            onClick={() => update({ asOf: undefined })}
          >
            {t('register.asOf.back')}
          </Button>
        </Alert>
      ) : null}

      <Tabs
        value={tab}
        onChange={(value) => update({ tab: value === 'entries' ? undefined : (value ?? undefined) })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('register.tabsLabel')}>
          <Tabs.Tab value="entries" leftSection={<IconListDetails size={16} aria-hidden />}>
            {t('register.tabs.entries')}
          </Tabs.Tab>
          <Tabs.Tab value="serviceLines" leftSection={<IconBuildingStore size={16} aria-hidden />}>
            {t('register.tabs.serviceLines')}
          </Tabs.Tab>
          <Tabs.Tab value="parties" leftSection={<IconUsersGroup size={16} aria-hidden />}>
            {t('register.tabs.parties')}
          </Tabs.Tab>
          <Tabs.Tab value="operations" leftSection={<IconSettingsCog size={16} aria-hidden />}>
            {t('register.tabs.operations')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="entries" pt="md">
          <Stack gap="md">
            <RegisterFilters
              value={filters}
              parties={(all?.parties ?? []).filter((p) => p.retiredAt === null)}
              onChange={applyFilters}
            />
            {data ? (
              <Text size="xs" c="dimmed" aria-live="polite">
                {t('register.filters.count', {
                  shown: data.entries.filter((e) => e.retiredAt === null).length,
                  total: activeTotal,
                })}
              </Text>
            ) : null}
            <ErrorAlert error={register.error} />
            {register.isPending ? <Skeleton h={480} /> : null}
            {data ? (
              <RegisterGroups
                serviceLines={data.serviceLines}
                entries={data.entries}
                processorName={processorName}
                filtered={filtered}
                canEdit={canEdit}
                onEdit={setEditing}
                onRetire={setRetiring}
                onHistory={setHistoryOf}
              />
            ) : null}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="serviceLines" pt="md">
          {all ? (
            <ServiceLinesPanel serviceLines={all.serviceLines} canEdit={canEdit} />
          ) : (
            <Skeleton h={300} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="parties" pt="md">
          {all ? (
            <PartiesPanel
              parties={all.parties}
              entries={all.entries.filter((e) => e.retiredAt === null)}
              canEdit={canEdit}
            />
          ) : (
            <Skeleton h={300} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="operations" pt="md">
          {all ? <OperationsPanel operations={all.operations} canEdit={canEdit} /> : <Skeleton h={300} />}
        </Tabs.Panel>
      </Tabs>

      {all && (creating || editing) ? (
        <EntryFormModal
          key={editing?.id ?? 'new'}
          opened
          entry={editing}
          serviceLines={all.serviceLines}
          parties={all.parties}
          processorName={processorName}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
        />
      ) : null}
      <ConfirmMutation
        target={retiring}
        onClose={() => setRetiring(null)}
        mutation={retire}
        variables={(entry) => entry.id}
        title={() => t('register.retire.title')}
        confirmLabel={t('register.retire.confirm')}
        danger
        success={(_entry, retired) =>
          t('register.retire.done', { dataType: en ? retired.dataTypeEn : retired.dataTypeNl })
        }
      >
        {(entry) =>
          t('register.retire.body', {
            dataType: en ? entry.dataTypeEn : entry.dataTypeNl,
            service: serviceName(entry.serviceLine),
          })
        }
      </ConfirmMutation>
      <EntryHistoryDrawer
        entry={historyOf}
        processorName={processorName}
        onClose={() => setHistoryOf(null)}
      />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
