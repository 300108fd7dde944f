import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconFileDownload, IconMailForward, IconNote, IconPaperclip, IconRotate } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../components/api-error.ts';
import { DateTimeText } from '../../../components/date-time.tsx';
import { api } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { evidenceUrl, useReopenTask, useSendTask, useUpdateTask } from '../api/requests.ts';
import { type RequestDetail, type RequestTask, type TaskOutcome, taskOutcomes } from '../api/types.ts';
import { formatBytes } from '../lib/files.ts';
import { useRequestPermissions } from '../lib/permissions.ts';
import { TaskStatusBadge } from './badges.tsx';
import { EvidenceModal } from './evidence-modal.tsx';
import { NoOutcome, TaskOutcomeView, TaskSystem } from './shared/task-parts.tsx';

/** The owner choices: active staff who may work (GET /users/assignable), plus whoever owns a task now. */
function useOwnerOptions(tasks: RequestTask[]) {
  const { canWrite } = useRequestPermissions();
  const assignable = useQuery({
    enabled: canWrite,
    queryKey: ['users', 'assignable'],
    queryFn: async () => (await api<{ items: { id: string; name: string }[] }>('/users/assignable')).items,
  });
  const options = new Map<string, string>();
  for (const u of assignable.data ?? []) {
    options.set(u.id, u.name);
  }
  for (const task of tasks) {
    if (task.owner) {
      options.set(task.owner.id, task.owner.name);
    }
  }
  return [...options]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
}

