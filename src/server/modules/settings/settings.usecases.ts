import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import type { DbOrTx } from '../../db/database.ts';
import { badRequest } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import {
  type AppSettings,
  appSettingsSchema,
  defaultAppSettings,
  logoMimeTypes,
  maxLogoBytes,
  type ProcessorProfileInput,
  seedProcessorProfile,
} from './settings.schemas.ts';
import { appSettings, processorProfile } from './settings.table.ts';

type ProfileRow = typeof processorProfile.$inferSelect;

export function presentProfile(row: ProfileRow) {
  const { logo, logoMime, id, updatedAt, ...fields } = row;
  return { ...fields, hasLogo: logo !== null, updatedAt: updatedAt.toISOString() };
}

async function findProfile(db: DbOrTx) {
  return (await db.select().from(processorProfile).where(eq(processorProfile.id, 1)))[0] ?? null;
}

// First start: the profile is pre-filled from the agreement's processor party, and that is audited like any change.
export async function ensureProcessorProfile(ctx: Ctx) {
  return ctx.db.transaction(async (tx) => {
    const existing = await findProfile(tx);
    if (existing) {
      return existing;
    }
    const row = (
      await tx
        .insert(processorProfile)
        .values({ id: 1, ...seedProcessorProfile, updatedAt: ctx.clock.now() })
        .onConflictDoNothing()
        .returning()
    )[0];
    if (row) {
      await recordAuditEvent(tx, ctx, {
        action: 'processor.created',
        entityType: 'processor',
        entityId: '1',
        after: presentProfile(row),
      });
    }
    return row ?? (await findProfile(tx))!;
  });
}

export async function getProcessorProfile(ctx: Ctx) {
  return (await findProfile(ctx.db)) ?? (await ensureProcessorProfile(ctx));
}

export async function updateProcessorProfile(ctx: Ctx, input: ProcessorProfileInput) {
  await getProcessorProfile(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = (await findProfile(tx))!;
    const after = (
      await tx
        .update(processorProfile)
        .set({ ...input, updatedAt: ctx.clock.now() })
        .where(eq(processorProfile.id, 1))
        .returning()
    )[0]!;
    await recordAuditEvent(tx, ctx, {
      action: 'processor.updated',
      entityType: 'processor',
      entityId: '1',
      before: presentProfile(before),
      after: presentProfile(after),
    });
    return after;
  });
}

export function parseLogoDataUrl(dataUrl: string): { mime: (typeof logoMimeTypes)[number]; bytes: Buffer } {
  const match = /^data:([a-z+/]+);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  const mime = logoMimeTypes.find((m) => m === match?.[1]);
  if (!match || !mime) {
    throw badRequest(
      'processor.logo_type',
      'The logo must be a PNG, JPEG or SVG image as a base64 data URL.',
      'body.dataUrl',
    );
  }
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length === 0) {
    throw badRequest('processor.logo_empty', 'The logo file is empty.', 'body.dataUrl');
  }
  if (bytes.length > maxLogoBytes) {
    throw badRequest(
      'processor.logo_too_large',
      `The logo is ${Math.ceil(bytes.length / 1024)} KB; the limit is ${maxLogoBytes / 1024} KB.`,
      'body.dataUrl',
    );
  }
  return { mime, bytes };
}

export async function setProcessorLogo(ctx: Ctx, logo: { mime: string; bytes: Buffer } | null) {
  await getProcessorProfile(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = (await findProfile(tx))!;
    const after = (
      await tx
        .update(processorProfile)
        .set({ logo: logo?.bytes ?? null, logoMime: logo?.mime ?? null, updatedAt: ctx.clock.now() })
        .where(eq(processorProfile.id, 1))
        .returning()
    )[0]!;
    await recordAuditEvent(tx, ctx, {
      action: logo ? 'processor.logo_set' : 'processor.logo_removed',
      entityType: 'processor',
      entityId: '1',
      before: { logoMime: before.logoMime, logoBytes: before.logo?.length ?? 0 },
      after: { logoMime: after.logoMime, logoBytes: after.logo?.length ?? 0 },
    });
    return after;
  });
}

export async function getProcessorLogo(ctx: Ctx) {
  const row = await findProfile(ctx.db);
  return row?.logo && row.logoMime ? { bytes: row.logo, mime: row.logoMime } : null;
}

export async function getAppSettings(db: DbOrTx): Promise<AppSettings> {
  const rows = await db.select().from(appSettings);
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const merged = appSettingsSchema.safeParse({ ...defaultAppSettings, ...stored });
  return merged.success ? merged.data : defaultAppSettings;
}

export async function updateAppSettings(ctx: Ctx, input: AppSettings) {
  return ctx.db.transaction(async (tx) => {
    const before = await getAppSettings(tx);
    const now = ctx.clock.now();
    for (const [key, value] of Object.entries(input)) {
      await tx
        .insert(appSettings)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: now } });
    }
    const after = await getAppSettings(tx);
    await recordAuditEvent(tx, ctx, {
      action: 'settings.updated',
      entityType: 'settings',
      entityId: 'app',
      before,
      after,
    });
    return after;
  });
}
