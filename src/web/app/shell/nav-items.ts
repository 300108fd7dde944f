import {
  IconAlertTriangle,
  IconBuildingSkyscraper,
  IconFileText,
  IconHistory,
  IconLayoutDashboard,
  IconListDetails,
  IconSettings,
  IconUserQuestion,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../../lib/roles.ts';

export type NavItem = {
  key:
    | 'dashboard'
    | 'register'
    | 'customers'
    | 'subprocessors'
    | 'breaches'
    | 'requests'
    | 'documents'
    | 'audit'
    | 'settings';
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean; stroke?: number }>;
  /** Where it goes; modules that are not built yet have no route and show "coming soon". */
  to?: string;
  permission?: Permission;
};

export const navItems: NavItem[] = [
  { key: 'dashboard', icon: IconLayoutDashboard, to: '/' },
  { key: 'register', icon: IconListDetails, to: '/register' },
  { key: 'customers', icon: IconBuildingSkyscraper, to: '/customers' },
  { key: 'subprocessors', icon: IconUsersGroup, to: '/subprocessors' },
  { key: 'breaches', icon: IconAlertTriangle, to: '/breaches' },
  { key: 'requests', icon: IconUserQuestion, to: '/requests' },
  { key: 'documents', icon: IconFileText, to: '/documents' },
  { key: 'audit', icon: IconHistory, to: '/audit', permission: 'audit.read' },
  { key: 'settings', icon: IconSettings, to: '/settings', permission: 'settings.read' },
];