function OutcomeEditor({ requestId, task, open }: { requestId: string; task: RequestTask; open: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateTask(requestId);
  const reopen = useReopenTask(requestId);
  const { canWrite } = useRequestPermissions();
  const [outcome, setOutcome] = useState<TaskOutcome | null>(null);
  const [note, setNote] = useState(task.outcomeNote ?? '');
  const [error, setError] = useState<string | undefined>();
  if (task.status === 'done' && task.outcome) {
    return (
      <TaskOutcomeView
        task={task}
        action={
          canWrite && open ? (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconRotate size={12} aria-hidden />}
              loading={reopen.isPending}
              aria-label={t('requests.tasks.reopenNamed', { task: task.title })}
              onClick={() => reopen.mutate(task.id, { onError: (e) => notifyError(e, t) })}
            >
              {t('requests.tasks.reopen')}
            </Button>
          ) : null
        }
      />
    );
  }
  if (!canWrite || !open) {
    return <NoOutcome />;
  }
  const save = () => {
    if (!outcome) {
      setError(t('requests.tasks.outcomeMissing'));
      return;
    }
    if (outcome === 'not_possible' && !note.trim()) {
      setError(t('apiErrors.requests.reason_required'));
      return;
    }
    setError(undefined);
    update.mutate(
      { taskId: task.id, outcome, outcomeNote: note.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t('requests.tasks.saved', { task: task.title }));
          setOutcome(null);
        },
        onError: (e) => notifyError(e, t),
      },
    );
  };
  return (
    <Stack gap={6}>
      <Select
        aria-label={t('requests.tasks.outcomeFor', { task: task.title })}
        placeholder={t('requests.tasks.chooseOutcome')}
        data={taskOutcomes.map((o) => ({ value: o, label: t(`requests.outcome.${o}`) }))}
        value={outcome}
        onChange={(value) => setOutcome(value as TaskOutcome | null)}
        size="xs"
        error={error}
        errorProps={{ role: 'alert' }}
      />
      <Textarea
        aria-label={t('requests.tasks.noteFor', { task: task.title })}
        placeholder={t('requests.tasks.notePlaceholder')}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        autosize
        minRows={1}
        maxRows={6}
        maxLength={5000}
        size="xs"
      />
      <Group>
        <Button
          size="compact-sm"
          onClick={save}
          loading={update.isPending}
          aria-label={t('requests.tasks.saveNamed', { task: task.title })}
        >
          {t('requests.tasks.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function EvidenceList({ requestId, task }: { requestId: string; task: RequestTask }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (task.evidence.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('requests.evidence.none')}
      </Text>
    );
  }
  return (
    <List
      size="xs"
      spacing={4}
      listStyleType="none"
      aria-label={t('requests.evidence.listOf', { task: task.title })}
    >
      {task.evidence.map((e) => (
        <List.Item key={e.id}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            {e.fileName ? (
              <IconPaperclip size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            ) : (
              <IconNote size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            )}
            <Stack gap={0}>
              {e.note ? (
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.note}
                </Text>
              ) : null}
              {e.fileName ? (
                e.erased ? (
                  <Text size="xs" c="dimmed">
                    {t('requests.evidence.erased', { name: e.fileName })}
                  </Text>
                ) : (
                  <Anchor href={evidenceUrl(requestId, e.id)} download={e.fileName} size="xs">
                    <Group gap={4} component="span">
                      <IconFileDownload size={12} aria-hidden />
                      {e.fileName}
                      {e.size !== null ? ` (${formatBytes(e.size, format.lng)})` : ''}
                    </Group>
                  </Anchor>
                )
              ) : null}
              <Text size="xs" c="dimmed">
                {t('requests.evidence.by', { who: e.createdBy, when: format.dateTime(e.createdAt) })}
              </Text>
            </Stack>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

/** One row per system or sub-processor that holds the customer's data in scope (seed 3.6), and its evidence. */
export function TasksTable({ request, labelledBy }: { request: RequestDetail; labelledBy: string }) {
  const { t } = useTranslation();
  const { canWrite } = useRequestPermissions();
  const ownerOptions = useOwnerOptions(request.taskList);
  const update = useUpdateTask(request.id);
  const send = useSendTask(request.id);
  const [evidenceFor, setEvidenceFor] = useState<RequestTask | null>(null);
  const open = ['received', 'in_progress', 'on_hold'].includes(request.status);
  if (request.taskList.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('requests.tasks.none')}
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={960}>
        <Table fz="sm" verticalSpacing="sm" aria-labelledby={labelledBy} withTableBorder layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.tasks.system')}</Table.Th>
              <Table.Th w={150}>{t('requests.tasks.owner')}</Table.Th>
              <Table.Th w={145}>{t('requests.tasks.status')}</Table.Th>
              <Table.Th w={230}>{t('requests.tasks.outcome')}</Table.Th>
              <Table.Th w={240}>{t('requests.tasks.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {request.taskList.map((task) => (
              <Fragment key={task.id}>
                <Table.Tr style={{ borderBottom: 'none' }}>
                  <Table.Td>
                    <TaskSystem
                      task={task}
                      badge={
                        <Badge
                          size="xs"
                          variant="light"
                          color={task.kind === 'subprocessor' ? 'grape' : 'gray'}
                        >
                          {t(`requests.taskKind.${task.kind}`)}
                        </Badge>
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    {canWrite && open ? (
                      <Select
                        aria-label={t('requests.tasks.ownerFor', { task: task.title })}
                        placeholder={t('requests.tasks.noOwner')}
                        data={ownerOptions}
                        value={task.owner?.id ?? null}
                        onChange={(value) =>
                          update.mutate(
                            { taskId: task.id, ownerUserId: value },
                            { onError: (e) => notifyError(e, t) },
                          )
                        }
                        clearable
                        size="xs"
                      />
                    ) : (
                      <Text size="sm">{task.owner?.name ?? '—'}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <TaskStatusBadge status={task.status} />
                      {task.requestedAt ? (
                        <Text size="xs" c="dimmed">
                          {t('requests.tasks.requested')} <DateTimeText value={task.requestedAt} />
                          {task.requestedTo ? ` → ${task.requestedTo}` : ''}
                        </Text>
                      ) : null}
                      {task.completedAt ? (
                        <Text size="xs" c="dimmed">
                          {t('requests.tasks.completed')} <DateTimeText value={task.completedAt} />
                          {task.completedBy ? ` · ${task.completedBy}` : ''}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <OutcomeEditor requestId={request.id} task={task} open={open} />
                  </Table.Td>
                  <Table.Td>
                    {canWrite && open ? (
                      <Stack gap={6} align="flex-start">
                        <Button
                          size="compact-sm"
                          variant="default"
                          leftSection={<IconPaperclip size={14} aria-hidden />}
                          aria-label={t('requests.evidence.addFor', { task: task.title })}
                          onClick={() => setEvidenceFor(task)}
                        >
                          {t('requests.evidence.add')}
                        </Button>
                        {task.kind === 'subprocessor' && task.status !== 'done' ? (
                          <Tooltip
                            label={
                              task.party?.contactEmail
                                ? t('requests.tasks.sendTo', { email: task.party.contactEmail })
                                : t('requests.tasks.noContact')
                            }
                            withArrow
                          >
                            <Button
                              size="compact-sm"
                              variant="light"
                              leftSection={<IconMailForward size={14} aria-hidden />}
                              loading={send.isPending && send.variables === task.id}
                              aria-label={t('requests.tasks.sendNamed', { task: task.title })}
                              onClick={() =>
                                send.mutate(task.id, {
                                  onSuccess: () =>
                                    notifySuccess(t('requests.tasks.sent', { task: task.title })),
                                  onError: (e) => notifyError(e, t),
                                })
                              }
                            >
                              {task.requestedAt ? t('requests.tasks.sendAgain') : t('requests.tasks.send')}
                            </Button>
                          </Tooltip>
                        ) : null}
                      </Stack>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td colSpan={5} pt={0}>
                    <Group gap="xs" align="flex-start" wrap="nowrap">
                      <Text size="xs" fw={600} c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {t('requests.evidence.heading')}
                      </Text>
                      <EvidenceList requestId={request.id} task={task} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <EvidenceModal requestId={request.id} task={evidenceFor} onClose={() => setEvidenceFor(null)} />
    </>
  );
}
