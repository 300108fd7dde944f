import { Alert, Button, CopyButton, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../../lib/csv.ts';
import { useFormat } from '../../../lib/format.ts';

type RecoveryCodesProps = {
  codes: string[];
  email: string;
  onDone: () => void;
  doneLabel?: string;
};

/**
 * The recovery codes, shown once (the server keeps only hashes): a warning, the list, copy and download as a
 * text file, and a button to say they are saved. Focus lands on the warning so it is read first.
 */
export function RecoveryCodes({ codes, email, onDone, doneLabel }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const warningRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    warningRef.current?.focus();
  }, []);

  const text = codes.join('\n');
  const download = () =>
    downloadText(
      t('account.twoFactor.fileName'),
      `${t('account.twoFactor.fileHeader', { email, date: format.dateTime(new Date().toISOString()) })}\n\n${text}\n`,
      'text/plain;charset=utf-8',
    );

  return (
    <Stack gap="sm">
      <Alert
        ref={warningRef}
        tabIndex={-1}
        role="alert"
        color="orange"
        variant="light"
        title={t('account.twoFactor.recoveryTitle')}
        icon={<IconAlertTriangle aria-hidden />}
      >
        {t('account.twoFactor.recoveryWarning')}
      </Alert>
      <Paper withBorder radius="sm" p="sm" bg="gray.0">
        <List
          aria-label={t('account.twoFactor.recoveryListLabel')}
          listStyleType="none"
          spacing={2}
          styles={{ root: { columns: 2, columnGap: 32 } }}
        >
          {codes.map((code) => (
            <List.Item key={code}>
              <Text ff="monospace" size="md" fw={500}>
                {code}
              </Text>
            </List.Item>
          ))}
        </List>
      </Paper>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap="xs">
          <CopyButton value={text}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'default'}
                color={copied ? 'teal' : undefined}
                onClick={copy}
                leftSection={
                  copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                }
              >
                {copied ? t('account.twoFactor.copied') : t('account.twoFactor.copyCodes')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={download} leftSection={<IconDownload size={16} aria-hidden />}>
            {t('account.twoFactor.download')}
          </Button>
        </Group>
        <Button onClick={onDone}>{doneLabel ?? t('account.twoFactor.savedThem')}</Button>
      </Group>
    </Stack>
  );
}
