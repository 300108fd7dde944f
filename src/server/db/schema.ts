// Every module's tables, for drizzle-kit and the typed client. Modules own their tables; only this file gathers them.
export * from '../modules/accounts/accounts.table.ts';
export * from '../modules/audit/audit.table.ts';
export * from '../modules/breaches/breaches.table.ts';
export * from '../modules/customers/customers.table.ts';
export * from '../modules/documents/documents.table.ts';
export * from '../modules/mail/mail.table.ts';
export * from '../modules/register/register.table.ts';
export * from '../modules/requests/requests.table.ts';
export * from '../modules/settings/settings.table.ts';
export * from '../modules/subprocessors/subprocessors.table.ts';
