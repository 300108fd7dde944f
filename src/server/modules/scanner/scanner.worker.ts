import { parentPort, workerData } from 'node:worker_threads';
import {
  runTask,
  type TaskContext,
  type WorkerInit,
  type WorkerReply,
  type WorkerRequest,
} from './scanner.engine.ts';
import { KeyedHasher } from './scanner.persons.ts';
import { ScanStats } from './scanner.stats.ts';

// Findings batches in flight before the worker waits for the main thread: bounds memory when the consumer
// (a JSONL writer, a database job) is slower than the scan.
const MAX_IN_FLIGHT = 4;
const PROGRESS_BYTES = 8 * 1024 * 1024;

function startWorker(): void {
  const port = parentPort;
  if (!port) {
    return;
  }
  const init = workerData as WorkerInit;
  const stats = new ScanStats(init.maxExactDistinct, init.isCollecting, init.withValues);
  let inFlight = 0;
  let onCredit: (() => void) | null = null;
  let progressBytes = 0;
  const post = (reply: WorkerReply): void => {
    port.postMessage(reply);
  };
  const ctx: TaskContext = {
    stats,
    hasher: new KeyedHasher(init.runKey),
    onInputBytes: (bytes) => {
      progressBytes += bytes;
      if (progressBytes >= PROGRESS_BYTES) {
        post({ kind: 'progress', bytes: progressBytes });
        progressBytes = 0;
      }
    },
    drain: async () => {
      if (stats.pendingBatches === 0) {
        return;
      }
      post({ kind: 'findings', batches: stats.takeBatches() });
      inFlight++;
      while (inFlight >= MAX_IN_FLIGHT) {
        await new Promise<void>((resolve) => {
          onCredit = resolve;
        });
      }
    },
  };
  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'ack') {
      inFlight--;
      const resolve = onCredit;
      onCredit = null;
      resolve?.();
      return;
    }
    if (request.kind === 'finish') {
      post({ kind: 'stats', stats: stats.exportStats() });
      return;
    }
    runTask(request.task, ctx)
      .then(async (result) => {
        await ctx.drain();
        if (progressBytes > 0) {
          post({ kind: 'progress', bytes: progressBytes });
          progressBytes = 0;
        }
        post({ kind: 'done', taskId: request.task.id, result });
      })
      .catch((error: unknown) => {
        post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
  });
}

startWorker();
