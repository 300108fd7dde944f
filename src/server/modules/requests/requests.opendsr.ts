import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { localDateOf } from '../../../shared/deadlines.ts';
import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { seal, unseal } from '../../keys.ts';
import { isSealed, opendsrApiVersion, opendsrStatusOf, statusBodyOf } from './requests.opendsr-callbacks.ts';
import { ensureSigner, type Signer } from './requests.signing.ts';
import { dsrRequests, opendsrMessages, type rightTypes } from './requests.table.ts';
import { changeStatus, type Identity, submitRequest } from './requests.usecases.ts';

// OpenDSR v2.0, the processor side (legal.md §7). The controller is our customer; its token says which one.

export type OpendsrDeps = { db: Db; dataKey: Buffer; publicUrl: string; clock: Ctx['clock'] };

// Spec §1.1: GUIDs are lowercase UUID v4.
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

// RFC 3339 §5.6, with real calendar dates (no 31 April) and seconds up to a leap second.
export function isRfc3339(text: string) {
  const m = rfc3339.exec(text);
  if (!m) {
    return false;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = m[9] === undefined || (Number(m[9]) < 24 && Number(m[10]) < 60);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour < 24 &&
    minute < 60 &&
    second <= 60 &&
    offsetOk &&
    !Number.isNaN(Date.parse(text.replace(/:60(\.\d+)?/, ':59')))
  );
}

export const opendsrRequestTypes = [
  'access',
  'portability',
  'erasure',
  'rectification',
  'restriction',
  'objection',
] as const;
// Spec §6.2 has the first three; the others are ours, described under our domain in discovery's extensions.
export const extensionRequestTypes = ['rectification', 'restriction', 'objection'] as const;

export const supportedIdentities = [
  { identity_type: 'email', identity_format: 'raw' },
  { identity_type: 'email', identity_format: 'sha256' },
  { identity_type: 'controller_customer_id', identity_format: 'raw' },
] as const;

const callbackUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials');

// No message below quotes a value: errors never echo identities (spec §7.6).
const identitySchema = z.object({
  identity_type: z.string().max(64),
  identity_value: z.string().min(1, 'must not be empty').max(320),
  identity_format: z.string().max(16),
});

