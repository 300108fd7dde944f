import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { shortHash } from '../lib/format.ts';

/** The first digits of a SHA-256, the whole value a click away on the clipboard. */
export function HashText({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Code title={value} style={{ whiteSpace: 'nowrap' }}>
        {shortHash(value)}…
      </Code>
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('documents.hash.copied') : t('documents.hash.copy')} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              size="sm"
              onClick={copy}
              aria-label={
                copied
                  ? t('documents.hash.copied')
                  : t('documents.hash.copyLabel', { hash: shortHash(value) })
              }
            >
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
