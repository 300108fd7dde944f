import { Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { FormButtons, FormModal } from '../../../components/form-modal.tsx';
import { useForm } from '../../../lib/form.ts';
import { useAddService, useEndService, useGiveNotice } from '../api/agreements.ts';
import { useServiceLines } from '../api/service-lines.ts';
import type { Agreement, AgreementService } from '../api/types.ts';
import { isDay, laterDay, todayDay } from '../lib/dates.ts';
import { localizeError } from '../lib/errors.ts';
import { DayInput } from './day-input.tsx';

const day = () => z.string().refine(isDay, { error: 'customers.dates.invalid' });

// ---- notice ("Opzegging registreren") -----------------------------------------------------------------------

const noticeSchema = z
  .object({ noticeGivenOn: day(), endDate: day() })
  .refine((v) => v.endDate >= v.noticeGivenOn, {
    path: ['endDate'],
    error: 'customers.notice.endBeforeNotice',
  });

function NoticeForm({
  customerId,
  agreement,
  onDone,
}: {
  customerId: string;
  agreement: Agreement;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    noticeGivenOn: agreement.noticeGivenOn ?? todayDay(),
    endDate: agreement.endDate ?? '',
  });
  const notice = useGiveNotice(customerId, agreement.id);
  const submit = form.onSubmit(() => {
    const data = form.check(noticeSchema);
    if (!data) {
      return;
    }
    notice.mutate(data, {
      onSuccess: () => {
        notifySuccess(t('customers.notice.saved'));
        onDone();
      },
      onError: (error) => form.applyApiError(localizeError(error), ['noticeGivenOn', 'endDate']),
    });
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('customers.notice.intro')}</Text>
        <ErrorAlert error={form.formError} />
        <DayInput
          label={t('customers.agreement.noticeGivenOn')}
          required
          data-autofocus
          maxDate={todayDay()}
          value={form.values.noticeGivenOn}
          onChange={(value) => form.setValue('noticeGivenOn', value)}
          error={form.errorText('noticeGivenOn')}
          errorProps={{ role: 'alert' }}
        />
        <DayInput
          label={t('customers.agreement.endDate')}
          description={t('customers.notice.endHint')}
          required
          minDate={form.values.noticeGivenOn || agreement.startDate}
          value={form.values.endDate}
          onChange={(value) => form.setValue('endDate', value)}
          error={form.errorText('endDate')}
          errorProps={{ role: 'alert' }}
        />
        <FormButtons onCancel={onDone} label={t('customers.notice.submit')} loading={notice.isPending} />
      </Stack>
    </form>
  );
}

export function NoticeModal(props: {
  customerId: string;
  agreement: Agreement;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      title={t('customers.notice.title', { reference: props.agreement.reference })}
      opened={props.opened}
      onClose={props.onClose}
    >
      <NoticeForm customerId={props.customerId} agreement={props.agreement} onDone={props.onClose} />
    </FormModal>
  );
}

// ---- add a service ------------------------------------------------------------------------------------------

const serviceSchema = z
  .object({
    serviceLineCode: z.string().min(1, { error: 'validation.required' }),
    startDate: day(),
    endDate: z.string().refine((v) => v === '' || isDay(v), { error: 'customers.dates.invalid' }),
  })
  .refine((v) => v.endDate === '' || v.endDate >= v.startDate, {
    path: ['endDate'],
    error: 'customers.services.endBeforeStart',
  });

