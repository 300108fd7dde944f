import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconInfoCircle, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { i18n } from '../../../i18n/index.ts';
import { countryName } from '../../settings/components/countries.ts';
import { recordExportUrl, useCustomerRecord } from '../api/record.ts';
import type { CustomerRecord, RecordRow, RecordSubprocessor } from '../api/types.ts';
import { formatDay } from '../lib/dates.ts';
import { formatPhone } from '../lib/phone.ts';
import { CustomerStatusBadge } from './badges.tsx';
import { DayText } from './day-text.tsx';
import { Field } from './overview-tab.tsx';

// The register's taxonomy labels live with the register module (register.categories.<code>,
// register.subjects.<code>); until a label exists the code itself is shown.
function label(group: 'categories' | 'subjects', code: string): string {
  const key = `register.${group}.${code}`;
  return i18n.exists(key) ? i18n.t(key as never) : code;
}

type Row = RecordRow & { key: string };

function Parties({ record }: { record: CustomerRecord }) {
  const { t } = useTranslation();
  const { processor, controller } = record;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="record-processor">
        <Title order={3} fz="h5" id="record-processor" mb="xs">
          {t('customers.record.processor')}
        </Title>
        <Stack gap="xs" component="dl" m={0}>
          <Field label={t('customers.fields.legalName')}>
            {processor.legalName}
            {processor.kvkNumber ? ` (${t('customers.fields.kvkNumber')} ${processor.kvkNumber})` : ''}
          </Field>
          <Field label={t('customers.fields.address')}>{processor.address || '—'}</Field>
          <Field label={t('customers.record.privacyContact')}>
            {[
              processor.privacyContact.name,
              processor.privacyContact.email,
              formatPhone(processor.privacyContact.phone),
            ]
              .filter(Boolean)
              .join(' · ') || '—'}
          </Field>
          <Field label={t('customers.record.breachPhone')}>{formatPhone(processor.breachPhone) || '—'}</Field>
        </Stack>
      </Card>
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="record-controller">
        <Title order={3} fz="h5" id="record-controller" mb="xs">
          {t('customers.record.controller')}
        </Title>
        <Stack gap="xs" component="dl" m={0}>
          <Field label={t('customers.fields.legalName')}>
            {controller.legalName} ({t('customers.fields.kvkNumber')} {controller.kvkNumber})
          </Field>
          <Field label={t('customers.fields.address')}>{controller.address || '—'}</Field>
          <Field label={t('customers.contacts.title')}>
            {controller.contacts.length === 0 ? (
              '—'
            ) : (
              <List size="sm" spacing={2} listStyleType="none" ml={0} pl={0}>
                {controller.contacts.map((c) => (
                  <List.Item key={c.id}>
                    {c.name} ({c.roles.map((r) => t(`customers.roles.${r}`)).join(', ')}) · {c.email}
                    {c.phone ? ` · ${formatPhone(c.phone)}` : ''}
                  </List.Item>
                ))}
              </List>
            )}
          </Field>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

function SubprocessorsSection({ record }: { record: CustomerRecord }) {
  const { t, i18n: instance } = useTranslation();
  const lng = instance.resolvedLanguage;
  const outside = record.subprocessors.filter((s) => s.country !== null && !s.insideEea);
  const unknown = record.subprocessors.filter((s) => s.country === null);
  const where = (s: RecordSubprocessor) =>
    s.country === null
      ? t('customers.record.countryUnknown')
      : `${countryName(s.country, lng)} (${s.country})`;
  const columns: TableColumn<RecordSubprocessor>[] = [
    { accessor: 'name', title: t('customers.record.subprocessor'), sortable: true },
    { accessor: 'country', title: t('customers.record.country'), value: where, render: where },
    {
      accessor: 'insideEea',
      title: t('customers.record.eea'),
      value: (s) =>
        s.country === null
          ? t('customers.record.unknown')
          : s.insideEea
            ? t('customers.record.yes')
            : t('customers.record.no'),
      render: (s) =>
        s.country === null ? (
          <Badge size="sm" variant="outline" color="gray">
            {t('customers.record.unknown')}
          </Badge>
        ) : (
          <Badge size="sm" variant="light" color={s.insideEea ? 'teal' : 'red'}>
            {s.insideEea ? t('customers.record.insideEea') : t('customers.record.outsideEea')}
          </Badge>
        ),
    },
  ];
  return (
    <Stack gap="xs" component="section" aria-labelledby="record-subprocessors">
      <Title order={3} fz="h5" id="record-subprocessors">
        {t('customers.record.subprocessors')}
      </Title>
      <DataTable<RecordSubprocessor>
        label={t('customers.record.subprocessors')}
        columns={columns}
        records={record.subprocessors}
        idAccessor="name"
        noRecordsText={t('customers.record.noSubprocessors')}
      />
      <Title order={3} fz="h5" id="record-transfers" mt="xs">
        {t('customers.record.transfers')}
      </Title>
      {outside.length === 0 ? (
        <Text size="sm">{t('customers.record.noTransfers')}</Text>
      ) : (
        <Alert color="red" variant="light" icon={<IconWorld aria-hidden />}>
          {t('customers.record.transfersList', {
            names: outside.map((s) => `${s.name} (${where(s)})`).join(', '),
          })}
        </Alert>
      )}
      {unknown.length > 0 ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('customers.record.countriesUnknown', { names: unknown.map((s) => s.name).join(', ') })}
        </Alert>
      ) : null}
    </Stack>
  );
}

