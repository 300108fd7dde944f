import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import type { ProposalProgress as Progress_ } from '../api/types.ts';

type Part = { key: 'given' | 'objected' | 'overdue' | 'waiting'; value: number; color: string };

/** How many customers answered: given, objected, still asked (overdue ones apart), as a bar and in words. */
export function ProposalProgress({ progress, compact }: { progress: Progress_; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const total = Math.max(progress.customers, 0);
  const overdue = Math.min(progress.overdue, progress.asked);
  const parts: Part[] = [
    { key: 'given', value: progress.given, color: 'teal' },
    { key: 'objected', value: progress.objected, color: 'red' },
    { key: 'overdue', value: overdue, color: 'orange' },
    { key: 'waiting', value: Math.max(progress.asked - overdue, 0), color: 'blue.2' },
  ];
  const answered = progress.given + progress.objected;
  const percent = (n: number) => (total === 0 ? 0 : (n / total) * 100);
  const summary = t('subprocessors.progress.summary', {
    answered: format.number(answered),
    total: format.number(total),
  });
  return (
    <Stack gap={4} miw={compact ? 180 : undefined}>
      <Progress.Root size={compact ? 'md' : 'xl'} aria-label={summary}>
        {parts
          .filter((p) => p.value > 0)
          .map((p) => (
            <Tooltip key={p.key} label={t(`subprocessors.progress.${p.key}`, { count: p.value })} withArrow>
              <Progress.Section
                value={percent(p.value)}
                color={p.color}
                aria-label={t(`subprocessors.progress.${p.key}`, { count: p.value })}
              />
            </Tooltip>
          ))}
      </Progress.Root>
      <Group gap="xs" wrap="wrap">
        <Text size="xs" fw={600}>
          {summary}
        </Text>
        {parts
          .filter((p) => p.value > 0 || !compact)
          .map((p) => (
            <Text key={p.key} size="xs" c={p.key === 'objected' || p.key === 'overdue' ? p.color : 'dimmed'}>
              {t(`subprocessors.progress.${p.key}`, { count: p.value })}
            </Text>
          ))}
      </Group>
    </Stack>
  );
}
