import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { acquireDataDirLock, DataDirLockedError, findLiveHolder, type LockHolder } from './lock.ts';
import { installProtocolAwareQueue } from './pglite-queue.ts';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  pool: pg.Pool;
  engine: Engine;
  // pg connection settings for other clients of the same database (pg-boss)
  connection: pg.PoolConfig;
  close: () => Promise<void>;
};

export type OpenOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  // 'server' owns the embedded database; any other purpose joins a running server through its socket.
  purpose: 'server' | 'cli';
  poolMax?: number;
};

const socketName = '.s.PGSQL.5432';

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema });
}

function connectionFromHolder(holder: LockHolder): pg.PoolConfig {
  return { host: holder.socketPath, port: 5432, user: 'postgres', database: 'postgres' };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const connection: pg.PoolConfig = { connectionString: options.databaseUrl };
    return wrapPool(connection, 'postgres', options.poolMax ?? 10, async () => {});
  }
  const holder = fs.existsSync(options.dataDir) ? findLiveHolder(options.dataDir) : null;
  if (holder) {
    if (options.purpose === 'server') {
      throw new DataDirLockedError(options.dataDir, holder);
    }
    return wrapPool(connectionFromHolder(holder), 'pglite', options.poolMax ?? 2, async () => {});
  }
  return startEmbedded(options);
}

// The embedded PGlite is reached by every client, this process included, through pglite-socket and node-postgres.
// Had this process queried PGlite directly, its queries would run inside a CLI client's open transaction, since
// PGlite has a single session; the socket's queue keeps each connection's transaction to itself.
export async function startEmbedded(options: OpenOptions & { dataDir: string }): Promise<Database> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const socketPath = path.join(options.dataDir, socketName);
  if (socketPath.length > 100) {
    throw new Error(
      `The data directory path is too long for a local socket (${socketPath.length} > 100 characters): ${options.dataDir}`,
    );
  }
  const lock = acquireDataDirLock(
    options.dataDir,
    options.purpose === 'server' ? 'the art28 server' : 'an art28 command',
    options.dataDir,
  );
  let pglite: PGlite | undefined;
  let socket: PGLiteSocketServer | undefined;
  try {
    pglite = await PGlite.create(path.join(options.dataDir, 'pgdata'));
    fs.rmSync(socketPath, { force: true });
    socket = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 64 });
    installProtocolAwareQueue(socket, pglite);
    await socket.start();
    fs.chmodSync(socketPath, 0o600);
  } catch (error) {
    await socket?.stop().catch(() => {});
    await pglite?.close().catch(() => {});
    lock.release();
    throw error;
  }
  const ownedPglite = pglite;
  const ownedSocket = socket;
  return wrapPool(connectionFromHolder(lock.holder), 'pglite', options.poolMax ?? 8, async () => {
    await ownedSocket.stop();
    await ownedPglite.close();
    fs.rmSync(socketPath, { force: true });
    lock.release();
  });
}

export async function startInMemoryPglite(
  socketDir: string,
): Promise<{ connection: pg.PoolConfig; stop: () => Promise<void> }> {
  const pglite = await PGlite.create();
  const socketPath = path.join(socketDir, socketName);
  const socket = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 64 });
  installProtocolAwareQueue(socket, pglite);
  await socket.start();
  return {
    connection: { host: socketDir, port: 5432, user: 'postgres', database: 'postgres' },
    stop: async () => {
      await socket.stop();
      await pglite.close();
    },
  };
}

export async function wrapPool(
  connection: pg.PoolConfig,
  engine: Engine,
  max: number,
  onClose: () => Promise<void>,
): Promise<Database> {
  const pool = new pg.Pool({ ...connection, max, idleTimeoutMillis: 10_000 });
  pool.on('error', () => {
    // an idle client lost its connection; the pool replaces it on next use
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    await onClose();
    throw new Error(`Cannot reach the database (${engine}): ${(error as Error).message}`);
  }
  let closed = false;
  return {
    db: createDb(pool),
    pool,
    engine,
    connection,
    close: async () => {
      if (closed) {
        return;
      }
      closed = true;
      await pool.end().catch(() => {}); // ended already (a test that simulates a lost database)
      await onClose();
    },
  };
}
