import { Button, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconPlayerPause, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../components/api-error.ts';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { useChangeRequestStatus, useCompleteRequest, useLiftRequest } from '../api/requests.ts';
import { packageRights, type RequestDetail, type StatusChange } from '../api/types.ts';
import { ReasonModal } from './shared/reason-modal.tsx';

type ReasonAction = Exclude<StatusChange['status'], 'in_progress'> | 'lift';

/** A change that needs (or takes) a reason: on hold, reject, cancel, lift. */
function StatusReasonModal({
  request,
  action,
  onClose,
}: {
  request: RequestDetail;
  action: ReasonAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const change = useChangeRequestStatus(request.id);
  const lift = useLiftRequest(request.id);
  return (
    <ReasonModal
      opened={action !== null}
      title={action ? t(`requests.actions.title.${action}`) : ''}
      hint={action ? t(`requests.actions.hint.${action}`) : ''}
      required={action !== 'cancelled'}
      minLength={action === 'lift' ? 3 : 1}
      dismissLabel={t('common.cancel')}
      confirmLabel={action ? t(`requests.actions.confirm.${action}`) : ''}
      danger={action === 'rejected' || action === 'cancelled'}
      mutations={[change, lift]}
      doneMessage={action ? t(`requests.actions.done.${action}`) : ''}
      onClose={onClose}
      onConfirm={(reason, done) => {
        if (action === 'lift') {
          lift.mutate({ reason: reason ?? '' }, done);
        } else if (action) {
          change.mutate({ status: action, reason }, done);
        }
      }}
    />
  );
}

/** The request's state changes (seed 3.6): work on it, wait for the customer, reject, cancel, complete, lift. */
export function StatusActions({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const change = useChangeRequestStatus(request.id);
  const complete = useCompleteRequest(request.id);
  const [reasonFor, setReasonFor] = useState<ReasonAction | null>(null);
  const [confirmComplete, setConfirmComplete] = useState(false);
  const open = ['received', 'in_progress', 'on_hold'].includes(request.status);
  const allDone = request.tasks.total > 0 && request.tasks.done === request.tasks.total;
  const canComplete = allDone && request.status !== 'on_hold';
  const canLift = request.liftable && request.status === 'completed' && request.liftedAt === null;
  if (!open && !canLift) {
    return null;
  }
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {open && request.status !== 'in_progress' ? (
          <Button
            variant="default"
            leftSection={<IconPlayerPlay size={16} aria-hidden />}
            loading={change.isPending}
            onClick={() =>
              change.mutate(
                { status: 'in_progress' },
                {
                  onSuccess: () => notifySuccess(t('requests.actions.done.in_progress')),
                  onError: (e) => notifyError(e, t),
                },
              )
            }
          >
            {request.status === 'on_hold' ? t('requests.actions.resume') : t('requests.actions.start')}
          </Button>
        ) : null}
        {open && request.status !== 'on_hold' ? (
          <Button
            variant="default"
            leftSection={<IconPlayerPause size={16} aria-hidden />}
            onClick={() => setReasonFor('on_hold')}
          >
            {t('requests.actions.hold')}
          </Button>
        ) : null}
        {open ? (
          <>
            <Button variant="default" color="red" onClick={() => setReasonFor('rejected')}>
              {t('requests.actions.reject')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconX size={16} aria-hidden />}
              onClick={() => setReasonFor('cancelled')}
            >
              {t('requests.actions.cancel')}
            </Button>
            <Button
              color="teal"
              leftSection={<IconCheck size={16} aria-hidden />}
              disabled={!canComplete}
              onClick={() => setConfirmComplete(true)}
            >
              {t('requests.actions.complete')}
            </Button>
          </>
        ) : null}
        {canLift ? (
          <Button variant="default" onClick={() => setReasonFor('lift')}>
            {t('requests.actions.lift')}
          </Button>
        ) : null}
      </Group>
      {open && !canComplete ? (
        <Text size="xs" c="dimmed">
          {request.status === 'on_hold'
            ? t('requests.actions.completeOnHold')
            : t('requests.actions.completeWhen', { done: request.tasks.done, total: request.tasks.total })}
        </Text>
      ) : null}
      <StatusReasonModal request={request} action={reasonFor} onClose={() => setReasonFor(null)} />
      <ConfirmMutation
        target={confirmComplete || null}
        onClose={() => setConfirmComplete(false)}
        mutation={complete}
        variables={() => undefined}
        title={() => t('requests.actions.completeTitle')}
        confirmLabel={t('requests.actions.complete')}
        success={() => t('requests.actions.done.completed')}
      >
        {() =>
          packageRights.includes(request.rightType)
            ? t('requests.actions.completeTextPackage')
            : t('requests.actions.completeText')
        }
      </ConfirmMutation>
    </Stack>
  );
}
