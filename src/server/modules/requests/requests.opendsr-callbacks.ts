import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { JobDeps } from '../../jobs/job.types.ts';
import { unseal } from '../../keys.ts';
import { ensureSigner, opendsrEnvOf, type Signer, storedSigner } from './requests.signing.ts';
import { dsrPackages, type dsrRequests, opendsrMessages } from './requests.table.ts';

type RequestRow = typeof dsrRequests.$inferSelect;

export const opendsrApiVersion = '2.0';
export const domainHeader = 'X-OpenDSR-Processor-Domain';
export const signatureHeader = 'X-OpenDSR-Signature';

// Spec §8 knows pending, in_progress, completed and cancelled. On hold is still being worked on; a rejection ends
// the request, so it is `completed` for the controller, with our own status and reason in the extension under our
// domain (spec §7.1.2: processor-specific elements live there).
export const opendsrStatusOf: Record<
  RequestRow['status'],
  'pending' | 'in_progress' | 'completed' | 'cancelled'
> = {
  received: 'pending',
  in_progress: 'in_progress',
  on_hold: 'in_progress',
  completed: 'completed',
  rejected: 'completed',
  cancelled: 'cancelled',
};

// The export package of an access or portability request, while the customer can still download it: the
// controller's machine fetches it with the same customer token.
async function resultsOf(db: DbOrTx, row: RequestRow, publicUrl: string | null, now: Date) {
  if (row.rightType !== 'access' && row.rightType !== 'portability') {
    return {};
  }
  const [pkg] = await db.select().from(dsrPackages).where(eq(dsrPackages.requestId, row.id));
  if (!pkg || pkg.deletedAt || pkg.expiresAt <= now || !publicUrl) {
    return {};
  }
  return { results_url: `${publicUrl}/api/v1/portal/requests/${row.id}/package`, results_count: 1 };
}

function extensionOf(row: RequestRow, domain: string | null) {
  if (!domain) {
    return {};
  }
  return {
    extensions: {
      [domain]: {
        status: row.status,
        reference: row.reference,
        ...(row.status === 'rejected' || row.status === 'on_hold' ? { status_reason: row.statusReason } : {}),
      },
    },
  };
}

// GET /requests/{id} (spec §8.3).
export async function statusBodyOf(
  db: DbOrTx,
  row: RequestRow,
  signer: Signer,
  publicUrl: string,
  now: Date,
) {
  return {
    controller_id: row.customerId,
    expected_completion_time: row.dueAt.toISOString(),
    subject_request_id: row.subjectRequestId,
    request_status: opendsrStatusOf[row.status],
    api_version: opendsrApiVersion,
    ...(await resultsOf(db, row, publicUrl, now)),
    ...extensionOf(row, signer.domain),
  };
}

// Spec §9: a callback on every state change to every status_callback_url, signed like a response. Queued in the
// transaction of the change (so a rolled-back change sends nothing) and posted by the `requests.opendsr-callbacks`
// job with retries. The request's creation is answered by the receipt itself, so it queues nothing.
export async function queueCallbacks(tx: Tx, ctx: Ctx, row: RequestRow) {
  if (!row.subjectRequestId || row.callbackUrls.length === 0 || row.status === 'received') {
    return;
  }
  const env = opendsrEnvOf(ctx.db);
  const signer = await storedSigner(tx, ctx.db);
  const now = ctx.clock.now();
  const results = await resultsOf(tx, row, env?.publicUrl ?? null, now);
  for (const url of row.callbackUrls) {
    const body = JSON.stringify({
      controller_id: row.customerId,
      status_callback_url: url,
      subject_request_id: row.subjectRequestId,
      request_status: opendsrStatusOf[row.status],
      expected_completion_time: row.dueAt.toISOString(),
      ...results,
      api_version: opendsrApiVersion,
      ...extensionOf(row, signer?.domain ?? null),
    });
    await tx.insert(opendsrMessages).values({
      requestId: row.id,
      customerId: row.customerId,
      kind: 'callback',
      url,
      body,
      // without a stored key (a CLI process), the job signs before the first attempt
      signature: signer ? signer.sign(body) : '',
      delivery: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    });
  }
}

// Minutes after the 1st, 2nd, … failed attempt; after the last the callback is marked failed and shows in the log.
export const callbackRetryMinutes = [1, 5, 15, 60, 240, 720, 1440] as const;
export const maxCallbackAttempts = callbackRetryMinutes.length + 1;
const leaseMinutes = 5;
const timeoutMs = 10_000;

// A customer names the callback URLs, so without this a token could make our server post into our own network
// (SSRF). Loopback, private, link-local and carrier-grade NAT addresses are refused unless the operator allows them
// (ART28_OPENDSR_PRIVATE_CALLBACKS=allow, e.g. a controller on the same LAN; tests). Checked at every attempt.
const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv6');
}