export function RecordTab({ customerId }: { customerId: string }) {
  const { t, i18n: instance } = useTranslation();
  const lng = instance.resolvedLanguage ?? 'nl';
  const en = lng === 'en';
  const record = useCustomerRecord(customerId);

  if (record.isPending) {
    return <Skeleton h={480} />;
  }
  if (record.isError) {
    return <ErrorAlert error={record.error} />;
  }
  const data = record.data;
  const serviceName = (code: string) => {
    const s = data.services.find((x) => x.code === code);
    return s ? (en ? s.nameEn : s.nameNl) : code;
  };
  const rows: Row[] = data.rows.map((r, i) => ({ ...r, key: `${r.service}-${i}` }));
  const dataType = (r: Row) => (en ? r.dataTypeEn : r.dataTypeNl);
  const categories = (r: Row) => r.dataCategories.map((c) => label('categories', c)).join('; ');
  const subjects = (r: Row) => r.dataSubjects.map((c) => label('subjects', c)).join('; ');
  const until = (r: Row) =>
    r.retentionUntil
      ? `${r.retentionUntilIsLatest ? t('customers.record.latest') : t('customers.record.keepUntil')} ${formatDay(r.retentionUntil, lng)}`
      : t('customers.record.untilUnknown');
  // Six columns, so the table fits the page: the categories sit under the data type, the date under the rule.
  const columns: TableColumn<Row>[] = [
    {
      accessor: 'service',
      title: t('customers.record.service'),
      width: 110,
      value: (r) => serviceName(r.service),
      render: (r) => (
        <Text size="sm" fw={500}>
          {serviceName(r.service)}
        </Text>
      ),
    },
    {
      accessor: 'dataType',
      title: t('customers.record.dataType'),
      value: dataType,
      render: (r) => (
        <Stack gap={2}>
          <Text size="sm">{dataType(r)}</Text>
          <Text size="xs" c="dimmed">
            {t('customers.record.categories')}: {categories(r)}
          </Text>
        </Stack>
      ),
    },
    { accessor: 'dataSubjects', title: t('customers.record.subjects'), value: subjects, render: subjects },
    {
      accessor: 'processedByProcessor',
      title: t('customers.record.processedByProcessor'),
      // mantine-datatable never wraps a header: a short one, and room for it
      width: 165,
      value: (r) => (r.processedByProcessor ? t('customers.record.yes') : t('customers.record.no')),
      render: (r) => (r.processedByProcessor ? t('customers.record.yes') : t('customers.record.no')),
    },
    {
      accessor: 'subprocessors',
      title: t('customers.record.subprocessors'),
      value: (r) => r.subprocessors.join('; ') || '—',
      render: (r) => r.subprocessors.join('; ') || '—',
    },
    {
      accessor: 'retentionUntil',
      title: t('customers.record.retention'),
      value: until,
      render: (r) => (
        <Stack gap={2}>
          <Text size="sm">{en ? r.retentionEn : r.retentionNl}</Text>
          {r.retentionUntil ? (
            <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
              {r.retentionUntilIsLatest ? t('customers.record.latest') : t('customers.record.keepUntil')}{' '}
              <DayText value={r.retentionUntil} />
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              {t('customers.record.untilUnknown')}
            </Text>
          )}
        </Stack>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2} maw={760}>
          <Title order={2} fz="h4">
            {t('customers.record.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('customers.record.intro')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('customers.record.asOf', { date: formatDay(data.asOfDate, lng) })}
            {' · '}
            {data.registerVersion === null
              ? t('customers.dpa.noRegisterVersion')
              : t('customers.dpa.registerVersion', { version: data.registerVersion })}
            {' · '}
            {t('customers.record.generated')} <DateTimeText value={data.generatedAt} />
          </Text>
        </Stack>
        <Group gap="xs" role="group" aria-label={t('customers.record.exportLabel')}>
          {(['pdf', 'docx', 'xlsx', 'csv', 'json'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              href={recordExportUrl(customerId, format)}
              download
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} aria-hidden />}
            >
              {t(`customers.record.export.${format}`)}
            </Button>
          ))}
        </Group>
      </Group>
      <Parties record={data} />
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="record-agreement">
        <Stack gap="sm">
          <Group gap="sm">
            <Title order={3} fz="h5" id="record-agreement">
              {t('customers.record.agreementAndServices')}
            </Title>
            {data.agreement ? <CustomerStatusBadge status={data.agreement.status} size="sm" /> : null}
          </Group>
          {data.agreement ? (
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
              <Field label={t('customers.agreement.reference')}>{data.agreement.reference}</Field>
              <Field label={t('customers.agreement.startDate')}>
                <DayText value={data.agreement.startDate} />
              </Field>
              <Field label={t('customers.agreement.noticeGivenOn')}>
                <DayText value={data.agreement.noticeGivenOn} fallback={t('customers.agreement.noNotice')} />
              </Field>
              <Field label={t('customers.agreement.endDate')}>
                <DayText value={data.agreement.endDate} fallback={t('customers.agreement.noEnd')} />
              </Field>
            </SimpleGrid>
          ) : (
            <Text size="sm">{t('customers.agreement.none')}</Text>
          )}
          {data.services.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('customers.record.noServices')}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {data.services.map((s) => (
                <li key={s.code}>
                  <Text size="sm" fw={600}>
                    {en ? s.nameEn : s.nameNl}{' '}
                    <Text component="span" size="xs" c="dimmed" fw={400}>
                      ({formatDay(s.startDate, lng)} –{' '}
                      {s.endDate ? formatDay(s.endDate, lng) : t('customers.services.open')})
                    </Text>
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('customers.record.purpose')}: {en ? s.purposeEn : s.purposeNl}
                  </Text>
                </li>
              ))}
            </Stack>
          )}
        </Stack>
      </Card>
      <Stack gap="xs" component="section" aria-labelledby="record-rows">
        <Title order={3} fz="h5" id="record-rows">
          {t('customers.record.rows', { count: rows.length })}
        </Title>
        <Text size="xs" c="dimmed">
          {t('customers.record.rowsIntro')}
        </Text>
        <DataTable<Row>
          label={t('customers.record.rowsLabel')}
          columns={columns}
          records={rows}
          idAccessor="key"
          noRecordsText={t('customers.record.noRows')}
        />
      </Stack>
      <SubprocessorsSection record={data} />
      <Text size="sm">
        <Text component="span" fw={600}>
          {t('customers.record.security')}:
        </Text>{' '}
        {t('customers.record.securityText')}
      </Text>
    </Stack>
  );
}
