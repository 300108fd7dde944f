import { Alert, Button, Checkbox, Code, FileInput, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormat } from '../../../lib/format.ts';
import { isSpreadsheet, useImportCustomers } from '../api/import.ts';
import type { ImportProblem, ImportReport } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';

// The header row the import reads (customers.import.ts); the first five are required. These are the file's
// column names, not interface text: the CRM export must carry exactly these.
const requiredColumns = ['Bedrijfsnaam', 'KvK-nummer', 'Contractnummer', 'Startdatum', 'Diensten'];
const otherColumns = [
  'Straat',
  'Postcode',
  'Plaats',
  'Land',
  'Tekenbevoegde naam',
  'Tekenbevoegde e-mail',
  'ICT-verantwoordelijke naam',
  'ICT-verantwoordelijke e-mail',
  'ICT-verantwoordelijke telefoon',
  'Privacycontact naam',
  'Privacycontact e-mail',
];

type ProblemRow = ImportProblem & { key: string };

function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows: ProblemRow[] = report.problems.map((p, i) => ({ ...p, key: `${p.row}-${p.field}-${i}` }));
  const columns: TableColumn<ProblemRow>[] = [
    { accessor: 'row', title: t('customers.import.row'), width: 70, textAlign: 'right', sortable: true },
    { accessor: 'column', title: t('customers.import.column'), width: 200, sortable: true },
    { accessor: 'message', title: t('customers.import.message') },
  ];
  const clean = report.problems.length === 0;
  return (
    <Stack gap="xs">
      <Alert
        color={clean ? 'teal' : 'orange'}
        variant="light"
        icon={clean ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
        role="status"
      >
        {t('customers.import.summary', {
          rows: format.number(report.rows),
          valid: format.number(report.valid),
          invalid: format.number(report.rows - report.valid),
          problems: format.number(report.problems.length),
        })}
      </Alert>
      {clean ? null : (
        <>
          <Text size="xs" c="dimmed">
            {t('customers.import.messagesNote')}
          </Text>
          <DataTable<ProblemRow>
            label={t('customers.import.problemsLabel')}
            columns={columns}
            records={rows}
            idAccessor="key"
            initialSort={{ columnAccessor: 'row', direction: 'asc' }}
            csvFileName={t('customers.import.problemsFileName')}
          />
        </>
      )}
    </Stack>
  );
}

export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const importer = useImportCustomers();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);

  const close = () => {
    setFile(null);
    setReport(null);
    setSkipInvalid(false);
    setFileProblem(false);
    importer.reset();
    onClose();
  };

  const choose = (next: File | null) => {
    setFile(next);
    setReport(null);
    setSkipInvalid(false);
    importer.reset();
    setFileProblem(Boolean(next && !isSpreadsheet(next)));
  };

  const check = () => {
    if (!file || fileProblem) {
      setFileProblem(true);
      return;
    }
    importer.mutate({ file, dryRun: true, skipInvalid: false }, { onSuccess: setReport });
  };

  const run = () => {
    if (!file) {
      return;
    }
    importer.mutate(
      { file, dryRun: false, skipInvalid },
      {
        onSuccess: (result) => {
          if (result.imported > 0) {
            notifySuccess(t('customers.import.done', { count: result.imported, skipped: result.skipped }));
            close();
          } else {
            setReport(result);
          }
        },
      },
    );
  };

  const canImport = report !== null && report.valid > 0 && (report.problems.length === 0 || skipInvalid);

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('customers.import.title')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm">{t('customers.import.intro')}</Text>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('customers.import.columns')}
          </Text>
          <Text size="xs" component="div">
            <List size="xs" spacing={2}>
              <List.Item>
                {t('customers.import.requiredColumns')}{' '}
                {requiredColumns.map((c, i) => (
                  <span key={c}>
                    {i > 0 ? ', ' : ''}
                    <Code>{c}</Code>
                  </span>
                ))}
              </List.Item>
              <List.Item>
                {t('customers.import.otherColumns')}{' '}
                {otherColumns.map((c, i) => (
                  <span key={c}>
                    {i > 0 ? ', ' : ''}
                    <Code>{c}</Code>
                  </span>
                ))}
              </List.Item>
              <List.Item>{t('customers.import.formatHint')}</List.Item>
            </List>
          </Text>
        </Stack>
        <FileInput
          label={t('customers.import.file')}
          description={t('customers.import.fileHint')}
          placeholder={t('customers.import.filePlaceholder')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          value={file}
          onChange={choose}
          clearable
          clearButtonProps={{ 'aria-label': t('customers.import.clearFile') }}
          error={fileProblem ? t('customers.import.wrongType') : undefined}
          errorProps={{ role: 'alert' }}
        />
        <ErrorAlert error={localizeError(importer.error)} />
        {report ? <ImportReportView report={report} /> : null}
        {report && report.problems.length > 0 && report.valid > 0 ? (
          <Checkbox
            label={t('customers.import.skipInvalid', { count: report.valid })}
            description={t('customers.import.skipInvalidHint')}
            checked={skipInvalid}
            onChange={(event) => setSkipInvalid(event.currentTarget.checked)}
          />
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          {report ? (
            <Button onClick={run} disabled={!canImport} loading={importer.isPending}>
              {t('customers.import.run', { count: report.valid })}
            </Button>
          ) : (
            <Button onClick={check} disabled={!file} loading={importer.isPending}>
              {t('customers.import.check')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
