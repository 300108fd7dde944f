import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestTask } from '../../api/types.ts';
import { OutcomeBadge } from '../badges.tsx';

// How one task (a system or sub-processor that holds the person's data) reads on the staff tasks table and on
// the customer's progress table. Staff get more around it (owner, evidence, actions); the customer sees these.

/** The system's name and the kinds of data it holds for the customer; `badge` adds a marker after the name. */
export function TaskSystem({ task, badge }: { task: RequestTask; badge?: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Text size="sm" fw={600} component="span">
          {task.title}
        </Text>
        {badge}
      </Group>
      <Text size="xs" c="dimmed">
        {[...new Set(task.dataTypes.map((d) => (en ? d.en : d.nl)))].join(', ')}
      </Text>
    </Stack>
  );
}

export function NoOutcome() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t('requests.tasks.noOutcome')}
    </Text>
  );
}

/** The recorded outcome and its note (or that there is none yet); `action` sits next to the badge. */
export function TaskOutcomeView({ task, action }: { task: RequestTask; action?: ReactNode }) {
  if (!task.outcome) {
    return <NoOutcome />;
  }
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <OutcomeBadge outcome={task.outcome} />
        {action}
      </Group>
      {task.outcomeNote ? (
        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {task.outcomeNote}
        </Text>
      ) : null}
    </Stack>
  );
}
