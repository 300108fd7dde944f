import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// PGlite has no lock of its own: two processes on one data dir silently lose writes (stack.md §3). Every process
// that opens the embedded database first takes this lock; everything else reaches the holder over its socket.
export type LockHolder = {
  pid: number;
  hostname: string;
  startedAt: string;
  purpose: string;
  socketPath: string;
};

export type DataDirLock = { holder: LockHolder; release: () => void };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by ${holder.purpose} (pid ${holder.pid} on ${holder.hostname}, ` +
        `since ${holder.startedAt}). Stop that process first, or set ART28_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export function lockFilePath(dataDir: string): string {
  return path.join(dataDir, 'art28.lock');
}

export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) {
    return true; // another machine on a shared disk: we cannot tell, so assume it runs
  }
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Returns the live holder, or null when the directory is free (a lock left by a dead process counts as free).
export function findLiveHolder(dataDir: string): LockHolder | null {
  const holder = readLockHolder(dataDir);
  return holder && isAlive(holder) ? holder : null;
}

export function acquireDataDirLock(dataDir: string, purpose: string, socketPath: string): DataDirLock {
  const file = lockFilePath(dataDir);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    purpose,
    socketPath,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx' });
      // Two processes that both found a stale lock may both get here; the one whose content survives wins.
      const written = readLockHolder(dataDir);
      if (written?.pid !== holder.pid || written.startedAt !== holder.startedAt) {
        throw new DataDirLockedError(dataDir, written ?? holder);
      }
      let released = false;
      return {
        holder,
        release: () => {
          if (released) {
            return;
          }
          released = true;
          const current = readLockHolder(dataDir);
          if (current?.pid === holder.pid && current.startedAt === holder.startedAt) {
            fs.rmSync(file, { force: true });
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const existing = readLockHolder(dataDir);
      if (existing && isAlive(existing)) {
        throw new DataDirLockedError(dataDir, existing);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}
