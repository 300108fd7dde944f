import {
  AppShell,
  Burger,
  Container,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { usePortalUser } from '../../features/portal/lib/session.ts';
import { LanguageSwitch } from '../language-switch.tsx';
import { portalNavItems } from './portal-nav-items.ts';
import { SkipLink } from './skip-link.tsx';
import { UserMenu } from './user-menu.tsx';

function isActive(pathname: string, to: string): boolean {
  return to === '/portal' ? pathname === '/portal' || pathname === '/portal/' : pathname.startsWith(to);
}

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

function PortalNavbar({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap={2} p="xs" component="ul" style={{ listStyle: 'none', margin: 0 }}>
        {portalNavItems
          .filter((item) => isAdmin || !item.adminOnly)
          .map((item) => {
            const Icon = item.icon;
            const active = isActive(pathname, item.to);
            return (
              <li key={item.key}>
                <NavLink
                  component={Link}
                  to={item.to}
                  label={t(`portal.nav.${item.key}`)}
                  leftSection={<Icon size={18} aria-hidden stroke={1.6} />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={onNavigate}
                />
              </li>
            );
          })}
      </Stack>
    </ScrollArea>
  );
}

/**
 * The customer's side of art28: the same frame as the staff app (header, language, user menu, skip link),
 * with the portal's own menu. Only portal users get here; staff go back to their dashboard.
 */
export function PortalLayout() {
  const { t } = useTranslation();
  const user = usePortalUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  useFocusMainOnNavigate();

  if (!user) {
    return <Navigate to="/" replace />;
  }
  const customerName = user.customer?.legalName;

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 52 }}
        navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }}
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
                aria-controls="portal-navbar"
              />
              <UnstyledButton component={Link} to="/portal" title={t('portal.shell.home')}>
                <Text fw={800} fz="lg" c="teal.8" lh={1} style={{ whiteSpace: 'nowrap' }}>
                  {t('portal.shell.title')}
                </Text>
              </UnstyledButton>
              {customerName ? (
                <Text size="sm" c="dimmed" truncate="end" maw={420} visibleFrom="sm">
                  <span aria-hidden>— </span>
                  {customerName}
                </Text>
              ) : null}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <UserMenu
                user={user}
                accountPath="/portal/account"
                roleLabel={t(`portal.roles.${user.role}`)}
              />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar id="portal-navbar" aria-label={t('portal.nav.label')}>
          <PortalNavbar isAdmin={user.isAdmin} onNavigate={close} />
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

/** The staff pages are not for portal users: they go to their portal instead. */
export function StaffOnly({ children }: { children: ReactNode }) {
  const user = usePortalUser();
  const location = useLocation();
  if (user) {
    // The account page exists on both sides; everything else of staff's has no portal counterpart.
    return <Navigate to={location.pathname === '/account' ? '/portal/account' : '/portal'} replace />;
  }
  return children;
}
