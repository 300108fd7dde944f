import { Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { i18n } from '../../../i18n/index.ts';
import type { RecordRow } from '../../customers/api/types.ts';
import { DayText } from '../../customers/components/day-text.tsx';
import { Field } from '../../customers/components/overview-tab.tsx';
import { formatDay } from '../../customers/lib/dates.ts';
import { formatPhone } from '../../customers/lib/phone.ts';
import { portalRecordFileUrl } from '../../documents/api/documents.ts';
import { RecordDownloadButtons } from '../../documents/components/record-download-buttons.tsx';
import { portalRecordExportUrl, usePortalRecord } from '../api/portal.ts';

// The register's taxonomy labels live with the register module; until a label exists the code is shown.
function label(group: 'categories' | 'subjects', code: string): string {
  const key = `register.${group}.${code}`;
  return i18n.exists(key) ? i18n.t(key as never) : code;
}

type Row = RecordRow & { key: string };

/** The processor's record of processing for this customer (Art. 30(2) GDPR), with its retention dates. */
export function PortalRecordPage() {
  const { t, i18n: instance } = useTranslation();
  const lng = instance.resolvedLanguage ?? 'nl';
  const en = lng === 'en';
  const record = usePortalRecord();
  const [service, setService] = useState<string | null>(null);

  if (record.isPending) {
    return <Skeleton h={480} />;
  }
  if (record.isError) {
    return <ErrorAlert error={record.error} title={t('errors.loadTitle')} />;
  }
  const data = record.data;
  const serviceName = (code: string) => {
    const s = data.services.find((x) => x.code === code);
    return s ? (en ? s.nameEn : s.nameNl) : code;
  };
  const rows: Row[] = data.rows
    .map((r, i) => ({ ...r, key: `${r.service}-${i}` }))
    .filter((r) => !service || r.service === service);
  const dataType = (r: Row) => (en ? r.dataTypeEn : r.dataTypeNl);
  const categories = (r: Row) => r.dataCategories.map((c) => label('categories', c)).join('; ');
  const subjects = (r: Row) => r.dataSubjects.map((c) => label('subjects', c)).join('; ');

  const columns: TableColumn<Row>[] = [
    {
      accessor: 'service',
      title: t('portal.record.service'),
      sortable: true,
      width: 130,
      value: (r) => serviceName(r.service),
      render: (r) => (
        <Text size="sm" fw={500}>
          {serviceName(r.service)}
        </Text>
      ),
    },
    {
      accessor: 'dataType',
      title: t('portal.record.dataType'),
      sortable: true,
      value: dataType,
      render: (r) => (
        <Stack gap={2}>
          <Text size="sm">{dataType(r)}</Text>
          <Text size="xs" c="dimmed">
            {t('portal.record.categories')}: {categories(r)}
          </Text>
        </Stack>
      ),
    },
    { accessor: 'dataSubjects', title: t('portal.record.subjects'), value: subjects, render: subjects },
    {
      accessor: 'subprocessors',
      title: t('portal.record.subprocessors'),
      value: (r) => r.subprocessors.join('; ') || '—',
      render: (r) => r.subprocessors.join('; ') || '—',
    },
    {
      accessor: 'retentionUntil',
      title: t('portal.record.retention'),
      sortable: true,
      // sorts by the date itself (YYYY-MM-DD); unknown dates last
      value: (r) => r.retentionUntil ?? '',
      render: (r) => (
        <Stack gap={2}>
          <Text size="sm">{en ? r.retentionEn : r.retentionNl}</Text>
          {r.retentionUntil ? (
            <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
              {r.retentionUntilIsLatest ? t('portal.record.latest') : t('portal.record.keepUntil')}{' '}
              <DayText value={r.retentionUntil} />
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              {t('portal.record.untilUnknown')}
            </Text>
          )}
        </Stack>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="xs" c="dimmed">
          {t('portal.record.asOf', { date: formatDay(data.asOfDate, lng) })}
          {data.registerVersion === null
            ? ''
            : ` · ${t('portal.record.registerVersion', { version: data.registerVersion })}`}
          {' · '}
          {t('portal.record.generated')} <DateTimeText value={data.generatedAt} />
        </Text>
        <Group gap="xs" role="group" aria-label={t('portal.record.exportLabel')}>
          <RecordDownloadButtons url={portalRecordFileUrl} grouped={false} />
          {(['csv', 'xlsx', 'json'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              href={portalRecordExportUrl(format)}
              download
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} aria-hidden />}
            >
              {t(`portal.record.export.${format}`)}
            </Button>
          ))}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md" radius="md" component="section" aria-labelledby="record-processor">
          <Title order={2} fz="h5" id="record-processor" mb="xs">
            {t('portal.record.processor')}
          </Title>
          <Stack gap="xs" component="dl" m={0}>
            <Field label={t('portal.record.name')}>{data.processor.legalName}</Field>
            <Field label={t('portal.record.privacyContact')}>
              {[
                data.processor.privacyContact.name,
                data.processor.privacyContact.email,
                formatPhone(data.processor.privacyContact.phone),
              ]
                .filter(Boolean)
                .join(' · ') || '—'}
            </Field>
            <Field label={t('portal.record.breachPhone')}>
              {formatPhone(data.processor.breachPhone) || '—'}
            </Field>
          </Stack>
        </Card>
        <Card withBorder padding="md" radius="md" component="section" aria-labelledby="record-services">
          <Title order={2} fz="h5" id="record-services" mb="xs">
            {t('portal.record.services')}
          </Title>
          {data.services.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('portal.record.noServices')}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {data.services.map((s) => (
                <li key={s.code}>
                  <Text size="sm" fw={600}>
                    {en ? s.nameEn : s.nameNl}{' '}
                    <Text component="span" size="xs" c="dimmed" fw={400}>
                      ({formatDay(s.startDate, lng)} –{' '}
                      {s.endDate ? formatDay(s.endDate, lng) : t('portal.record.open')})
                    </Text>
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('portal.record.purpose')}: {en ? s.purposeEn : s.purposeNl}
                  </Text>
                </li>
              ))}
            </Stack>
          )}
        </Card>
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="record-rows">
        <Title order={2} fz="h4" id="record-rows">
          {t('portal.record.rows', { count: data.rows.length })}
        </Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('portal.record.rowsIntro')}
        </Text>
        <DataTable<Row>
          label={t('portal.record.rowsLabel')}
          columns={columns}
          records={rows}
          idAccessor="key"
          searchable
          noRecordsText={t('portal.record.noRows')}
          toolbar={
            <Select
              aria-label={t('portal.record.filterService')}
              placeholder={t('portal.record.allServices')}
              data={data.services.map((s) => ({ value: s.code, label: en ? s.nameEn : s.nameNl }))}
              value={service}
              onChange={setService}
              clearable
              clearButtonProps={{ 'aria-label': t('portal.record.clearService') }}
              size="sm"
              w={220}
            />
          }
        />
      </Stack>
    </Stack>
  );
}
