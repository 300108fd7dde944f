import {
  ActionIcon,
  Button,
  Card,
  Fieldset,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  describeRetention,
  legalAnchors,
  maxRetentionMonths,
  maxRetentionYears,
  maxRulesInFirstOf,
  type RetentionKind,
  type RetentionRule,
  retentionActions,
  retentionKinds,
  retentionRuleSchema,
  type SimpleRetentionRule,
} from '../../../../shared/retention.ts';

const defaults: Record<RetentionKind, RetentionRule> = {
  untilAgreementEndPlus: { kind: 'untilAgreementEndPlus', months: 1 },
  rolling: { kind: 'rolling', months: 6, action: 'overwrite' },
  legal: { kind: 'legal', basis: 'art. 52 AWR', years: 7, anchor: 'endOfFinancialYear' },
  firstOf: {
    kind: 'firstOf',
    rules: [
      { kind: 'rolling', months: 6, action: 'overwrite' },
      { kind: 'untilAgreementEndPlus', months: 1 },
    ],
  },
};

const inRange = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
const toNumber = (value: string | number) => (typeof value === 'number' ? value : Number.NaN);

export const isValidRetention = (rule: RetentionRule) => retentionRuleSchema.safeParse(rule).success;

function SimpleRuleFields({
  rule,
  onChange,
  kinds,
  label,
}: {
  rule: SimpleRetentionRule;
  onChange: (rule: SimpleRetentionRule) => void;
  kinds: readonly RetentionKind[];
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" gap="xs" wrap="wrap">
      <Select
        label={label ?? t('register.retention.kind')}
        data={kinds.map((k) => ({ value: k, label: t(`register.retentionKinds.${k}`) }))}
        value={rule.kind}
        onChange={(value) => value && onChange(defaults[value as RetentionKind] as SimpleRetentionRule)}
        allowDeselect={false}
        w={260}
      />
      {rule.kind === 'untilAgreementEndPlus' || rule.kind === 'rolling' ? (
        <NumberInput
          label={t('register.retention.months')}
          description={t('register.retention.monthsHint')}
          value={Number.isNaN(rule.months) ? '' : rule.months}
          onChange={(value) => onChange({ ...rule, months: toNumber(value) })}
          min={1}
          max={maxRetentionMonths}
          allowDecimal={false}
          allowNegative={false}
          error={inRange(rule.months, maxRetentionMonths) ? undefined : t('register.retention.monthsRange')}
          errorProps={{ role: 'alert' }}
          w={130}
        />
      ) : null}
      {rule.kind === 'rolling' ? (
        <Select
          label={t('register.retention.action')}
          data={retentionActions.map((a) => ({ value: a, label: t(`register.retention.actions.${a}`) }))}
          value={rule.action}
          onChange={(value) => value && onChange({ ...rule, action: value as typeof rule.action })}
          allowDeselect={false}
          w={170}
        />
      ) : null}
      {rule.kind === 'legal' ? (
        <>
          <NumberInput
            label={t('register.retention.years')}
            value={Number.isNaN(rule.years) ? '' : rule.years}
            onChange={(value) => onChange({ ...rule, years: toNumber(value) })}
            min={1}
            max={maxRetentionYears}
            allowDecimal={false}
            allowNegative={false}
            error={inRange(rule.years, maxRetentionYears) ? undefined : t('register.retention.yearsRange')}
            errorProps={{ role: 'alert' }}
            w={110}
          />
          <Select
            label={t('register.retention.anchor')}
            data={legalAnchors.map((a) => ({ value: a, label: t(`register.retention.anchors.${a}`) }))}
            value={rule.anchor}
            onChange={(value) => value && onChange({ ...rule, anchor: value as typeof rule.anchor })}
            allowDeselect={false}
            w={230}
          />
          <TextInput
            label={t('register.retention.basis')}
            description={t('register.retention.basisHint')}
            value={rule.basis}
            onChange={(event) => onChange({ ...rule, basis: event.currentTarget.value })}
            error={rule.basis.trim() ? undefined : t('validation.required')}
            errorProps={{ role: 'alert' }}
            w={200}
          />
        </>
      ) : null}
    </Group>
  );
}

/** Builds a retention rule field by field and shows the sentence the register will print, in both languages. */
export function RetentionEditor({
  value,
  onChange,
}: {
  value: RetentionRule;
  onChange: (rule: RetentionRule) => void;
}) {
  const { t } = useTranslation();
  const simpleKinds = retentionKinds.filter((k) => k !== 'firstOf');
  const valid = isValidRetention(value);

  return (
    <Fieldset legend={t('register.retention.title')} variant="filled">
      <Stack gap="sm">
        {value.kind === 'firstOf' ? (
          <>
            <Select
              label={t('register.retention.kind')}
              data={retentionKinds.map((k) => ({ value: k, label: t(`register.retentionKinds.${k}`) }))}
              value={value.kind}
              onChange={(kind) => kind && onChange(defaults[kind as RetentionKind])}
              allowDeselect={false}
              w={260}
            />
            <Text size="sm" fw={500}>
              {t('register.retention.parts')}
            </Text>
            {value.rules.map((rule, i) => (
              <Group
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts have no identity but their place
                key={i}
                align="flex-end"
                gap="xs"
                wrap="nowrap"
              >
                <SimpleRuleFields
                  rule={rule}
                  kinds={simpleKinds}
                  label={t('register.retention.part', { n: i + 1 })}
                  onChange={(next) =>
                    onChange({ ...value, rules: value.rules.map((r, j) => (j === i ? next : r)) })
                  }
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={6}
                  aria-label={t('register.retention.removePart', { n: i + 1 })}
                  disabled={value.rules.length <= 2}
                  onClick={() => onChange({ ...value, rules: value.rules.filter((_, j) => j !== i) })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                disabled={value.rules.length >= maxRulesInFirstOf}
                onClick={() =>
                  onChange({
                    ...value,
                    rules: [...value.rules, { kind: 'untilAgreementEndPlus', months: 1 }],
                  })
                }
              >
                {t('register.retention.addPart')}
              </Button>
            </Group>
          </>
        ) : (
          <SimpleRuleFields rule={value} kinds={retentionKinds} onChange={(next) => onChange(next)} />
        )}
        <Card withBorder padding="sm" radius="sm" aria-live="polite">
          {valid ? (
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('register.retention.preview')}
              </Text>
              <Text size="sm" fw={600} data-testid="retention-preview">
                {describeRetention(value, 'nl')}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('register.retention.previewEn')}: {describeRetention(value, 'en')}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" c="red">
              {t('register.retention.invalid')}
            </Text>
          )}
        </Card>
      </Stack>
    </Fieldset>
  );
}