export const opendsrRequestSchema = z
  .object({
    regulation: z.enum(['gdpr', 'ccpa']),
    subject_request_id: z.string().regex(uuidV4, 'must be a lowercase UUID v4'),
    subject_request_type: z.enum(opendsrRequestTypes),
    subject_identities: z.array(identitySchema).min(1, 'give at least one identity').max(10),
    submitted_time: z.string().refine(isRfc3339, 'must be an RFC 3339 date-time like 2026-03-02T09:00:00Z'),
    api_version: z
      .string()
      .regex(/^2(\.\d+){0,2}$/, 'this processor speaks OpenDSR 2.x')
      .optional(),
    status_callback_urls: z.array(callbackUrl).max(10).optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((body, context) => {
    body.subject_identities.forEach((identity, index) => {
      const path = ['subject_identities', index];
      const supported = supportedIdentities.some(
        (s) => s.identity_type === identity.identity_type && s.identity_format === identity.identity_format,
      );
      if (!supported) {
        const knownType = supportedIdentities.some((s) => s.identity_type === identity.identity_type);
        context.addIssue({
          code: 'custom',
          path: [...path, knownType ? 'identity_format' : 'identity_type'],
          message: knownType
            ? 'this identity format cannot be matched; see supported_identities in /discovery'
            : 'unsupported identity type; see supported_identities in /discovery',
        });
        return;
      }
      if (identity.identity_format === 'sha256' && !/^[0-9a-fA-F]{64}$/.test(identity.identity_value)) {
        context.addIssue({
          code: 'custom',
          path: [...path, 'identity_value'],
          message: 'must be a SHA-256 digest in 64 hexadecimal characters',
        });
      } else if (
        identity.identity_type === 'email' &&
        identity.identity_format === 'raw' &&
        !z.email().safeParse(identity.identity_value.trim().toLowerCase()).success
      ) {
        context.addIssue({
          code: 'custom',
          path: [...path, 'identity_value'],
          message: 'not an e-mail address',
        });
      }
    });
  })
  .meta({ id: 'OpenDsrRequest' });
export type OpendsrRequest = z.output<typeof opendsrRequestSchema>;

export const subjectRequestParams = z.object({
  subjectRequestId: z.string().regex(uuidV4, 'must be a lowercase UUID v4'),
});

// A spec-format error (§7.5): the route's error handler renders it as {"error":{"code",…,"errors":[…]}}.
export const opendsrError = (status: number, reason: string, message: string) =>
  new AppError(status, reason, message);

const notFound = () =>
  opendsrError(404, 'not_found', 'No request with this subject_request_id from this controller.');

export function toIdentities(body: OpendsrRequest): Identity[] {
  return body.subject_identities.map((i) => {
    if (i.identity_type === 'controller_customer_id') {
      return { type: 'customer_reference', format: 'raw', value: i.identity_value.trim() };
    }
    return i.identity_format === 'sha256'
      ? { type: 'email', format: 'sha256', value: i.identity_value.toLowerCase() }
      : { type: 'email', format: 'raw', value: i.identity_value.trim().toLowerCase() };
  });
}

// What we read from our own extension (spec §7.1.2, keyed by our domain): notes (what to rectify) and scope.
function ourExtension(body: OpendsrRequest, domain: string) {
  const mine = body.extensions?.[domain];
  if (mine === undefined) {
    return { notes: undefined, scope: undefined };
  }
  const parsed = z
    .object({
      notes: z.string().trim().max(5000).optional(),
      scope: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
    })
    .safeParse(mine);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw opendsrError(
      400,
      'invalid_extension',
      `extensions.${domain}.${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}

export type Signed = { status: number; body: string; signature: string; domain: string };

function signed(signer: Signer, status: number, content: Record<string, unknown>): Signed {
  const body = JSON.stringify(content);
  return { status, body, signature: signer.sign(body), domain: signer.domain };
}

// §7.3: processor_signature is over the receipt without itself; X-OpenDSR-Signature is over the whole raw body.
function withProcessorSignature(signer: Signer, content: Record<string, unknown>) {
  return { ...content, processor_signature: signer.sign(JSON.stringify(content)) };
}

const openReceipt = (dataKey: Buffer, body: string) => (isSealed(body) ? unseal(dataKey, body) : body);

async function findByRequestId(db: Db, customerId: string, subjectRequestId: string) {
  const [row] = await db
    .select()
    .from(dsrRequests)
    .where(and(eq(dsrRequests.customerId, customerId), eq(dsrRequests.subjectRequestId, subjectRequestId)));
  return row ?? null;
}

async function storedMessage(db: Db, requestId: string, kind: 'receipt' | 'cancel_receipt') {
  const [row] = await db
    .select()
    .from(opendsrMessages)
    .where(and(eq(opendsrMessages.requestId, requestId), eq(opendsrMessages.kind, kind)))
    .orderBy(desc(opendsrMessages.createdAt))
    .limit(1);
  return row ?? null;
}

// The receipt holds the whole request (encoded_request), identities included, so it is stored sealed like them.
async function issueReceipt(
  deps: OpendsrDeps,
  signer: Signer,
  row: typeof dsrRequests.$inferSelect,
  rawRequest: string,
): Promise<Signed> {
  const content = withProcessorSignature(signer, {
    controller_id: row.customerId,
    expected_completion_time: row.dueAt.toISOString(),
    received_time: row.receivedAt.toISOString(),
    encoded_request: Buffer.from(rawRequest, 'utf8').toString('base64'),
    subject_request_id: row.subjectRequestId,
    api_version: opendsrApiVersion,
  });
  const receipt = signed(signer, 201, content);
  await deps.db.insert(opendsrMessages).values({
    requestId: row.id,
    customerId: row.customerId,
    kind: 'receipt',
    body: seal(deps.dataKey, receipt.body),
    signature: receipt.signature,
    delivery: 'none',
    createdAt: deps.clock.now(),
  });
  return receipt;
}

// A repeated subject_request_id answers 200 with the very receipt of the first time (same bytes, same signature):
// the controller's retry after a lost response gets its evidence, and no second request is made.
async function existingReceipt(
  deps: OpendsrDeps,
  signer: Signer,
  row: typeof dsrRequests.$inferSelect,
  rawRequest: string,
): Promise<Signed> {
  const stored = await storedMessage(deps.db, row.id, 'receipt');
  if (!stored) {
    return { ...(await issueReceipt(deps, signer, row, rawRequest)), status: 200 };
  }
  return {
    status: 200,
    body: openReceipt(deps.dataKey, stored.body),
    signature: stored.signature,
    domain: signer.domain,
  };
}

const isDuplicate = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

// Fields of ours that submitRequest names, in the spec's terms.
const fieldNames: Record<string, (domain: string) => string> = {
  'body.notes': (d) => `extensions.${d}.notes`,
  'body.scope': (d) => `extensions.${d}.scope`,
  'body.customerReceivedOn': () => 'submitted_time',
  'body.receivedAt': () => 'submitted_time',
};

export async function createOpendsrRequest(
  ctx: Ctx,
  deps: OpendsrDeps,
  customerId: string,
  apiTokenId: string | null,
  body: OpendsrRequest,
  rawRequest: string,
): Promise<Signed> {
  const signer = await ensureSigner(deps.db, deps);
  const existing = await findByRequestId(deps.db, customerId, body.subject_request_id);
  if (existing) {
    return existingReceipt(deps, signer, existing, rawRequest);
  }
  const now = ctx.clock.now();
  const submitted = new Date(body.submitted_time);
  // a few minutes of clock skew between the controller and us
  if (submitted.getTime() > now.getTime() + 5 * 60_000) {
    throw opendsrError(400, 'invalid_field', 'submitted_time: lies in the future');
  }
  const extension = ourExtension(body, signer.domain);
  let requestId: string;
  try {
    const view = await submitRequest(
      ctx,
      { dataKey: deps.dataKey, publicUrl: deps.publicUrl },
      customerId,
      {
        rightType: body.subject_request_type satisfies (typeof rightTypes)[number],
        identities: toIdentities(body),
        customerReceivedOn: localDateOf(submitted),
        notes: extension.notes ?? null,
        scope: extension.scope,
      },
      {
        channel: 'opendsr',
        receivedAt: now,
        opendsr: {
          subjectRequestId: body.subject_request_id,
          submittedTime: submitted,
          regulation: body.regulation,
          callbackUrls: [...new Set(body.status_callback_urls ?? [])],
          apiTokenId,
        },
      },
    );
    requestId = view.id;
  } catch (error) {
    if (isDuplicate(error)) {
      // the same subject_request_id arrived twice at once; the other one won
      const winner = await findByRequestId(deps.db, customerId, body.subject_request_id);
      if (winner) {
        return existingReceipt(deps, signer, winner, rawRequest);
      }
    }
    if (error instanceof AppError && error.statusCode === 400) {
      const field = error.field ? (fieldNames[error.field]?.(signer.domain) ?? error.field) : null;
      throw opendsrError(400, error.code, field ? `${field}: ${error.message}` : error.message);
    }
    throw error;
  }
  const [row] = await deps.db.select().from(dsrRequests).where(eq(dsrRequests.id, requestId));
  return issueReceipt(deps, signer, row!, rawRequest);
}

export async function readOpendsrRequest(
  deps: OpendsrDeps,
  customerId: string,
  subjectRequestId: string,
): Promise<Signed> {
  const signer = await ensureSigner(deps.db, deps);
  const row = await findByRequestId(deps.db, customerId, subjectRequestId);
  if (!row) {
    throw notFound();
  }
  return signed(signer, 200, await statusBodyOf(deps.db, row, signer, deps.publicUrl, deps.clock.now()));
}

// Spec §8: a controller may cancel while the request is pending (our `received`); cancelling again answers the
// first cancellation's receipt.
export async function cancelOpendsrRequest(
  ctx: Ctx,
  deps: OpendsrDeps,
  customerId: string,
  subjectRequestId: string,
): Promise<Signed> {
  const signer = await ensureSigner(deps.db, deps);
  const row = await findByRequestId(deps.db, customerId, subjectRequestId);
  if (!row) {
    throw notFound();
  }
  if (row.status === 'cancelled') {
    const stored = await storedMessage(deps.db, row.id, 'cancel_receipt');
    if (stored) {
      return { status: 202, body: stored.body, signature: stored.signature, domain: signer.domain };
    }
  }
  if (row.status !== 'received' && row.status !== 'cancelled') {
    throw opendsrError(
      400,
      'not_pending',
      `Only a pending request can be cancelled; this one is ${opendsrStatusOf[row.status]}.`,
    );
  }
  if (row.status === 'received') {
    await changeStatus(
      ctx,
      row.id,
      { status: 'cancelled', reason: 'Cancelled by the controller over OpenDSR.' },
      { customerId },
    );
  }
  const receipt = signed(
    signer,
    202,
    withProcessorSignature(signer, {
      controller_id: row.customerId,
      received_time: ctx.clock.now().toISOString(),
      subject_request_id: row.subjectRequestId,
      api_version: opendsrApiVersion,
    }),
  );
  await deps.db.insert(opendsrMessages).values({
    requestId: row.id,
    customerId: row.customerId,
    kind: 'cancel_receipt',
    body: receipt.body,
    signature: receipt.signature,
    delivery: 'none',
    createdAt: ctx.clock.now(),
  });
  return receipt;
}

// Staff see every message we signed for a request: receipts (the request itself left out: it holds the
// identities), cancellations, and each callback with its delivery log.
export async function listOpendsrMessages(db: Db, dataKey: Buffer, requestId: string) {
  const rows = await db
    .select()
    .from(opendsrMessages)
    .where(eq(opendsrMessages.requestId, requestId))
    .orderBy(asc(opendsrMessages.createdAt));
  return rows.map((m) => {
    let body: unknown;
    try {
      const parsed = JSON.parse(openReceipt(dataKey, m.body)) as Record<string, unknown>;
      body =
        m.kind === 'receipt' && 'encoded_request' in parsed
          ? { ...parsed, encoded_request: '(sealed: holds the identities)' }
          : parsed;
    } catch {
      body = null;
    }
    return {
      id: m.id,
      kind: m.kind,
      url: m.url,
      body,
      signature: m.signature || null,
      delivery: m.delivery,
      attempts: m.attempts,
      lastAttemptAt: m.lastAttemptAt?.toISOString() ?? null,
      lastResult: m.lastResult,
      nextAttemptAt: m.nextAttemptAt?.toISOString() ?? null,
      createdAt: m.createdAt.toISOString(),
    };
  });
}
