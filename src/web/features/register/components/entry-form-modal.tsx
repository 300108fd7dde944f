import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DataCategory,
  type DataSubject,
  dataCategories,
  dataCategoryCodes,
  dataSubjectCodes,
  type ProcessorRole,
  processorRoles,
} from '../../../../shared/register-taxonomy.ts';
import { standardRetention } from '../../../../shared/retention.ts';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { describeError } from '../../../lib/errors.ts';
import { useCreateEntry, useUpdateEntry } from '../api/register.ts';
import type { EntryFields, Party, RegisterEntry, ServiceLine } from '../api/types.ts';
import { isValidRetention, RetentionEditor } from './retention-editor.tsx';

type Props = {
  opened: boolean;
  entry: RegisterEntry | null;
  serviceLines: ServiceLine[];
  parties: Party[];
  processorName: string;
  defaultServiceLine?: string;
  onClose: () => void;
};

type FieldName =
  | 'serviceLine'
  | 'dataTypeNl'
  | 'dataTypeEn'
  | 'dataCategories'
  | 'dataSubjects'
  | 'subprocessorIds';

const emptyFields = (serviceLine: string): EntryFields => ({
  serviceLine,
  dataTypeNl: '',
  dataTypeEn: '',
  dataCategories: [],
  dataSubjects: [],
  processedByProcessor: true,
  processorRole: 'processor',
  retentionRule: standardRetention,
  subprocessorIds: [],
});

const fieldsOf = (entry: RegisterEntry): EntryFields => ({
  serviceLine: entry.serviceLine,
  dataTypeNl: entry.dataTypeNl,
  dataTypeEn: entry.dataTypeEn,
  dataCategories: entry.dataCategories,
  dataSubjects: entry.dataSubjects,
  processedByProcessor: entry.processedByProcessor,
  processorRole: entry.processorRole,
  retentionRule: entry.retentionRule,
  subprocessorIds: entry.subprocessors.map((s) => s.id),
});

