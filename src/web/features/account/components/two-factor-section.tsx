import { Alert, Badge, Button, Group, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/api-error.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useTwoFactorStatus } from '../api/two-factor.ts';
import { RecoveryCodes } from './recovery-codes.tsx';
import { DisableTwoFactorModal, RegenerateCodesModal } from './two-factor-modals.tsx';
import { TwoFactorSetup } from './two-factor-setup.tsx';

type Mode = 'idle' | 'setup' | 'codes';

/** The account page's two-factor section: status, set up, new recovery codes, turn off. */
export function TwoFactorSection({ email }: { email: string }) {
  const { t } = useTranslation();
  const status = useTwoFactorStatus();
  const [mode, setMode] = useState<Mode>('idle');
  const [codes, setCodes] = useState<string[]>([]);
  const [modal, setModal] = useState<'regenerate' | 'disable' | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const shownMode = useRef<Mode>(mode);

  // A button that starts or ends a step disappears with it: focus goes to the section's content instead.
  useEffect(() => {
    if (shownMode.current !== mode) {
      shownMode.current = mode;
      if (mode !== 'codes') {
        bodyRef.current?.focus();
      }
    }
  }, [mode]);

  const showCodes = (next: string[]) => {
    setCodes(next);
    setMode('codes');
  };

  let body: ReactNode;
  if (status.isPending) {
    body = <Skeleton h={64} />;
  } else if (status.isError) {
    body = <ErrorAlert error={status.error} />;
  } else if (mode === 'setup') {
    body = (
      <TwoFactorSetup
        onEnabled={(recoveryCodes) => {
          notifySuccess(t('account.twoFactor.enabled'));
          showCodes(recoveryCodes);
        }}
        onCancel={() => setMode('idle')}
      />
    );
  } else if (mode === 'codes') {
    body = (
      <RecoveryCodes
        codes={codes}
        email={email}
        onDone={() => {
          setCodes([]);
          setMode('idle');
        }}
      />
    );
  } else if (status.data.enabled) {
    const left = status.data.recoveryCodesLeft;
    body = (
      <Stack gap="sm">
        <Text size="sm">{t('account.twoFactor.codesLeft', { count: left })}</Text>
        {left <= 2 ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            {t('account.twoFactor.codesLow')}
          </Alert>
        ) : null}
        {status.data.required ? (
          <Text size="sm" c="gray.7">
            {t('account.twoFactor.requiredNote')}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button variant="default" onClick={() => setModal('regenerate')}>
            {t('account.twoFactor.regenerate')}
          </Button>
          {status.data.required ? null : (
            <Button variant="default" color="red" onClick={() => setModal('disable')}>
              {t('account.twoFactor.disable')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm">
        {status.data.required ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('account.twoFactor.requiredNote')}
          </Alert>
        ) : null}
        <Group>
          <Button leftSection={<IconShieldCheck size={16} aria-hidden />} onClick={() => setMode('setup')}>
            {t('account.twoFactor.setUp')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const enabled = status.data?.enabled ?? false;
  return (
    <Stack gap="sm">
      <Group gap="sm" align="center">
        <Title order={2} fz="h4" id="account-two-factor">
          {t('account.twoFactor.title')}
        </Title>
        {status.data ? (
          <Badge color={enabled ? 'teal' : 'gray'} variant={enabled ? 'filled' : 'light'}>
            <VisuallyHidden>{`${t('account.twoFactor.status')}: `}</VisuallyHidden>
            {enabled ? t('account.twoFactor.on') : t('account.twoFactor.off')}
          </Badge>
        ) : null}
        {status.data?.required ? (
          <Badge color="blue" variant="light">
            {t('account.twoFactor.required')}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="gray.7" maw={760}>
        {t('account.twoFactor.intro')}
      </Text>
      <div ref={bodyRef} tabIndex={-1} style={{ outline: 'none' }}>
        {body}
      </div>
      <RegenerateCodesModal
        opened={modal === 'regenerate'}
        onClose={() => setModal(null)}
        onDone={(next) => {
          setModal(null);
          showCodes(next);
        }}
      />
      <DisableTwoFactorModal
        opened={modal === 'disable'}
        onClose={() => setModal(null)}
        onDone={() => {
          setModal(null);
          notifySuccess(t('account.twoFactor.disabled'));
        }}
      />
    </Stack>
  );
}
