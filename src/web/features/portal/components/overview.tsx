import { Alert, Anchor, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  IconArrowRight,
  IconCircleCheck,
  IconFileCertificate,
  IconInfoCircle,
  IconMessage2,
  IconUserPlus,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineBadge } from '../../../components/deadline-badge.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { Dpa } from '../../customers/api/types.ts';
import { DayText } from '../../customers/components/day-text.tsx';
import { usePortalCustomer, usePortalOverview } from '../api/portal.ts';
import type { OpenItem, PortalAgreementSummary } from '../api/types.ts';
import { requestAnchor } from '../lib/anchors.ts';
import type { PortalUser } from '../lib/session.ts';
import { AgreementStatusBadge, PortalDpaStatusBadge } from './portal-badges.tsx';

function AgreementCard({
  agreement,
  inForce,
}: {
  agreement: PortalAgreementSummary;
  /** The version in force, when that is not the newest one (a newer one is still being signed). */
  inForce: Dpa | undefined;
}) {
  const { t } = useTranslation();
  const dpa = agreement.dpa;
  const titleId = `agreement-${agreement.id}`;
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={3} fz="h5" id={titleId}>
              {t('portal.overview.agreement', { reference: agreement.reference })}
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
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('portal.overview.dpa')}
          </Text>
          {dpa ? (
            <Group gap="xs">
              <Text size="sm">{t('portal.dpa.version', { version: dpa.version })}</Text>
              <PortalDpaStatusBadge status={dpa.status} />
            </Group>
          ) : (
            <PortalDpaStatusBadge status={null} />
          )}
          {dpa?.inForce && dpa.effectiveDate ? (
            <Text size="sm">
              {t('portal.overview.inForceSince')}{' '}
              <DayText value={dpa.effectiveDate} fw={700} style={{ whiteSpace: 'nowrap' }} />
            </Text>
          ) : inForce?.effectiveDate ? (
            <Text size="sm">
              {t('portal.overview.olderInForce', { version: inForce.version })}{' '}
              <DayText value={inForce.effectiveDate} fw={700} style={{ whiteSpace: 'nowrap' }} />
            </Text>
          ) : null}
        </Stack>
        <div>
          <Button
            component={Link}
            to="/portal/dpa"
            variant="light"
            size="xs"
            rightSection={<IconArrowRight size={14} aria-hidden />}
          >
            {t('portal.overview.toDpa')}
          </Button>
        </div>
      </Stack>
    </Card>
  );
}

type ItemView = { icon: ReactNode; title: string; body?: ReactNode; to: string; action: string };

function useItemView(isAdmin: boolean) {
  const { t } = useTranslation();
  const format = useFormat();
  return (item: OpenItem): ItemView => {
    switch (item.kind) {
      case 'dpa_signature':
        return {
          icon: <IconFileCertificate size={20} aria-hidden />,
          title: t('portal.overview.items.dpa', {
            version: item.version,
            reference: item.agreementReference,
          }),
          body: isAdmin ? t('portal.overview.items.dpaBody') : t('portal.overview.items.dpaBodyMember'),
          to: '/portal/dpa',
          action: isAdmin ? t('portal.overview.items.dpaAction') : t('portal.overview.items.view'),
        };
      case 'instruction_answer':
        return {
          icon: <IconMessage2 size={20} aria-hidden />,
          title: t('portal.overview.items.instruction'),
          body: (
            <>
              <DayText value={item.receivedOn} />: “{item.excerpt}”
              {item.concern ? (
                <>
                  <br />
                  {t('portal.overview.items.concern')}: {item.concern}
                </>
              ) : null}
            </>
          ),
          to: '/portal/instructions',
          action: t('portal.overview.items.view'),
        };
      case 'invite':
        return {
          icon: <IconUserPlus size={20} aria-hidden />,
          title: t('portal.overview.items.invite', { name: item.name }),
          body: item.dueAt
            ? t('portal.overview.items.inviteBody', { email: item.email, until: format.dateTime(item.dueAt) })
            : item.email,
          to: '/portal/users',
          action: t('portal.overview.items.view'),
        };
      case 'subprocessor_consent':
        return {
          icon: <IconUsersGroup size={20} aria-hidden />,
          title: t('portal.overview.items.subprocessor', { name: item.name }),
          body: [
            isAdmin
              ? t('portal.overview.items.subprocessorBody')
              : t('portal.overview.items.subprocessorBodyMember'),
            item.transferRequired ? t('portal.overview.items.subprocessorTransfer') : null,
          ]
            .filter(Boolean)
            .join(' '),
          to: `/portal/subprocessors#${requestAnchor(item.partyId)}`,
          action: isAdmin ? t('portal.overview.items.subprocessorAction') : t('portal.overview.items.view'),
        };
    }
  };
}

