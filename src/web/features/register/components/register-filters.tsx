import { Button, Group, Select, Switch } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { dataCategoryCodes } from '../../../../shared/register-taxonomy.ts';
import { retentionKinds } from '../../../../shared/retention.ts';
import { calendarLabels } from '../../../components/calendar-labels.ts';
import type { Party } from '../api/types.ts';

export type RegisterFilterValues = {
  asOf: string;
  subprocessor: string;
  dataCategory: string;
  retention: string;
  includeRetired: boolean;
};

export const emptyRegisterFilters: RegisterFilterValues = {
  asOf: '',
  subprocessor: '',
  dataCategory: '',
  retention: '',
  includeRetired: false,
};

type Props = {
  value: RegisterFilterValues;
  parties: Party[];
  onChange: (value: RegisterFilterValues) => void;
};

/** Filters apply at once; they live in the URL, so a filtered or dated view can be shared. */
export function RegisterFilters({ value, parties, onChange }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof RegisterFilterValues>(key: K, next: RegisterFilterValues[K]) =>
    onChange({ ...value, [key]: next });
  const active = value.subprocessor || value.dataCategory || value.retention || value.includeRetired;

  return (
    <Group align="flex-end" gap="xs" wrap="wrap" role="search" aria-label={t('register.filters.label')}>
      <DatePickerInput
        label={t('register.asOf.label')}
        description={t('register.asOf.hint')}
        placeholder={t('register.asOf.placeholder')}
        value={value.asOf || null}
        onChange={(date) => set('asOf', date ? String(date) : '')}
        valueFormat="D MMM YYYY"
        clearable
        clearButtonProps={{ 'aria-label': t('register.asOf.clear') }}
        maxDate={new Date()}
        w={200}
        size="sm"
        ariaLabels={calendarLabels(t)}
      />
      <Select
        label={t('register.filters.subprocessor')}
        placeholder={t('register.filters.any')}
        data={parties.map((p) => ({ value: p.id, label: p.name }))}
        value={value.subprocessor || null}
        onChange={(next) => set('subprocessor', next ?? '')}
        clearable
        searchable
        w={200}
        size="sm"
      />
      <Select
        label={t('register.filters.dataCategory')}
        placeholder={t('register.filters.any')}
        data={dataCategoryCodes.map((code) => ({
          value: code,
          label: t(`register.categories.${code}` as never),
        }))}
        value={value.dataCategory || null}
        onChange={(next) => set('dataCategory', next ?? '')}
        clearable
        searchable
        w={220}
        size="sm"
      />
      <Select
        label={t('register.filters.retention')}
        placeholder={t('register.filters.any')}
        data={retentionKinds.map((kind) => ({ value: kind, label: t(`register.retentionKinds.${kind}`) }))}
        value={value.retention || null}
        onChange={(next) => set('retention', next ?? '')}
        clearable
        w={240}
        size="sm"
      />
      <Switch
        label={t('register.filters.includeRetired')}
        checked={value.includeRetired}
        onChange={(event) => set('includeRetired', event.currentTarget.checked)}
        mb={8}
      />
      {active ? (
        <Button
          variant="subtle"
          size="sm"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => onChange({ ...emptyRegisterFilters, asOf: value.asOf })}
        >
          {t('register.filters.reset')}
        </Button>
      ) : null}
    </Group>
  );
}
