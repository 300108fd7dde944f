import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { todayDay } from '../../customers/lib/dates.ts';
import { countryName } from '../../settings/components/countries.ts';
import { type Location, type LocationKind, locationKinds } from '../api/types.ts';
import { useCountryOptions } from '../lib/countries.ts';
import { zoneOf } from '../lib/transfers.ts';
import { ZoneBadge } from './badges.tsx';

type Props = {
  value: Location[];
  onChange: (value: Location[]) => void;
  facts: { dpfCertified: boolean; pipedaCovered: boolean };
  error?: string;
  disabled?: boolean;
};

const maxLocations = 30;

/** Where the sub-processor processes or stores data: one row per country, with its zone as it would be now. */
export function LocationsEditor({ value, onChange, facts, error, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const { rules, options } = useCountryOptions();
  const today = todayDay();
  const update = (index: number, change: Partial<Location>) =>
    onChange(value.map((l, i) => (i === index ? { ...l, ...change } : l)));
  const kindOptions = locationKinds.map((k) => ({ value: k, label: t(`subprocessors.locationKinds.${k}`) }));

  return (
    <Stack gap="xs">
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('subprocessors.locations.none')}
        </Text>
      ) : null}
      {value.map((location, index) => {
        const n = index + 1;
        const zone = zoneOf(location.country, rules.data, facts, today);
        const name = location.country ? countryName(location.country, i18n.resolvedLanguage) : '';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; they are edited in place
          <Group key={index} gap="xs" align="flex-end" wrap="wrap">
            <Select
              label={t('subprocessors.locations.country', { n })}
              data={options}
              searchable
              required
              nothingFoundMessage={t('subprocessors.fields.noCountry')}
              value={location.country || null}
              onChange={(country) => update(index, { country: country ?? '' })}
              allowDeselect={false}
              w={260}
              disabled={disabled}
            />
            <Select
              label={t('subprocessors.locations.kind', { n })}
              data={kindOptions}
              value={location.kind}
              onChange={(kind) => update(index, { kind: (kind ?? 'both') as LocationKind })}
              allowDeselect={false}
              w={230}
              disabled={disabled}
            />
            <TextInput
              label={t('subprocessors.locations.note', { n })}
              value={location.note ?? ''}
              onChange={(event) => update(index, { note: event.currentTarget.value })}
              maxLength={200}
              style={{ flex: 1, minWidth: 180 }}
              disabled={disabled}
            />
            <Group gap="xs" h={36} align="center" wrap="nowrap">
              {zone ? <ZoneBadge zone={zone} /> : null}
              {disabled ? null : (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('subprocessors.locations.remove', { name: name || n })}
                  onClick={() => onChange(value.filter((_, i) => i !== index))}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          </Group>
        );
      })}
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
      {disabled ? null : (
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            disabled={value.length >= maxLocations}
            onClick={() => onChange([...value, { country: '', kind: 'both' }])}
          >
            {t('subprocessors.locations.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
