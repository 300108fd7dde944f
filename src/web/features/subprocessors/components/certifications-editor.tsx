import { ActionIcon, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../customers/components/day-input.tsx';
import { todayDay } from '../../customers/lib/dates.ts';
import type { Certification } from '../api/types.ts';

type Props = {
  value: Certification[];
  onChange: (value: Certification[]) => void;
  error?: string;
  disabled?: boolean;
};

const maxCertifications = 20;

/** ISO 27001, SOC 2 and the like, each with the day it runs out (an alert is raised when it has). */
export function CertificationsEditor({ value, onChange, error, disabled }: Props) {
  const { t } = useTranslation();
  const today = todayDay();
  const update = (index: number, change: Partial<Certification>) =>
    onChange(value.map((c, i) => (i === index ? { ...c, ...change } : c)));

  return (
    <Stack gap="xs">
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('subprocessors.certifications.none')}
        </Text>
      ) : null}
      {value.map((certification, index) => {
        const n = index + 1;
        const expired = certification.validUntil !== null && certification.validUntil < today;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; they are edited in place
          <Group key={index} gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('subprocessors.certifications.name', { n })}
              placeholder="ISO/IEC 27001:2022"
              required
              value={certification.name}
              onChange={(event) => update(index, { name: event.currentTarget.value })}
              maxLength={120}
              w={240}
              disabled={disabled}
            />
            <TextInput
              label={t('subprocessors.certifications.issuer', { n })}
              value={certification.issuer ?? ''}
              onChange={(event) => update(index, { issuer: event.currentTarget.value })}
              maxLength={120}
              w={220}
              disabled={disabled}
            />
            <DayInput
              label={t('subprocessors.certifications.validUntil', { n })}
              description={null}
              value={certification.validUntil ?? ''}
              onChange={(day) => update(index, { validUntil: day || null })}
              w={170}
              disabled={disabled}
            />
            <Group gap="xs" h={36} align="center" wrap="nowrap">
              {expired ? (
                <Badge color="red" variant="light">
                  {t('subprocessors.certifications.expired')}
                </Badge>
              ) : null}
              {disabled ? null : (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('subprocessors.certifications.remove', { name: certification.name || n })}
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
            disabled={value.length >= maxCertifications}
            onClick={() => onChange([...value, { name: '', issuer: '', validUntil: null }])}
          >
            {t('subprocessors.certifications.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