export async function privateTarget(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  for (const { address, family } of addresses) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const [ip, kind] = mapped
      ? [mapped, 'ipv4' as const]
      : [address, family === 6 ? ('ipv6' as const) : ('ipv4' as const)];
    if (privateRanges.check(ip, kind)) {
      return address;
    }
  }
  return null;
}

async function post(url: string, body: string, signature: string, domain: string, allowPrivate: boolean) {
  try {
    const refused = allowPrivate ? null : await privateTarget(url);
    if (refused) {
      return { ok: false, permanent: true, result: `refused: ${refused} is a private or local address` };
    }
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [domainHeader]: domain,
        [signatureHeader]: signature,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
    return { ok: response.status >= 200 && response.status < 300, result: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      result: `${(error as Error).name}${cause ? ` ${cause}` : ''}: ${(error as Error).message}`,
    };
  }
}

// The `requests.opendsr-callbacks` job: claim due callbacks with a lease in a short transaction, post them after it
// commits (an open transaction would hold every other PGlite connection), then record each outcome.
export async function deliverCallbacks(deps: JobDeps) {
  if (!deps.dataKey || !deps.publicUrl) {
    deps.log.warn('requests.opendsr-callbacks needs the data key and the public URL; nothing sent');
    return { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  }
  const signer = await ensureSigner(deps.db, {
    dataKey: deps.dataKey,
    publicUrl: deps.publicUrl,
    clock: deps.clock,
  });
  const now = deps.clock.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(opendsrMessages)
      .where(
        and(
          eq(opendsrMessages.kind, 'callback'),
          eq(opendsrMessages.delivery, 'pending'),
          or(isNull(opendsrMessages.nextAttemptAt), lte(opendsrMessages.nextAttemptAt, now)),
        ),
      )
      .orderBy(asc(opendsrMessages.createdAt))
      .limit(50)
      .for('update', { skipLocked: true });
    for (const message of due) {
      if (message.signature === '') {
        message.signature = signer.sign(message.body);
      }
      await tx
        .update(opendsrMessages)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMinutes * 60_000), signature: message.signature })
        .where(eq(opendsrMessages.id, message.id));
    }
    return due;
  });
  const counts = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  for (const message of claimed) {
    const outcome: { ok: boolean; result: string; permanent?: boolean } = await post(
      message.url!,
      message.body,
      message.signature,
      signer.domain,
      deps.allowPrivateCallbacks === true,
    );
    const attempts = message.attempts + 1;
    const at = deps.clock.now();
    const delivery = outcome.ok
      ? 'delivered'
      : outcome.permanent || attempts >= maxCallbackAttempts
        ? 'failed'
        : 'pending';
    await deps.db
      .update(opendsrMessages)
      .set({
        delivery,
        attempts,
        lastAttemptAt: at,
        lastResult: outcome.result.slice(0, 500),
        nextAttemptAt:
          delivery === 'pending'
            ? new Date(at.getTime() + callbackRetryMinutes[attempts - 1]! * 60_000)
            : null,
      })
      .where(eq(opendsrMessages.id, message.id));
    if (delivery === 'delivered') {
      counts.delivered++;
    } else if (delivery === 'failed') {
      counts.failed++;
      deps.log.warn(
        `OpenDSR callback ${message.id} for request ${message.requestId} failed after ${attempts} attempts: ${outcome.result}`,
      );
    } else {
      counts.retrying++;
    }
  }
  return counts;
}

// A receipt is sealed until the identities are erased (eraseReceiptIdentities); after that it is plain JSON.
export const isSealed = (body: string) => body.startsWith('v1.');

// When the retention period erases a request's identities, its receipts lose the request they quote; what stays is
// the receipt without it and the SHA-256 of the body that was signed (the signature itself stays on the row).
export async function eraseReceiptIdentities(tx: Tx, dataKey: Buffer, requestId: string) {
  const receipts = await tx
    .select()
    .from(opendsrMessages)
    .where(and(eq(opendsrMessages.requestId, requestId), eq(opendsrMessages.kind, 'receipt')));
  for (const receipt of receipts) {
    if (!isSealed(receipt.body)) {
      continue;
    }
    const original = unseal(dataKey, receipt.body);
    const { encoded_request: _erased, ...rest } = JSON.parse(original) as Record<string, unknown>;
    await tx
      .update(opendsrMessages)
      .set({
        body: JSON.stringify({
          ...rest,
          erased: 'encoded_request',
          signed_body_sha256: createHash('sha256').update(original, 'utf8').digest('hex'),
        }),
      })
      .where(eq(opendsrMessages.id, receipt.id));
  }
}
