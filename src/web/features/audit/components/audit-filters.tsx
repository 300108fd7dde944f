import { Button, Group, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconFilter, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarLabels } from '../../../components/calendar-labels.ts';

export type AuditFilterValues = {
  action: string;
  entityType: string;
  actor: string;
  /** Local calendar dates (YYYY-MM-DD), Europe/Amsterdam. */
  from: string;
  to: string;
};

export const emptyAuditFilters: AuditFilterValues = {
  action: '',
  entityType: '',
  actor: '',
  from: '',
  to: '',
};

type AuditFiltersProps = {
  value: AuditFilterValues;
  onApply: (value: AuditFilterValues) => void;
};

export function AuditFilters({ value, onApply }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const set = (key: keyof AuditFilterValues) => (next: string) =>
    setDraft((current) => ({ ...current, [key]: next }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      action: draft.action.trim(),
      entityType: draft.entityType.trim(),
      actor: draft.actor.trim(),
      from: draft.from,
      to: draft.to,
    });
  };
  const active = Object.values(value).some(Boolean);

  return (
    <form onSubmit={submit} aria-label={t('audit.filters.label')}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label={t('audit.filters.action')}
          description={t('audit.filters.actionHint')}
          value={draft.action}
          onChange={(event) => set('action')(event.currentTarget.value)}
          w={190}
          size="sm"
        />
        <TextInput
          label={t('audit.filters.entityType')}
          description={t('audit.filters.entityTypeHint')}
          value={draft.entityType}
          onChange={(event) => set('entityType')(event.currentTarget.value)}
          w={160}
          size="sm"
        />
        <TextInput
          label={t('audit.filters.actor')}
          description={t('audit.filters.actorHint')}
          value={draft.actor}
          onChange={(event) => set('actor')(event.currentTarget.value)}
          w={190}
          size="sm"
        />
        <DatePickerInput
          type="range"
          label={t('audit.filters.period')}
          description={t('audit.filters.periodHint')}
          placeholder={t('audit.filters.periodPlaceholder')}
          value={[draft.from || null, draft.to || null]}
          onChange={([from, to]) =>
            setDraft((current) => ({ ...current, from: from ? String(from) : '', to: to ? String(to) : '' }))
          }
          valueFormat="D MMM YYYY"
          clearable
          clearButtonProps={{ 'aria-label': t('audit.filters.clearPeriod') }}
          allowSingleDateInRange
          maxDate={new Date()}
          w={250}
          size="sm"
          ariaLabels={calendarLabels(t)}
        />
        <Button type="submit" size="sm" leftSection={<IconFilter size={16} aria-hidden />}>
          {t('audit.filters.apply')}
        </Button>
        {active ? (
          <Button
            type="button"
            variant="subtle"
            size="sm"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={() => {
              setDraft(emptyAuditFilters);
              onApply(emptyAuditFilters);
            }}
          >
            {t('audit.filters.reset')}
          </Button>
        ) : null}
      </Group>
    </form>
  );
}
