import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconPlayerPlay,
  IconPlayerStop,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { describeError } from '../../../lib/errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { afterManyGenerated, afterOneOfMany, useAllCustomers } from '../api/documents.ts';
import type { DocumentFormat, DocumentKind, DocumentLanguage } from '../api/types.ts';
import {
  type BulkFailure,
  type BulkItem,
  type BulkState,
  bulkConcurrency,
  bulkRun,
  useBulkRun,
} from '../lib/bulk-run.ts';
import { formatLabel, kindLabel } from '../lib/labels.ts';
import { useDocumentPermissions } from '../lib/permissions.ts';
import { GuardedButton } from './guarded-button.tsx';
import { describeGenerateError } from './missing-data-alert.tsx';

type Failure = BulkFailure & { key: string; text: string };

function useElapsed(run: BulkState): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (run.status !== 'running') {
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [run.status]);
  if (!run.startedAt) {
    return 0;
  }
  return Math.max(0, ((run.finishedAt ?? now) - run.startedAt) / 1000);
}

/** What a screen reader hears: the start, every tenth of the way, and the end — not every single document. */
function announcement(run: BulkState, t: TFunction): string {
  if (run.status === 'idle') {
    return '';
  }
  if (run.status !== 'running') {
    const values = { succeeded: run.succeeded, failed: run.failures.length, total: run.total };
    return run.status === 'done'
      ? t('documents.bulk.finished', values)
      : t('documents.bulk.cancelled', values);
  }
  const tenths = run.total === 0 ? 0 : Math.floor((run.done / run.total) * 10);
  return t('documents.bulk.progressAnnounce', { percent: tenths * 10, total: run.total });
}

