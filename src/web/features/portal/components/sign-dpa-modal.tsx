import { Alert, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { requiredText, useForm } from '../../../lib/form.ts';
import type { Dpa } from '../../customers/api/types.ts';
import { DayText } from '../../customers/components/day-text.tsx';
import { useSignPortalDpa } from '../api/portal.ts';
import { localizePortalError } from '../lib/errors.ts';
import { PortalDpaStatusBadge } from './portal-badges.tsx';

type Values = { signerName: string; signerRole: string; authorised: boolean };

const schema = z.object({
  signerName: requiredText(200),
  signerRole: requiredText(100),
  authorised: z.literal(true, { error: 'portal.sign.authorisedRequired' }),
});

type Props = {
  agreementId: string;
  dpa: Dpa | null;
  customerName: string;
  userName: string;
  onClose: () => void;
};

/** The customer-admin signs a DPA version in the portal (clause 2.1: in force once both parties signed). */
export function SignDpaModal({ agreementId, dpa, customerName, userName, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={dpa !== null}
      onClose={onClose}
      title={t('portal.sign.title', { version: dpa?.version ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {dpa ? (
        <SignForm
          agreementId={agreementId}
          dpa={dpa}
          customerName={customerName}
          userName={userName}
          onDone={onClose}
        />
      ) : null}
    </Modal>
  );
}

type SignedDpa = Pick<Dpa, 'version' | 'status' | 'effectiveDate'>;

function SignForm({
  agreementId,
  dpa,
  customerName,
  userName,
  onDone,
}: {
  agreementId: string;
  dpa: Dpa;
  customerName: string;
  userName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({ signerName: userName, signerRole: '', authorised: false });
  const sign = useSignPortalDpa();
  const [signed, setSigned] = useState<SignedDpa | null>(null);

  if (signed) {
    const active = signed.status === 'active';
    return (
      <Stack gap="md">
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck aria-hidden />}
          title={t('portal.sign.doneTitle', { version: signed.version })}
          role="status"
        >
          <Stack gap="xs">
            <Group gap="xs">
              <Text size="sm">{t('portal.sign.newStatus')}</Text>
              <PortalDpaStatusBadge status={signed.status} />
            </Group>
            <Text size="sm">
              {active && signed.effectiveDate ? (
                <>
                  {t('portal.sign.activeFrom')} <DayText value={signed.effectiveDate} fw={700} />.
                </>
              ) : (
                t('portal.sign.waitingForProcessor')
              )}
            </Text>
          </Stack>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onDone} data-autofocus>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    sign.mutate(
      { agreementId, dpaId: dpa.id, signerName: data.signerName, signerRole: data.signerRole },
      {
        onSuccess: (after) =>
          setSigned({ version: after.version, status: after.status, effectiveDate: after.effectiveDate }),
        onError: (error) => form.applyApiError(localizePortalError(error), ['signerName', 'signerRole']),
      },
    );
  });

  const authorisedError = form.errorText('authorised');
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('portal.sign.intro')}</Text>
        {dpa.signatures.some((s) => s.party === 'processor') ? (
          <Text size="sm" c="dimmed">
            {t('portal.sign.processorSigned')}
          </Text>
        ) : null}
        <ErrorAlert error={form.formError} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('portal.sign.signerName')}
            required
            autoComplete="name"
            data-autofocus
            {...form.text('signerName')}
          />
          <TextInput
            label={t('portal.sign.signerRole')}
            description={t('portal.sign.signerRoleHint')}
            required
            autoComplete="organization-title"
            {...form.text('signerRole')}
          />
        </SimpleGrid>
        <Checkbox
          label={t('portal.sign.authorised', { customer: customerName })}
          checked={form.values.authorised}
          onChange={(event) => form.setValue('authorised', event.currentTarget.checked)}
          name="authorised"
          error={authorisedError}
          aria-invalid={authorisedError ? true : undefined}
        />
        <Text size="xs" c="dimmed">
          {t('portal.sign.recorded')}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={sign.isPending}>
            {t('portal.sign.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
