import { Badge, Drawer, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useEntryHistory } from '../api/register.ts';
import type { RegisterEntry } from '../api/types.ts';

const knownActions = [
  'register.seeded',
  'register.entry_created',
  'register.entry_updated',
  'register.entry_retired',
  'register.imported',
];

/** The revisions of one entry, newest first, each with the register version that holds it. */
export function EntryHistoryDrawer({
  entry,
  processorName,
  onClose,
}: {
  entry: RegisterEntry | null;
  processorName: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const history = useEntryHistory(entry?.id ?? null);
  const en = i18n.resolvedLanguage === 'en';
  const label = entry ? (en ? entry.dataTypeEn : entry.dataTypeNl) : '';

  return (
    <Drawer
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={t('register.history.title', { dataType: label })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('register.history.intro')}
        </Text>
        {history.isPending ? <Skeleton h={200} /> : null}
        <ErrorAlert error={history.error} />
        {history.data ? (
          <Timeline active={0} bulletSize={18} lineWidth={2}>
            {history.data.items.map((item) => (
              <Timeline.Item
                key={item.version}
                title={`${t('register.history.version', { version: item.version })} · ${t(
                  `register.history.actions.${knownActions.includes(item.action) ? item.action : 'other'}` as never,
                )}`}
              >
                <Stack gap={4}>
                  <Text size="xs" c="dimmed">
                    {t('register.history.by', {
                      when: format.dateTime(item.createdAt),
                      actor: item.actorLabel,
                    })}
                  </Text>
                  <Text size="sm">{en ? item.entry.retentionEn : item.entry.retentionNl}</Text>
                  <Text size="xs">
                    {t('register.columns.processedBy', { processor: processorName })}:{' '}
                    {item.entry.processedByProcessor ? t('register.yes') : t('register.no')} ·{' '}
                    {t('register.columns.subprocessors')}:{' '}
                    {item.entry.subprocessors.map((s) => s.name).join(', ') || t('register.none')}
                  </Text>
                  {item.entry.retiredAt ? (
                    <Badge size="xs" color="gray" variant="outline">
                      {t('register.retiredOn', { date: format.date(item.entry.retiredAt) })}
                    </Badge>
                  ) : null}
                </Stack>
              </Timeline.Item>
            ))}
          </Timeline>
        ) : null}
      </Stack>
    </Drawer>
  );
}