function AddServiceForm({
  customerId,
  agreement,
  onDone,
}: {
  customerId: string;
  agreement: Agreement;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  const running = new Set(
    agreement.services.filter((s) => s.endDate === null || s.activeToday).map((s) => s.serviceLineCode),
  );
  const options = serviceLines.options.filter((o) => !running.has(o.value));
  const today = todayDay();
  const form = useForm({
    serviceLineCode: '',
    startDate: laterDay(today, agreement.startDate),
    endDate: '',
  });
  const add = useAddService(customerId, agreement.id);
  const submit = form.onSubmit(() => {
    const data = form.check(serviceSchema);
    if (!data) {
      return;
    }
    add.mutate(
      { ...data, endDate: data.endDate || null },
      {
        onSuccess: () => {
          notifySuccess(
            t('customers.services.added', { service: serviceLines.nameOf(data.serviceLineCode) }),
          );
          onDone();
        },
        onError: (error) =>
          form.applyApiError(localizeError(error), ['serviceLineCode', 'startDate', 'endDate']),
      },
    );
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        <Select
          label={t('customers.services.line')}
          data={options}
          value={form.values.serviceLineCode || null}
          onChange={(value) => form.setValue('serviceLineCode', value ?? '')}
          required
          data-autofocus
          nothingFoundMessage={t('customers.services.noneLeft')}
          error={form.errorText('serviceLineCode')}
          errorProps={{ role: 'alert' }}
        />
        <DayInput
          label={t('customers.services.startDate')}
          required
          minDate={agreement.startDate}
          maxDate={agreement.endDate ?? undefined}
          value={form.values.startDate}
          onChange={(value) => form.setValue('startDate', value)}
          error={form.errorText('startDate')}
          errorProps={{ role: 'alert' }}
        />
        <DayInput
          label={t('customers.services.endDate')}
          description={t('customers.services.endOptional')}
          clearable
          clearButtonProps={{ 'aria-label': t('customers.dates.clear') }}
          minDate={form.values.startDate || agreement.startDate}
          maxDate={agreement.endDate ?? undefined}
          value={form.values.endDate}
          onChange={(value) => form.setValue('endDate', value)}
          error={form.errorText('endDate')}
          errorProps={{ role: 'alert' }}
        />
        <FormButtons onCancel={onDone} label={t('customers.services.add')} loading={add.isPending} />
      </Stack>
    </form>
  );
}

export function AddServiceModal(props: {
  customerId: string;
  agreement: Agreement;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal title={t('customers.services.addTitle')} opened={props.opened} onClose={props.onClose}>
      <AddServiceForm customerId={props.customerId} agreement={props.agreement} onDone={props.onClose} />
    </FormModal>
  );
}

// ---- end a service (a customer can drop VoIP and keep Cloud) ------------------------------------------------

function EndServiceForm({
  customerId,
  agreement,
  service,
  onDone,
}: {
  customerId: string;
  agreement: Agreement;
  service: AgreementService;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  const today = todayDay();
  const form = useForm({
    endDate: service.endDate ?? laterDay(today, service.startDate),
  });
  const end = useEndService(customerId, agreement.id);
  const name = serviceLines.nameOf(service.serviceLineCode);
  const submit = form.onSubmit(() => {
    const data = form.check(
      z.object({ endDate: day() }).refine((v) => v.endDate >= service.startDate, {
        path: ['endDate'],
        error: 'customers.services.endBeforeStart',
      }),
    );
    if (!data) {
      return;
    }
    end.mutate(
      { serviceId: service.id, endDate: data.endDate },
      {
        onSuccess: () => {
          notifySuccess(t('customers.services.ended', { service: name }));
          onDone();
        },
        onError: (error) => form.applyApiError(localizeError(error), ['endDate']),
      },
    );
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('customers.services.endIntro', { service: name })}</Text>
        <ErrorAlert error={form.formError} />
        <DayInput
          label={t('customers.services.endDate')}
          required
          data-autofocus
          minDate={service.startDate}
          maxDate={agreement.endDate ?? undefined}
          value={form.values.endDate}
          onChange={(value) => form.setValue('endDate', value)}
          error={form.errorText('endDate')}
          errorProps={{ role: 'alert' }}
        />
        <FormButtons onCancel={onDone} label={t('customers.services.end')} loading={end.isPending} />
      </Stack>
    </form>
  );
}

export function EndServiceModal(props: {
  customerId: string;
  agreement: Agreement;
  service: AgreementService | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const serviceLines = useServiceLines();
  return (
    <FormModal
      title={t('customers.services.endTitle', {
        service: props.service ? serviceLines.nameOf(props.service.serviceLineCode) : '',
      })}
      opened={props.service !== null}
      onClose={props.onClose}
    >
      {props.service ? (
        <EndServiceForm
          customerId={props.customerId}
          agreement={props.agreement}
          service={props.service}
          onDone={props.onClose}
        />
      ) : null}
    </FormModal>
  );
}
