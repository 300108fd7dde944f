import {
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  List,
  Modal,
  MultiSelect,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconCheck,
  IconFileSearch,
  IconPlayerStop,
  IconServer,
  IconTrash,
  IconUpload,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormat } from '../../../lib/format.ts';
import { formatBytes } from '../../customers/lib/files.ts';
import { useAppSettings } from '../../settings/api/app-settings.ts';
import { useIncidentCustomers } from '../api/breaches.ts';
import {
  type BreachScan,
  isScanActive,
  type UploadProgress,
  useAcceptScan,
  useCancelScan,
  useDeleteScanFile,
  useDismissScan,
  useIncidentScans,
  useScanRoots,
  useScanServerPath,
  useUploadScan,
} from '../api/scans.ts';
import type { Incident } from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { useBreachPermissions } from '../lib/permissions.ts';

const statusColor: Record<BreachScan['status'], string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
  cancelled: 'gray',
};

const percentOf = (done: number, total: number) => (total > 0 ? Math.min(100, (done / total) * 100) : 0);

function useLabel() {
  const { i18n } = useTranslation();
  return (label: { nl: string; en: string }) => (i18n.resolvedLanguage === 'en' ? label.en : label.nl);
}

function UploadForm({ incident, roots }: { incident: Incident; roots: string[] }) {
  const { t } = useTranslation();
  const settings = useAppSettings();
  const customers = useIncidentCustomers(incident.id);
  const upload = useUploadScan(incident.id);
  const onServer = useScanServerPath(incident.id);
  const [source, setSource] = useState<'upload' | 'server'>('upload');
  const [serverPath, setServerPath] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [keepFile, setKeepFile] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const limitMb = settings.data?.scanUploadLimitMb;
  const isServer = source === 'server' && roots.length > 0;
  const busy = upload.isPending || onServer.isPending;

  const choose = (next: File | null) => {
    setFile(next);
    setTooLarge(Boolean(next && limitMb && next.size > limitMb * 1024 * 1024));
    upload.reset();
  };
  const submitUpload = () => {
    if (!file || tooLarge) {
      return;
    }
    setProgress({ loaded: 0, total: file.size });
    upload.mutate(
      { file, customerId: customerId ?? undefined, keepFile, onProgress: setProgress },
      {
        onSuccess: () => {
          notifySuccess(t('breaches.scans.uploaded', { name: file.name }));
          setFile(null);
          setProgress(null);
        },
        onError: () => setProgress(null),
      },
    );
  };
  const submitServerPath = () => {
    const given = serverPath.trim();
    if (!given) {
      return;
    }
    onServer.mutate(
      { path: given, customerId: customerId ?? undefined },
      {
        onSuccess: (scan) => {
          notifySuccess(t('breaches.scans.serverQueued', { name: scan.fileName }));
          setServerPath('');
        },
      },
    );
  };
  const options = (customers.data ?? [])
    .filter((c) => c.included)
    .map((c) => ({ value: c.customerId, label: c.legalName }));

  return (
    <Stack gap="xs">
      {roots.length > 0 ? (
        <SegmentedControl
          aria-label={t('breaches.scans.sourceLabel')}
          value={source}
          onChange={(value) => setSource(value === 'server' ? 'server' : 'upload')}
          data={[
            { value: 'upload', label: t('breaches.scans.sourceUpload') },
            { value: 'server', label: t('breaches.scans.sourceServer') },
          ]}
          w="fit-content"
          disabled={busy}
        />
      ) : null}
      <Group align="flex-end" gap="sm" wrap="wrap">
        {isServer ? (
          <TextInput
            label={t('breaches.scans.serverPath')}
            placeholder={t('breaches.scans.serverPathPlaceholder')}
            description={t('breaches.scans.serverPathHint', { roots: roots.join(', ') })}
            value={serverPath}
            onChange={(event) => setServerPath(event.currentTarget.value)}
            leftSection={<IconServer size={16} aria-hidden />}
            w={320}
            disabled={busy}
          />
        ) : (
          <FileInput
            label={t('breaches.scans.file')}
            placeholder={t('breaches.scans.filePlaceholder')}
            description={limitMb ? t('breaches.scans.limit', { mb: limitMb }) : undefined}
            value={file}
            onChange={choose}
            clearable
            leftSection={<IconUpload size={16} aria-hidden />}
            error={tooLarge ? t('breaches.scans.tooLarge', { mb: limitMb }) : undefined}
            w={320}
            disabled={busy}
          />
        )}
        <Select
          label={t('breaches.scans.customer')}
          placeholder={t('breaches.scans.customerUnknown')}
          description={t('breaches.scans.customerHint')}
          data={options}
          value={customerId}
          onChange={setCustomerId}
          clearable
          searchable
          w={280}
          disabled={busy}
        />
        {isServer ? (
          <Button
            leftSection={<IconFileSearch size={16} aria-hidden />}
            onClick={submitServerPath}
            disabled={!serverPath.trim()}
            loading={onServer.isPending}
          >
            {t('breaches.scans.serverStart')}
          </Button>
        ) : (
          <Button
            leftSection={<IconFileSearch size={16} aria-hidden />}
            onClick={submitUpload}
            disabled={!file || tooLarge}
            loading={upload.isPending}
          >
            {t('breaches.scans.start')}
          </Button>
        )}
      </Group>
      {isServer ? null : (
        <Checkbox
          label={t('breaches.scans.keepFile')}
          description={t('breaches.scans.keepFileHint')}
          checked={keepFile}
          onChange={(event) => setKeepFile(event.currentTarget.checked)}
          disabled={busy}
        />
      )}
      {progress ? (
        <Stack gap={2}>
          <Text size="xs">
            {t('breaches.scans.uploading', {
              percent: Math.floor(percentOf(progress.loaded, progress.total)),
              done: formatBytes(progress.loaded),
              total: formatBytes(progress.total),
            })}
          </Text>
          <Progress
            value={percentOf(progress.loaded, progress.total)}
            aria-label={t('breaches.scans.uploadProgress')}
            animated
          />
        </Stack>
      ) : null}
      <ErrorAlert error={localizeError(isServer ? onServer.error : upload.error)} />
    </Stack>
  );
}

