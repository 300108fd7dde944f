import { z } from 'zod';

export const appSettingsSchema = z
  .object({
    sessionIdleMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    sessionAbsoluteHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    loginMaxAttempts: z.number().int().min(3).max(50),
    loginLockoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    // Customer contacts sign in from machines we do not manage, so the portal has its own, shorter lifetimes.
    portalSessionIdleMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    portalSessionAbsoluteHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    portalRequireTwoFactor: z.boolean(),
    // Optional public page of the sub-processors (names, purposes, countries): many controllers ask for one.
    publicSubprocessorList: z.boolean(),
    // Issue 9: days after a data subject request is finished before the person's identities and the files with
    // their data are erased; the evidence of handling stays. At least the export package's lifetime.
    requestRetentionDays: z.number().int().min(30).max(730),
    // Issue 10: the largest file staff may upload to a breach scan, in MB (streamed to disk, never held in memory).
    scanUploadLimitMb: z.number().int().min(1).max(100_000),
  })
  .meta({ id: 'AppSettings' });
export type AppSettings = z.infer<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = {
  sessionIdleMinutes: 120,
  sessionAbsoluteHours: 12,
  loginMaxAttempts: 5,
  loginLockoutMinutes: 15,
  portalSessionIdleMinutes: 30,
  portalSessionAbsoluteHours: 8,
  portalRequireTwoFactor: false,
  publicSubprocessorList: false,
  requestRetentionDays: 90,
  scanUploadLimitMb: 2048,
};

const kvk = z
  .string()
  .trim()
  .regex(/^(\d{8})?$/, 'A KvK number has 8 digits.');

export const processorProfileInputSchema = z
  .object({
    legalName: z.string().trim().min(1).max(200),
    kvkNumber: kvk,
    street: z.string().trim().max(200),
    postalCode: z.string().trim().max(20),
    city: z.string().trim().max(100),
    country: z.string().trim().length(2).toUpperCase(),
    privacyContactName: z.string().trim().max(200),
    privacyContactEmail: z.union([z.literal(''), z.string().trim().email()]),
    privacyContactPhone: z.string().trim().max(40),
    breachPhone: z.string().trim().max(40),
  })
  .meta({ id: 'ProcessorProfileUpdate' });
export type ProcessorProfileInput = z.infer<typeof processorProfileInputSchema>;

export const processorProfileSchema = z
  .object({
    legalName: z.string(),
    kvkNumber: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    privacyContactName: z.string(),
    privacyContactEmail: z.string(),
    privacyContactPhone: z.string(),
    breachPhone: z.string(),
    hasLogo: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProcessorProfile' });

// The processor party of the seed agreement: Contict, seated in Almelo (Overijssel) — clause 11.5.
export const seedProcessorProfile: ProcessorProfileInput = {
  legalName: 'Contict',
  kvkNumber: '',
  street: '',
  postalCode: '',
  city: 'Almelo',
  country: 'NL',
  privacyContactName: '',
  privacyContactEmail: '',
  privacyContactPhone: '',
  breachPhone: '',
};

export const logoMimeTypes = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
export const maxLogoBytes = 512 * 1024;
