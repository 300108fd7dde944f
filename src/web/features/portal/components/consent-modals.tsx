import { Alert, Button, Checkbox, Fieldset, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ApiError, isApiError } from '../../../lib/api.ts';
import { useForm } from '../../../lib/form.ts';
import { formatDay } from '../../customers/lib/dates.ts';
import { useAnswerSubprocessor } from '../api/portal.ts';
import type { SubprocessorConsent, SubprocessorRequest } from '../api/types.ts';
import { localizePortalError } from '../lib/errors.ts';
import { countryList } from '../lib/locations.ts';
import type { PortalUser } from '../lib/session.ts';
import { SubprocessorLocations } from './subprocessor-locations.tsx';

export type ConsentDecision = 'give' | 'object';

export type AnsweredConsent = {
  decision: ConsentDecision;
  request: SubprocessorRequest;
  answer: SubprocessorConsent;
};

type Props = {
  request: SubprocessorRequest | null;
  decision: ConsentDecision;
  user: PortalUser;
  /** The services' names, by code. */
  serviceName: (code: string) => string;
  /** Back to the button that opened it (not after an answer: that button is gone then). */
  returnFocus: boolean;
  onClose: () => void;
  onAnswered: (answered: AnsweredConsent) => void;
};

/** Give consent (clause 5.1, and 6.1 for processing outside the EEA) or object, with what it means. */
export function ConsentModal({
  request,
  decision,
  user,
  serviceName,
  returnFocus,
  onClose,
  onAnswered,
}: Props) {
  const { t } = useTranslation();
  const title = request
    ? decision === 'give'
      ? t('portal.subprocessors.giveModal.title', { name: request.name })
      : t('portal.subprocessors.objectModal.title', { name: request.name })
    : '';
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={title}
      size="lg"
      returnFocus={returnFocus}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {request ? (
        decision === 'give' ? (
          <GiveForm
            request={request}
            user={user}
            serviceName={serviceName}
            onCancel={onClose}
            onAnswered={onAnswered}
          />
        ) : (
          <ObjectForm request={request} user={user} onCancel={onClose} onAnswered={onAnswered} />
        )
      ) : null}
    </Modal>
  );
}

// The server's 400 for a field this form has comes back in the customer's words, next to that field.
function localized(error: unknown, fields: Record<string, string>): unknown {
  if (isApiError(error) && error.status === 400 && error.fieldName && fields[error.fieldName]) {
    return new ApiError(400, 'portal.local', fields[error.fieldName]!, error.requestId, error.field);
  }
  return localizePortalError(error);
}

