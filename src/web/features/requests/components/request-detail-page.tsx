import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconEye, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { notifyError } from '../../../components/api-error.ts';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useFormat } from '../../../lib/format.ts';
import { customerPath } from '../../customers/api/customers.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import {
  packageUrl,
  requestsPage,
  useOpenDsrMessages,
  useRequest,
  useRevealIdentities,
} from '../api/requests.ts';
import type { RequestDetail } from '../api/types.ts';
import { formatBytes } from '../lib/files.ts';
import { useRequestPermissions } from '../lib/permissions.ts';
import { RequestCountdown } from './badges.tsx';
import { BackLink } from './shared/back-link.tsx';
import {
  CustomerDeadlineFact,
  DueFact,
  Fact,
  NotesAlert,
  RightFact,
  ScopeFact,
  StatusFact,
} from './shared/request-facts.tsx';
import { StatusActions } from './status-actions.tsx';
import { TasksTable } from './tasks-table.tsx';

function Identities({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const { canWrite } = useRequestPermissions();
  const reveal = useRevealIdentities(request.id);
  const shown = reveal.data;
  const titleId = 'request-identities-title';
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} fz="h4" id={titleId}>
            {t('requests.identities.title')}
          </Title>
          {canWrite && !request.identitiesErased ? (
            shown ? (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconEyeOff size={14} aria-hidden />}
                onClick={() => reveal.reset()}
              >
                {t('requests.identities.hide')}
              </Button>
            ) : (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconEye size={14} aria-hidden />}
                loading={reveal.isPending}
                aria-label={t('requests.identities.showLabel')}
                onClick={() => reveal.mutate(undefined, { onError: (e) => notifyError(e, t) })}
              >
                {t('requests.identities.show')}
              </Button>
            )
          ) : null}
        </Group>
        {request.identitiesErased ? (
          <Text size="sm" c="dimmed">
            {t('requests.identities.erased')}
          </Text>
        ) : (
          <Stack gap={6} component="dl" m={0}>
            {(shown ?? request.identities).map((identity, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the identities are a fixed list in stored order
              <Stack gap={0} key={index}>
                <Text size="xs" c="dimmed" fw={600} component="dt">
                  {t(`requests.identityType.${identity.type}` as never)}
                  {identity.format === 'sha256' ? ` (${t('requests.identities.hashed')})` : ''}
                </Text>
                <Text size="sm" ff="monospace" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
                  {'value' in identity ? identity.value : identity.masked}
                </Text>
              </Stack>
            ))}
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          {shown ? t('requests.identities.audited') : t('requests.identities.maskedHint')}
        </Text>
      </Stack>
    </Card>
  );
}

function Summary({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const serviceLines = useServiceLines();
  const titleId = 'request-summary-title';
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} fz="h4" id={titleId}>
          {t('requests.detail.summary')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="dl" m={0}>
          <Fact label={t('requests.detail.customer')}>
            <Anchor component={Link} to={customerPath(request.customer.id)} size="sm">
              {request.customer.legalName}
            </Anchor>
          </Fact>
          <RightFact request={request} />
          <StatusFact request={request} />
          <Fact label={t('requests.detail.received')}>
            <DateTimeText value={request.receivedAt} />
            {` · ${t(`requests.channel.${request.channel}`)}`}
          </Fact>
          <DueFact
            request={request}
            label={t('requests.detail.due')}
            note={
              request.onHoldSince
                ? t('requests.detail.onHoldSince', { when: format.dateTime(request.onHoldSince) })
                : request.heldDays > 0
                  ? t('requests.detail.heldDays', { count: request.heldDays })
                  : null
            }
          />
          <CustomerDeadlineFact
            request={request}
            label={t('requests.detail.customerDeadline')}
            hint={(months) =>
              t('requests.detail.customerDeadlineHint', {
                date: format.date(request.customerReceivedOn),
                months,
              })
            }
          />
          <ScopeFact request={request} nameOf={serviceLines.nameOf} />
          <Fact label={t('requests.detail.progress')}>
            {t('requests.detail.tasksDone', { done: request.tasks.done, total: request.tasks.total })}
          </Fact>
          {request.completedAt ? (
            <Fact label={t('requests.detail.completedAt')}>
              <DateTimeText value={request.completedAt} />
            </Fact>
          ) : null}
          {request.liftedAt ? (
            <Fact label={t('requests.detail.liftedAt')}>
              <DateTimeText value={request.liftedAt} />
              {request.liftedReason ? ` · ${request.liftedReason}` : ''}
            </Fact>
          ) : null}
        </SimpleGrid>
        <NotesAlert notes={request.notes} title={t('requests.detail.notes')} />
        {request.package ? <PackageLine request={request} /> : null}
      </Stack>
    </Card>
  );
}

