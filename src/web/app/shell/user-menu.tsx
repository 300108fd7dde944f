import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLogout } from '../../features/auth/api/logout.ts';
import type { User } from '../../lib/api-types.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

/** The signed-in person's menu: their account and sign out. Staff and portal users differ only in where their
 * account page is and how their role is named. */
export function UserMenu({
  user,
  accountPath = '/account',
  roleLabel,
}: {
  user: Pick<User, 'name' | 'email' | 'role'>;
  accountPath?: string;
  roleLabel?: string;
}) {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu.label', { name: user.name })} px={6} py={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="teal" aria-hidden>
              {initials(user.name)}
            </Avatar>
            <div>
              <Text size="sm" fw={500} lh={1.1} visibleFrom="sm">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.1} visibleFrom="sm">
                {roleLabel ?? t(`roles.${user.role}.name`)}
              </Text>
            </div>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to={accountPath} leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('userMenu.account')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          {t('userMenu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
