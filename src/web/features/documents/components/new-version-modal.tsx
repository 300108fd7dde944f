import {
  Alert,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Skeleton,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
} from '@mantine/core';
import { IconCheck, IconCircleDashed, IconInfoCircle, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { storeCustomer, useCustomer } from '../../customers/api/customers.ts';
import { localizeError } from '../../customers/lib/errors.ts';
import { afterRegenerated, customerDocumentsKey } from '../api/documents.ts';
import { type NewVersionStep, planNewVersion, sendNewVersion } from '../api/new-version.ts';
import type { OutdatedDocument } from '../api/types.ts';
import { reasonLabel } from '../lib/labels.ts';
import { isDataMissing } from '../lib/missing.ts';
import { GenerateErrorAlert } from './missing-data-alert.tsx';

type StepState = 'waiting' | 'running' | 'done' | 'failed';

function StepIcon({ state }: { state: StepState }) {
  if (state === 'running') {
    return <Loader size={16} aria-hidden />;
  }
  const icon = {
    waiting: { color: 'gray', Icon: IconCircleDashed },
    done: { color: 'teal', Icon: IconCheck },
    failed: { color: 'red', Icon: IconX },
  }[state];
  return (
    <ThemeIcon size={18} radius="xl" color={icon.color} variant={state === 'waiting' ? 'light' : 'filled'}>
      <icon.Icon size={12} aria-hidden />
    </ThemeIcon>
  );
}

function Body({ item, onClose }: { item: OutdatedDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const customer = useCustomer(item.customerId);
  const [reason, setReason] = useState(() => item.reasons.map((r) => reasonLabel(r, t)).join('; '));
  const [running, setRunning] = useState<NewVersionStep | null>(null);
  const [finished, setFinished] = useState<NewVersionStep[]>([]);
  const [failed, setFailed] = useState<{ step: NewVersionStep; error: unknown } | null>(null);

  if (customer.isPending) {
    return <Skeleton h={160} />;
  }
  if (customer.isError) {
    return <ErrorAlert error={customer.error} title={t('errors.loadTitle')} />;
  }
  const plan = planNewVersion(customer.data);
  const inForce = plan.kind === 'no_agreement' ? undefined : plan.agreement.dpas.find((d) => d.inForce);
  const busy = running !== null;

  if (plan.kind !== 'ready') {
    return (
      <Stack gap="md">
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {plan.kind === 'being_signed'
            ? t('documents.newVersion.beingSigned', { version: plan.open.version })
            : plan.kind === 'ended'
              ? t('documents.newVersion.ended')
              : t('documents.newVersion.noAgreement')}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const stepState = (step: NewVersionStep): StepState =>
    failed?.step === step
      ? 'failed'
      : running === step
        ? 'running'
        : finished.includes(step)
          ? 'done'
          : 'waiting';

  const run = async () => {
    setFailed(null);
    setFinished([]);
    let current: NewVersionStep = plan.steps[0]!;
    try {
      const result = await sendNewVersion(item.customerId, plan, {
        reason,
        language: item.document.language,
        onStep: (step) => {
          const previous = current;
          if (step !== previous) {
            setFinished((done) => [...done, previous]);
          }
          current = step;
          setRunning(step);
        },
      });
      setFinished(plan.steps);
      setRunning(null);
      storeCustomer(queryClient, result.customer);
      afterRegenerated(queryClient, item.customerId, item.document.id);
      notifySuccess(t('documents.newVersion.sent', { version: result.version, customer: item.legalName }));
      onClose();
    } catch (error) {
      setRunning(null);
      setFailed({ step: current, error });
      // A version made before the failure is a draft now: the next try uses it.
      void customer.refetch();
      void queryClient.invalidateQueries({ queryKey: customerDocumentsKey(item.customerId) });
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void run();
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {t('documents.newVersion.intro', { customer: item.legalName, version: plan.nextVersion })}
        </Text>
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {inForce
            ? t('documents.newVersion.signAgainWithOld', { old: inForce.version, version: plan.nextVersion })
            : t('documents.newVersion.signAgain', { version: plan.nextVersion })}
        </Alert>
        {plan.draft ? (
          <Text size="sm" c="dimmed">
            {t('documents.newVersion.draftExists', { version: plan.draft.version })}
          </Text>
        ) : (
          <Textarea
            label={t('documents.newVersion.reason')}
            description={t('documents.newVersion.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            disabled={busy}
          />
        )}
        <Stack gap={4}>
          <Text size="sm" fw={600} id="new-version-steps">
            {t('documents.newVersion.stepsTitle')}
          </Text>
          <List spacing={6} size="sm" center aria-labelledby="new-version-steps" aria-live="polite">
            {plan.steps.map((step) => {
              const state = stepState(step);
              return (
                <List.Item key={step} icon={<StepIcon state={state} />}>
                  {t(`documents.newVersion.steps.${step}`, { version: plan.nextVersion })}
                  <Text component="span" size="xs" c="dimmed">
                    {' '}
                    ({t(`documents.newVersion.stepState.${state}`)})
                  </Text>
                </List.Item>
              );
            })}
          </List>
        </Stack>
        {failed ? (
          isDataMissing(failed.error) ? (
            <GenerateErrorAlert error={failed.error} customerId={item.customerId} onNavigate={onClose} />
          ) : (
            <ErrorAlert error={localizeError(failed.error)} />
          )
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {failed
              ? t('documents.newVersion.retry')
              : t('documents.newVersion.confirm', { version: plan.nextVersion })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create a new DPA version, generate its PDF and send it for signature: three calls, one confirmation. */
export function NewVersionModal({ item, onClose }: { item: OutdatedDocument | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(item);
  // Keep the last item while the modal animates closed.
  useEffect(() => {
    if (item) {
      setShown(item);
    }
  }, [item]);
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={t('documents.newVersion.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {shown ? (
        <Body key={`${shown.customerId}-${shown.document.id}`} item={shown} onClose={onClose} />
      ) : null}
    </Modal>
  );
}
