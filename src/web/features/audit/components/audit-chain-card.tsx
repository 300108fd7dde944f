import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-error.ts';
import { DateTimeText } from '../../../components/date-time.tsx';
import type { AuditVerification } from '../../../lib/api-types.ts';
import { useFormat } from '../../../lib/format.ts';
import { useVerifyAuditChain } from '../api/verification.ts';

type AuditChainCardProps = {
  verification: AuditVerification | null | undefined;
  canVerify: boolean;
};

/**
 * The integrity of the audit log: every event carries the hash of the one before it, so a changed or
 * deleted row breaks the chain. Shows the last check and lets auditors re-check now.
 */
export function AuditChainCard({ verification, canVerify }: AuditChainCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const verify = useVerifyAuditChain();
  const titleId = 'audit-chain-title';

  const runCheck = () =>
    verify.mutate(undefined, {
      onError: (error) => notifyError(error, t),
    });

  const status = verification ? (verification.ok ? 'ok' : 'broken') : 'never';

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="h4" id={titleId}>
            {t('auditChain.title')}
          </Title>
          {status === 'ok' ? (
            <Badge color="teal" leftSection={<IconShieldCheck size={14} aria-hidden />}>
              {t('auditChain.ok')}
            </Badge>
          ) : status === 'broken' ? (
            <Badge color="red" leftSection={<IconShieldX size={14} aria-hidden />}>
              {t('auditChain.broken')}
            </Badge>
          ) : (
            <Badge color="gray">{t('auditChain.never')}</Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('auditChain.explain')}
        </Text>
        {verification ? (
          <Stack gap={4} aria-live="polite">
            <Text size="sm">
              {t('auditChain.lastRun')} <DateTimeText value={verification.ranAt} fw={500} />{' '}
              <Text span c="dimmed" size="xs">
                (
                {t(`auditChain.trigger.${verification.trigger}` as never, {
                  defaultValue: verification.trigger,
                })}
                )
              </Text>
            </Text>
            <Text size="sm">
              {t('auditChain.checkedRows', {
                count: verification.checkedRows,
                formatted: format.number(verification.checkedRows),
              })}
            </Text>
            {!verification.ok ? (
              <Text size="sm" c="red.8" role="alert">
                {verification.brokenRowId !== null
                  ? t('auditChain.brokenAt', { id: verification.brokenRowId })
                  : t('auditChain.brokenUnknown')}
                {verification.message ? ` ${verification.message}` : ''}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Text size="sm">{t('auditChain.neverExplain')}</Text>
        )}
        {canVerify ? (
          <Group>
            <Button size="sm" variant="light" onClick={runCheck} loading={verify.isPending}>
              {t('auditChain.verifyNow')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
