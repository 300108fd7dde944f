import { AppShell, Burger, Container, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useProcessor } from '../../features/settings/api/processor.ts';
import { LanguageSwitch } from '../language-switch.tsx';
import { Navbar } from './navbar.tsx';
import { SkipLink } from './skip-link.tsx';
import { UserMenu } from './user-menu.tsx';

/** After client-side navigation, move focus to the new page (as a full page load would). */
function useFocusMainOnNavigate() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current !== pathname) {
      shown.current = pathname;
      document.getElementById('main-content')?.focus({ preventScroll: false });
    }
  }, [pathname]);
}

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const processor = useProcessor();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  useFocusMainOnNavigate();

  if (!user) {
    return null;
  }
  const processorName = processor.data?.legalName;

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 52 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('shell.closeMenu') : t('shell.openMenu')}
                aria-expanded={opened}
                aria-controls="app-navbar"
              />
              <UnstyledButton component={Link} to="/" title={t('shell.home')}>
                <Text fw={800} fz="lg" c="teal.8" lh={1}>
                  art28
                </Text>
              </UnstyledButton>
              {processorName ? (
                <Tooltip label={t('shell.processorTooltip')} withArrow>
                  <Text size="sm" c="dimmed" truncate="end" maw={360} tabIndex={0}>
                    {processorName}
                  </Text>
                </Tooltip>
              ) : null}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <UserMenu user={user} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar id="app-navbar" aria-label={t('nav.label')}>
          <Navbar role={user.role} onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main id="main-content" tabIndex={-1}>
          <Container size="xl" px={0}>
            <ErrorBoundary resetKey={pathname}>
              <Outlet />
            </ErrorBoundary>
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