function Progressing({ run }: { run: BulkState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const elapsed = useElapsed(run);
  const percent = run.total === 0 ? 100 : (run.done / run.total) * 100;
  const failed = run.failures.length;
  const perSecond = elapsed > 0 ? run.done / elapsed : 0;
  const failures: Failure[] = run.failures.map((f, i) => ({
    ...f,
    key: `${f.customerId}-${i}`,
    text: describeGenerateError(f.error, t) ?? describeError(f.error, t),
  }));
  const columns: TableColumn<Failure>[] = [
    {
      accessor: 'legalName',
      title: t('documents.columns.customer'),
      sortable: true,
      render: (f) => (
        <Anchor
          component={Link}
          to={`/customers/${encodeURIComponent(f.customerId)}?tab=documents`}
          size="sm"
        >
          {f.legalName}
        </Anchor>
      ),
    },
    { accessor: 'text', title: t('documents.bulk.reason'), sortable: true },
  ];
  const color = run.status === 'cancelled' ? 'gray' : failed > 0 ? 'orange' : 'teal';

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="bulk-progress-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={3} fz="h5" id="bulk-progress-title">
              {run.label}
            </Title>
            <Text size="sm" c="dimmed">
              {run.status === 'running'
                ? run.stopping
                  ? t('documents.bulk.stopping')
                  : t('documents.bulk.running', { count: bulkConcurrency })
                : run.status === 'done'
                  ? t('documents.bulk.doneTitle')
                  : t('documents.bulk.cancelledTitle')}
            </Text>
          </Stack>
          {run.status === 'running' ? (
            <Button
              color="red"
              variant="light"
              leftSection={<IconPlayerStop size={16} aria-hidden />}
              onClick={() => bulkRun.cancel()}
              disabled={run.stopping}
            >
              {t('documents.bulk.cancel')}
            </Button>
          ) : (
            <Button
              variant="default"
              leftSection={<IconX size={16} aria-hidden />}
              onClick={() => bulkRun.reset()}
            >
              {t('documents.bulk.clear')}
            </Button>
          )}
        </Group>
        <Progress.Root
          size="xl"
          role="progressbar"
          aria-labelledby="bulk-progress-title"
          aria-valuemin={0}
          aria-valuemax={run.total}
          aria-valuenow={run.done}
          aria-valuetext={t('documents.bulk.progressText', { done: run.done, total: run.total })}
        >
          <Progress.Section
            value={percent}
            color={color}
            striped={run.status === 'running'}
            animated={run.status === 'running'}
            withAria={false}
          >
            <Progress.Label>{Math.round(percent)}%</Progress.Label>
          </Progress.Section>
        </Progress.Root>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Stat
            label={t('documents.bulk.stats.done')}
            value={`${format.number(run.done)} / ${format.number(run.total)}`}
          />
          <Stat label={t('documents.bulk.stats.succeeded')} value={format.number(run.succeeded)} />
          <Stat label={t('documents.bulk.stats.failed')} value={format.number(failed)} danger={failed > 0} />
          <Stat
            label={t('documents.bulk.stats.speed')}
            value={t('documents.bulk.perSecond', {
              rate: new Intl.NumberFormat(format.lng === 'en' ? 'en-GB' : 'nl-NL', {
                maximumFractionDigits: 1,
              }).format(perSecond),
              seconds: Math.round(elapsed),
            })}
          />
        </SimpleGrid>
        {run.status === 'done' && failed === 0 ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />}>
            {t('documents.bulk.allDone', { count: run.succeeded })}
          </Alert>
        ) : null}
        {failed > 0 ? (
          <Stack gap="xs">
            <Group gap={6}>
              <IconAlertTriangle size={16} aria-hidden color="var(--mantine-color-orange-7)" />
              <Title order={4} fz="sm">
                {t('documents.bulk.failuresTitle', { count: failed })}
              </Title>
            </Group>
            <DataTable<Failure>
              label={t('documents.bulk.failuresTitle', { count: failed })}
              columns={columns}
              records={failures}
              idAccessor="key"
              searchable
              csvFileName="niet-gegenereerd.csv"
            />
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function Stat({ label, value, danger }: { label: string; value: string; danger?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700} c={danger ? 'red.8' : undefined}>
        {value}
      </Text>
    </Stack>
  );
}

/** Generate one kind of document for every customer, three at a time, with progress, failures and cancel. */
export function BulkPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { canGenerate } = useDocumentPermissions();
  const run = useBulkRun();
  const customers = useAllCustomers();
  const [kind, setKind] = useState<DocumentKind>('dpa');
  const [format, setFormat] = useState<DocumentFormat>('pdf');
  const [language, setLanguage] = useState<'customer' | DocumentLanguage>('customer');
  const [skipDemo, setSkipDemo] = useState(false);
  const [onlyRunning, setOnlyRunning] = useState(true);

  const chosen = useMemo(
    () =>
      (customers.data ?? []).filter(
        (c) => !(skipDemo && c.isDemo) && !(onlyRunning && (c.status === 'ended' || c.status === 'none')),
      ),
    [customers.data, skipDemo, onlyRunning],
  );
  const demoCount = (customers.data ?? []).filter((c) => c.isDemo).length;
  const running = run.status === 'running';

  const start = () => {
    const items: BulkItem[] = chosen.map((c) => ({
      customerId: c.id,
      legalName: c.legalName,
      request: { kind, format, ...(language === 'customer' ? {} : { language }) },
    }));
    void bulkRun.start(
      items,
      t('documents.bulk.label', {
        kind: kindLabel(kind, t),
        format: formatLabel(format, t),
        count: items.length,
      }),
      {
        onGenerated: (customerId) => afterOneOfMany(queryClient, customerId),
        onFinished: () => afterManyGenerated(queryClient),
      },
    );
  };

  return (
    <Stack gap="md">
      <VisuallyHidden aria-live="polite" aria-atomic="true">
        {announcement(run, t)}
      </VisuallyHidden>
      <Text size="sm" c="dimmed" maw={820}>
        {t('documents.bulk.intro')}
      </Text>
      {run.status !== 'idle' ? <Progressing run={run} /> : null}
      <Card withBorder padding="md" radius="md" component="section" aria-labelledby="bulk-form-title">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (canGenerate && !running && chosen.length > 0) {
              start();
            }
          }}
        >
          <Stack gap="md">
            <Title order={3} fz="h5" id="bulk-form-title">
              {t('documents.bulk.formTitle')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Radio.Group
                label={t('documents.bulk.kind')}
                value={kind}
                onChange={(v) => setKind(v as DocumentKind)}
              >
                <Stack gap={6} mt={6}>
                  <Radio value="dpa" label={t('documents.kinds.dpa')} disabled={running} />
                  <Radio value="record" label={t('documents.kinds.record')} disabled={running} />
                </Stack>
              </Radio.Group>
              <Radio.Group
                label={t('documents.generate.format')}
                value={format}
                onChange={(v) => setFormat(v as DocumentFormat)}
              >
                <Stack gap={6} mt={6}>
                  <Radio value="pdf" label={t('documents.formatOptions.pdf')} disabled={running} />
                  <Radio value="docx" label={t('documents.formatOptions.docx')} disabled={running} />
                </Stack>
              </Radio.Group>
              <Radio.Group
                label={t('documents.generate.language')}
                value={language}
                onChange={(v) => setLanguage(v as typeof language)}
              >
                <Stack gap={6} mt={6}>
                  <Radio value="customer" label={t('documents.bulk.customerLanguage')} disabled={running} />
                  <Radio value="nl" label={t('documents.languages.nl')} disabled={running} />
                  <Radio value="en" label={t('documents.languages.en')} disabled={running} />
                </Stack>
              </Radio.Group>
            </SimpleGrid>
            <Stack gap={6}>
              <Checkbox
                label={t('documents.bulk.onlyRunning')}
                description={t('documents.bulk.onlyRunningHint')}
                checked={onlyRunning}
                onChange={(e) => setOnlyRunning(e.currentTarget.checked)}
                disabled={running}
              />
              <Checkbox
                label={t('documents.bulk.skipDemo', { count: demoCount })}
                checked={skipDemo}
                onChange={(e) => setSkipDemo(e.currentTarget.checked)}
                disabled={running || demoCount === 0}
              />
            </Stack>
            {customers.isError ? <ErrorAlert error={customers.error} title={t('errors.loadTitle')} /> : null}
            <Group justify="space-between" align="center" wrap="wrap">
              <Text size="sm" aria-live="polite">
                {customers.isPending
                  ? t('common.loading')
                  : t('documents.bulk.summary', {
                      count: chosen.length,
                      total: customers.data?.length ?? 0,
                      kind: kindLabel(kind, t),
                    })}
              </Text>
              <GuardedButton
                type="submit"
                allowed={canGenerate && !running}
                reason={running ? t('documents.bulk.alreadyRunning') : t('documents.readOnlyHint')}
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
                disabled={customers.isPending || chosen.length === 0}
              >
                {t('documents.bulk.start', { count: chosen.length })}
              </GuardedButton>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
