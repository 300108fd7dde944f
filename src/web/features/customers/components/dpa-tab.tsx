import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconCheck,
  IconCircleDashed,
  IconDownload,
  IconFilePlus,
  IconInfoCircle,
  IconSend,
  IconSignature,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { signatureFileUrl, useCreateDpaVersion, useSendDpa } from '../api/agreements.ts';
import type { Agreement, Customer, Dpa, Signature } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { DpaStatusBadge } from './badges.tsx';
import { DayText } from './day-text.tsx';
import { SignModal } from './sign-modal.tsx';

type Step = { key: string; done: boolean; title: string; body: ReactNode };

function useSteps(customerId: string, agreement: Agreement, dpa: Dpa): Step[] {
  const { t } = useTranslation();
  const signature = (s: Signature) => (
    <Stack gap={2}>
      <Text size="sm">
        {s.signerName} · {s.signerRole}
      </Text>
      <Text size="xs" c="dimmed">
        <DateTimeText value={s.signedAt} />
        {' · '}
        {s.method === 'portal' ? t('customers.dpa.viaPortal') : t('customers.dpa.viaPdf')}
      </Text>
      {s.fileName ? (
        <Anchor
          href={signatureFileUrl(customerId, agreement.id, dpa.id, s.id)}
          download
          size="xs"
          aria-label={t('customers.dpa.downloadFor', {
            party: t(`customers.sign.parties.${s.party}`),
            file: s.fileName,
          })}
        >
          <Group gap={4} component="span" wrap="nowrap">
            <IconDownload size={12} aria-hidden />
            {s.fileName}
          </Group>
        </Anchor>
      ) : null}
    </Stack>
  );
  // Signing order is free (either party may sign first): signed parties come first, in the order they signed.
  const parties = (['customer', 'processor'] as const)
    .map((party) => ({ party, s: dpa.signatures.find((x) => x.party === party) }))
    .sort((a, b) => (a.s && b.s ? a.s.signedAt.localeCompare(b.s.signedAt) : a.s ? -1 : b.s ? 1 : 0));
  const steps: Step[] = [
    {
      key: 'draft',
      done: true,
      title: t('customers.dpa.steps.draft'),
      body: dpa.reason ? (
        <Text size="xs" c="dimmed">
          {dpa.reason}
        </Text>
      ) : null,
    },
    {
      key: 'sent',
      done: dpa.sentAt !== null,
      title: t('customers.dpa.steps.sent'),
      body: dpa.sentAt ? (
        <Text size="xs" c="dimmed">
          <DateTimeText value={dpa.sentAt} />
        </Text>
      ) : null,
    },
    ...parties.map(({ party, s }) => ({
      key: party,
      done: Boolean(s),
      title: t(`customers.dpa.steps.${party}`),
      body: s ? signature(s) : null,
    })),
    {
      key: 'active',
      done: dpa.effectiveDate !== null,
      title: t('customers.dpa.steps.active'),
      body: dpa.effectiveDate ? (
        <Text size="xs" c="dimmed">
          {t('customers.dpa.effectiveFrom')} <DayText value={dpa.effectiveDate} fw={600} c="dark" />
        </Text>
      ) : null,
    },
  ];
  if (dpa.status === 'superseded') {
    steps.push({
      key: 'superseded',
      done: true,
      title: t('customers.dpa.steps.superseded'),
      body: (
        <Text size="xs" c="dimmed">
          <DayText value={dpa.supersededOn} />
        </Text>
      ),
    });
  }
  if (dpa.status === 'ended') {
    steps.push({
      key: 'ended',
      done: true,
      title: t('customers.dpa.steps.ended'),
      body: (
        <Text size="xs" c="dimmed">
          <DayText value={agreement.endDate} />
        </Text>
      ),
    });
  }
  return steps;
}

