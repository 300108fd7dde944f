import { Alert, Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconMessageReply, IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { attachmentUrl, useInstructions } from '../api/instructions.ts';
import { useServiceLines } from '../api/service-lines.ts';
import type { Customer, Instruction, InstructionStatus } from '../api/types.ts';
import { DayText } from './day-text.tsx';
import {
  AnswerInstructionModal,
  FlagInstructionModal,
  RecordInstructionModal,
} from './instruction-modals.tsx';

const statusColor: Record<InstructionStatus, string> = {
  in_force: 'teal',
  on_hold: 'red',
  withdrawn: 'gray',
};

function InstructionCard({
  customerId,
  instruction,
  canEdit,
  onFlag,
  onAnswer,
}: {
  customerId: string;
  instruction: Instruction;
  canEdit: boolean;
  onFlag: () => void;
  onAnswer: () => void;
}) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  const titleId = `instruction-${instruction.id}`;
  return (
    <Card withBorder padding="md" radius="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} fz="h6" id={titleId}>
              <DayText value={instruction.receivedOn} /> · {instruction.fromName} ·{' '}
              {t(`customers.instructions.channels.${instruction.channel}`)}
            </Title>
            <Group gap={4}>
              <Badge size="sm" color={statusColor[instruction.status]} variant="light">
                {t(`customers.instructions.status.${instruction.status}`)}
              </Badge>
              {instruction.serviceLineCodes.map((code) => (
                <Badge key={code} size="sm" variant="outline" color="gray">
                  {serviceLines.nameOf(code)}
                </Badge>
              ))}
            </Group>
          </Stack>
          {canEdit ? (
            <Group gap="xs">
              {instruction.status === 'in_force' ? (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  leftSection={<IconAlertTriangle size={14} aria-hidden />}
                  onClick={onFlag}
                >
                  {t('customers.instructions.flag')}
                </Button>
              ) : null}
              {instruction.status === 'on_hold' ? (
                <Button size="xs" leftSection={<IconMessageReply size={14} aria-hidden />} onClick={onAnswer}>
                  {t('customers.instructions.answerOpen')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {instruction.text}
        </Text>
        {instruction.attachments.length > 0 ? (
          <Group gap="sm">
            {instruction.attachments.map((a) => (
              <Anchor key={a.id} href={attachmentUrl(customerId, instruction.id, a.id)} download size="xs">
                <Group gap={4} component="span" wrap="nowrap">
                  <IconPaperclip size={12} aria-hidden />
                  {a.fileName}
                </Group>
              </Anchor>
            ))}
          </Group>
        ) : null}
        {instruction.concern ? (
          <Alert
            color={instruction.status === 'on_hold' ? 'red' : 'gray'}
            variant="light"
            title={t('customers.instructions.concernTitle')}
          >
            <Stack gap={4}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {instruction.concern}
              </Text>
              {instruction.noticeSentAt ? (
                <Text size="xs" c="dimmed">
                  {t('customers.instructions.noticeSentAt')} <DateTimeText value={instruction.noticeSentAt} />
                </Text>
              ) : null}
              {instruction.status === 'on_hold' ? (
                <Text size="xs" fw={600}>
                  {t('customers.instructions.onHoldNote')}
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {instruction.customerAnswer ? (
          <Alert color="blue" variant="light" title={t('customers.instructions.answerTitleShort')}>
            <Stack gap={4}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {instruction.customerAnswer}
              </Text>
              {instruction.answeredAt ? (
                <Text size="xs" c="dimmed">
                  <DateTimeText value={instruction.answeredAt} /> ·{' '}
                  {t(`customers.instructions.status.${instruction.status}`)}
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

export function InstructionsTab({ customer, canEdit }: { customer: Customer; canEdit: boolean }) {
  const { t } = useTranslation();
  const instructions = useInstructions(customer.id);
  const [recording, setRecording] = useState(false);
  const [flagging, setFlagging] = useState<Instruction | null>(null);
  const [answering, setAnswering] = useState<Instruction | null>(null);
  const onHold = instructions.data?.filter((i) => i.status === 'on_hold').length ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2} maw={760}>
          <Title order={2} fz="h4">
            {t('customers.instructions.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('customers.instructions.intro')}
          </Text>
        </Stack>
        {canEdit ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRecording(true)}>
            {t('customers.instructions.recordOpen')}
          </Button>
        ) : null}
      </Group>
      {onHold > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('customers.instructions.onHoldCount', { count: onHold })}
        </Alert>
      ) : null}
      <ErrorAlert error={instructions.error} />
      {instructions.isPending ? <Skeleton h={160} /> : null}
      {instructions.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customers.instructions.empty')}
        </Text>
      ) : null}
      {instructions.data?.map((instruction) => (
        <InstructionCard
          key={instruction.id}
          customerId={customer.id}
          instruction={instruction}
          canEdit={canEdit}
          onFlag={() => setFlagging(instruction)}
          onAnswer={() => setAnswering(instruction)}
        />
      ))}
      {canEdit ? (
        <>
          <RecordInstructionModal
            customer={customer}
            opened={recording}
            onClose={() => setRecording(false)}
          />
          <FlagInstructionModal
            customerId={customer.id}
            instruction={flagging}
            onClose={() => setFlagging(null)}
          />
          <AnswerInstructionModal
            customerId={customer.id}
            instruction={answering}
            onClose={() => setAnswering(null)}
          />
        </>
      ) : null}
    </Stack>
  );
}