/** Adds an entry or edits one; the key of the caller remounts it per entry, so it starts from that entry. */
export function EntryFormModal({
  opened,
  entry,
  serviceLines,
  parties,
  processorName,
  defaultServiceLine,
  onClose,
}: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const activeLines = serviceLines.filter((l) => l.retiredAt === null);
  const [values, setValues] = useState<EntryFields>(() =>
    entry ? fieldsOf(entry) : emptyFields(defaultServiceLine ?? activeLines[0]?.code ?? ''),
  );
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const create = useCreateEntry();
  const update = useUpdateEntry();
  const saving = create.isPending || update.isPending;

  const set = <K extends keyof EntryFields>(key: K, value: EntryFields[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const check = () => {
    const next: Partial<Record<FieldName, string>> = {};
    const required = t('validation.required');
    if (!values.serviceLine) {
      next.serviceLine = required;
    }
    if (!values.dataTypeNl.trim()) {
      next.dataTypeNl = required;
    }
    if (!values.dataTypeEn.trim()) {
      next.dataTypeEn = required;
    }
    if (values.dataCategories.length === 0) {
      next.dataCategories = required;
    }
    if (values.dataSubjects.length === 0) {
      next.dataSubjects = required;
    }
    setErrors(next);
    return Object.keys(next).length === 0 && isValidRetention(values.retentionRule);
  };

  // An API error naming a field of this form goes next to it ("body.subprocessorIds.0" → subprocessorIds).
  const showApiError = (error: unknown) => {
    const name = isApiError(error) ? error.fieldName?.split('.')[0] : undefined;
    if (
      name &&
      [
        'serviceLine',
        'dataTypeNl',
        'dataTypeEn',
        'dataCategories',
        'dataSubjects',
        'subprocessorIds',
      ].includes(name)
    ) {
      setErrors({ [name]: describeError(error, t) });
      setFormError(null);
    } else {
      setFormError(error);
    }
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!check()) {
      return;
    }
    const body = { ...values, dataTypeNl: values.dataTypeNl.trim(), dataTypeEn: values.dataTypeEn.trim() };
    if (entry) {
      update.mutate(
        { ...body, id: entry.id, revision: entry.revision },
        {
          onSuccess: (saved) => {
            notifySuccess(
              saved.revision === entry.revision ? t('register.form.unchanged') : t('register.form.saved'),
            );
            onClose();
          },
          onError: showApiError,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (saved) => {
          notifySuccess(t('register.form.created', { dataType: saved.dataTypeNl }));
          onClose();
        },
        onError: showApiError,
      });
    }
  };

  const categoryOptions = dataCategoryCodes.map((code) => ({
    value: code,
    label: `${t(`register.categories.${code}` as never)}${dataCategories[code].special ? ' · art. 9' : ''}${
      dataCategories[code].criminal ? ' · art. 10' : ''
    }`,
  }));
  const subjectOptions = dataSubjectCodes.map((code) => ({
    value: code,
    label: t(`register.subjects.${code}` as never),
  }));
  const partyOptions = parties
    .filter((p) => p.retiredAt === null || values.subprocessorIds.includes(p.id))
    .map((p) => ({ value: p.id, label: p.name }));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={entry ? t('register.form.editTitle') : t('register.form.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {t('register.form.required')}
          </Text>
          <ErrorAlert error={formError} />
          <Select
            label={t('register.form.serviceLine')}
            data={activeLines.map((l) => ({ value: l.code, label: en ? l.nameEn : l.nameNl }))}
            value={values.serviceLine || null}
            onChange={(value) => set('serviceLine', value ?? '')}
            allowDeselect={false}
            required
            error={errors.serviceLine}
            errorProps={{ role: 'alert' }}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('register.form.dataTypeNl')}
              description={t('register.form.dataTypeNlHint')}
              value={values.dataTypeNl}
              onChange={(event) => set('dataTypeNl', event.currentTarget.value)}
              required
              data-autofocus
              error={errors.dataTypeNl}
              errorProps={{ role: 'alert' }}
            />
            <TextInput
              label={t('register.form.dataTypeEn')}
              description="&nbsp;"
              value={values.dataTypeEn}
              onChange={(event) => set('dataTypeEn', event.currentTarget.value)}
              required
              error={errors.dataTypeEn}
              errorProps={{ role: 'alert' }}
            />
          </Group>
          <MultiSelect
            label={t('register.form.categories')}
            description={t('register.form.categoriesHint')}
            data={categoryOptions}
            value={values.dataCategories}
            onChange={(value) => set('dataCategories', value as DataCategory[])}
            searchable
            required
            error={errors.dataCategories}
            errorProps={{ role: 'alert' }}
          />
          <MultiSelect
            label={t('register.form.subjects')}
            description={t('register.form.subjectsHint')}
            data={subjectOptions}
            value={values.dataSubjects}
            onChange={(value) => set('dataSubjects', value as DataSubject[])}
            required
            error={errors.dataSubjects}
            errorProps={{ role: 'alert' }}
          />
          <MultiSelect
            label={t('register.form.subprocessors')}
            description={t('register.form.subprocessorsHint')}
            data={partyOptions}
            value={values.subprocessorIds}
            onChange={(value) => set('subprocessorIds', value)}
            searchable
            error={errors.subprocessorIds}
            errorProps={{ role: 'alert' }}
          />
          <Switch
            label={t('register.form.processedBy', { processor: processorName })}
            description={t('register.form.processedByHint')}
            checked={values.processedByProcessor}
            onChange={(event) => set('processedByProcessor', event.currentTarget.checked)}
          />
          <Radio.Group
            label={t('register.form.role', { processor: processorName })}
            value={values.processorRole}
            onChange={(value) => set('processorRole', value as ProcessorRole)}
          >
            <Stack gap="xs" mt={6}>
              {processorRoles.map((role) => (
                <Radio
                  key={role}
                  value={role}
                  label={t(`register.roles.${role}`)}
                  description={t(`register.roles.${role}Help`, { processor: processorName })}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
            <Text size="xs">{t('register.roles.why')}</Text>
          </Alert>
          <RetentionEditor value={values.retentionRule} onChange={(rule) => set('retentionRule', rule)} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('register.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