function DpaCard({
  customer,
  agreement,
  dpa,
  canEdit,
  onSign,
}: {
  customer: Customer;
  agreement: Agreement;
  dpa: Dpa;
  canEdit: boolean;
  onSign: (dpa: Dpa) => void;
}) {
  const { t } = useTranslation();
  const steps = useSteps(customer.id, agreement, dpa);
  const send = useSendDpa(customer.id, agreement.id);
  const [confirmSend, setConfirmSend] = useState(false);
  const lastDone = steps.reduce((last, step, i) => (step.done ? i : last), 0);
  const signable = ['sent', 'signed_by_customer', 'signed_by_processor'].includes(dpa.status);
  const titleId = `dpa-${dpa.id}`;
  const effective = dpa.effectiveDate;

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <Title order={3} fz="h5" id={titleId}>
              {t('customers.dpa.version', { version: dpa.version })}
            </Title>
            <DpaStatusBadge status={dpa.status} />
            {dpa.inForce ? (
              <Badge color="teal" variant="outline" leftSection={<IconCheck size={12} aria-hidden />}>
                {t('customers.dpa.inForce')}
              </Badge>
            ) : null}
          </Group>
          {canEdit ? (
            <Group gap="xs">
              {dpa.status === 'draft' ? (
                <Button
                  size="xs"
                  leftSection={<IconSend size={14} aria-hidden />}
                  onClick={() => setConfirmSend(true)}
                >
                  {t('customers.dpa.send')}
                </Button>
              ) : null}
              {signable ? (
                <Button
                  size="xs"
                  leftSection={<IconSignature size={14} aria-hidden />}
                  onClick={() => onSign(dpa)}
                >
                  {t('customers.dpa.recordSignature')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
        {effective ? (
          <Text size="sm">
            {t('customers.dpa.effectiveDate')}: <DayText value={effective} fw={700} />
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {dpa.registerVersion === null
            ? t('customers.dpa.noRegisterVersion')
            : t('customers.dpa.registerVersion', { version: dpa.registerVersion })}
        </Text>
        <Timeline
          active={lastDone}
          bulletSize={22}
          lineWidth={2}
          color="teal"
          aria-label={t('customers.dpa.timelineLabel', { version: dpa.version })}
        >
          {steps.map((step) => (
            <Timeline.Item
              key={step.key}
              bullet={
                step.done ? <IconCheck size={12} aria-hidden /> : <IconCircleDashed size={12} aria-hidden />
              }
              title={
                <Text size="sm" fw={step.done ? 600 : 400} c={step.done ? undefined : 'dimmed'}>
                  {step.title}
                  <VisuallyHidden>
                    {step.done ? ` (${t('customers.dpa.stepDone')})` : ` (${t('customers.dpa.stepOpen')})`}
                  </VisuallyHidden>
                </Text>
              }
            >
              {step.body}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
      <ConfirmMutation
        target={confirmSend ? dpa : null}
        onClose={() => setConfirmSend(false)}
        mutation={send}
        variables={(current) => current.id}
        title={(current) => t('customers.dpa.sendTitle', { version: current.version })}
        confirmLabel={t('customers.dpa.send')}
        success={(current) => t('customers.dpa.sent', { version: current.version })}
        localize={localizeError}
      >
        {() => t('customers.dpa.sendBody')}
      </ConfirmMutation>
    </Card>
  );
}

function NewVersionModal({
  customerId,
  agreement,
  opened,
  onClose,
}: {
  customerId: string;
  agreement: Agreement;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const create = useCreateDpaVersion(customerId, agreement.id);
  const close = () => {
    setReason('');
    create.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('customers.dpa.newTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(reason.trim() || null, {
            onSuccess: () => {
              notifySuccess(t('customers.dpa.newCreated'));
              close();
            },
          });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('customers.dpa.newIntro')}</Text>
          <ErrorAlert error={localizeError(create.error)} />
          <Textarea
            label={t('customers.dpa.reason')}
            description={t('customers.dpa.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('customers.dpa.newCreate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DpaTab({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const [signing, setSigning] = useState<Dpa | null>(null);
  const [creating, setCreating] = useState(false);
  const agreement = customer.agreements[0];

  if (!agreement) {
    return (
      <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {t('customers.dpa.noAgreement')}
      </Alert>
    );
  }
  const ended = agreement.status === 'ended';
  const open = agreement.dpas.find((d) => !['active', 'superseded', 'ended'].includes(d.status));
  const inForce = agreement.dpas.find((d) => d.inForce);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={820}>
        {t('customers.dpa.intro')}
      </Text>
      {ended ? (
        <Alert
          color="gray"
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          title={t('customers.dpa.endedTitle')}
        >
          {t('customers.dpa.endedBody')}
        </Alert>
      ) : (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('customers.dpa.clause23')}
        </Alert>
      )}
      {open && inForce ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('customers.dpa.oldStaysInForce', { old: inForce.version, next: open.version })}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Title order={2} fz="h4">
          {t('customers.dpa.title', { reference: agreement.reference })}
        </Title>
        {canEdit && !ended && !open ? (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconFilePlus size={14} aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t('customers.dpa.new')}
          </Button>
        ) : null}
      </Group>
      {agreement.dpas.map((dpa) => (
        <DpaCard
          key={dpa.id}
          customer={customer}
          agreement={agreement}
          dpa={dpa}
          canEdit={canEdit && !ended}
          onSign={setSigning}
        />
      ))}
      {canEdit ? (
        <SignModal
          customer={customer}
          agreementId={agreement.id}
          dpa={signing}
          onClose={() => setSigning(null)}
        />
      ) : null}
      {canEdit ? (
        <NewVersionModal
          customerId={customer.id}
          agreement={agreement}
          opened={creating}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </Stack>
  );
}
