import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  type TextareaProps,
  TextInput,
} from '@mantine/core';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { DateTime } from 'luxon';
import { useTranslation } from 'react-i18next';
import { displayZone } from '../../../../lib/format.ts';
import { DayInput } from '../../../customers/components/day-input.tsx';
import {
  correctionRights,
  type IdentityInput,
  type IdentityType,
  identityTypes,
  type RightType,
  rightTypes,
} from '../../api/types.ts';

// The parts of a new request that the staff intake and the portal form share: the right (with a short
// explanation of what it means), the person's identities, when the customer received the request, the services
// in scope and the notes, with the checks and the request body they have in common. The staff intake adds the
// customer, the channel and when we received it; the portal words some labels for the customer.

const maxIdentities = 10;

/** Which right the person exercises, in its own fieldset, with what it means once chosen. */
export function RightChoice({
  value,
  onChange,
  error,
}: {
  value: RightType | '';
  onChange: (right: RightType) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('requests.form.whatLegend')}>
      <Stack gap="xs">
        <Radio.Group
          label={t('requests.form.right')}
          description={t('requests.form.rightHint')}
          required
          value={value}
          onChange={(v) => onChange(v as RightType)}
          error={error}
          errorProps={{ role: 'alert' }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt={8}>
            {rightTypes.map((right) => (
              <Radio
                key={right}
                value={right}
                label={t(`requests.right.${right}`)}
                description={t(`requests.rightHelp.${right}`)}
              />
            ))}
          </SimpleGrid>
        </Radio.Group>
        {value ? (
          <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} p="xs">
            <Text size="sm">{t(`requests.rightExplain.${value}`)}</Text>
          </Alert>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

export type IdentityRow = { type: IdentityType; value: string };

export function IdentitiesEditor({
  rows,
  onChange,
  error,
}: {
  rows: IdentityRow[];
  onChange: (rows: IdentityRow[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const typeOptions = identityTypes.map((type) => ({
    value: type,
    label: t(`requests.identityType.${type}`),
  }));
  const set = (index: number, patch: Partial<IdentityRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Fieldset legend={t('requests.form.identities')}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('requests.form.identitiesHint')}
        </Text>
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; order is stable
            <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
              <Select
                label={t('requests.form.identityTypeN', { n })}
                data={typeOptions}
                value={row.type}
                onChange={(v) => set(index, { type: (v as IdentityType | null) ?? 'email' })}
                allowDeselect={false}
                w={200}
              />
              <TextInput
                label={t('requests.form.identityValueN', { n })}
                value={row.value}
                onChange={(event) => set(index, { value: event.currentTarget.value })}
                type={row.type === 'email' ? 'email' : row.type === 'phone' ? 'tel' : 'text'}
                autoComplete="off"
                maxLength={320}
                style={{ flex: 1 }}
                required={index === 0}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mb={2}
                aria-label={t('requests.form.removeIdentity', { n })}
                disabled={rows.length === 1}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          );
        })}
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            disabled={rows.length >= maxIdentities}
            onClick={() => onChange([...rows, { type: 'email', value: '' }])}
          >
            {t('requests.form.addIdentity')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** The identities to send: rows with a value, trimmed. */
export const identitiesOf = (rows: IdentityRow[]): IdentityInput[] =>
  rows.filter((r) => r.value.trim() !== '').map((r) => ({ type: r.type, value: r.value.trim() }));

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An i18n key when the identities will not pass (none, or an e-mail address that is not one). */
export function checkIdentities(rows: IdentityRow[]): string | null {
  const given = identitiesOf(rows);
  if (given.length === 0) {
    return 'requests.form.errors.identityMissing';
  }
  if (given.some((i) => i.type === 'email' && !emailPattern.test(i.value))) {
    return 'requests.form.errors.emailInvalid';
  }
  return null;
}

export function ScopeChoice({
  options,
  value,
  onChange,
  error,
}: {
  options: { value: string; label: string }[];
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  if (options.length === 0) {
    return null;
  }
  return (
    <Checkbox.Group
      label={t('requests.form.scope')}
      description={t('requests.form.scopeHint')}
      value={value}
      onChange={onChange}
      error={error}
      errorProps={{ role: 'alert' }}
    >
      <Group gap="lg" mt={6}>
        {options.map((o) => (
          <Checkbox key={o.value} value={o.value} label={o.label} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

/** The values both forms hold; the staff intake adds its own. */
export type RequestFieldValues = {
  rightType: RightType | '';
  identities: IdentityRow[];
  customerReceivedOn: string;
  customerDeadlineExtended: boolean;
  /** null: every service the customer takes (the server's default). */
  scope: string[] | null;
  notes: string;
};

/** A blank form: one e-mail address to fill in, every service in scope. */
export const emptyRequestFields = (): RequestFieldValues => ({
  rightType: '',
  identities: [{ type: 'email', value: '' }],
  customerReceivedOn: '',
  customerDeadlineExtended: false,
  scope: null,
  notes: '',
});

/** Today in the display zone, as an ISO day: the customer cannot have received the request later. */
export const today = () => DateTime.now().setZone(displayZone).toISODate() ?? '';

/** A correction (rectification and the like) needs notes that say what is to change. */
export const needsNotesFor = (right: RightType | '') => right !== '' && correctionRights.includes(right);

/** The first of the details (receipt day, scope, notes) that will not pass, as a field and an i18n key. */
export function checkDetails(
  v: RequestFieldValues,
): { field: 'customerReceivedOn' | 'scope' | 'notes'; key: string } | null {
  if (v.customerReceivedOn && v.customerReceivedOn > today()) {
    return { field: 'customerReceivedOn', key: 'requests.form.errors.customerReceivedFuture' };
  }
  if (v.scope !== null && v.scope.length === 0) {
    return { field: 'scope', key: 'requests.form.errors.scopeEmpty' };
  }
  if (needsNotesFor(v.rightType) && !v.notes.trim()) {
    return { field: 'notes', key: 'requests.form.errors.notesRequired' };
  }
  return null;
}

/** The shared part of the request body; the scope only when narrower than every service (`codes`). */
export const requestFieldsBody = (v: RequestFieldValues, codes: string[]) => ({
  identities: identitiesOf(v.identities),
  customerReceivedOn: v.customerReceivedOn || null,
  customerDeadlineExtended: v.customerDeadlineExtended,
  ...(v.scope !== null && v.scope.length < codes.length ? { scope: v.scope } : {}),
  notes: v.notes.trim() || null,
});

/** When the customer received the request, and whether they extended their deadline (one month to three). */
export function CustomerReceiptFields({
  labels,
  receivedOn,
  extended,
  onReceivedOnChange,
  onExtendedChange,
  error,
}: {
  labels: { receivedOn: string; receivedOnHint: string; extended: string };
  receivedOn: string;
  extended: boolean;
  onReceivedOnChange: (day: string) => void;
  onExtendedChange: (extended: boolean) => void;
  error?: string | undefined;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={640}>
      <DayInput
        label={labels.receivedOn}
        description={labels.receivedOnHint}
        maxDate={today()}
        value={receivedOn}
        onChange={onReceivedOnChange}
        error={error}
        errorProps={{ role: 'alert' }}
      />
      <Checkbox
        mt={{ base: 0, sm: 46 }}
        label={labels.extended}
        checked={extended}
        onChange={(event) => onExtendedChange(event.currentTarget.checked)}
      />
    </SimpleGrid>
  );
}

/** The notes; required, and worded as "what is to change", for a correction. */
export function NotesField({
  rightType,
  label,
  hint,
  ...input
}: {
  rightType: RightType | '';
  label: string;
  hint: string;
} & Pick<TextareaProps, 'name' | 'value' | 'onChange' | 'error' | 'errorProps'>) {
  const { t } = useTranslation();
  const needsNotes = needsNotesFor(rightType);
  return (
    <Textarea
      label={needsNotes ? t('requests.form.notesCorrection') : label}
      description={needsNotes ? t('requests.form.notesCorrectionHint') : hint}
      required={needsNotes}
      autosize
      minRows={3}
      maxRows={12}
      maxLength={5000}
      {...input}
    />
  );
}
