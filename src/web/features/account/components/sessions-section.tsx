import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconDeviceDesktop, IconLogout } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import type { AccountSession } from '../../../lib/api-types.ts';
import { useEndSession, useOwnSessions, useSignOutEverywhere } from '../api/sessions.ts';
import { describeUserAgent } from '../lib/user-agent.ts';

export function deviceName(session: AccountSession, t: TFunction): string {
  const device = describeUserAgent(session.userAgent);
  if (!device) {
    return t('account.sessions.unknownDevice');
  }
  return device.os
    ? t('account.sessions.deviceOn', { browser: device.browser, os: device.os })
    : device.browser;
}

/** This device first, then the most recently used. */
const byRecency = (a: AccountSession, b: AccountSession) =>
  Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt);

/** Where the account is signed in: end one session, or all of them. */
export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useOwnSessions();
  const end = useEndSession();
  const everywhere = useSignOutEverywhere();
  const [ending, setEnding] = useState<AccountSession | null>(null);
  const [endingAll, setEndingAll] = useState(false);

  const columns: TableColumn<AccountSession>[] = [
    {
      accessor: 'device',
      title: t('account.sessions.device'),
      value: (session) => `${deviceName(session, t)} (${session.userAgent ?? ''})`,
      render: (session) => (
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            <IconDeviceDesktop size={16} aria-hidden />
            <Text size="sm" fw={500}>
              {deviceName(session, t)}
            </Text>
            {session.current ? (
              <Badge size="sm" color="teal" variant="light">
                {t('account.sessions.thisDevice')}
              </Badge>
            ) : null}
          </Group>
          {session.userAgent ? (
            <Text size="xs" c="gray.7" lineClamp={1} title={session.userAgent} maw={420}>
              {session.userAgent}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      accessor: 'ip',
      title: t('account.sessions.ip'),
      render: (session) => (
        <Text size="sm" ff="monospace">
          {session.ip ?? '—'}
        </Text>
      ),
    },
    {
      accessor: 'createdAt',
      title: t('account.sessions.signedIn'),
      render: (session) => <DateTimeText value={session.createdAt} />,
    },
    {
      accessor: 'lastSeenAt',
      title: t('account.sessions.lastSeen'),
      render: (session) => <DateTimeText value={session.lastSeenAt} />,
    },
    {
      accessor: 'actions',
      title: t('common.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      render: (session) => (
        <Button
          size="xs"
          variant="default"
          aria-label={t('account.sessions.endNamed', { device: deviceName(session, t) })}
          onClick={() => setEnding(session)}
        >
          {t('account.sessions.end')}
        </Button>
      ),
    },
  ];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Title order={2} fz="h4" id="account-sessions">
            {t('account.sessions.title')}
          </Title>
          <Text size="sm" c="gray.7" maw={760}>
            {t('account.sessions.intro')}
          </Text>
        </Stack>
        <Button
          variant="default"
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => setEndingAll(true)}
        >
          {t('account.sessions.everywhere')}
        </Button>
      </Group>
      <ErrorAlert error={sessions.error} />
      <DataTable<AccountSession>
        label={t('account.sessions.tableLabel')}
        columns={columns}
        records={sessions.data ? [...sessions.data].sort(byRecency) : undefined}
        fetching={sessions.isFetching && !sessions.data}
        noRecordsText={t('account.sessions.empty')}
      />
      <ConfirmMutation
        target={ending}
        onClose={() => setEnding(null)}
        mutation={end}
        variables={(session) => session}
        title={() => t('account.sessions.endTitle')}
        confirmLabel={t('account.sessions.end')}
        danger
        success={() => t('account.sessions.ended')}
      >
        {(session) =>
          session.current
            ? t('account.sessions.endCurrentBody')
            : t('account.sessions.endBody', { device: deviceName(session, t) })
        }
      </ConfirmMutation>
      <ConfirmMutation
        target={endingAll || null}
        onClose={() => setEndingAll(false)}
        mutation={everywhere}
        variables={() => undefined}
        title={() => t('account.sessions.everywhereTitle')}
        confirmLabel={t('account.sessions.everywhere')}
        danger
        success={() => t('account.sessions.everywhereDone')}
      >
        {() => t('account.sessions.everywhereBody')}
      </ConfirmMutation>
    </Stack>
  );
}