const kindOrder: Record<OpenItem['kind'], number> = {
  dpa_signature: 0,
  instruction_answer: 1,
  subprocessor_consent: 2,
  invite: 3,
};

const compareDue = (a: string | null, b: string | null) => (a && b ? a.localeCompare(b) : a ? -1 : b ? 1 : 0);

// A consent request's deadline is its respondBy; the server sends it as dueAt too.
const dueOf = (item: OpenItem) =>
  item.kind === 'subprocessor_consent' ? (item.dueAt ?? item.respondBy ?? null) : item.dueAt;

function OpenItems({ items, isAdmin }: { items: OpenItem[]; isAdmin: boolean }) {
  const { t } = useTranslation();
  const view = useItemView(isAdmin);
  // What binds the organisation first (a signature, an instruction on hold, a sub-processor to consent to), then
  // invites; soonest deadline first.
  const sorted = [...items].sort(
    (a, b) => kindOrder[a.kind] - kindOrder[b.kind] || compareDue(dueOf(a), dueOf(b)),
  );
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="open-items-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="open-items-title">
          {t('portal.overview.openItems', { count: items.length })}
        </Title>
        {sorted.length === 0 ? (
          <Group gap="xs" wrap="nowrap">
            <IconCircleCheck size={20} color="var(--mantine-color-teal-7)" aria-hidden />
            <Text size="sm">{t('portal.overview.nothingOpen')}</Text>
          </Group>
        ) : (
          <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {sorted.map((item, index) => {
              const v = view(item);
              // Invites are the customer-admin's to manage; a member only reads about them.
              const showAction = item.kind !== 'invite' || isAdmin;
              return (
                <Group
                  key={`${item.kind}-${item.id}`}
                  component="li"
                  justify="space-between"
                  align="center"
                  py="sm"
                  gap="sm"
                  wrap="wrap"
                  style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start" style={{ flex: 1, minWidth: 240 }}>
                    <Text c="teal.8" mt={2} component="span">
                      {v.icon}
                    </Text>
                    <Stack gap={2}>
                      <Text size="sm" fw={600}>
                        {v.title}
                      </Text>
                      {v.body ? (
                        <Text size="xs" c="dimmed">
                          {v.body}
                        </Text>
                      ) : null}
                    </Stack>
                  </Group>
                  <Group gap="sm" wrap="nowrap">
                    {dueOf(item) ? <DeadlineBadge due={dueOf(item)!} warnBefore={{ days: 1 }} /> : null}
                    {showAction ? (
                      <Anchor
                        component={Link}
                        to={v.to}
                        size="sm"
                        fw={500}
                        aria-label={`${v.action}: ${v.title}`}
                      >
                        {v.action}
                      </Anchor>
                    ) : null}
                  </Group>
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function PortalOverview({ user }: { user: PortalUser }) {
  const { t } = useTranslation();
  const overview = usePortalOverview();
  // the DPA page's data, for the version in force while a newer one is being signed
  const customer = usePortalCustomer();
  if (overview.isPending) {
    return (
      <Stack gap="md">
        <Skeleton h={120} />
        <Skeleton h={180} />
      </Stack>
    );
  }
  if (overview.isError) {
    return <ErrorAlert error={overview.error} title={t('errors.loadTitle')} />;
  }
  const { agreements, openItems } = overview.data;
  return (
    <Stack gap="md">
      <OpenItems items={openItems} isAdmin={user.isAdmin} />
      <Stack gap="xs" component="section" aria-labelledby="agreements-title">
        <Title order={2} fz="h4" id="agreements-title">
          {t('portal.overview.agreements')}
        </Title>
        {agreements.length === 0 ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('portal.overview.noAgreements')}
          </Alert>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {agreements.map((agreement) => (
              <AgreementCard
                key={agreement.id}
                agreement={agreement}
                inForce={customer.data?.agreements
                  .find((a) => a.id === agreement.id)
                  ?.dpas.find((d) => d.inForce)}
              />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Stack>
  );
}