function GiveForm({
  request,
  user,
  serviceName,
  onCancel,
  onAnswered,
}: {
  request: SubprocessorRequest;
  user: PortalUser;
  serviceName: (code: string) => string;
  onCancel: () => void;
  onAnswered: (answered: AnsweredConsent) => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const form = useForm<{ transferConsent: boolean }>({ transferConsent: false });
  const answer = useAnswerSubprocessor();
  const customer = user.customer?.legalName ?? '';
  const outside = request.locations.filter((l) => l.zone !== 'eea');
  const countries = countryList(request.locations, lng, true);
  const transferMessage = t('portal.subprocessors.giveModal.transferRequired', { name: request.name });
  const services = request.serviceLines.map(serviceName).join(', ');

  const submit = form.onSubmit(() => {
    const schema = request.transferRequired
      ? z.object({
          transferConsent: z.literal(true, { error: 'portal.subprocessors.giveModal.transferRequired' }),
        })
      : z.object({ transferConsent: z.boolean() });
    const data = form.check(schema, () => ({ name: request.name }));
    if (!data) {
      return;
    }
    answer.mutate(
      {
        partyId: request.partyId,
        decision: 'give',
        transferConsent: request.transferRequired && data.transferConsent,
      },
      {
        onSuccess: (result) => onAnswered({ decision: 'give', request, answer: result }),
        onError: (error) =>
          form.applyApiError(localized(error, { transferConsent: transferMessage }), ['transferConsent']),
      },
    );
  });

  const transferError = form.errorText('transferConsent');
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t('portal.subprocessors.giveModal.consequenceTitle')}
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            {t('portal.subprocessors.giveModal.engage', {
              name: request.name,
              date: formatDay(request.effectiveFrom, lng),
              services: services || '—',
            })}
          </List.Item>
          {request.replaces ? (
            <List.Item>
              {t('portal.subprocessors.giveModal.replaces', {
                name: request.name,
                replaces: request.replaces,
              })}
            </List.Item>
          ) : null}
          {request.locations.length > 0 ? (
            <List.Item>
              {t('portal.subprocessors.giveModal.processesIn', {
                name: request.name,
                customer,
                countries: countryList(request.locations, lng),
              })}
            </List.Item>
          ) : null}
          <List.Item>{t('portal.subprocessors.giveModal.record', { customer, user: user.name })}</List.Item>
        </List>
        {request.transferRequired ? (
          <Fieldset legend={t('portal.subprocessors.giveModal.transferTitle')} variant="filled">
            <Stack gap="sm">
              <Text size="sm">{t('portal.subprocessors.giveModal.transferExplain')}</Text>
              <SubprocessorLocations
                locations={outside}
                label={t('portal.subprocessors.locationsOutside', { name: request.name })}
                detailed
              />
              <Checkbox
                label={t('portal.subprocessors.giveModal.transferCheckbox', { countries })}
                description={t('portal.subprocessors.giveModal.transferCheckboxHint')}
                checked={form.values.transferConsent}
                onChange={(event) => form.setValue('transferConsent', event.currentTarget.checked)}
                name="transferConsent"
                required
                error={transferError}
                aria-invalid={transferError ? true : undefined}
                data-autofocus
              />
            </Stack>
          </Fieldset>
        ) : null}
        <ErrorAlert error={form.formError} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={answer.isPending}
            data-autofocus={!request.transferRequired || undefined}
          >
            {t('portal.subprocessors.giveModal.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ObjectForm({
  request,
  user,
  onCancel,
  onAnswered,
}: {
  request: SubprocessorRequest;
  user: PortalUser;
  onCancel: () => void;
  onAnswered: (answered: AnsweredConsent) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<{ reason: string }>({ reason: '' });
  const answer = useAnswerSubprocessor();
  const customer = user.customer?.legalName ?? '';
  const reasonMessage = t('portal.subprocessors.objectModal.reasonRequired');

  const submit = form.onSubmit(() => {
    const data = form.check(
      z.object({
        reason: z
          .string()
          .trim()
          .min(3, { error: 'portal.subprocessors.objectModal.reasonRequired' })
          .max(5000, { error: 'validation.tooLong' }),
      }),
    );
    if (!data) {
      return;
    }
    answer.mutate(
      { partyId: request.partyId, decision: 'object', transferConsent: false, reason: data.reason },
      {
        onSuccess: (result) => onAnswered({ decision: 'object', request, answer: result }),
        onError: (error) => form.applyApiError(localized(error, { reason: reasonMessage }), ['reason']),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="blue" variant="light" icon={<IconScale aria-hidden />} p="sm" role="note">
          <Text size="sm">{t('portal.subprocessors.objectModal.clause')}</Text>
        </Alert>
        <Text size="sm">{t('portal.subprocessors.objectModal.consequence', { name: request.name })}</Text>
        <Textarea
          label={t('portal.subprocessors.objectModal.reason')}
          description={t('portal.subprocessors.objectModal.reasonHint')}
          required
          autosize
          minRows={4}
          maxRows={12}
          maxLength={5000}
          data-autofocus
          aria-invalid={form.errorText('reason') ? true : undefined}
          {...form.text('reason')}
        />
        <Text size="xs" c="dimmed">
          {t('portal.subprocessors.objectModal.record', { customer, user: user.name })}
        </Text>
        <ErrorAlert error={form.formError} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={answer.isPending}>
            {t('portal.subprocessors.objectModal.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
