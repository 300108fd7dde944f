import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

type Item = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

// PGlite is one backend session shared by every socket connection. pglite-socket 0.2.17 queues single protocol
// messages and keeps a connection's messages together only inside a transaction, so one connection's extended-
// protocol batch (Parse, Bind, Execute … Sync) can be cut by another's: the second Parse replaces the unnamed
// statement and the first connection gets "unnamed prepared statement does not exist" or another query's rows
// (electric-sql/pglite#1046). This queue gives the backend to one connection from its first message until the
// backend says ReadyForQuery with status idle — the end of its batch, or of its transaction.
export class ProtocolAwareQueue {
  private readonly queue: Item[] = [];
  private processing = false;
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength() {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number) {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.handlerId === handlerId) {
        this.queue.splice(i, 1)[0]!.reject(new Error('Handler disconnected'));
      }
    }
  }

  // A connection that drops while it holds the backend must not leave a transaction open for everyone else.
  async clearTransactionIfNeeded(handlerId: number) {
    if (this.owner !== handlerId) {
      return;
    }
    if (this.db.isInTransaction()) {
      await this.db.runExclusive(() => this.db.exec('ROLLBACK'));
    }
    this.owner = null;
    void this.process();
  }

  private async process() {
    if (this.processing) {
      return;
    }
    this.processing = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
        if (index < 0 || this.queue.length === 0) {
          return; // empty, or the owner has not sent its next message yet
        }
        const item = this.queue.splice(index, 1)[0]!;
        this.owner = item.handlerId;
        let bytes = 0;
        let tail: Uint8Array = new Uint8Array(0);
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (chunk: Uint8Array) => {
                bytes += chunk.length;
                tail = lastBytes(tail, chunk, 6);
                item.onData(chunk);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        if (readyForQueryStatus(tail) === 'I') {
          this.owner = null;
        }
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}

function lastBytes(previous: Uint8Array, chunk: Uint8Array, n: number): Uint8Array {
  if (chunk.length >= n) {
    return chunk.slice(chunk.length - n);
  }
  const joined = new Uint8Array(previous.length + chunk.length);
  joined.set(previous);
  joined.set(chunk, previous.length);
  return joined.slice(Math.max(0, joined.length - n));
}

// ReadyForQuery is 'Z', int32 length 5, then the status: I (idle), T (in a transaction) or E (failed transaction).
function readyForQueryStatus(tail: Uint8Array): string | null {
  if (
    tail.length === 6 &&
    tail[0] === 0x5a &&
    tail[1] === 0 &&
    tail[2] === 0 &&
    tail[3] === 0 &&
    tail[4] === 5
  ) {
    return String.fromCharCode(tail[5]!);
  }
  return null;
}

export function installProtocolAwareQueue(server: PGLiteSocketServer, db: PGlite) {
  // The server hands its queue to each connection's handler when the connection arrives, so replacing it before
  // start() covers every connection.
  (server as unknown as { queryQueue: ProtocolAwareQueue }).queryQueue = new ProtocolAwareQueue(db);
}
