import {
  Alert,
  Anchor,
  Box,
  Button,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { DateTimeText } from '../../../components/date-time.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { currentLocale } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import type { InvitePreview, Session } from '../../../lib/api-types.ts';
import { newPasswordField, passwordMinLength, requiredText, useForm } from '../../../lib/form.ts';
import { useAcceptInvite, useInvitePreview } from '../api/invites.ts';

const schema = z
  .object({ name: requiredText(200), password: newPasswordField(), confirm: z.string() })
  .refine((values) => values.password === values.confirm, {
    path: ['confirm'],
    error: 'validation.passwordMismatch',
  });

type Gone = 'notFound' | 'used' | 'expired';

/** The invitation link no longer leads anywhere: say why and what to do, in words. */
function goneReason(error: unknown): Gone | null {
  if (!isApiError(error)) {
    return null;
  }
  if (error.code === 'invites.not_found' || (error.status === 404 && !error.code.startsWith('invites.'))) {
    return 'notFound';
  }
  if (error.code === 'invites.used') {
    return 'used';
  }
  if (error.code === 'invites.expired') {
    return 'expired';
  }
  return null;
}

function GoneMessage({ reason, t }: { reason: Gone; t: TFunction }) {
  return (
    <Stack gap="md">
      <Alert
        role="alert"
        color={reason === 'used' ? 'blue' : 'orange'}
        variant="light"
        title={t(`auth.invite.${reason}Title`)}
        icon={<IconLinkOff aria-hidden />}
      >
        {t(`auth.invite.${reason}`)}
      </Alert>
      <Button component={Link} to="/login" variant={reason === 'used' ? 'filled' : 'default'}>
        {t('auth.invite.toLogin')}
      </Button>
    </Stack>
  );
}

function InviteDetails({ invite }: { invite: InvitePreview }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('auth.invite.customer'), invite.customerName],
    [t('auth.invite.email'), invite.email],
    [t('auth.invite.role'), t(`roles.${invite.role}.name`)],
    [t('auth.invite.validUntil'), <DateTimeText key="until" value={invite.expiresAt} />],
  ];
  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      bg="gray.0"
      component="section"
      aria-label={t('auth.invite.detailsLabel')}
    >
      <Box
        component="dl"
        m={0}
        style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 16, rowGap: 4 }}
      >
        {rows.map(([label, value]) => (
          <Box key={label} style={{ display: 'contents' }}>
            <Text component="dt" size="sm" c="gray.7">
              {label}
            </Text>
            <Text component="dd" size="sm" fw={500} m={0} style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </Box>
        ))}
      </Box>
    </Paper>
  );
}

function AcceptForm({
  token,
  invite,
  onDone,
  onGone,
}: {
  token: string;
  invite: InvitePreview;
  onDone: (session: Session) => void;
  onGone: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ name: invite.name, password: '', confirm: '' });
  const accept = useAcceptInvite(token);
  const toggle = {
    visibilityToggleButtonProps: { 'aria-label': t('common.showCharacters') },
    visibilityToggleFocusable: true,
  };

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    accept.mutate(
      { name: data.name, password: data.password, locale: currentLocale() },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (goneReason(error)) {
            onGone(error);
            return;
          }
          form.applyApiError(error, ['name', 'password'] as const);
        },
      },
    );
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-labelledby="invite-title">
      <Stack gap="sm">
        <ErrorAlert error={form.formError} />
        {/* The account's e-mail address is fixed by the invitation; a password manager stores it with the password. */}
        <input type="text" name="username" autoComplete="username" value={invite.email} hidden readOnly />
        <TextInput label={t('auth.invite.name')} autoComplete="name" required {...form.text('name')} />
        <PasswordInput
          label={t('auth.invite.password')}
          description={t('auth.invite.passwordHint', { min: passwordMinLength })}
          autoComplete="new-password"
          required
          {...toggle}
          {...form.text('password')}
        />
        <PasswordInput
          label={t('auth.invite.confirm')}
          autoComplete="new-password"
          required
          {...toggle}
          {...form.text('confirm')}
        />
        <Button type="submit" loading={accept.isPending} mt="xs">
          {t('auth.invite.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** The invitation link from the e-mail: who invites whom, then name and password to create the portal account. */
export function InviteAccept({
  token,
  onDone,
  goneError,
  onGone,
}: {
  token: string;
  onDone: (session: Session) => void;
  /** An error from accepting that makes the link unusable (used in another tab, expired meanwhile). */
  goneError: unknown;
  onGone: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const preview = useInvitePreview(token);

  if (preview.isPending) {
    return (
      <Stack gap="sm" aria-busy="true">
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
        <Skeleton h={96} />
        <Skeleton h={36} />
        <Skeleton h={36} />
      </Stack>
    );
  }
  const gone = goneReason(goneError) ?? (preview.isError ? goneReason(preview.error) : null);
  if (gone) {
    return <GoneMessage reason={gone} t={t} />;
  }
  if (preview.isError) {
    return (
      <Stack gap="sm">
        <ErrorAlert error={preview.error} title={t('auth.invite.loadFailed')} />
        <Button variant="default" onClick={() => void preview.refetch()}>
          {t('common.retry')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <InviteDetails invite={preview.data} />
      <Text size="xs" c="dimmed">
        {t('auth.invite.emailNote')}
      </Text>
      <AcceptForm token={token} invite={preview.data} onDone={onDone} onGone={onGone} />
      <Anchor component={Link} to="/login" size="sm">
        {t('auth.invite.toLogin')}
      </Anchor>
    </Stack>
  );
}
