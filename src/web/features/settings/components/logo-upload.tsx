import { Button, FileButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../components/api-error.ts';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import type { ProcessorProfile } from '../../../lib/api-types.ts';
import { logoUrl, useDeleteLogo, useUploadLogo } from '../api/processor.ts';

const acceptedTypes = ['image/png', 'image/jpeg', 'image/svg+xml'];
const maxBytes = 512 * 1024;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The processor's logo for documents and the header: PNG, JPEG or SVG up to 512 KB, previewed before upload. */
export function LogoUpload({ profile, canEdit }: { profile: ProcessorProfile; canEdit: boolean }) {
  const { t } = useTranslation();
  const upload = useUploadLogo();
  const remove = useDeleteLogo();
  const [preview, setPreview] = useState<{ dataUrl: string; name: string } | null>(null);
  const [problem, setProblem] = useState<{
    key: 'wrongType' | 'tooLarge' | 'unreadable';
    size?: number;
  } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const choose = async (file: File | null) => {
    setProblem(null);
    setPreview(null);
    if (!file) {
      return;
    }
    if (!acceptedTypes.includes(file.type)) {
      setProblem({ key: 'wrongType' });
      return;
    }
    if (file.size > maxBytes) {
      setProblem({ key: 'tooLarge', size: Math.ceil(file.size / 1024) });
      return;
    }
    try {
      setPreview({ dataUrl: await readAsDataUrl(file), name: file.name });
    } catch {
      setProblem({ key: 'unreadable' });
    }
  };

  const save = () => {
    if (!preview) {
      return;
    }
    upload.mutate(preview.dataUrl, {
      onSuccess: () => {
        setPreview(null);
        notifySuccess(t('processor.logo.saved'));
      },
      onError: (error) => notifyError(error, t),
    });
  };

  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t('processor.logo.hint')}
      </Text>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Paper withBorder p="sm" radius="sm" miw={200} mih={80}>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {preview ? t('processor.logo.preview') : t('processor.logo.current')}
            </Text>
            {preview ? (
              <Image src={preview.dataUrl} alt={t('processor.logo.previewAlt')} className="logo-preview" />
            ) : profile.hasLogo ? (
              <Image
                src={logoUrl(profile)}
                alt={t('processor.logo.alt', { name: profile.legalName })}
                className="logo-preview"
              />
            ) : (
              <Text size="sm" c="dimmed">
                {t('processor.logo.none')}
              </Text>
            )}
          </Stack>
        </Paper>
        {canEdit ? (
          <Stack gap="xs">
            <FileButton onChange={(file) => void choose(file)} accept={acceptedTypes.join(',')}>
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconPhotoUp size={16} aria-hidden />}>
                  {t('processor.logo.choose')}
                </Button>
              )}
            </FileButton>
            {preview ? (
              <Group gap="xs">
                <Button onClick={save} loading={upload.isPending}>
                  {t('processor.logo.upload')}
                </Button>
                <Button variant="subtle" onClick={() => setPreview(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            ) : null}
            {profile.hasLogo && !preview ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setConfirmDelete(true)}
              >
                {t('processor.logo.remove')}
              </Button>
            ) : null}
          </Stack>
        ) : null}
      </Group>
      {problem ? (
        <Text size="sm" c="red.8" role="alert">
          {t(`processor.logo.${problem.key}`, { size: problem.size })}
        </Text>
      ) : null}
      <ConfirmMutation
        target={confirmDelete || null}
        onClose={() => setConfirmDelete(false)}
        mutation={remove}
        variables={() => undefined}
        title={() => t('processor.logo.removeTitle')}
        confirmLabel={t('processor.logo.remove')}
        danger
        success={() => t('processor.logo.removed')}
      >
        {() => t('processor.logo.removeBody')}
      </ConfirmMutation>
    </Stack>
  );
}
