import { Alert, Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconInfoCircle, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Agreement, Dpa } from '../../customers/api/types.ts';
import { DayText } from '../../customers/components/day-text.tsx';
import { formatDay } from '../../customers/lib/dates.ts';
import { usePortalAccounts } from '../api/accounts.ts';
import { portalSignatureFileUrl, usePortalCustomer } from '../api/portal.ts';
import type { PortalUser } from '../lib/session.ts';
import { AgreementStatusBadge, PortalDpaStatusBadge } from './portal-badges.tsx';
import { SignDpaModal } from './sign-dpa-modal.tsx';

/** The customer may sign a version that was sent and that it has not signed yet. */
export const awaitsCustomer = (dpa: Dpa) =>
  (dpa.status === 'sent' || dpa.status === 'signed_by_processor') &&
  !dpa.signatures.some((s) => s.party === 'customer');

function Signatures({ agreementId, dpa }: { agreementId: string; dpa: Dpa }) {
  const { t } = useTranslation();
  if (dpa.signatures.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('portal.dpa.noSignatures')}
      </Text>
    );
  }
  return (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {[...dpa.signatures]
        .sort((a, b) => a.signedAt.localeCompare(b.signedAt))
        .map((s) => (
          <li key={s.id}>
            <Text size="sm">
              <Text component="span" fw={600} inherit>
                {t(`portal.dpa.parties.${s.party}`)}:
              </Text>{' '}
              {s.signerName} ({s.signerRole})
            </Text>
            <Text size="xs" c="dimmed">
              <DateTimeText value={s.signedAt} />
              {' · '}
              {s.method === 'portal' ? t('portal.dpa.viaPortal') : t('portal.dpa.viaPdf')}
            </Text>
            {s.fileName ? (
              <Anchor
                href={portalSignatureFileUrl(agreementId, dpa.id, s.id)}
                download
                size="xs"
                aria-label={t('portal.dpa.download', {
                  party: t(`portal.dpa.parties.${s.party}`),
                  file: s.fileName,
                })}
              >
                <Group gap={4} component="span" wrap="nowrap">
                  <IconDownload size={12} aria-hidden />
                  {s.fileName}
                </Group>
              </Anchor>
            ) : null}
          </li>
        ))}
    </Stack>
  );
}

function WhoCanSign() {
  const { t } = useTranslation();
  const accounts = usePortalAccounts();
  const admins = accounts.data?.users.filter((u) => u.role === 'customer-admin' && !u.disabledAt) ?? [];
  return (
    <Text size="xs" c="dimmed" maw={220}>
      {admins.length > 0
        ? t('portal.dpa.whoCanSign', { names: admins.map((u) => u.name).join(', ') })
        : t('portal.dpa.adminSigns')}
    </Text>
  );
}

