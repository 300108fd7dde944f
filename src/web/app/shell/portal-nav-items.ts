import {
  IconAddressBook,
  IconAlertTriangle,
  IconFileCertificate,
  IconFiles,
  IconLayoutDashboard,
  IconListDetails,
  IconMessage2,
  IconUserQuestion,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export type PortalNavItem = {
  key:
    | 'overview'
    | 'dpa'
    | 'register'
    | 'documents'
    | 'breaches'
    | 'requests'
    | 'subprocessors'
    | 'instructions'
    | 'contacts'
    | 'users';
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean; stroke?: number }>;
  to: string;
  /** Only a customer-admin sees it (the server refuses the others anyway). */
  adminOnly?: boolean;
};

export const portalNavItems: PortalNavItem[] = [
  { key: 'overview', icon: IconLayoutDashboard, to: '/portal' },
  { key: 'dpa', icon: IconFileCertificate, to: '/portal/dpa' },
  { key: 'register', icon: IconListDetails, to: '/portal/register' },
  { key: 'documents', icon: IconFiles, to: '/portal/documents' },
  { key: 'breaches', icon: IconAlertTriangle, to: '/portal/breaches' },
  { key: 'requests', icon: IconUserQuestion, to: '/portal/requests' },
  { key: 'subprocessors', icon: IconUsersGroup, to: '/portal/subprocessors' },
  { key: 'instructions', icon: IconMessage2, to: '/portal/instructions' },
  { key: 'contacts', icon: IconAddressBook, to: '/portal/contacts' },
  { key: 'users', icon: IconUsers, to: '/portal/users', adminOnly: true },
];