function PackageLine({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pkg = request.package;
  if (!pkg) {
    return null;
  }
  const expired = pkg.deleted || Date.parse(pkg.expiresAt) <= Date.now();
  return (
    <Group gap="sm">
      {expired ? (
        <Text size="sm" c="dimmed">
          {t('requests.package.expired', { when: format.dateTime(pkg.expiresAt) })}
        </Text>
      ) : (
        <>
          <Button
            component="a"
            href={packageUrl(request.id)}
            download={pkg.fileName}
            variant="light"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('requests.package.download')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('requests.package.info', {
              name: pkg.fileName,
              size: formatBytes(pkg.size, format.lng),
              when: format.dateTime(pkg.expiresAt),
            })}
          </Text>
        </>
      )}
    </Group>
  );
}

// Seed 3.6 via OpenDSR: the signed receipts we gave the controller and every status callback with its delivery
// log, so staff can see whether the controller heard of a change (Art. 5(2) evidence).
function OpenDsrLog({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const messages = useOpenDsrMessages(request.id, request.subjectRequestId !== null);
  if (request.subjectRequestId === null) {
    return null;
  }
  const titleId = 'request-opendsr-title';
  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId}>
      <Title order={2} fz="h4" id={titleId}>
        {t('requests.opendsr.title')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('requests.opendsr.description', { id: request.subjectRequestId })}
      </Text>
      <ErrorAlert error={messages.error} />
      <Table striped withTableBorder aria-labelledby={titleId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('requests.opendsr.when')}</Table.Th>
            <Table.Th>{t('requests.opendsr.kind')}</Table.Th>
            <Table.Th>{t('requests.opendsr.to')}</Table.Th>
            <Table.Th>{t('requests.opendsr.delivery')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(messages.data ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{format.dateTime(m.createdAt)}</Table.Td>
              <Table.Td>{t(`requests.opendsr.kinds.${m.kind}`)}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{m.url ?? '—'}</Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={m.delivery === 'failed' ? 'red' : m.delivery === 'pending' ? 'yellow' : 'gray'}
                >
                  {t(`requests.opendsr.deliveries.${m.delivery}`)}
                </Badge>
                {m.attempts > 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('requests.opendsr.attempts', { count: m.attempts, result: m.lastResult ?? '' })}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function RequestDetailPage() {
  const { t } = useTranslation();
  const { requestId = '' } = useParams();
  const { canWrite } = useRequestPermissions();
  const query = useRequest(requestId);
  const request = query.data;
  const tasksTitleId = 'request-tasks-title';
  return (
    <Stack gap="md">
      <BackLink to={requestsPage} label={t('requests.backToList')} />
      <ErrorAlert error={query.error} />
      {query.isPending ? <Skeleton h={300} /> : null}
      {request ? (
        <>
          <PageHeader
            title={`${request.reference} · ${request.customer.legalName}`}
            description={t('requests.detail.description', {
              right: t(`requests.right.${request.rightType}`),
            })}
            actions={
              <RequestCountdown
                status={request.status}
                dueAt={request.dueAt}
                completedAt={request.completedAt}
              />
            }
          />
          {canWrite ? <StatusActions request={request} /> : null}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Summary request={request} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Identities request={request} />
            </Grid.Col>
          </Grid>
          <Stack gap="xs" component="section" aria-labelledby={tasksTitleId}>
            <Title order={2} fz="h4" id={tasksTitleId}>
              {t('requests.tasks.title')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('requests.tasks.description')}
            </Text>
            <TasksTable request={request} labelledBy={tasksTitleId} />
          </Stack>
          <OpenDsrLog request={request} />
        </>
      ) : null}
    </Stack>
  );
}
