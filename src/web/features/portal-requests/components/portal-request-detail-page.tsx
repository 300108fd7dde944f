import { Alert, Button, Card, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useOwnServices } from '../../portal/lib/services.ts';
import { isOpenStatus, type RequestDetail } from '../../requests/api/types.ts';
import { TaskStatusBadge } from '../../requests/components/badges.tsx';
import { BackLink } from '../../requests/components/shared/back-link.tsx';
import { ReasonModal } from '../../requests/components/shared/reason-modal.tsx';
import {
  CustomerDeadlineFact,
  DueFact,
  Fact,
  NotesAlert,
  RightFact,
  ScopeFact,
  StatusFact,
} from '../../requests/components/shared/request-facts.tsx';
import { TaskOutcomeView, TaskSystem } from '../../requests/components/shared/task-parts.tsx';
import { formatBytes } from '../../requests/lib/files.ts';
import {
  portalPackageUrl,
  portalRequestsPage,
  useCancelPortalRequest,
  useLiftPortalRequest,
  usePortalRequest,
} from '../api/portal-requests.ts';

/** Cancel (while open; a reason is optional) or lift (a completed restriction or objection; a reason is needed). */
function ActionModal({
  request,
  action,
  onClose,
}: {
  request: RequestDetail;
  action: 'cancel' | 'lift' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const cancel = useCancelPortalRequest(request.id);
  const lift = useLiftPortalRequest(request.id);
  return (
    <ReasonModal
      opened={action !== null}
      title={action ? t(`portal.requests.detail.${action}Title`) : ''}
      hint={action ? t(`portal.requests.detail.${action}Hint`) : ''}
      required={action === 'lift'}
      minLength={3}
      dismissLabel={t('portal.requests.detail.keep')}
      confirmLabel={action ? t(`portal.requests.detail.${action}Confirm`) : ''}
      danger={action === 'cancel'}
      mutations={[cancel, lift]}
      doneMessage={action ? t(`portal.requests.detail.${action}Done`) : ''}
      onClose={onClose}
      onConfirm={(reason, done) => {
        if (action === 'lift') {
          lift.mutate({ reason: reason ?? '' }, done);
        } else if (action) {
          cancel.mutate({ reason }, done);
        }
      }}
    />
  );
}

function PackageCard({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pkg = request.package;
  if (!pkg) {
    return null;
  }
  const expired = pkg.deleted || Date.parse(pkg.expiresAt) <= Date.now();
  return (
    <Alert
      variant="light"
      color={expired ? 'gray' : 'teal'}
      icon={<IconDownload aria-hidden />}
      title={t('portal.requests.detail.packageTitle')}
    >
      {expired ? (
        <Text size="sm">{t('requests.package.expired', { when: format.dateTime(pkg.expiresAt) })}</Text>
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {t('portal.requests.detail.packageText', { when: format.dateTime(pkg.expiresAt) })}
          </Text>
          <Button
            component="a"
            href={portalPackageUrl(request.id)}
            download={pkg.fileName}
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('requests.package.download')}
          </Button>
          <Text size="xs" c="dimmed">
            {`${pkg.fileName} · ${formatBytes(pkg.size, format.lng)}`}
          </Text>
        </Stack>
      )}
    </Alert>
  );
}

export function PortalRequestDetailPage() {
  const { t } = useTranslation();
  const { requestId = '' } = useParams();
  const query = usePortalRequest(requestId);
  const services = useOwnServices();
  const [action, setAction] = useState<'cancel' | 'lift' | null>(null);
  const request = query.data;
  const progressId = 'portal-request-progress';
  return (
    <Stack gap="md">
      <BackLink to={portalRequestsPage} label={t('portal.requests.backToList')} />
      <ErrorAlert error={query.error} />
      {query.isPending ? <Skeleton h={300} /> : null}
      {request ? (
        <>
          <PageHeader
            title={t('portal.requests.detail.title', {
              reference: request.reference,
              right: t(`requests.right.${request.rightType}`),
            })}
            description={t(`requests.rightHelp.${request.rightType}`)}
            actions={
              <>
                {isOpenStatus(request.status) ? (
                  <Button
                    variant="default"
                    color="red"
                    leftSection={<IconX size={16} aria-hidden />}
                    onClick={() => setAction('cancel')}
                  >
                    {t('portal.requests.detail.cancel')}
                  </Button>
                ) : null}
                {request.liftable && request.status === 'completed' && request.liftedAt === null ? (
                  <Button variant="default" onClick={() => setAction('lift')}>
                    {t('portal.requests.detail.lift')}
                  </Button>
                ) : null}
              </>
            }
          />
          <Card withBorder padding="md" radius="md">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="dl" m={0}>
              <RightFact request={request} />
              <StatusFact request={request} />
              <Fact label={t('portal.requests.list.submitted')}>
                <DateTimeText value={request.receivedAt} />
              </Fact>
              <DueFact
                request={request}
                label={t('portal.requests.list.due')}
                note={request.status === 'on_hold' ? t('portal.requests.detail.onHold') : null}
              />
              <CustomerDeadlineFact
                request={request}
                label={t('portal.requests.list.guidance')}
                hint={(months) => t('portal.requests.detail.guidanceHint', { months })}
              />
              <ScopeFact request={request} nameOf={services.nameOf} />
              <Fact label={t('portal.requests.detail.identities')}>
                {request.identitiesErased
                  ? t('requests.identities.erased')
                  : request.identities
                      .map((i) => `${t(`requests.identityType.${i.type}`)}: ${i.masked}`)
                      .join(', ')}
              </Fact>
            </SimpleGrid>
            <NotesAlert notes={request.notes} title={t('portal.requests.detail.yourNotes')} mt="md" />
          </Card>
          <PackageCard request={request} />
          <Stack gap="xs" component="section" aria-labelledby={progressId}>
            <Title order={2} fz="h4" id={progressId}>
              {t('portal.requests.detail.progress', { done: request.tasks.done, total: request.tasks.total })}
            </Title>
            <Text size="xs" c="dimmed">
              {t('portal.requests.detail.progressHint')}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table fz="sm" verticalSpacing="xs" withTableBorder striped aria-labelledby={progressId}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('requests.tasks.system')}</Table.Th>
                    <Table.Th w={130}>{t('requests.tasks.status')}</Table.Th>
                    <Table.Th w="35%">{t('requests.tasks.outcome')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {request.taskList.map((task) => (
                    <Table.Tr key={task.id}>
                      <Table.Td>
                        <TaskSystem task={task} />
                      </Table.Td>
                      <Table.Td>
                        <TaskStatusBadge status={task.status} />
                      </Table.Td>
                      <Table.Td>
                        <TaskOutcomeView task={task} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
          <ActionModal request={request} action={action} onClose={() => setAction(null)} />
        </>
      ) : null}
    </Stack>
  );
}
