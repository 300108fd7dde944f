import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { type ImportOptions, ImportRejected, useImportRegister } from '../api/register.ts';
import type { ImportReport } from '../api/types.ts';

const statusColor = { create: 'teal', update: 'blue', unchanged: 'gray', invalid: 'red' } as const;

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const rejected = report.fileErrors.length > 0 || (!report.applied && !report.dryRun);
  const title =
    report.fileErrors.length > 0
      ? t('register.import.fileRejected')
      : report.applied
        ? report.counts.create + report.counts.update + report.counts.retire > 0
          ? t('register.import.applied', { version: report.registerVersion })
          : t('register.import.appliedNothing')
        : report.dryRun
          ? t('register.import.dryRunDone')
          : t('register.import.rejected');
  const rows = report.rows.filter((r) => r.status !== 'unchanged');

  return (
    <Stack gap="sm" data-testid="import-report">
      <Alert
        color={rejected ? 'red' : report.applied ? 'teal' : 'blue'}
        variant="light"
        role={rejected ? 'alert' : 'status'}
        title={title}
        icon={rejected ? <IconAlertTriangle aria-hidden /> : <IconCircleCheck aria-hidden />}
      >
        {report.fileErrors.length > 0 ? (
          <List size="sm">
            {report.fileErrors.map((e) => (
              <List.Item key={e.code}>{e.message}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t('register.import.counts', report.counts)}</Text>
        )}
      </Alert>
      {report.retired.length > 0 ? (
        <Text size="sm">
          {t('register.import.retiring', {
            entries: report.retired.map((r) => `${r.serviceLine} · ${r.dataType}`).join('; '),
          })}
        </Text>
      ) : null}
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={560} maxHeight={320}>
          <Table striped withTableBorder fz="sm" aria-label={t('register.import.rowsLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('register.import.columns.row')}</Table.Th>
                <Table.Th>{t('register.import.columns.status')}</Table.Th>
                <Table.Th>{t('register.import.columns.entry')}</Table.Th>
                <Table.Th>{t('register.import.columns.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.row}>
                  <Table.Td>{row.row}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={statusColor[row.status]}>
                      {t(`register.import.status.${row.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{[row.serviceLine, row.dataType].filter(Boolean).join(' · ')}</Table.Td>
                  <Table.Td>
                    {row.errors.length > 0 ? (
                      <Stack gap={2}>
                        {row.errors.map((e) => (
                          <Text key={`${e.column}-${e.code}`} size="sm" c="red">
                            {e.column ? <strong>{e.column}: </strong> : null}
                            {e.message}
                          </Text>
                        ))}
                      </Stack>
                    ) : row.changes.length > 0 ? (
                      t('register.import.changes', { fields: row.changes.join(', ') })
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}

export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<Omit<ImportOptions, 'dryRun'>>({
    skipInvalid: false,
    retireMissing: false,
  });
  const [report, setReport] = useState<ImportReport | null>(null);
  const importer = useImportRegister();

  const close = () => {
    setFile(null);
    setReport(null);
    importer.reset();
    onClose();
  };

  const run = (dryRun: boolean) => {
    if (!file) {
      return;
    }
    setReport(null);
    importer.mutate(
      { file, dryRun, ...options },
      {
        onSuccess: setReport,
        onError: (error) => {
          if (error instanceof ImportRejected) {
            setReport(error.report);
          }
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      size="xl"
      title={t('register.import.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('register.import.intro')}</Text>
        <FileInput
          label={t('register.import.file')}
          placeholder={t('register.import.filePlaceholder')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          value={file}
          onChange={(next) => {
            setFile(next);
            setReport(null);
          }}
          clearable
        />
        <Checkbox
          label={t('register.import.skipInvalid')}
          description={t('register.import.skipInvalidHint')}
          checked={options.skipInvalid}
          onChange={(event) => setOptions((o) => ({ ...o, skipInvalid: event.currentTarget.checked }))}
        />
        <Checkbox
          label={t('register.import.retireMissing')}
          description={t('register.import.retireMissingHint')}
          checked={options.retireMissing}
          onChange={(event) => setOptions((o) => ({ ...o, retireMissing: event.currentTarget.checked }))}
        />
        {report ? <ReportView report={report} /> : null}
        {importer.error && !(importer.error instanceof ImportRejected) ? (
          <ErrorAlert error={importer.error} />
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {t('common.close')}
          </Button>
          <Button variant="light" disabled={!file} loading={importer.isPending} onClick={() => run(true)}>
            {t('register.import.check')}
          </Button>
          <Button disabled={!file} loading={importer.isPending} onClick={() => run(false)}>
            {t('register.import.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
