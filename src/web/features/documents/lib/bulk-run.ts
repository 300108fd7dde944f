import { useSyncExternalStore } from 'react';
import { generateDocument } from '../api/documents.ts';
import type { GenerateRequest } from '../api/types.ts';
import { runPool } from './pool.ts';

// One bulk generation at a time, kept outside React: it goes on while staff look at another tab or page, and its
// progress is there when they come back. At most three requests are in flight, so the server (and PGlite's single
// session) keeps answering everyone else.

export const bulkConcurrency = 3;

export type BulkItem = { customerId: string; legalName: string; request: GenerateRequest };
export type BulkFailure = { customerId: string; legalName: string; error: unknown };

export type BulkState = {
  status: 'idle' | 'running' | 'done' | 'cancelled';
  /** What was asked for, to show with the result. */
  label: string;
  total: number;
  done: number;
  succeeded: number;
  failures: BulkFailure[];
  /** Cancel was pressed: no new requests start; the ones in flight finish (their documents are stored). */
  stopping: boolean;
  startedAt: number | null;
  finishedAt: number | null;
};

const idle: BulkState = {
  status: 'idle',
  label: '',
  total: 0,
  done: 0,
  succeeded: 0,
  failures: [],
  stopping: false,
  startedAt: null,
  finishedAt: null,
};

let state: BulkState = idle;
let controller: AbortController | null = null;
const listeners = new Set<() => void>();

function set(next: Partial<BulkState>) {
  state = { ...state, ...next };
  for (const listener of listeners) {
    listener();
  }
}

export const bulkRun = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot: () => state,

  /**
   * Starts a run. `onGenerated` is called per customer whose document was made (cheap refreshes only), `onFinished`
   * once at the end (the outdated list is expensive to recompute, so it is refreshed once, not per document).
   */
  async start(
    items: BulkItem[],
    label: string,
    callbacks: { onGenerated?: (customerId: string) => void; onFinished?: () => void } = {},
  ): Promise<void> {
    if (state.status === 'running') {
      return;
    }
    const own = new AbortController();
    controller = own;
    set({ ...idle, status: 'running', label, total: items.length, startedAt: Date.now() });
    await runPool(
      items,
      bulkConcurrency,
      async (item) => {
        try {
          // Not aborted on cancel: a request the server is already working on finishes and is counted.
          await generateDocument(item.customerId, item.request);
          set({ done: state.done + 1, succeeded: state.succeeded + 1 });
          callbacks.onGenerated?.(item.customerId);
        } catch (error) {
          set({
            done: state.done + 1,
            failures: [...state.failures, { customerId: item.customerId, legalName: item.legalName, error }],
          });
        }
      },
      own.signal,
    );
    if (controller === own) {
      controller = null;
      set({
        status: own.signal.aborted && state.done < state.total ? 'cancelled' : 'done',
        stopping: false,
        finishedAt: Date.now(),
      });
      callbacks.onFinished?.();
    }
  },

  cancel() {
    if (controller && !controller.signal.aborted) {
      controller.abort();
      set({ stopping: true });
    }
  },

  /** Forget a finished run (its result stays until then). */
  reset() {
    if (state.status !== 'running') {
      set(idle);
    }
  },
};

export function useBulkRun(): BulkState {
  return useSyncExternalStore(bulkRun.subscribe, bulkRun.getSnapshot);
}