function AcceptModal({
  incident,
  scan,
  onClose,
}: {
  incident: Incident;
  scan: BreachScan | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const format = useFormat();
  const customers = useIncidentCustomers(incident.id);
  const accept = useAcceptScan(incident.id);
  const [dataTypes, setDataTypes] = useState(true);
  const [persons, setPersons] = useState(true);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const included = (customers.data ?? []).filter((c) => c.included);
  const defaults = scan?.customerId ? [scan.customerId] : included.map((c) => c.customerId);
  const selected = chosen ?? defaults;
  const hasPersons = (scan?.result?.persons.max ?? 0) > 0;
  const close = () => {
    setChosen(null);
    setDataTypes(true);
    setPersons(true);
    accept.reset();
    onClose();
  };
  const submit = () => {
    if (!scan) {
      return;
    }
    accept.mutate(
      {
        scanId: scan.id,
        customerIds: selected,
        apply: { dataTypes, persons: persons && hasPersons },
      },
      {
        onSuccess: () => {
          notifySuccess(t('breaches.scans.accepted', { count: selected.length }));
          close();
        },
      },
    );
  };
  return (
    <Modal
      opened={scan !== null}
      onClose={close}
      title={t('breaches.scans.acceptTitle', { name: scan?.fileName ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {scan?.result ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('breaches.scans.acceptIntro')}
          </Text>
          <Checkbox
            label={t('breaches.scans.applyDataTypes')}
            checked={dataTypes}
            onChange={(event) => setDataTypes(event.currentTarget.checked)}
            disabled={scan.result.types.length === 0}
          />
          {scan.result.types.length > 0 ? (
            <List size="sm" ml="lg">
              {scan.result.types.map((x) => (
                <List.Item key={x.type}>{label(x.label)}</List.Item>
              ))}
            </List>
          ) : null}
          <Checkbox
            label={t('breaches.scans.applyPersons', {
              min: format.number(scan.result.persons.min),
              max: format.number(scan.result.persons.max),
            })}
            checked={persons && hasPersons}
            onChange={(event) => setPersons(event.currentTarget.checked)}
            disabled={!hasPersons}
          />
          <MultiSelect
            label={t('breaches.scans.applyTo')}
            description={t('breaches.scans.applyToHint')}
            data={included.map((c) => ({ value: c.customerId, label: c.legalName }))}
            value={selected}
            onChange={setChosen}
            searchable
          />
          <ErrorAlert error={localizeError(accept.error)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={submit}
              loading={accept.isPending}
              disabled={selected.length === 0 || (!dataTypes && !(persons && hasPersons))}
            >
              {t('breaches.scans.acceptConfirm')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function ScanRow({
  scan,
  canDecide,
  onAccept,
  onStop,
  onDeleteFile,
}: {
  scan: BreachScan;
  canDecide: boolean;
  onAccept: (scan: BreachScan) => void;
  onStop: (scan: BreachScan) => void;
  onDeleteFile: (scan: BreachScan) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useLabel();
  const dismiss = useDismissScan(scan.incidentId);
  const percent = percentOf(scan.bytesDone, scan.bytesTotal);
  const result = scan.result;
  return (
    <Table.Tr data-testid={`scan-${scan.id}`}>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {scan.fileName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatBytes(scan.size || scan.bytesTotal)} ·{' '}
            {scan.customerName ?? t('breaches.scans.noCustomer')}
          </Text>
          <Text size="xs" c="dimmed">
            {scan.createdBy} · <DateTimeText value={scan.createdAt} />
          </Text>
          {scan.source === 'server-path' ? (
            <Text size="xs" c="dimmed">
              {t('breaches.scans.sourceServer')}
            </Text>
          ) : null}
          {scan.keepFile && scan.source === 'upload' && !scan.fileDeletedAt ? (
            <Group gap="xs">
              <Text size="xs" c="orange">
                {t('breaches.scans.fileKept')}
              </Text>
              {canDecide && !isScanActive(scan) ? (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={12} aria-hidden />}
                  onClick={() => onDeleteFile(scan)}
                >
                  {t('breaches.scans.deleteFile')}
                </Button>
              ) : null}
            </Group>
          ) : null}
          {scan.keepFile && scan.source === 'upload' && scan.fileDeletedAt ? (
            <Text size="xs" c="dimmed">
              {t('breaches.scans.fileDeletedNote')} · <DateTimeText value={scan.fileDeletedAt} />
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Badge
            color={statusColor[scan.status]}
            variant="light"
            style={{ textTransform: 'none', flexShrink: 0, overflow: 'visible' }}
          >
            {t(`breaches.scans.status.${scan.status}`)}
          </Badge>
          {isScanActive(scan) ? (
            <>
              <Progress value={percent} aria-label={t('breaches.scans.scanProgress')} animated w={140} />
              <Text size="xs" c="dimmed">
                {Math.floor(percent)}% · {formatBytes(scan.bytesDone)} / {formatBytes(scan.bytesTotal)}
              </Text>
              {canDecide ? (
                <Button
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconPlayerStop size={12} aria-hidden />}
                  onClick={() => onStop(scan)}
                  w="fit-content"
                >
                  {t('breaches.scans.stop')}
                </Button>
              ) : null}
            </>
          ) : null}
          {result && scan.status === 'done' ? (
            <Text size="xs" c="dimmed">
              {t('breaches.scans.scannedIn', {
                bytes: formatBytes(result.bytes),
                seconds: format.number(Math.max(0.1, Math.round(result.seconds * 10) / 10)),
              })}
            </Text>
          ) : null}
          {scan.error ? (
            <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
              {scan.error}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        {result ? (
          <Stack gap={2}>
            {result.types.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('breaches.scans.nothingFound')}
              </Text>
            ) : (
              result.types.map((x) => (
                <Text size="sm" key={x.type}>
                  {label(x.label)}:{' '}
                  {t('breaches.scans.counts', {
                    count: x.count,
                    formatted: format.number(x.count),
                    distinct: format.number(x.distinct),
                  })}
                </Text>
              ))
            )}
            {result.skipped.map((s) => (
              <Text size="xs" c="orange" key={`${s.file}-${s.reason}`} style={{ overflowWrap: 'anywhere' }}>
                {t('breaches.scans.skipped', { file: s.file, reason: s.reason })}
              </Text>
            ))}
            {result.isApproximate ? (
              <Text size="xs" c="dimmed">
                {t('breaches.scans.approximate')}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            –
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {result ? `${format.number(result.persons.min)}–${format.number(result.persons.max)}` : '–'}
        </Text>
      </Table.Td>
      <Table.Td>
        {scan.proposal === 'proposed' && canDecide ? (
          <Stack gap={4} align="flex-start">
            <Button
              size="compact-xs"
              leftSection={<IconCheck size={12} aria-hidden />}
              onClick={() => onAccept(scan)}
            >
              {t('breaches.scans.accept')}
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<IconX size={12} aria-hidden />}
              loading={dismiss.isPending}
              onClick={() => dismiss.mutate(scan.id)}
            >
              {t('breaches.scans.dismiss')}
            </Button>
            <ErrorAlert error={localizeError(dismiss.error)} />
          </Stack>
        ) : scan.proposal ? (
          <Stack gap={2}>
            <Text size="sm">{t(`breaches.scans.proposal.${scan.proposal}`)}</Text>
            {scan.decidedBy && scan.decidedAt ? (
              <Text size="xs" c="dimmed">
                {scan.decidedBy} · <DateTimeText value={scan.decidedAt} />
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

// Issue 10 §4: staff upload a leaked file; a job scans it (progress polled every second) and its findings become a
// proposal for the affected customers' Annex 3 answers (Q2 data types, Q3 persons), accepted or dismissed here.
export function ScanPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { canWrite, canScanServerFiles } = useBreachPermissions();
  const scans = useIncidentScans(incident.id);
  const roots = useScanRoots(canScanServerFiles);
  const cancel = useCancelScan(incident.id);
  const deleteFile = useDeleteScanFile(incident.id);
  const [accepting, setAccepting] = useState<BreachScan | null>(null);
  const [stopping, setStopping] = useState<BreachScan | null>(null);
  const [deleting, setDeleting] = useState<BreachScan | null>(null);
  const titleId = 'incident-scans-title';
  const closed = incident.status === 'closed';
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} fz="h4" id={titleId}>
            {t('breaches.scans.title')}
          </Title>
          <Text size="xs" c="dimmed" maw={760}>
            {t('breaches.scans.description')}
          </Text>
        </Stack>
        {canWrite && !closed ? <UploadForm incident={incident} roots={roots.data ?? []} /> : null}
        <ErrorAlert error={scans.error} />
        {scans.data && scans.data.length > 0 ? (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label={t('breaches.scans.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('breaches.scans.columns.file')}</Table.Th>
                  <Table.Th w={160}>{t('breaches.scans.columns.status')}</Table.Th>
                  <Table.Th>{t('breaches.scans.columns.found')}</Table.Th>
                  <Table.Th w={120}>{t('breaches.scans.columns.persons')}</Table.Th>
                  <Table.Th w={180}>{t('breaches.scans.columns.proposal')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scans.data.map((scan) => (
                  <ScanRow
                    key={scan.id}
                    scan={scan}
                    canDecide={canWrite && !closed}
                    onAccept={setAccepting}
                    onStop={setStopping}
                    onDeleteFile={setDeleting}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : scans.data ? (
          <Text size="sm" c="dimmed">
            {t('breaches.scans.empty')}
          </Text>
        ) : null}
      </Stack>
      <AcceptModal incident={incident} scan={accepting} onClose={() => setAccepting(null)} />
      <ConfirmMutation
        target={stopping}
        onClose={() => setStopping(null)}
        mutation={cancel}
        variables={(scan) => scan.id}
        title={(scan) => t('breaches.scans.stopTitle', { name: scan.fileName })}
        confirmLabel={t('breaches.scans.stop')}
        danger
        success={(scan) => t('breaches.scans.stopped', { name: scan.fileName })}
        localize={localizeError}
      >
        {() => t('breaches.scans.stopBody')}
      </ConfirmMutation>
      <ConfirmMutation
        target={deleting}
        onClose={() => setDeleting(null)}
        mutation={deleteFile}
        variables={(scan) => scan.id}
        title={(scan) => t('breaches.scans.deleteFileTitle', { name: scan.fileName })}
        confirmLabel={t('breaches.scans.deleteFile')}
        danger
        success={(scan) => t('breaches.scans.fileDeleted', { name: scan.fileName })}
        localize={localizeError}
      >
        {() => t('breaches.scans.deleteFileBody')}
      </ConfirmMutation>
    </Card>
  );
}
