import { Button, Fieldset, Group, Radio, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { notifySuccess } from '../../../components/api-error.ts';
import { DateTimeInput } from '../../../components/date-time-input.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { useForm } from '../../../lib/form.ts';
import { fromLocalInput, isInFuture, toLocalInput } from '../../breaches/lib/datetime.ts';
import { customerKey } from '../../customers/api/customers.ts';
import { useServiceLines } from '../../customers/api/service-lines.ts';
import type { Customer } from '../../customers/api/types.ts';
import { requestPage, requestsPage, useCreateRequest } from '../api/requests.ts';
import { fieldOfArray } from '../lib/errors.ts';
import { useRequestPermissions } from '../lib/permissions.ts';
import { serviceCodesOf } from '../lib/scope.ts';
import { CustomerSelect } from './customer-select.tsx';
import { BackLink } from './shared/back-link.tsx';
import {
  CustomerReceiptFields,
  checkDetails,
  checkIdentities,
  emptyRequestFields,
  IdentitiesEditor,
  NotesField,
  type RequestFieldValues,
  RightChoice,
  requestFieldsBody,
  ScopeChoice,
} from './shared/request-fields.tsx';

type Values = RequestFieldValues & {
  customerId: string | null;
  channel: 'email' | 'phone';
  receivedAt: string;
};

const fields = [
  'customerId',
  'channel',
  'rightType',
  'identities',
  'receivedAt',
  'customerReceivedOn',
  'customerDeadlineExtended',
  'scope',
  'notes',
] as const;

function useCustomerDetail(customerId: string | null) {
  return useQuery({
    queryKey: customerKey(customerId ?? ''),
    enabled: Boolean(customerId),
    queryFn: ({ signal }) => api<Customer>(`/customers/${encodeURIComponent(customerId ?? '')}`, { signal }),
  });
}

function RequestForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRequest();
  const serviceLines = useServiceLines();
  const form = useForm<Values>({
    ...emptyRequestFields(),
    customerId: null,
    channel: 'email',
    receivedAt: toLocalInput(),
  });
  const v = form.values;
  const customer = useCustomerDetail(v.customerId);
  const codes = serviceCodesOf(customer.data);
  const scopeOptions = codes.map((code) => ({ value: code, label: serviceLines.nameOf(code) }));

  const fail = (name: keyof Values & string, key: string) => {
    form.applyApiError(new ApiError(400, 'client', t(key as never), undefined, `body.${name}`), fields);
  };

  const submit = form.onSubmit(() => {
    if (!v.customerId) {
      return fail('customerId', 'requests.form.errors.customerMissing');
    }
    if (!v.rightType) {
      return fail('rightType', 'requests.form.errors.rightMissing');
    }
    const identityError = checkIdentities(v.identities);
    if (identityError) {
      return fail('identities', identityError);
    }
    const receivedAt = fromLocalInput(v.receivedAt);
    if (!receivedAt) {
      return fail('receivedAt', 'requests.form.errors.dateTimeInvalid');
    }
    if (isInFuture(v.receivedAt)) {
      return fail('receivedAt', 'requests.form.errors.receivedFuture');
    }
    const problem = checkDetails(v);
    if (problem) {
      return fail(problem.field, problem.key);
    }
    create.mutate(
      {
        customerId: v.customerId,
        channel: v.channel,
        rightType: v.rightType,
        receivedAt,
        ...requestFieldsBody(v, codes),
      },
      {
        onSuccess: (request) => {
          notifySuccess(
            t('requests.form.created', { reference: request.reference, count: request.tasks.total }),
          );
          navigate(requestPage(request.id));
        },
        onError: (error) => form.applyApiError(fieldOfArray(error), fields),
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t('requests.form.title')}>
      <Stack gap="md">
        <ErrorAlert error={form.formError} />
        <Fieldset legend={t('requests.form.whoLegend')}>
          <Stack gap="sm">
            <CustomerSelect
              label={t('requests.form.customer')}
              required
              value={v.customerId}
              onChange={(id) => {
                form.setValue('customerId', id);
                form.setValue('scope', null);
              }}
              error={form.errorText('customerId')}
              errorProps={{ role: 'alert' }}
              maw={480}
            />
            <Radio.Group
              label={t('requests.form.channel')}
              value={v.channel}
              onChange={(value) => form.setValue('channel', value as 'email' | 'phone')}
            >
              <Group gap="lg" mt={6}>
                <Radio value="email" label={t('requests.channel.email')} />
                <Radio value="phone" label={t('requests.channel.phone')} />
              </Group>
            </Radio.Group>
            <DateTimeInput
              label={t('requests.form.receivedAt')}
              description={t('requests.form.receivedAtHint')}
              required
              max={toLocalInput()}
              maw={280}
              value={v.receivedAt}
              onChange={(value) => form.setValue('receivedAt', value)}
              error={form.errorText('receivedAt')}
              errorProps={{ role: 'alert' }}
            />
          </Stack>
        </Fieldset>

        <RightChoice
          value={v.rightType}
          onChange={(right) => form.setValue('rightType', right)}
          error={form.errorText('rightType')}
        />

        <IdentitiesEditor
          rows={v.identities}
          onChange={(rows) => form.setValue('identities', rows)}
          error={form.errorText('identities')}
        />

        <Fieldset legend={t('requests.form.detailsLegend')}>
          <Stack gap="sm">
            <CustomerReceiptFields
              labels={{
                receivedOn: t('requests.form.customerReceivedOn'),
                receivedOnHint: t('requests.form.customerReceivedOnHint'),
                extended: t('requests.form.customerDeadlineExtended'),
              }}
              receivedOn={v.customerReceivedOn}
              extended={v.customerDeadlineExtended}
              onReceivedOnChange={(value) => form.setValue('customerReceivedOn', value)}
              onExtendedChange={(value) => form.setValue('customerDeadlineExtended', value)}
              error={form.errorText('customerReceivedOn')}
            />
            {v.customerId && customer.isSuccess && codes.length === 0 ? (
              <Text size="sm" c="red">
                {t('requests.form.noServices')}
              </Text>
            ) : null}
            <ScopeChoice
              options={scopeOptions}
              value={v.scope ?? codes}
              onChange={(value) => form.setValue('scope', value)}
              error={form.errorText('scope')}
            />
            <NotesField
              rightType={v.rightType}
              label={t('requests.form.notes')}
              hint={t('requests.form.notesHint')}
              {...form.text('notes')}
            />
            <ErrorAlert error={customer.error ?? serviceLines.error} />
          </Stack>
        </Fieldset>

        <Group gap="xs">
          <Button type="submit" loading={create.isPending}>
            {t('requests.form.submit')}
          </Button>
          <Button component={Link} to={requestsPage} variant="default">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RequestFormPage() {
  const { t } = useTranslation();
  const { canWrite } = useRequestPermissions();
  return (
    <Stack gap="md" maw={960}>
      <BackLink to={requestsPage} label={t('requests.backToList')} />
      <PageHeader title={t('requests.form.title')} description={t('requests.form.description')} />
      {canWrite ? <RequestForm /> : <ErrorAlert error={new ApiError(403, 'forbidden', '')} />}
    </Stack>
  );
}
