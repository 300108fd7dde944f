import { Group, Stack, Text } from '@mantine/core';
import { IconMapPin, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SubprocessorLocation } from '../api/types.ts';
import { basisText, countryText } from '../lib/locations.ts';

/**
 * Where a sub-processor works, one line per location: the country (named by the browser, Intl.DisplayNames) and
 * the ground for it: "EER", "adequaatheidsbesluit …", "derde land — …". `detailed` adds processing or storage.
 */
export function SubprocessorLocations({
  locations,
  label,
  detailed = false,
}: {
  locations: SubprocessorLocation[];
  /** The list's accessible name ("Locaties van …"). */
  label: string;
  detailed?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  if (locations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('portal.subprocessors.noLocations')}
      </Text>
    );
  }
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {locations.map((l) => {
        const outside = l.zone !== 'eea';
        const Icon = outside ? IconWorld : IconMapPin;
        return (
          <Group key={`${l.country}-${l.kind}`} component="li" gap={6} wrap="nowrap" align="flex-start">
            <Icon
              size={16}
              aria-hidden
              style={{ flex: 'none', marginTop: 2 }}
              color={`var(--mantine-color-${outside ? 'orange-7' : 'teal-7'})`}
            />
            <Text size="sm">
              <Text span inherit fw={500}>
                {countryText(l.country, lng)}
              </Text>
              {detailed ? ` · ${t(`portal.subprocessors.locationKinds.${l.kind}`)}` : null}
              {' — '}
              <Text span inherit c={l.zone === 'third-country' && !l.basis ? 'red.8' : undefined}>
                {basisText(l, t)}
              </Text>
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
