// Roles from decisions.md. Shared by server and web so the UI hides what the API would refuse.
export const staffRoles = ['admin', 'privacy-officer', 'staff', 'auditor'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const customerRoles = ['customer-admin', 'customer-member'] as const;
export type CustomerRole = (typeof customerRoles)[number];

export const roles = [...staffRoles, ...customerRoles] as const;
export type Role = StaffRole | CustomerRole;
export const isCustomerRole = (role: Role): role is CustomerRole =>
  (customerRoles as readonly string[]).includes(role);

export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];

// Who may do what, by kind of work. `auditor` is read-only everywhere (decisions.md).
export const allStaff: readonly StaffRole[] = staffRoles;
export const complianceWriters: readonly StaffRole[] = ['admin', 'privacy-officer', 'staff'];
export const auditReaders: readonly StaffRole[] = ['admin', 'privacy-officer', 'auditor'];
export const adminsOnly: readonly StaffRole[] = ['admin'];
// Portal (customer contacts): every contact reads its own customer's data; only a customer-admin manages
// colleagues and the customer's contact persons.
export const allCustomer: readonly CustomerRole[] = customerRoles;
export const customerAdmins: readonly CustomerRole[] = ['customer-admin'];
// Acting on one's own account (password, two-factor, sessions) is open to every signed-in person.
export const everyone: readonly Role[] = roles;
