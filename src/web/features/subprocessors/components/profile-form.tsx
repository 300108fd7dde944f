import {
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconDeviceFloppy, IconDownload, IconFileTypePdf, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { maxSignedPdfBytes } from '../../../../shared/upload-limits.ts';
import { notifyError, notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useForm } from '../../../lib/form.ts';
import { DayInput } from '../../customers/components/day-input.tsx';
import { isDay } from '../../customers/lib/dates.ts';
import { formatBytes, readAsBase64 } from '../../customers/lib/files.ts';
import { downloadFromApi } from '../../documents/lib/download.ts';
import {
  flowDownFileUrl,
  useSaveProfile,
  useSubprocessors,
  useUploadFlowDown,
} from '../api/subprocessors.ts';
import {
  type Certification,
  type Location,
  type ProfileFields,
  type SccModule,
  type Subprocessor,
  sccModules,
  type TransferMechanism,
  transferMechanisms,
} from '../api/types.ts';
import { localizeError } from '../lib/errors.ts';
import { CertificationsEditor } from './certifications-editor.tsx';
import { LocationsEditor } from './locations-editor.tsx';

const textFields = [
  'registrationNumber',
  'vatNumber',
  'street',
  'postalCode',
  'city',
  'website',
  'contactName',
  'contactEmail',
  'contactPhone',
  'servicesNl',
  'servicesEn',
  'flowDownSameTermsConfirmedBy',
  'tiaNotes',
  'notes',
] as const;
const dayFields = [
  'flowDownSignedOn',
  'flowDownValidUntil',
  'flowDownSameTermsConfirmedOn',
  'dpfCheckedOn',
  'dpfRecertifyBy',
  'tiaCompletedOn',
  'reviewDueOn',
] as const;
type TextField = (typeof textFields)[number];
type DayField = (typeof dayFields)[number];

type Values = Record<TextField | DayField, string> & {
  engagedByPartyId: string;
  locations: Location[];
  certifications: Certification[];
  dpfCertified: boolean;
  pipedaCovered: boolean;
  namedInAgreement: boolean;
  transferMechanism: TransferMechanism | '';
  sccModule: SccModule | '';
};

function toValues(profile: Subprocessor['profile']): Values {
  const values = {} as Values;
  for (const name of [...textFields, ...dayFields]) {
    values[name] = profile?.[name] ?? '';
  }
  return {
    ...values,
    engagedByPartyId: profile?.engagedByPartyId ?? '',
    locations: profile?.locations ?? [],
    certifications: profile?.certifications ?? [],
    dpfCertified: profile?.dpfCertified ?? false,
    pipedaCovered: profile?.pipedaCovered ?? false,
    namedInAgreement: profile?.namedInAgreement ?? false,
    transferMechanism: profile?.transferMechanism ?? '',
    sccModule: profile?.sccModule ?? '',
  };
}

const optionalDay = z.string().refine((v) => v === '' || isDay(v), { error: 'customers.dates.invalid' });
const schema = z
  .object({
    contactEmail: z
      .string()
      .trim()
      .refine((v) => v === '' || z.email().safeParse(v).success, { error: 'validation.email' }),
    locations: z
      .array(z.object({ country: z.string() }).loose())
      .refine((list) => list.every((l) => l.country !== ''), {
        error: 'subprocessors.locations.countryMissing',
      }),
    certifications: z
      .array(z.object({ name: z.string() }).loose())
      .refine((list) => list.every((c) => c.name.trim() !== ''), {
        error: 'subprocessors.certifications.nameMissing',
      }),
    ...Object.fromEntries(dayFields.map((name) => [name, optionalDay])),
  })
  .loose();

function toFields(values: Values): ProfileFields {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const fields = {} as Record<TextField | DayField, string | null>;
  for (const name of [...textFields, ...dayFields]) {
    fields[name] = text(values[name]);
  }
  return {
    ...(fields as Pick<ProfileFields, TextField | DayField>),
    engagedByPartyId: values.engagedByPartyId || null,
    locations: values.locations.map((l) => ({
      country: l.country,
      kind: l.kind,
      ...(l.note?.trim() ? { note: l.note.trim() } : {}),
    })),
    certifications: values.certifications.map((c) => ({
      name: c.name.trim(),
      ...(c.issuer?.trim() ? { issuer: c.issuer.trim() } : {}),
      validUntil: c.validUntil || null,
    })),
    dpfCertified: values.dpfCertified,
    pipedaCovered: values.pipedaCovered,
    namedInAgreement: values.namedInAgreement,
    transferMechanism: values.transferMechanism || null,
    sccModule: values.transferMechanism === 'scc' ? values.sccModule || null : null,
  };
}

// body.locations.2.country → locations: the editor shows the error under its rows.
const topLevelField = (error: unknown) =>
  localizeError(error, (field) => field.replace(/^(body\.)?(locations|certifications)\..*$/, '$1$2'));

function FlowDownFile({ subprocessor, canEdit }: { subprocessor: Subprocessor; canEdit: boolean }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [downloading, setDownloading] = useState(false);
  const upload = useUploadFlowDown(subprocessor.id);
  const current = subprocessor.profile?.flowDownFileName ?? null;

  const send = async () => {
    if (!file) {
      return;
    }
    if (file.size === 0 || file.size > maxSignedPdfBytes) {
      setError(t('subprocessors.flowDown.fileTooLarge', { max: formatBytes(maxSignedPdfBytes) }));
      return;
    }
    const dataBase64 = await readAsBase64(file);
    upload.mutate(
      { fileName: file.name.slice(0, 200), dataBase64 },
      {
        onSuccess: () => {
          notifySuccess(t('subprocessors.flowDown.uploaded', { name: file.name }));
          setFile(null);
        },
        onError: (e) => notifyError(localizeError(e), t),
      },
    );
  };

  const download = async () => {
    setDownloading(true);
    try {
      await downloadFromApi(flowDownFileUrl(subprocessor.id), current ?? 'flow-down.pdf');
    } catch (e) {
      notifyError(localizeError(e), t);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t('subprocessors.flowDown.file')}:
        </Text>
        {current ? (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={download}
            disabled={downloading}
            aria-label={t('subprocessors.flowDown.download', { name: current })}
          >
            <Group gap={4} component="span">
              <IconDownload size={14} aria-hidden />
              {current}
            </Group>
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {t('subprocessors.flowDown.noFile')}
          </Text>
        )}
      </Group>
      {canEdit && subprocessor.profile ? (
        <Group gap="xs" align="flex-end">
          <FileInput
            label={current ? t('subprocessors.flowDown.replaceFile') : t('subprocessors.flowDown.uploadFile')}
            placeholder={t('subprocessors.flowDown.placeholder')}
            accept="application/pdf,.pdf"
            leftSection={<IconFileTypePdf size={16} aria-hidden />}
            value={file}
            onChange={(next) => {
              setFile(next);
              setError(undefined);
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('subprocessors.flowDown.clearFile') }}
            error={error}
            errorProps={{ role: 'alert' }}
            w={320}
          />
          <Button
            variant="default"
            leftSection={<IconUpload size={16} aria-hidden />}
            disabled={!file}
            loading={upload.isPending}
            onClick={send}
          >
            {t('subprocessors.flowDown.upload')}
          </Button>
        </Group>
      ) : canEdit ? (
        <Text size="sm" c="dimmed">
          {t('subprocessors.flowDown.saveFirst')}
        </Text>
      ) : null}
    </Stack>
  );
}

export function ProfileForm({ subprocessor, canEdit }: { subprocessor: Subprocessor; canEdit: boolean }) {
  const { t } = useTranslation();
  const form = useForm<Values>(toValues(subprocessor.profile));
  const save = useSaveProfile(subprocessor.id);
  const all = useSubprocessors();
  const disabled = !canEdit;
  const v = form.values;

  const parentOptions = (all.data ?? [])
    .filter((s) => s.id !== subprocessor.id && (s.retiredAt === null || s.id === v.engagedByPartyId))
    .map((s) => ({ value: s.id, label: s.name }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const submit = form.onSubmit(() => {
    if (!form.check(schema)) {
      return;
    }
    save.mutate(toFields(v), {
      onSuccess: () => notifySuccess(t('subprocessors.profile.saved')),
      onError: (error) =>
        form.applyApiError(topLevelField(error), [
          ...textFields,
          ...dayFields,
          'locations',
          'certifications',
          'engagedByPartyId',
          'transferMechanism',
          'sccModule',
        ]),
    });
  });

  const text = (name: TextField, props: { label: string; description?: string; type?: string }) => (
    <TextInput {...props} {...form.text(name)} disabled={disabled} />
  );
  const day = (name: DayField, label: string, description?: string) => (
    <DayInput
      label={label}
      description={description ?? null}
      value={v[name]}
      onChange={(value) => form.setValue(name, value)}
      error={form.errorText(name)}
      errorProps={{ role: 'alert' }}
      disabled={disabled}
    />
  );

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="profile-title">
      <Stack gap="md">
        <ErrorAlert error={form.formError} />

        <Fieldset legend={t('subprocessors.profile.company')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {text('registrationNumber', { label: t('subprocessors.fields.registrationNumber') })}
            {text('vatNumber', { label: t('subprocessors.fields.vatNumber') })}
            {text('website', { label: t('subprocessors.fields.website'), type: 'url' })}
            {text('street', { label: t('subprocessors.fields.street') })}
            {text('postalCode', { label: t('subprocessors.fields.postalCode') })}
            {text('city', { label: t('subprocessors.fields.city') })}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('subprocessors.profile.contact')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {text('contactName', { label: t('subprocessors.fields.contactName') })}
            {text('contactEmail', { label: t('subprocessors.fields.contactEmail'), type: 'email' })}
            {text('contactPhone', { label: t('subprocessors.fields.contactPhone'), type: 'tel' })}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('subprocessors.profile.services')}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Textarea
              label={t('subprocessors.fields.servicesNl')}
              description={t('subprocessors.fields.servicesHint')}
              autosize
              minRows={2}
              maxRows={8}
              {...form.text('servicesNl')}
              disabled={disabled}
            />
            <Textarea
              label={t('subprocessors.fields.servicesEn')}
              description={t('subprocessors.fields.servicesEnHint')}
              autosize
              minRows={2}
              maxRows={8}
              {...form.text('servicesEn')}
              disabled={disabled}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('subprocessors.profile.locations')}>
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('subprocessors.locations.intro')}
            </Text>
            <LocationsEditor
              value={v.locations}
              onChange={(value) => form.setValue('locations', value)}
              facts={{ dpfCertified: v.dpfCertified, pipedaCovered: v.pipedaCovered }}
              error={form.errorText('locations')}
              disabled={disabled}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('subprocessors.profile.transfer')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('subprocessors.transfer.intro')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Checkbox
                label={t('subprocessors.fields.dpfCertified')}
                description={t('subprocessors.fields.dpfHint')}
                checked={v.dpfCertified}
                onChange={(event) => form.setValue('dpfCertified', event.currentTarget.checked)}
                disabled={disabled}
              />
              {day('dpfCheckedOn', t('subprocessors.fields.dpfCheckedOn'))}
              {day('dpfRecertifyBy', t('subprocessors.fields.dpfRecertifyBy'))}
            </SimpleGrid>
            <Checkbox
              label={t('subprocessors.fields.pipedaCovered')}
              description={t('subprocessors.fields.pipedaHint')}
              checked={v.pipedaCovered}
              onChange={(event) => form.setValue('pipedaCovered', event.currentTarget.checked)}
              disabled={disabled}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select
                label={t('subprocessors.fields.transferMechanism')}
                description={t('subprocessors.fields.transferMechanismHint')}
                data={[
                  { value: '', label: t('subprocessors.mechanisms.none') },
                  ...transferMechanisms.map((m) => ({ value: m, label: t(`subprocessors.mechanisms.${m}`) })),
                ]}
                value={v.transferMechanism}
                onChange={(value) =>
                  form.setValue('transferMechanism', (value ?? '') as Values['transferMechanism'])
                }
                allowDeselect={false}
                error={form.errorText('transferMechanism')}
                errorProps={{ role: 'alert' }}
                disabled={disabled}
              />
              {v.transferMechanism === 'scc' ? (
                <Select
                  label={t('subprocessors.fields.sccModule')}
                  description={t('subprocessors.fields.sccModuleHint')}
                  data={sccModules.map((m) => ({ value: m, label: t(`subprocessors.sccModules.${m}`) }))}
                  value={v.sccModule || null}
                  onChange={(value) => form.setValue('sccModule', (value ?? '') as Values['sccModule'])}
                  clearable
                  clearButtonProps={{ 'aria-label': t('subprocessors.fields.clearSccModule') }}
                  error={form.errorText('sccModule')}
                  errorProps={{ role: 'alert' }}
                  disabled={disabled}
                />
              ) : null}
              {day(
                'tiaCompletedOn',
                t('subprocessors.fields.tiaCompletedOn'),
                t('subprocessors.fields.tiaHint'),
              )}
            </SimpleGrid>
            <Textarea
              label={t('subprocessors.fields.tiaNotes')}
              autosize
              minRows={2}
              maxRows={10}
              {...form.text('tiaNotes')}
              disabled={disabled}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('subprocessors.profile.chain')}>
          <Select
            label={t('subprocessors.fields.engagedBy')}
            description={t('subprocessors.fields.engagedByHint')}
            placeholder={t('subprocessors.fields.engagedByNone')}
            data={parentOptions}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('subprocessors.fields.clearEngagedBy') }}
            value={v.engagedByPartyId || null}
            onChange={(value) => form.setValue('engagedByPartyId', value ?? '')}
            error={form.errorText('engagedByPartyId')}
            errorProps={{ role: 'alert' }}
            maw={420}
            disabled={disabled}
          />
        </Fieldset>

        <Fieldset legend={t('subprocessors.profile.certifications')}>
          <CertificationsEditor
            value={v.certifications}
            onChange={(value) => form.setValue('certifications', value)}
            error={form.errorText('certifications')}
            disabled={disabled}
          />
        </Fieldset>

        <Fieldset legend={t('subprocessors.profile.flowDown')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('subprocessors.flowDown.intro')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
              {day('flowDownSignedOn', t('subprocessors.fields.flowDownSignedOn'))}
              {day('flowDownValidUntil', t('subprocessors.fields.flowDownValidUntil'))}
              {text('flowDownSameTermsConfirmedBy', {
                label: t('subprocessors.fields.sameTermsConfirmedBy'),
              })}
              {day('flowDownSameTermsConfirmedOn', t('subprocessors.fields.sameTermsConfirmedOn'))}
            </SimpleGrid>
            <FlowDownFile subprocessor={subprocessor} canEdit={canEdit} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('subprocessors.profile.agreement')}>
          <Stack gap="sm">
            <Checkbox
              label={t('subprocessors.fields.namedInAgreement')}
              description={t('subprocessors.fields.namedInAgreementHint')}
              checked={v.namedInAgreement}
              onChange={(event) => form.setValue('namedInAgreement', event.currentTarget.checked)}
              disabled={disabled}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {day(
                'reviewDueOn',
                t('subprocessors.fields.reviewDueOn'),
                t('subprocessors.fields.reviewDueOnHint'),
              )}
            </SimpleGrid>
            <Textarea
              label={t('subprocessors.fields.notes')}
              autosize
              minRows={2}
              maxRows={10}
              {...form.text('notes')}
              disabled={disabled}
            />
          </Stack>
        </Fieldset>

        {canEdit ? (
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={save.isPending}
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            >
              {t('subprocessors.profile.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
