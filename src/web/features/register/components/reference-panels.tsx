import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArchive, IconDots, IconPencil, IconPlus } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { gdprOperationCodes } from '../../../../shared/register-taxonomy.ts';
import { notifySuccess } from '../../../components/api-error.ts';
import { ConfirmMutation } from '../../../components/confirm-modal.tsx';
import { DataTable, type TableColumn } from '../../../components/data-table.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { describeError } from '../../../lib/errors.ts';
import {
  type OperationFields,
  type PartyFields,
  type ServiceLineFields,
  useRetireOperation,
  useRetireParty,
  useRetireServiceLine,
  useSaveOperation,
  useSaveParty,
  useSaveServiceLine,
} from '../api/register.ts';
import type { Party, ProcessingOperation, RegisterEntry, ServiceLine } from '../api/types.ts';

// The register's reference lists: sub-processors, services with their purposes, processing operations. Each is
// created, edited and retired like an entry, and each change is a new register version.

function RowMenu({ label, onEdit, onRetire }: { label: string; onEdit: () => void; onRetire: () => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label}>
          <IconDots size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
          {t('register.actions.edit')}
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconArchive size={16} aria-hidden />} onClick={onRetire}>
          {t('register.actions.retire')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function FormModal({
  opened,
  title,
  saving,
  error,
  onClose,
  onSubmit,
  children,
}: {
  opened: boolean;
  title: string;
  saving: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="sm">
          <ErrorAlert error={error} />
          {children}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// "body.name" → the message goes next to the name input; anything else above the form.
const fieldError = (error: unknown, field: string, t: Parameters<typeof describeError>[1]) =>
  isApiError(error) && error.fieldName === field ? describeError(error, t) : undefined;
const formLevel = (error: unknown, fields: string[]) =>
  isApiError(error) && error.fieldName && fields.includes(error.fieldName) ? null : error;

type RetireMutation<T> = Pick<
  UseMutationResult<T, unknown, string, unknown>,
  'mutateAsync' | 'isPending' | 'error' | 'reset'
>;

// The same confirm-then-retire dialog for sub-processors, service lines and operations: retired, never deleted.
function RetireModal<T>({
  item,
  section,
  retire,
  idOf,
  nameOf,
  onClose,
}: {
  item: T | null;
  section: 'parties' | 'serviceLines' | 'operations';
  retire: RetireMutation<T>;
  idOf: (item: T) => string;
  nameOf: (item: T) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmMutation
      target={item}
      onClose={onClose}
      mutation={retire}
      variables={idOf}
      title={() => t(`register.${section}.retireTitle`)}
      confirmLabel={t('register.actions.retire')}
      danger
      success={(_item, retired) => t(`register.${section}.retired`, { name: nameOf(retired) })}
    >
      {(current) => t(`register.${section}.retireBody`, { name: nameOf(current) })}
    </ConfirmMutation>
  );
}

// ---- sub-processors ----------------------------------------------------------------------------------------

export function PartiesPanel({
  parties,
  entries,
  canEdit,
}: {
  parties: Party[];
  entries: RegisterEntry[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<(PartyFields & { id: string | null }) | null>(null);
  const [retiring, setRetiring] = useState<Party | null>(null);
  const save = useSaveParty();
  const retire = useRetireParty();
  const uses = (party: Party) => entries.filter((e) => e.subprocessors.some((s) => s.id === party.id)).length;

  const columns: TableColumn<Party>[] = [
    { accessor: 'name', title: t('register.parties.name'), sortable: true },
    { accessor: 'legalName', title: t('register.parties.legalName') },
    {
      accessor: 'country',
      title: t('register.parties.country'),
      render: (p) =>
        p.country ?? (
          <Text size="sm" c="dimmed">
            {t('register.parties.countryUnknown')}
          </Text>
        ),
    },
    { accessor: 'entries', title: t('register.parties.entries'), value: uses, render: (p) => uses(p) },
    ...(canEdit
      ? [
          {
            accessor: 'actions',
            title: t('register.columns.actions'),
            titleHidden: true,
            exportable: false,
            textAlign: 'right' as const,
            width: 56,
            render: (p: Party) => (
              <RowMenu
                label={t('register.parties.actions', { name: p.name })}
                onEdit={() =>
                  setEditing({ id: p.id, name: p.name, legalName: p.legalName, country: p.country })
                }
                onRetire={() => setRetiring(p)}
              />
            ),
          },
        ]
      : []),
  ];

  const close = () => {
    setEditing(null);
    save.reset();
  };
  const submit = () =>
    editing &&
    save.mutate(
      { ...editing, legalName: editing.legalName?.trim() || null, country: editing.country?.trim() || null },
      {
        onSuccess: (party) => {
          notifySuccess(t('register.parties.saved', { name: party.name }));
          close();
        },
      },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          {t('register.parties.intro')}
        </Text>
        {canEdit ? (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing({ id: null, name: '', legalName: null, country: null })}
          >
            {t('register.parties.add')}
          </Button>
        ) : null}
      </Group>
      <DataTable
        label={t('register.tabs.parties')}
        columns={columns}
        records={parties.filter((p) => p.retiredAt === null)}
        initialSort={{ columnAccessor: 'name', direction: 'asc' }}
      />
      <FormModal
        opened={editing !== null}
        title={editing?.id ? t('register.parties.editTitle') : t('register.parties.createTitle')}
        saving={save.isPending}
        error={formLevel(save.error, ['name', 'legalName', 'country'])}
        onClose={close}
        onSubmit={submit}
      >
        <TextInput
          label={t('register.parties.name')}
          required
          data-autofocus
          value={editing?.name ?? ''}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setEditing((c) => c && { ...c, name });
          }}
          error={fieldError(save.error, 'name', t)}
          errorProps={{ role: 'alert' }}
        />
        <TextInput
          label={`${t('register.parties.legalName')} ${t('register.optional')}`}
          value={editing?.legalName ?? ''}
          onChange={(e) => {
            const legalName = e.currentTarget.value;
            setEditing((c) => c && { ...c, legalName });
          }}
        />
        <TextInput
          label={`${t('register.parties.country')} ${t('register.optional')}`}
          description={t('register.parties.countryHint')}
          maxLength={2}
          w={160}
          value={editing?.country ?? ''}
          onChange={(e) => {
            const country = e.currentTarget.value.toUpperCase();
            setEditing((c) => c && { ...c, country });
          }}
          error={fieldError(save.error, 'country', t)}
          errorProps={{ role: 'alert' }}
        />
      </FormModal>
      <RetireModal
        item={retiring}
        section="parties"
        retire={retire}
        idOf={(p) => p.id}
        nameOf={(p) => p.name}
        onClose={() => setRetiring(null)}
      />
    </Stack>
  );
}

// ---- service lines -----------------------------------------------------------------------------------------

const emptyLine: ServiceLineFields = {
  code: '',
  nameNl: '',
  nameEn: '',
  productName: null,
  purposeNl: '',
  purposeEn: '',
};

export function ServiceLinesPanel({
  serviceLines,
  canEdit,
}: {
  serviceLines: ServiceLine[];
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const [editing, setEditing] = useState<(ServiceLineFields & { isNew: boolean }) | null>(null);
  const [retiring, setRetiring] = useState<ServiceLine | null>(null);
  const save = useSaveServiceLine();
  const retire = useRetireServiceLine();
  const set = (key: keyof ServiceLineFields) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setEditing((c) => c && { ...c, [key]: value });
  };

  const columns: TableColumn<ServiceLine>[] = [
    { accessor: 'code', title: t('register.serviceLines.code'), width: 130 },
    {
      accessor: 'name',
      title: t('register.serviceLines.nameNl'),
      value: (l) => (en ? l.nameEn : l.nameNl),
      render: (l) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {en ? l.nameEn : l.nameNl}
          </Text>
          {l.productName ? (
            <Text size="xs" c="dimmed">
              {l.productName}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { accessor: 'purpose', title: t('register.purpose'), value: (l) => (en ? l.purposeEn : l.purposeNl) },
    ...(canEdit
      ? [
          {
            accessor: 'actions',
            title: t('register.columns.actions'),
            titleHidden: true,
            exportable: false,
            textAlign: 'right' as const,
            width: 56,
            render: (l: ServiceLine) => (
              <RowMenu
                label={t('register.serviceLines.actions', { name: en ? l.nameEn : l.nameNl })}
                onEdit={() =>
                  setEditing({
                    isNew: false,
                    code: l.code,
                    nameNl: l.nameNl,
                    nameEn: l.nameEn,
                    productName: l.productName,
                    purposeNl: l.purposeNl,
                    purposeEn: l.purposeEn,
                  })
                }
                onRetire={() => setRetiring(l)}
              />
            ),
          },
        ]
      : []),
  ];

  const fields = ['code', 'nameNl', 'nameEn', 'productName', 'purposeNl', 'purposeEn'];
  const close = () => {
    setEditing(null);
    save.reset();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          {t('register.serviceLines.intro')}
        </Text>
        {canEdit ? (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing({ ...emptyLine, isNew: true })}
          >
            {t('register.serviceLines.add')}
          </Button>
        ) : null}
      </Group>
      <DataTable
        label={t('register.tabs.serviceLines')}
        columns={columns}
        records={serviceLines.filter((l) => l.retiredAt === null)}
        idAccessor="code"
      />
      <FormModal
        opened={editing !== null}
        title={editing?.isNew ? t('register.serviceLines.createTitle') : t('register.serviceLines.editTitle')}
        saving={save.isPending}
        error={formLevel(save.error, fields)}
        onClose={close}
        onSubmit={() =>
          editing &&
          save.mutate(
            { ...editing, productName: editing.productName?.trim() || null },
            {
              onSuccess: (l) => {
                notifySuccess(t('register.serviceLines.saved', { name: en ? l.nameEn : l.nameNl }));
                close();
              },
            },
          )
        }
      >
        <TextInput
          label={t('register.serviceLines.code')}
          description={t('register.serviceLines.codeHint')}
          required
          disabled={!editing?.isNew}
          value={editing?.code ?? ''}
          onChange={set('code')}
          error={fieldError(save.error, 'code', t)}
          errorProps={{ role: 'alert' }}
        />
        <Group grow>
          <TextInput
            label={t('register.serviceLines.nameNl')}
            required
            value={editing?.nameNl ?? ''}
            onChange={set('nameNl')}
            error={fieldError(save.error, 'nameNl', t)}
          />
          <TextInput
            label={t('register.serviceLines.nameEn')}
            required
            value={editing?.nameEn ?? ''}
            onChange={set('nameEn')}
            error={fieldError(save.error, 'nameEn', t)}
          />
        </Group>
        <TextInput
          label={t('register.serviceLines.productName')}
          value={editing?.productName ?? ''}
          onChange={set('productName')}
        />
        <Textarea
          label={t('register.serviceLines.purposeNl')}
          required
          autosize
          minRows={2}
          value={editing?.purposeNl ?? ''}
          onChange={set('purposeNl')}
          error={fieldError(save.error, 'purposeNl', t)}
        />
        <Textarea
          label={t('register.serviceLines.purposeEn')}
          required
          autosize
          minRows={2}
          value={editing?.purposeEn ?? ''}
          onChange={set('purposeEn')}
          error={fieldError(save.error, 'purposeEn', t)}
        />
      </FormModal>
      <RetireModal
        item={retiring}
        section="serviceLines"
        retire={retire}
        idOf={(l) => l.code}
        nameOf={(l) => (en ? l.nameEn : l.nameNl)}
        onClose={() => setRetiring(null)}
      />
    </Stack>
  );
}

// ---- processing operations ---------------------------------------------------------------------------------

export function OperationsPanel({
  operations,
  canEdit,
}: {
  operations: ProcessingOperation[];
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const [editing, setEditing] = useState<(OperationFields & { isNew: boolean }) | null>(null);
  const [retiring, setRetiring] = useState<ProcessingOperation | null>(null);
  const save = useSaveOperation();
  const retire = useRetireOperation();
  const gdprLabel = (code: string | null) =>
    code ? t(`register.gdprOperations.${code}` as never) : t('register.operations.gdprNone');

  const columns: TableColumn<ProcessingOperation>[] = [
    {
      accessor: 'label',
      title: t('register.operations.labelNl'),
      value: (o) => (en ? o.labelEn : o.labelNl),
    },
    {
      accessor: 'gdprOperation',
      title: t('register.operations.gdprOperation'),
      value: (o) => gdprLabel(o.gdprOperation),
      render: (o) =>
        o.gdprOperation ? (
          <Badge size="sm" variant="light" tt="none">
            {gdprLabel(o.gdprOperation)}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {gdprLabel(null)}
          </Text>
        ),
    },
    ...(canEdit
      ? [
          {
            accessor: 'actions',
            title: t('register.columns.actions'),
            titleHidden: true,
            exportable: false,
            textAlign: 'right' as const,
            width: 56,
            render: (o: ProcessingOperation) => (
              <RowMenu
                label={t('register.operations.actions', { name: en ? o.labelEn : o.labelNl })}
                onEdit={() =>
                  setEditing({
                    isNew: false,
                    code: o.code,
                    labelNl: o.labelNl,
                    labelEn: o.labelEn,
                    gdprOperation: o.gdprOperation,
                  })
                }
                onRetire={() => setRetiring(o)}
              />
            ),
          },
        ]
      : []),
  ];

  const close = () => {
    setEditing(null);
    save.reset();
  };
  const set = (key: 'code' | 'labelNl' | 'labelEn') => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setEditing((c) => c && { ...c, [key]: value });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          {t('register.operations.intro')}
        </Text>
        {canEdit ? (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              setEditing({ isNew: true, code: '', labelNl: '', labelEn: '', gdprOperation: null })
            }
          >
            {t('register.operations.add')}
          </Button>
        ) : null}
      </Group>
      <DataTable
        label={t('register.tabs.operations')}
        columns={columns}
        records={operations.filter((o) => o.retiredAt === null)}
        idAccessor="code"
      />
      <FormModal
        opened={editing !== null}
        title={editing?.isNew ? t('register.operations.createTitle') : t('register.operations.editTitle')}
        saving={save.isPending}
        error={formLevel(save.error, ['code', 'labelNl', 'labelEn', 'gdprOperation'])}
        onClose={close}
        onSubmit={() =>
          editing &&
          save.mutate(editing, {
            onSuccess: (o) => {
              notifySuccess(t('register.operations.saved', { name: en ? o.labelEn : o.labelNl }));
              close();
            },
          })
        }
      >
        <TextInput
          label={t('register.operations.code')}
          required
          disabled={!editing?.isNew}
          value={editing?.code ?? ''}
          onChange={set('code')}
          error={fieldError(save.error, 'code', t)}
        />
        <Group grow>
          <TextInput
            label={t('register.operations.labelNl')}
            required
            value={editing?.labelNl ?? ''}
            onChange={set('labelNl')}
            error={fieldError(save.error, 'labelNl', t)}
          />
          <TextInput
            label={t('register.operations.labelEn')}
            required
            value={editing?.labelEn ?? ''}
            onChange={set('labelEn')}
            error={fieldError(save.error, 'labelEn', t)}
          />
        </Group>
        <Select
          label={t('register.operations.gdprOperation')}
          placeholder={t('register.operations.gdprNone')}
          data={gdprOperationCodes.map((code) => ({ value: code, label: gdprLabel(code) }))}
          value={editing?.gdprOperation ?? null}
          onChange={(value) =>
            setEditing(
              (c) => c && { ...c, gdprOperation: (value as OperationFields['gdprOperation']) ?? null },
            )
          }
          clearable
        />
      </FormModal>
      <RetireModal
        item={retiring}
        section="operations"
        retire={retire}
        idOf={(o) => o.code}
        nameOf={(o) => (en ? o.labelEn : o.labelNl)}
        onClose={() => setRetiring(null)}
      />
    </Stack>
  );
}
