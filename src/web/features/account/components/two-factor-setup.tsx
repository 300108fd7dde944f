import { Button, Code, CopyButton, Group, Image, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { useForm } from '../../../lib/form.ts';
import { OneTimeCodeInput } from '../../auth/components/one-time-code-input.tsx';
import { useBeginTwoFactorSetup, useEnableTwoFactor } from '../api/two-factor.ts';

const schema = z.object({ code: z.string().regex(/^\d{6}$/, { error: 'auth.twoFactor.codeFormat' }) });

/**
 * The server's QR code is SVG markup. It is shown as an image (a data: URL), never put into the page as HTML:
 * an <img> cannot run scripts, whatever the markup holds.
 */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** ABCD EFGH IJKL …: easier to type from the screen. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

type TwoFactorSetupProps = {
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel?: () => void;
  /** The level of the two step headings (3 inside an account section, 2 on a page of its own). */
  headingLevel?: 2 | 3;
};

/** Pairs an authenticator app: QR code (or the key to type), then the first code to prove it worked. */
export function TwoFactorSetup({ onEnabled, onCancel, headingLevel = 3 }: TwoFactorSetupProps) {
  const { t } = useTranslation();
  const begin = useBeginTwoFactorSetup();
  const enable = useEnableTwoFactor();
  const form = useForm({ code: '' });
  const started = useRef(false);

  // One secret per set-up: a second request would replace the first on the server (and the QR shown).
  useEffect(() => {
    if (!started.current) {
      started.current = true;
      begin.mutate();
    }
  }, [begin]);

  const qr = useMemo(() => (begin.data ? svgDataUrl(begin.data.qrCodeSvg) : null), [begin.data]);

  const submit = form.onSubmit(() => {
    const data = form.check(schema);
    if (!data) {
      return;
    }
    enable.mutate(data.code, {
      onSuccess: ({ recoveryCodes }) => onEnabled(recoveryCodes),
      onError: (error) => {
        form.setValue('code', '');
        if (isApiError(error) && error.code === 'two_factor.not_started') {
          form.setFormError(error);
          return;
        }
        form.applyApiError(error, ['code'] as const);
      },
    });
  });

  if (begin.isError) {
    return (
      <Stack gap="sm">
        <ErrorAlert error={begin.error} />
        <Group gap="xs">
          <Button variant="default" onClick={() => begin.mutate()}>
            {t('common.retry')}
          </Button>
          {onCancel ? (
            <Button variant="subtle" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Stack gap="xs">
        <Text size="sm" fw={600} component={`h${headingLevel}`} m={0}>
          {`1. ${t('account.twoFactor.step1')}`}
        </Text>
        <Group align="flex-start" gap="lg" wrap="wrap">
          <Paper withBorder radius="sm" p={6} bg="white" w={212} h={212}>
            {qr ? (
              <Image src={qr} alt={t('account.twoFactor.qrAlt')} w={198} h={198} fit="contain" />
            ) : (
              <Skeleton w={198} h={198} aria-label={t('common.loading')} />
            )}
          </Paper>
          <Stack gap={6} maw={320}>
            <Text size="sm">{t('account.twoFactor.manual')}</Text>
            {begin.data ? (
              <>
                <Code
                  block
                  aria-label={t('account.twoFactor.secretLabel')}
                  fz="sm"
                  style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', letterSpacing: '0.05em' }}
                >
                  {grouped(begin.data.secret)}
                </Code>
                <CopyButton value={begin.data.secret}>
                  {({ copied, copy }) => (
                    <Button
                      size="xs"
                      variant={copied ? 'light' : 'default'}
                      color={copied ? 'teal' : undefined}
                      onClick={copy}
                      leftSection={
                        copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />
                      }
                      w="fit-content"
                    >
                      {copied ? t('account.twoFactor.copied') : t('account.twoFactor.copySecret')}
                    </Button>
                  )}
                </CopyButton>
              </>
            ) : (
              <Skeleton h={48} />
            )}
          </Stack>
        </Group>
      </Stack>
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Text size="sm" fw={600} component={`h${headingLevel}`} m={0}>
            {`2. ${t('account.twoFactor.step2')}`}
          </Text>
          <ErrorAlert error={form.formError} />
          <OneTimeCodeInput
            maw={360}
            label={t('account.twoFactor.code')}
            description={t('account.twoFactor.codeHint')}
            required
            disabled={!begin.data}
            {...form.text('code')}
          />
          <Group gap="xs">
            <Button type="submit" loading={enable.isPending} disabled={!begin.data}>
              {t('account.twoFactor.confirm')}
            </Button>
            {onCancel ? (
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
