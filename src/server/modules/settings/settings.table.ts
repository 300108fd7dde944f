import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.ts';

// The processor's own details (the "Verwerker" party of the agreement). One row.
export const processorProfile = pgTable('processor_profile', {
  id: integer('id').primaryKey(),
  legalName: text('legal_name').notNull(),
  kvkNumber: text('kvk_number').notNull(),
  street: text('street').notNull(),
  postalCode: text('postal_code').notNull(),
  city: text('city').notNull(),
  country: text('country').notNull(),
  privacyContactName: text('privacy_contact_name').notNull(),
  privacyContactEmail: text('privacy_contact_email').notNull(),
  privacyContactPhone: text('privacy_contact_phone').notNull(),
  breachPhone: text('breach_phone').notNull(),
  logo: bytea('logo'),
  logoMime: text('logo_mime'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
