import { Button, FileInput, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ApiError } from '../../../lib/api.ts';
import { useAddEvidence } from '../api/requests.ts';
import type { RequestTask } from '../api/types.ts';
import { readAsBase64 } from '../lib/files.ts';

const maxBytes = 20 * 1024 * 1024;

/** Evidence for one task: a note, a file (a screenshot, an export, the sub-processor's answer), or both. */
export function EvidenceModal({
  requestId,
  task,
  onClose,
}: {
  requestId: string;
  task: RequestTask | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddEvidence(requestId);
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setNote('');
    setFile(null);
    setError(null);
    add.reset();
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!task) {
      return;
    }
    setError(null);
    if (!note.trim() && !file) {
      setError(new ApiError(400, 'client', t('requests.evidence.empty')));
      return;
    }
    if (file && file.size > maxBytes) {
      setError(new ApiError(400, 'client', t('requests.evidence.tooLarge')));
      return;
    }
    const dataBase64 = file ? await readAsBase64(file) : undefined;
    add.mutate(
      {
        taskId: task.id,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(file && dataBase64 !== undefined
          ? { fileName: file.name, contentType: file.type || 'application/octet-stream', dataBase64 }
          : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t('requests.evidence.added'));
          close();
        },
        onError: setError,
      },
    );
  };
  return (
    <Modal
      opened={task !== null}
      onClose={close}
      title={t('requests.evidence.title', { task: task?.title ?? '' })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('requests.evidence.hint')}
          </Text>
          <Textarea
            label={t('requests.evidence.note')}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={10000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            data-autofocus
          />
          <FileInput
            label={t('requests.evidence.file')}
            description={t('requests.evidence.fileHint')}
            placeholder={t('requests.evidence.choose')}
            leftSection={<IconPaperclip size={16} aria-hidden />}
            value={file}
            onChange={setFile}
            clearable
            clearButtonProps={{ 'aria-label': t('requests.evidence.clearFile') }}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('requests.evidence.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
