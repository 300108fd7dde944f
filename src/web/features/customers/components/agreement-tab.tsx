import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCalendarOff, IconInfoCircle, IconPlus, IconSquareX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { useServiceLines } from '../api/service-lines.ts';
import type { Agreement, AgreementService, Customer } from '../api/types.ts';
import { formatDay } from '../lib/dates.ts';
import { AgreementForm } from './agreement-form.tsx';
import { AddServiceModal, EndServiceModal, NoticeModal } from './agreement-modals.tsx';
import { CustomerStatusBadge } from './badges.tsx';
import { DayText } from './day-text.tsx';
import { Field } from './overview-tab.tsx';

function ServicesTable({
  customerId,
  agreement,
  canEdit,
}: {
  customerId: string;
  agreement: Agreement;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const serviceLines = useServiceLines();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<AgreementService | null>(null);
  const open = agreement.status !== 'ended';

  const columns: TableColumn<AgreementService>[] = [
    {
      accessor: 'serviceLineCode',
      title: t('customers.services.line'),
      sortable: true,
      value: (s) => serviceLines.nameOf(s.serviceLineCode),
      render: (s) => (
        <Text size="sm" fw={500}>
          {serviceLines.nameOf(s.serviceLineCode)}
        </Text>
      ),
    },
    {
      accessor: 'startDate',
      title: t('customers.services.startDate'),
      sortable: true,
      noWrap: true,
      value: (s) => formatDay(s.startDate, lng),
      render: (s) => <DayText value={s.startDate} />,
    },
    {
      accessor: 'endDate',
      title: t('customers.services.endDate'),
      sortable: true,
      noWrap: true,
      value: (s) => formatDay(s.endDate, lng),
      render: (s) => <DayText value={s.endDate} fallback={t('customers.services.open')} />,
    },
    {
      accessor: 'activeToday',
      title: t('customers.services.today'),
      value: (s) => (s.activeToday ? t('customers.services.running') : t('customers.services.notRunning')),
      render: (s) => (
        <Badge size="sm" variant="light" color={s.activeToday ? 'teal' : 'gray'}>
          {s.activeToday ? t('customers.services.running') : t('customers.services.notRunning')}
        </Badge>
      ),
    },
  ];
  if (canEdit && open) {
    columns.push({
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      render: (s) =>
        s.endDate === null || s.activeToday ? (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            leftSection={<IconSquareX size={14} aria-hidden />}
            onClick={() => setEnding(s)}
            aria-label={t('customers.services.endFor', { service: serviceLines.nameOf(s.serviceLineCode) })}
          >
            {s.endDate === null ? t('customers.services.end') : t('customers.services.changeEnd')}
          </Button>
        ) : null,
    });
  }

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} fz="h5">
          {t('customers.services.title')}
        </Title>
        {canEdit && open ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            {t('customers.services.add')}
          </Button>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed">
        {t('customers.services.intro')}
      </Text>
      <DataTable<AgreementService>
        label={t('customers.services.tableLabel', { reference: agreement.reference })}
        columns={columns}
        records={agreement.services}
        noRecordsText={t('customers.services.empty')}
        initialSort={{ columnAccessor: 'startDate', direction: 'asc' }}
      />
      <AddServiceModal
        customerId={customerId}
        agreement={agreement}
        opened={adding}
        onClose={() => setAdding(false)}
      />
      <EndServiceModal
        customerId={customerId}
        agreement={agreement}
        service={ending}
        onClose={() => setEnding(null)}
      />
    </Stack>
  );
}

function AgreementCard({
  customerId,
  agreement,
  canEdit,
  current,
}: {
  customerId: string;
  agreement: Agreement;
  canEdit: boolean;
  current: boolean;
}) {
  const { t } = useTranslation();
  const [noticing, setNoticing] = useState(false);
  const titleId = `agreement-${agreement.id}`;
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <Title order={2} fz="h4" id={titleId}>
              {current
                ? t('customers.agreement.current', { reference: agreement.reference })
                : t('customers.agreement.earlier', { reference: agreement.reference })}
            </Title>
            <CustomerStatusBadge status={agreement.status} />
          </Group>
          {canEdit && agreement.status !== 'ended' ? (
            <Button
              variant={agreement.status === 'active' ? 'filled' : 'default'}
              color={agreement.status === 'active' ? 'orange' : undefined}
              size="xs"
              leftSection={<IconCalendarOff size={14} aria-hidden />}
              onClick={() => setNoticing(true)}
            >
              {agreement.status === 'active' ? t('customers.notice.open') : t('customers.notice.change')}
            </Button>
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
          <Field label={t('customers.agreement.reference')}>{agreement.reference}</Field>
          <Field label={t('customers.agreement.startDate')}>
            <DayText value={agreement.startDate} />
          </Field>
          <Field label={t('customers.agreement.noticeGivenOn')}>
            <DayText value={agreement.noticeGivenOn} fallback={t('customers.agreement.noNotice')} />
          </Field>
          <Field label={t('customers.agreement.endDate')}>
            <DayText value={agreement.endDate} fallback={t('customers.agreement.noEnd')} />
          </Field>
        </SimpleGrid>
        {agreement.status === 'terminated' ? (
          <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('customers.agreement.terminatedNote')}
          </Alert>
        ) : null}
        {agreement.status === 'ended' ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('customers.agreement.endedNote')}
          </Alert>
        ) : null}
        <ServicesTable customerId={customerId} agreement={agreement} canEdit={canEdit && current} />
      </Stack>
      {canEdit ? (
        <NoticeModal
          customerId={customerId}
          agreement={agreement}
          opened={noticing}
          onClose={() => setNoticing(false)}
        />
      ) : null}
    </Card>
  );
}

export function AgreementTab({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [current, ...earlier] = customer.agreements;

  if (!current) {
    return canEdit ? (
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('customers.agreement.none')}
        </Text>
        <AgreementForm customerId={customer.id} />
      </Stack>
    ) : (
      <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {t('customers.agreement.none')}
      </Alert>
    );
  }

  return (
    <Stack gap="md">
      {canEdit && current.status === 'ended' ? (
        creating ? (
          <AgreementForm customerId={customer.id} onDone={() => setCreating(false)} />
        ) : (
          <Group>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('customers.agreement.new')}
            </Button>
          </Group>
        )
      ) : null}
      <AgreementCard customerId={customer.id} agreement={current} canEdit={canEdit} current />
      {earlier.map((agreement) => (
        <AgreementCard
          key={agreement.id}
          customerId={customer.id}
          agreement={agreement}
          canEdit={false}
          current={false}
        />
      ))}
    </Stack>
  );
}
