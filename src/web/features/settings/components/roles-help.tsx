import { Badge, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Role, type StaffRole, staffRoles } from '../../../lib/roles.ts';

const roleColor: Record<Role, string> = {
  admin: 'red',
  'privacy-officer': 'teal',
  staff: 'blue',
  auditor: 'grape',
  'customer-admin': 'indigo',
  'customer-member': 'cyan',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={roleColor[role]} miw="max-content">
      {t(`roles.${role}.name`)}
    </Badge>
  );
}

/** One sentence per role, so whoever hands out a role knows what it allows. */
export function RolesHelp() {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={4} listStyleType="none" aria-label={t('roles.title')}>
      {staffRoles.map((role) => (
        <List.Item key={role}>
          <Text span fw={600} size="sm">
            {t(`roles.${role}.name`)}
          </Text>
          {' — '}
          <Text span size="sm" c="dimmed">
            {t(`roles.${role}.description`)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

export function useRoleOptions() {
  const { t } = useTranslation();
  return staffRoles.map((role) => ({ value: role, label: t(`roles.${role}.name`) }));
}

export const isStaffRole = (value: unknown): value is StaffRole =>
  typeof value === 'string' && (staffRoles as readonly string[]).includes(value);
