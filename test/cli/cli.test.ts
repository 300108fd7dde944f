import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { cliBin, runCli } from '../fixtures/cli.ts';

// The CLI as an operator runs it: separate processes on one data directory, next to a running server.
const run = (args: string[], env: Record<string, string>, input?: string) => runCli(args, env, input);

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [cliBin, 'serve'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', ART28_JOBS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = /art28 serves (http:\/\/[^ ]+)/.exec(out);
      if (match) {
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, address };
}

const stopped = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('art28 CLI beside a running server (embedded database)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'art28-cli-'));
  const env = { ART28_DATA_DIR: path.join(root, 'data'), LOG_LEVEL: 'info' };
  const backupFile = path.join(root, 'art28.backup.gz');
  let server: ReturnType<typeof startServer> | undefined;
  after(() => {
    server?.child.kill('SIGKILL');
  });

  test('token create works on a data dir no server holds', async () => {
    const result = await run(['token', 'create', '--name', 'first', '--role', 'admin', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(JSON.parse(result.stdout).token, /^a28_/);
  });

  test('while the server runs, a second server is refused and writes nothing, and the CLI still works', async () => {
    server = startServer(env);
    const base = await server.address;
    const filesBefore = fs.readdirSync(env.ART28_DATA_DIR).sort();
    const lockBefore = fs.readFileSync(path.join(env.ART28_DATA_DIR, 'art28.lock'), 'utf8');

    const second = await run(['serve'], { ...env, PORT: '0' });
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`in use by the art28 server \\(pid ${server.child.pid}`));
    assert.deepEqual(fs.readdirSync(env.ART28_DATA_DIR).sort(), filesBefore);
    assert.equal(fs.readFileSync(path.join(env.ART28_DATA_DIR, 'art28.lock'), 'utf8'), lockBefore);

    const created = await run(['token', 'create', '--name', 'while-running', '--role', 'auditor'], env);
    assert.equal(created.code, 0, created.stderr);
    const secret = created.stdout.trim();
    const events = await fetch(`${base}/api/v1/audit/events?action=token.created`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(events.status, 200);
    assert.deepEqual(
      ((await events.json()) as { items: { after: { name: string } }[] }).items
        .map((e) => e.after.name)
        .sort(),
      ['first', 'while-running'],
    );

    const user = await run(
      [
        'user',
        'create',
        '--email',
        'femke@contict.nl',
        '--name',
        'Femke',
        '--role',
        'privacy-officer',
        '--password-stdin',
      ],
      env,
      'a long enough passphrase\n',
    );
    assert.equal(user.code, 0, user.stderr);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'femke@contict.nl', password: 'a long enough passphrase' }),
    });
    assert.equal(login.status, 200);
  });

  test('backup while running; audit verify passes, then names a row altered by hand', async () => {
    const backup = await run(['backup', backupFile], env);
    assert.equal(backup.code, 0, backup.stderr);
    const ok = await run(['audit', 'verify', '--json'], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).ok, true);

    // an operator with database access edits a row behind art28's back
    const client = new pg.Client({
      host: env.ART28_DATA_DIR,
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
    await client.connect();
    await client.query(`update audit_events set actor_label = 'someone else' where id = 2`);
    await client.end();

    const broken = await run(['audit', 'verify'], env);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /BROKEN at row 2/);
  });

  test('SIGTERM stops the server gracefully and frees the data dir', async () => {
    const exit = stopped(server!.child);
    server!.child.kill('SIGTERM');
    assert.equal(await exit, 0);
    assert.equal(fs.existsSync(path.join(env.ART28_DATA_DIR, 'art28.lock')), false);
  });

  test('restore into a fresh data dir gives the same data; a foreign file is refused', async () => {
    const fresh = { ...env, ART28_DATA_DIR: path.join(root, 'restored') };
    const restored = await run(['restore', backupFile], fresh);
    assert.equal(restored.code, 0, restored.stderr);
    const verify = await run(['audit', 'verify', '--json'], fresh);
    assert.equal(JSON.parse(verify.stdout).ok, true, 'the backup was taken before the tampering');
    const again = await run(['backup', path.join(root, 'again.backup.gz')], fresh);
    assert.equal(again.code, 0);

    const foreign = path.join(root, 'foreign.sql');
    fs.writeFileSync(foreign, 'CREATE TABLE x();');
    const refused = await run(['restore', foreign, '--force'], fresh);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not a readable art28 backup/);
  });

  test('bad arguments give a clear error and a non-zero exit', async () => {
    const badRole = await run(['token', 'create', '--name', 'x', '--role', 'root'], env);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /Unknown role "root"/);
    const unknownJob = await run(['jobs', 'run', 'nope'], env);
    assert.equal(unknownJob.code, 1);
    assert.match(unknownJob.stderr, /Known jobs/);
  });
});
