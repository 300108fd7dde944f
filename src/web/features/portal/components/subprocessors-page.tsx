import { Alert, Badge, Group, Select, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconInfoCircle, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { countryName } from '../../settings/components/countries.ts';
import { usePortalSubprocessors } from '../api/portal.ts';
import type { PortalSubprocessor } from '../api/types.ts';

type EeaFilter = 'inside' | 'outside' | 'unknown';

export function PortalSubprocessorsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const en = lng === 'en';
  const query = usePortalSubprocessors();
  const [service, setService] = useState<string | null>(null);
  const [eea, setEea] = useState<EeaFilter | null>(null);

  if (query.isPending) {
    return <Skeleton h={320} />;
  }
  if (query.isError) {
    return <ErrorAlert error={query.error} title={t('errors.loadTitle')} />;
  }
  const items = query.data.items;
  const services = new Map<string, string>();
  for (const s of items) {
    for (const line of s.serviceLines) {
      services.set(line.code, en ? line.nameEn : line.nameNl);
    }
  }
  const serviceName = (code: string) => services.get(code) ?? code;
  const eeaOf = (s: PortalSubprocessor): EeaFilter =>
    s.insideEea === null ? 'unknown' : s.insideEea ? 'inside' : 'outside';
  const visible = items.filter(
    (s) => (!service || s.serviceLines.some((l) => l.code === service)) && (!eea || eeaOf(s) === eea),
  );
  const where = (s: PortalSubprocessor) =>
    s.country === null
      ? t('portal.subprocessors.countryUnknown')
      : `${countryName(s.country, lng)} (${s.country})`;
  const activities = (s: PortalSubprocessor) =>
    s.activities.map((a) => `${serviceName(a.serviceLine)}: ${en ? a.dataTypeEn : a.dataTypeNl}`);
  const outside = items.filter((s) => s.insideEea === false);
  const unknown = items.filter((s) => s.insideEea === null);

  const columns: TableColumn<PortalSubprocessor>[] = [
    {
      accessor: 'name',
      title: t('portal.subprocessors.name'),
      sortable: true,
      render: (s) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {s.name}
          </Text>
          {s.legalName && s.legalName !== s.name ? (
            <Text size="xs" c="dimmed">
              {s.legalName}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      accessor: 'country',
      title: t('portal.subprocessors.country'),
      sortable: true,
      value: where,
      render: where,
    },
    {
      accessor: 'insideEea',
      title: t('portal.subprocessors.eea'),
      sortable: true,
      width: 150,
      value: (s) => t(`portal.subprocessors.eeaValues.${eeaOf(s)}`),
      render: (s) => (
        <Badge
          size="sm"
          variant={s.insideEea === null ? 'outline' : 'light'}
          color={s.insideEea === null ? 'gray' : s.insideEea ? 'teal' : 'red'}
        >
          <VisuallyHidden>{`${t('portal.subprocessors.eea')}: `}</VisuallyHidden>
          {t(`portal.subprocessors.eeaValues.${eeaOf(s)}`)}
        </Badge>
      ),
    },
    {
      accessor: 'activities',
      title: t('portal.subprocessors.activities'),
      value: (s) => activities(s).join('; '),
      render: (s) =>
        s.activities.length === 0 ? (
          '—'
        ) : (
          <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {s.activities.map((a) => (
              <Text key={`${a.serviceLine}-${a.dataTypeNl}`} size="sm" component="li">
                {en ? a.dataTypeEn : a.dataTypeNl}
              </Text>
            ))}
          </Stack>
        ),
    },
    {
      accessor: 'serviceLines',
      title: t('portal.subprocessors.usedFor'),
      value: (s) => s.serviceLines.map((l) => (en ? l.nameEn : l.nameNl)).join('; '),
      render: (s) => (
        <Group gap={4}>
          {s.serviceLines.map((l) => (
            <Badge key={l.code} size="sm" variant="outline" color="gray">
              {en ? l.nameEn : l.nameNl}
            </Badge>
          ))}
        </Group>
      ),
    },
  ];

  return (
    <Stack gap="md">
      {outside.length > 0 ? (
        <Alert color="orange" variant="light" icon={<IconWorld aria-hidden />}>
          {t('portal.subprocessors.transfers', {
            names: outside.map((s) => `${s.name} (${where(s)})`).join(', '),
          })}
        </Alert>
      ) : items.length > 0 && unknown.length === 0 ? (
        <Text size="sm">{t('portal.subprocessors.noTransfers')}</Text>
      ) : null}
      {unknown.length > 0 ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('portal.subprocessors.countriesUnknown', { names: unknown.map((s) => s.name).join(', ') })}
        </Alert>
      ) : null}
      <DataTable<PortalSubprocessor>
        label={t('portal.subprocessors.tableLabel')}
        columns={columns}
        records={visible}
        searchable
        csvFileName="sub-verwerkers.csv"
        initialSort={{ columnAccessor: 'name', direction: 'asc' }}
        noRecordsText={t('portal.subprocessors.empty')}
        toolbar={
          <>
            <Select
              aria-label={t('portal.subprocessors.filterService')}
              placeholder={t('portal.subprocessors.allServices')}
              data={[...services].map(([value, label]) => ({ value, label }))}
              value={service}
              onChange={setService}
              clearable
              clearButtonProps={{ 'aria-label': t('portal.subprocessors.clearService') }}
              size="sm"
              w={220}
            />
            <Select
              aria-label={t('portal.subprocessors.filterEea')}
              placeholder={t('portal.subprocessors.allLocations')}
              data={(['inside', 'outside', 'unknown'] as const).map((value) => ({
                value,
                label: t(`portal.subprocessors.eeaValues.${value}`),
              }))}
              value={eea}
              onChange={(value) => setEea(value as EeaFilter | null)}
              clearable
              clearButtonProps={{ 'aria-label': t('portal.subprocessors.clearEea') }}
              size="sm"
              w={200}
            />
          </>
        }
      />
      {query.data.registerVersion !== null ? (
        <Text size="xs" c="dimmed">
          {t('portal.subprocessors.registerVersion', { version: query.data.registerVersion })}
        </Text>
      ) : null}
    </Stack>
  );
}
