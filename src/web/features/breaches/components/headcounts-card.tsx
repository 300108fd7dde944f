import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import { type Headcount, useHeadcounts, useSaveHeadcounts } from '../api/breaches.ts';
import { localizeError } from '../lib/errors.ts';
import { useBreachPermissions } from '../lib/permissions.ts';

type Row = { serviceLineCode: string | null; persons: number | string; unit: string };

/** How many persons a customer has per service line: the base of the persons estimate of an incident (Annex 3). */
export function HeadcountsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const serviceLines = useServiceLines();
  const headcounts = useHeadcounts(customerId);
  const { canWrite } = useBreachPermissions();
  const [rows, setRows] = useState<Row[] | null>(null);
  const titleId = 'customer-headcounts-title';
  const items = headcounts.data ?? [];

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} fz="h4" id={titleId}>
              {t('breaches.headcounts.title')}
            </Title>
            <Text size="xs" c="dimmed" maw={640}>
              {t('breaches.headcounts.description')}
            </Text>
          </Stack>
          {canWrite && rows === null && headcounts.data ? (
            <Button
              variant="default"
              size="xs"
              onClick={() => setRows(items.length ? items.map((i): Row => ({ ...i })) : [emptyRow(t)])}
            >
              {t('breaches.headcounts.edit')}
            </Button>
          ) : null}
        </Group>
        <ErrorAlert error={headcounts.error} />
        {rows === null ? (
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('breaches.headcounts.empty')}
            </Text>
          ) : (
            <Table withRowBorders={false} verticalSpacing={4} maw={520}>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.serviceLineCode}>
                    <Table.Td>{serviceLines.nameOf(i.serviceLineCode)}</Table.Td>
                    <Table.Td ta="right">
                      {format.number(i.persons)} {i.unit}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        ) : (
          <HeadcountsEditor
            customerId={customerId}
            rows={rows}
            setRows={setRows}
            onDone={() => setRows(null)}
          />
        )}
      </Stack>
    </Card>
  );
}

const emptyRow = (t: (key: 'breaches.headcounts.defaultUnit') => string): Row => ({
  serviceLineCode: null,
  persons: '',
  unit: t('breaches.headcounts.defaultUnit'),
});

function HeadcountsEditor({
  customerId,
  rows,
  setRows,
  onDone,
}: {
  customerId: string;
  rows: Row[];
  setRows: (rows: Row[]) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  const save = useSaveHeadcounts(customerId);
  const [invalid, setInvalid] = useState<string | null>(null);
  const update = (index: number, change: Partial<Row>) =>
    setRows(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const options = (current: string | null) => [
    ...serviceLines.options.filter(
      (o) => o.value === current || !rows.some((r) => r.serviceLineCode === o.value),
    ),
    ...(current && !serviceLines.options.some((o) => o.value === current)
      ? [{ value: current, label: serviceLines.nameOf(current) }]
      : []),
  ];
  const submit = () => {
    setInvalid(null);
    const filled = rows.filter((r) => r.serviceLineCode || r.persons !== '');
    if (filled.some((r) => !r.serviceLineCode || r.persons === '' || !r.unit.trim())) {
      setInvalid(t('breaches.headcounts.incomplete'));
      return;
    }
    const items: Headcount[] = filled.map((r) => ({
      serviceLineCode: r.serviceLineCode ?? '',
      persons: Number(r.persons),
      unit: r.unit.trim(),
    }));
    save.mutate(items, {
      onSuccess: () => {
        notifySuccess(t('breaches.headcounts.saved'));
        onDone();
      },
    });
  };
  return (
    <Stack gap="xs">
      {rows.map((r, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are only added at the end or removed
        <Group key={index} gap="xs" align="flex-end" wrap="wrap">
          <Select
            label={t('breaches.headcounts.serviceLine')}
            data={options(r.serviceLineCode)}
            value={r.serviceLineCode}
            onChange={(value) => update(index, { serviceLineCode: value })}
            searchable
            w={240}
          />
          <NumberInput
            label={t('breaches.headcounts.persons')}
            min={0}
            max={10_000_000}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator="."
            decimalSeparator=","
            value={r.persons}
            onChange={(value) => update(index, { persons: value })}
            w={140}
          />
          <TextInput
            label={t('breaches.headcounts.unit')}
            maxLength={40}
            value={r.unit}
            onChange={(event) => update(index, { unit: event.currentTarget.value })}
            w={160}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            onClick={() => setRows(rows.filter((_, i) => i !== index))}
            aria-label={t('breaches.headcounts.remove')}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => setRows([...rows, emptyRow(t)])}
        >
          {t('breaches.headcounts.add')}
        </Button>
      </Group>
      <ErrorAlert error={invalid ? new Error(invalid) : localizeError(save.error)} />
      <Group gap="xs">
        <Button size="xs" loading={save.isPending} onClick={submit}>
          {t('common.save')}
        </Button>
        <Button size="xs" variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
