import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { maxAttachments, maxAttachmentsTotalBytes } from '../../../../shared/upload-limits.ts';
import { notifySuccess } from '../../../components/api-error.ts';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { requiredText, useForm } from '../../../lib/form.ts';
import type { Instruction, InstructionStatus } from '../../customers/api/types.ts';
import { DayText } from '../../customers/components/day-text.tsx';
import { formatBytes, readAsBase64 } from '../../customers/lib/files.ts';
import { formatPhone } from '../../customers/lib/phone.ts';
import { portalAttachmentUrl, usePortalInstructions, useSubmitPortalInstruction } from '../api/portal.ts';
import { localizePortalError } from '../lib/errors.ts';
import { useOwnServices } from '../lib/services.ts';
import type { PortalUser } from '../lib/session.ts';
import { InstructionStatusBadge } from './portal-badges.tsx';

// What the server takes (src/shared/upload-limits.ts), checked here before anything is uploaded.
export { maxAttachments };
export const maxTotalAttachmentBytes = maxAttachmentsTotalBytes;

type PrivacyContact = { name: string; email: string; phone: string } | undefined;

function InstructionCard({
  instruction,
  nameOf,
  privacyContact,
}: {
  instruction: Instruction;
  nameOf: (code: string) => string;
  privacyContact: PrivacyContact;
}) {
  const { t } = useTranslation();
  const titleId = `instruction-${instruction.id}`;
  return (
    <Card withBorder padding="md" radius="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={2} fz="h6" id={titleId}>
            {t('portal.instructions.receivedOn')} <DayText value={instruction.receivedOn} /> ·{' '}
            {instruction.fromName}
            <Text component="span" c="dimmed" fw={400} inherit>
              {' · '}
              {t(`customers.instructions.channels.${instruction.channel}`)}
            </Text>
          </Title>
          <Group gap={4}>
            <InstructionStatusBadge status={instruction.status} size="sm" />
            {instruction.serviceLineCodes.map((code) => (
              <Badge key={code} size="sm" variant="outline" color="gray">
                {nameOf(code)}
              </Badge>
            ))}
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {instruction.text}
        </Text>
        {instruction.attachments.length > 0 ? (
          <Group gap="sm">
            <Text size="xs" c="dimmed">
              {t('portal.instructions.attachments')}:
            </Text>
            {instruction.attachments.map((a) => (
              <Anchor
                key={a.id}
                href={portalAttachmentUrl(instruction.id, a.id)}
                download
                size="xs"
                aria-label={t('portal.instructions.download', { file: a.fileName })}
              >
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
            icon={<IconAlertTriangle aria-hidden />}
            title={t('portal.instructions.concernTitle')}
          >
            <Stack gap={4}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {instruction.concern}
              </Text>
              {instruction.noticeSentAt ? (
                <Text size="xs" c="dimmed">
                  {t('portal.instructions.noticeSentAt')} <DateTimeText value={instruction.noticeSentAt} />
                </Text>
              ) : null}
              {instruction.status === 'on_hold' ? (
                <Text size="sm" fw={600}>
                  {t('portal.instructions.onHoldNote')}
                  {privacyContact?.email ? (
                    <>
                      {' '}
                      {t('portal.instructions.contactUs', { name: privacyContact.name })}{' '}
                      <Anchor href={`mailto:${privacyContact.email}`} inherit>
                        {privacyContact.email}
                      </Anchor>
                      {privacyContact.phone ? ` · ${formatPhone(privacyContact.phone)}` : ''}
                    </>
                  ) : null}
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {instruction.customerAnswer ? (
          <Alert color="blue" variant="light" title={t('portal.instructions.yourAnswer')}>
            <Stack gap={4}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {instruction.customerAnswer}
              </Text>
              {instruction.answeredAt ? (
                <Text size="xs" c="dimmed">
                  <DateTimeText value={instruction.answeredAt} />
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

type Values = { text: string; fromName: string; serviceLineCodes: string[]; attachments: File[] };

const schema = z.object({
  text: requiredText(20_000),
  fromName: requiredText(200),
  serviceLineCodes: z.array(z.string()).max(20),
  attachments: z
    .array(z.instanceof(File))
    .max(maxAttachments, { error: 'portal.instructions.tooManyFiles' })
    .refine((files) => files.every((f) => f.size > 0), { error: 'portal.instructions.emptyFile' })
    .refine((files) => files.reduce((sum, f) => sum + f.size, 0) <= maxTotalAttachmentBytes, {
      error: 'portal.instructions.filesTooLarge',
    }),
});

function NewInstructionForm({ user, onDone }: { user: PortalUser; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const services = useOwnServices();
  const form = useForm<Values>({ text: '', fromName: user.name, serviceLineCodes: [], attachments: [] });
  const submitInstruction = useSubmitPortalInstruction();
  const limit = formatBytes(maxTotalAttachmentBytes).replace('.', i18n.resolvedLanguage === 'en' ? '.' : ',');
  const total = form.values.attachments.reduce((sum, f) => sum + f.size, 0);
  const fields = ['text', 'fromName', 'serviceLineCodes', 'attachments'] as const;

  const submit = form.onSubmit(async () => {
    const data = form.check(schema, () => ({ max: maxAttachments, limit }));
    if (!data) {
      return;
    }
    const attachments = await Promise.all(
      data.attachments.map(async (file) => ({
        name: file.name.slice(0, 200),
        mime: (file.type || 'application/octet-stream').slice(0, 100),
        dataBase64: await readAsBase64(file),
      })),
    );
    submitInstruction.mutate(
      { text: data.text, fromName: data.fromName, serviceLineCodes: data.serviceLineCodes, attachments },
      {
        onSuccess: () => {
          notifySuccess(t('portal.instructions.sent'));
          onDone();
        },
        // body.serviceLineCodes.1 → serviceLineCodes, body.attachments.0.dataBase64 → attachments
        onError: (error) =>
          form.applyApiError(
            localizePortalError(error, (field) =>
              field.replace(/^body\.(serviceLineCodes|attachments)\.\d+.*$/, 'body.$1'),
            ),
            fields,
          ),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('portal.instructions.formIntro')}</Text>
        <ErrorAlert error={form.formError} />
        <Textarea
          label={t('portal.instructions.text')}
          description={t('portal.instructions.textHint')}
          required
          autosize
          minRows={5}
          maxRows={14}
          data-autofocus
          {...form.text('text')}
        />
        <TextInput
          label={t('portal.instructions.fromName')}
          description={t('portal.instructions.fromNameHint')}
          required
          autoComplete="name"
          {...form.text('fromName')}
        />
        <MultiSelect
          label={t('portal.instructions.services')}
          description={t('portal.instructions.servicesHint')}
          data={services.options}
          value={form.values.serviceLineCodes}
          onChange={(value) => form.setValue('serviceLineCodes', value)}
          clearable
          clearButtonProps={{ 'aria-label': t('portal.instructions.clearServices') }}
          error={form.errorText('serviceLineCodes')}
          errorProps={{ role: 'alert' }}
        />
        <FileInput
          label={t('portal.instructions.attachments')}
          description={t('portal.instructions.attachmentsHint', { max: maxAttachments, limit })}
          placeholder={t('portal.instructions.attachmentsPlaceholder')}
          multiple
          leftSection={<IconPaperclip size={16} aria-hidden />}
          value={form.values.attachments}
          onChange={(files) => form.setValue('attachments', files)}
          valueComponent={({ value }) =>
            Array.isArray(value) && value.length > 0 ? (
              <Text size="sm">{value.map((f) => `${f.name} (${formatBytes(f.size)})`).join(', ')}</Text>
            ) : null
          }
          clearable
          clearButtonProps={{ 'aria-label': t('portal.instructions.clearFiles') }}
          error={
            form.errorText('attachments') ??
            (total > maxTotalAttachmentBytes
              ? t('portal.instructions.filesTooLarge', { limit, max: maxAttachments })
              : undefined)
          }
          errorProps={{ role: 'alert' }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submitInstruction.isPending}>
            {t('portal.instructions.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type StatusFilter = 'all' | InstructionStatus;

export function PortalInstructionsPage({ user }: { user: PortalUser }) {
  const { t } = useTranslation();
  const instructions = usePortalInstructions();
  const services = useOwnServices();
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState<StatusFilter>('all');
  const items = instructions.data ?? [];
  const onHold = items.filter((i) => i.status === 'on_hold').length;
  const shown = filter === 'all' ? items : items.filter((i) => i.status === filter);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <SegmentedControl
          aria-label={t('portal.instructions.filterLabel')}
          value={filter}
          onChange={(value) => setFilter(value as StatusFilter)}
          data={(['all', 'in_force', 'on_hold', 'withdrawn'] as const).map((value) => ({
            value,
            label:
              value === 'all'
                ? t('portal.instructions.all', { count: items.length })
                : `${t(`portal.instructions.status.${value}`)} (${items.filter((i) => i.status === value).length})`,
          }))}
        />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('portal.instructions.new')}
        </Button>
      </Group>
      {onHold > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('portal.instructions.onHoldCount', { count: onHold })}
        </Alert>
      ) : null}
      <ErrorAlert error={instructions.error} />
      {instructions.isPending ? <Skeleton h={160} /> : null}
      {instructions.data && shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {items.length === 0 ? t('portal.instructions.empty') : t('portal.instructions.noneWithStatus')}
        </Text>
      ) : null}
      <Stack gap="sm">
        {shown.map((instruction) => (
          <InstructionCard
            key={instruction.id}
            instruction={instruction}
            nameOf={services.nameOf}
            privacyContact={services.privacyContact}
          />
        ))}
      </Stack>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('portal.instructions.newTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating ? <NewInstructionForm user={user} onDone={() => setCreating(false)} /> : null}
      </Modal>
    </Stack>
  );
}
