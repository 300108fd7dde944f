import { Button, Fieldset, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ApiError } from '../../../lib/api.ts';
import { useForm } from '../../../lib/form.ts';
import { useOwnServices } from '../../portal/lib/services.ts';
import { BackLink } from '../../requests/components/shared/back-link.tsx';
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
} from '../../requests/components/shared/request-fields.tsx';
import { fieldOfArray } from '../../requests/lib/errors.ts';
import { portalRequestPage, portalRequestsPage, useSubmitPortalRequest } from '../api/portal-requests.ts';

type Values = RequestFieldValues;

const fields = ['rightType', 'identities', 'customerReceivedOn', 'scope', 'notes'] as const;

/** A customer asks for our assistance with a request from a person exercising a right (seed 3.6). */
export function PortalRequestFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const submitRequest = useSubmitPortalRequest();
  const services = useOwnServices();
  const form = useForm<Values>(emptyRequestFields());
  const v = form.values;
  const codes = services.options.map((o) => o.value);
  const fail = (name: keyof Values & string, key: string) =>
    form.applyApiError(new ApiError(400, 'client', t(key as never), undefined, `body.${name}`), fields);

  const submit = form.onSubmit(() => {
    if (!v.rightType) {
      return fail('rightType', 'requests.form.errors.rightMissing');
    }
    const identityError = checkIdentities(v.identities);
    if (identityError) {
      return fail('identities', identityError);
    }
    const problem = checkDetails(v);
    if (problem) {
      return fail(problem.field, problem.key);
    }
    submitRequest.mutate(
      {
        rightType: v.rightType,
        ...requestFieldsBody(v, codes),
      },
      {
        onSuccess: (request) => {
          notifySuccess(t('portal.requests.form.submitted', { reference: request.reference }));
          navigate(portalRequestPage(request.id));
        },
        onError: (error) => form.applyApiError(fieldOfArray(error), fields),
      },
    );
  });

  return (
    <Stack gap="md" maw={960}>
      <BackLink to={portalRequestsPage} label={t('portal.requests.backToList')} />
      <PageHeader title={t('portal.requests.form.title')} description={t('portal.requests.form.intro')} />
      <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t('portal.requests.form.title')}>
        <Stack gap="md">
          <ErrorAlert error={form.formError} />
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
              <NotesField
                rightType={v.rightType}
                label={t('portal.requests.form.notes')}
                hint={t('portal.requests.form.notesHint')}
                {...form.text('notes')}
              />
              <CustomerReceiptFields
                labels={{
                  receivedOn: t('portal.requests.form.receivedOn'),
                  receivedOnHint: t('portal.requests.form.receivedOnHint'),
                  extended: t('portal.requests.form.extended'),
                }}
                receivedOn={v.customerReceivedOn}
                extended={v.customerDeadlineExtended}
                onReceivedOnChange={(value) => form.setValue('customerReceivedOn', value)}
                onExtendedChange={(value) => form.setValue('customerDeadlineExtended', value)}
                error={form.errorText('customerReceivedOn')}
              />
              <ScopeChoice
                options={services.options}
                value={v.scope ?? codes}
                onChange={(value) => form.setValue('scope', value)}
                error={form.errorText('scope')}
              />
            </Stack>
          </Fieldset>
          <Group gap="xs">
            <Button type="submit" loading={submitRequest.isPending}>
              {t('portal.requests.form.submit')}
            </Button>
            <Button component={Link} to={portalRequestsPage} variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
