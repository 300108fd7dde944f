import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { queueCallbacks } from './requests.opendsr-callbacks.ts';
import type { dsrRequests } from './requests.table.ts';

// Every state change of a request passes here, in its transaction: OpenDSR status callbacks are queued from it.
export async function statusChanged(tx: Tx, ctx: Ctx, request: typeof dsrRequests.$inferSelect) {
  await queueCallbacks(tx, ctx, request);
}