function AgreementDpas({
  agreement,
  user,
  onSign,
}: {
  agreement: Agreement;
  user: PortalUser;
  onSign: (dpa: Dpa) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = `agreement-${agreement.id}`;
  const waiting = agreement.dpas.find(awaitsCustomer);
  const inForce = agreement.dpas.find((d) => d.inForce);
  const columns: TableColumn<Dpa>[] = [
    {
      accessor: 'version',
      title: t('portal.dpa.columns.version'),
      sortable: true,
      width: 90,
      render: (d) => t('portal.dpa.version', { version: d.version }),
    },
    {
      accessor: 'status',
      title: t('portal.dpa.columns.status'),
      value: (d) => t(`portal.dpa.status.${d.status}`),
      width: 230,
      render: (d) => <PortalDpaStatusBadge status={d.status} />,
    },
    {
      accessor: 'sentAt',
      title: t('portal.dpa.columns.sent'),
      sortable: true,
      value: (d) => (d.sentAt ? format.dateTime(d.sentAt) : ''),
      render: (d) => <DateTimeText value={d.sentAt} />,
    },
    {
      accessor: 'effectiveDate',
      title: t('portal.dpa.columns.effective'),
      sortable: true,
      value: (d) => formatDay(d.effectiveDate, format.lng),
      render: (d) => (
        <Stack gap={2}>
          <DayText value={d.effectiveDate} />
          {d.supersededOn ? (
            <Text size="xs" c="dimmed">
              {t('portal.dpa.supersededOn')} <DayText value={d.supersededOn} />
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      accessor: 'signatures',
      title: t('portal.dpa.columns.signatures'),
      value: (d) =>
        d.signatures
          .map((s) => `${t(`portal.dpa.parties.${s.party}`)}: ${s.signerName} (${s.signerRole})`)
          .join('; '),
      render: (d) => <Signatures agreementId={agreement.id} dpa={d} />,
    },
    {
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      render: (d) =>
        awaitsCustomer(d) && agreement.status !== 'ended' ? (
          user.isAdmin ? (
            <Button
              size="xs"
              leftSection={<IconSignature size={14} aria-hidden />}
              onClick={() => onSign(d)}
              aria-label={t('portal.dpa.signVersion', { version: d.version })}
            >
              {t('portal.dpa.sign')}
            </Button>
          ) : (
            <WhoCanSign />
          )
        ) : null,
    },
  ];

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} fz="h4" id={titleId}>
              {t('portal.dpa.agreementTitle', { reference: agreement.reference })}
            </Title>
            <Text size="xs" c="dimmed">
              {t('portal.overview.since')} <DayText value={agreement.startDate} />
              {agreement.endDate ? (
                <>
                  {' · '}
                  {t('portal.overview.until')} <DayText value={agreement.endDate} />
                </>
              ) : null}
            </Text>
          </Stack>
          <AgreementStatusBadge status={agreement.status} size="sm" />
        </Group>
        {inForce?.effectiveDate ? (
          <Text size="sm">
            {t('portal.dpa.inForceNow', { version: inForce.version })}{' '}
            <DayText value={inForce.effectiveDate} fw={700} />
          </Text>
        ) : null}
        {waiting && agreement.status !== 'ended' ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconSignature aria-hidden />}
            title={t('portal.dpa.waitingTitle', { version: waiting.version })}
          >
            {user.isAdmin ? t('portal.dpa.waitingAdmin') : t('portal.dpa.waitingMember')}
            {inForce ? ` ${t('portal.dpa.oldStaysInForce', { old: inForce.version })}` : ''}
          </Alert>
        ) : null}
        {agreement.status === 'ended' ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('portal.dpa.ended')}
          </Alert>
        ) : null}
        <DataTable<Dpa>
          label={t('portal.dpa.tableLabel', { reference: agreement.reference })}
          columns={columns}
          records={agreement.dpas}
          initialSort={{ columnAccessor: 'version', direction: 'desc' }}
          noRecordsText={t('portal.dpa.noVersions')}
          csvFileName={`dpa-${agreement.reference}.csv`}
        />
      </Stack>
    </Card>
  );
}

export function PortalDpaPage({ user }: { user: PortalUser }) {
  const { t } = useTranslation();
  const customer = usePortalCustomer();
  const [signing, setSigning] = useState<{ agreementId: string; dpa: Dpa } | null>(null);

  if (customer.isPending) {
    return <Skeleton h={320} />;
  }
  if (customer.isError) {
    return <ErrorAlert error={customer.error} title={t('errors.loadTitle')} />;
  }
  const { agreements, legalName } = customer.data;
  return (
    <Stack gap="md">
      {agreements.length === 0 ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('portal.overview.noAgreements')}
        </Alert>
      ) : null}
      {agreements.map((agreement) => (
        <AgreementDpas
          key={agreement.id}
          agreement={agreement}
          user={user}
          onSign={(dpa) => setSigning({ agreementId: agreement.id, dpa })}
        />
      ))}
      {user.isAdmin ? (
        <SignDpaModal
          agreementId={signing?.agreementId ?? ''}
          dpa={signing?.dpa ?? null}
          customerName={legalName}
          userName={user.name}
          onClose={() => setSigning(null)}
        />
      ) : null}
    </Stack>
  );
}
