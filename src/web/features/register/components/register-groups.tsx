import { ActionIcon, Badge, Card, Group, Menu, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArchive, IconDots, IconHistory, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { useFormat } from '../../../lib/format.ts';
import type { RegisterEntry, ServiceLine } from '../api/types.ts';

type Props = {
  serviceLines: ServiceLine[];
  entries: RegisterEntry[];
  processorName: string;
  filtered: boolean;
  /** Edit actions are offered on the current register to roles that may change it. */
  canEdit: boolean;
  onEdit: (entry: RegisterEntry) => void;
  onRetire: (entry: RegisterEntry) => void;
  onHistory: (entry: RegisterEntry) => void;
};

/** Annex 1 as the agreement shows it: one table per service line, under its purpose. */
export function RegisterGroups({
  serviceLines,
  entries,
  processorName,
  filtered,
  canEdit,
  onEdit,
  onRetire,
  onHistory,
}: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const en = i18n.resolvedLanguage === 'en';
  const label = (entry: RegisterEntry) => (en ? entry.dataTypeEn : entry.dataTypeNl);

  const columns: TableColumn<RegisterEntry>[] = [
    {
      accessor: 'dataType',
      title: t('register.columns.dataType'),
      value: label,
      width: '21%',
      render: (entry) => (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {label(entry)}
          </Text>
          <Group gap={4}>
            {entry.specialCategory ? (
              <Badge
                size="xs"
                color="red"
                variant="light"
                leftSection={<IconAlertTriangle size={10} aria-hidden />}
              >
                {t('register.special')}
              </Badge>
            ) : null}
            {entry.criminalData ? (
              <Badge
                size="xs"
                color="red"
                variant="light"
                leftSection={<IconAlertTriangle size={10} aria-hidden />}
              >
                {t('register.criminal')}
              </Badge>
            ) : null}
            {entry.retiredAt ? (
              <Badge size="xs" color="gray" variant="outline">
                {t('register.retiredOn', { date: format.date(entry.retiredAt) })}
              </Badge>
            ) : null}
          </Group>
        </Stack>
      ),
    },
    {
      accessor: 'retention',
      title: t('register.columns.retention'),
      value: (entry) => (en ? entry.retentionEn : entry.retentionNl),
      width: '19%',
      render: (entry) => <Text size="sm">{en ? entry.retentionEn : entry.retentionNl}</Text>,
    },
    {
      accessor: 'processedByProcessor',
      title: t('register.columns.processedBy', { processor: processorName }),
      value: (entry) => (entry.processedByProcessor ? t('register.yes') : t('register.no')),
      noWrap: true,
      render: (entry) => (
        <Text size="sm">{entry.processedByProcessor ? t('register.yes') : t('register.no')}</Text>
      ),
    },
    {
      accessor: 'subprocessors',
      title: t('register.columns.subprocessors'),
      value: (entry) => entry.subprocessors.map((s) => s.name).join('; '),
      width: '12%',
      render: (entry) =>
        entry.subprocessors.length ? (
          <Stack gap={0}>
            {entry.subprocessors.map((s) => (
              <Text key={s.id} size="sm">
                {s.name}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('register.none')}
          </Text>
        ),
    },
    {
      accessor: 'categories',
      title: t('register.columns.categories'),
      value: (entry) => entry.dataCategories.map((c) => t(`register.categories.${c}` as never)).join(', '),
      render: (entry) => (
        <Stack gap={4}>
          <Group gap={4}>
            {entry.dataCategories.map((c) => (
              <Badge key={c} size="xs" variant="light" color="gray" tt="none">
                {t(`register.categories.${c}` as never)}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed">
            {entry.dataSubjects.map((s) => t(`register.subjects.${s}` as never)).join(', ')}
          </Text>
        </Stack>
      ),
    },
    {
      accessor: 'processorRole',
      title: t('register.columns.role'),
      value: (entry) => t(`register.roles.${entry.processorRole}`),
      width: 150,
      render: (entry) => (
        <Tooltip
          label={t(`register.roles.${entry.processorRole}Help`, { processor: processorName })}
          multiline
          w={320}
          withArrow
        >
          <Badge
            size="sm"
            variant="light"
            color={entry.processorRole === 'controller' ? 'grape' : 'teal'}
            tt="none"
            tabIndex={0}
          >
            {t(`register.roles.${entry.processorRole}Short`)}
          </Badge>
        </Tooltip>
      ),
    },
    {
      accessor: 'actions',
      title: t('register.columns.actions'),
      titleHidden: true,
      exportable: false,
      textAlign: 'right',
      width: 56,
      render: (entry) => (
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('register.actions.menu', { dataType: label(entry) })}
            >
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {canEdit && !entry.retiredAt ? (
              <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => onEdit(entry)}>
                {t('register.actions.edit')}
              </Menu.Item>
            ) : null}
            <Menu.Item leftSection={<IconHistory size={16} aria-hidden />} onClick={() => onHistory(entry)}>
              {t('register.actions.history')}
            </Menu.Item>
            {canEdit && !entry.retiredAt ? (
              <Menu.Item
                color="red"
                leftSection={<IconArchive size={16} aria-hidden />}
                onClick={() => onRetire(entry)}
              >
                {t('register.actions.retire')}
              </Menu.Item>
            ) : null}
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ];

  const groups = serviceLines
    .map((line) => ({ line, rows: entries.filter((e) => e.serviceLine === line.code) }))
    .filter(({ line, rows }) => rows.length > 0 || (!filtered && line.retiredAt === null));

  if (groups.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('register.noMatches')}
      </Text>
    );
  }

  return (
    <Stack gap="lg">
      {groups.map(({ line, rows }) => {
        const name = en ? line.nameEn : line.nameNl;
        return (
          <Card
            key={line.code}
            withBorder
            radius="md"
            padding="md"
            component="section"
            aria-labelledby={`service-${line.code}`}
          >
            <Stack gap="sm">
              <div>
                <Group gap="xs" align="baseline">
                  <Title order={2} fz="h4" id={`service-${line.code}`}>
                    {name}
                  </Title>
                  {line.productName ? (
                    <Text size="sm" c="dimmed">
                      {line.productName}
                    </Text>
                  ) : null}
                  <Badge size="sm" variant="outline" color="gray">
                    {rows.length}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed" maw={900}>
                  <Text span fw={500} inherit>
                    {t('register.purpose')}:
                  </Text>{' '}
                  {en ? line.purposeEn : line.purposeNl}
                </Text>
              </div>
              {rows.length > 0 ? (
                <DataTable label={name} columns={columns} records={rows} idAccessor="id" />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('register.noEntries')}
                </Text>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
