import { Badge, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../lib/api.ts';
import type { Health, Role } from '../../lib/api-types.ts';
import { can } from '../../lib/roles.ts';
import { navItems } from './nav-items.ts';

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

function VersionLine() {
  const { t } = useTranslation();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => api<Health>('/health', { unversioned: true }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!health.data) {
    return null;
  }
  return (
    <Text size="xs" c="dimmed" px="sm">
      {t('shell.version', {
        version: health.data.version,
        engine: t(`shell.engine.${health.data.engine}`),
      })}
    </Text>
  );
}

export function Navbar({ role, onNavigate }: { role: Role; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <ScrollArea type="auto" style={{ flex: 1 }}>
        <Stack gap={2} p="xs" component="ul" style={{ listStyle: 'none', margin: 0 }}>
          {navItems
            .filter((item) => !item.permission || can(role, item.permission))
            .map((item) => {
              const Icon = item.icon;
              const label = t(`nav.${item.key}`);
              if (!item.to) {
                return (
                  <li key={item.key}>
                    <NavLink
                      component="div"
                      label={label}
                      description={
                        <Badge size="xs" variant="light" color="gray" component="span">
                          {t('nav.comingSoon')}
                        </Badge>
                      }
                      leftSection={<Icon size={18} aria-hidden stroke={1.6} />}
                      disabled
                      aria-disabled="true"
                    />
                  </li>
                );
              }
              const active = isActive(pathname, item.to);
              return (
                <li key={item.key}>
                  <NavLink
                    component={Link}
                    to={item.to}
                    label={label}
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
      <Stack gap={0} py="xs">
        <VersionLine />
      </Stack>
    </>
  );
}
