import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { acquireDataDirLock, DataDirLockedError, findLiveHolder, lockFilePath } from './lock.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'art28-lock-'));

test('a second holder is refused with a message naming the first', () => {
  const dir = tempDir();
  const lock = acquireDataDirLock(dir, 'the art28 server', dir);
  assert.throws(
    () => acquireDataDirLock(dir, 'another server', dir),
    (error: unknown) =>
      error instanceof DataDirLockedError &&
      error.message.includes(`pid ${process.pid}`) &&
      error.message.includes('the art28 server'),
  );
  lock.release();
  assert.equal(fs.existsSync(lockFilePath(dir)), false);
});

test('a lock left by a process that died is taken over', () => {
  const dir = tempDir();
  const dead = spawnSync(process.execPath, [
    '-e',
    'process.stdout.write(String(process.pid))',
  ]).stdout.toString();
  fs.writeFileSync(
    lockFilePath(dir),
    JSON.stringify({
      pid: Number(dead),
      hostname: os.hostname(),
      startedAt: '2026-01-01T00:00:00Z',
      purpose: 'the art28 server',
      socketPath: dir,
    }),
  );
  assert.equal(findLiveHolder(dir), null);
  const lock = acquireDataDirLock(dir, 'the art28 server', dir);
  assert.equal(findLiveHolder(dir)?.pid, process.pid);
  lock.release();
});

test('release does not remove a lock that another process has taken since', () => {
  const dir = tempDir();
  const lock = acquireDataDirLock(dir, 'the art28 server', dir);
  fs.writeFileSync(
    lockFilePath(dir),
    JSON.stringify({ pid: 1, hostname: os.hostname(), startedAt: 'later', purpose: 'x', socketPath: dir }),
  );
  lock.release();
  assert.equal(fs.existsSync(lockFilePath(dir)), true);
});
