import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

const bin = path.resolve('bin/art28.mjs');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'art28-accounts-cli-'));
const env = { ...process.env, ART28_DATA_DIR: path.join(root, 'data') };
const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

describe('art28 token create --customer', () => {
  test('prints a customer’s own token once; an unknown or malformed customer id is a clear error', async () => {
    const csv = path.join(root, 'crm.csv');
    fs.writeFileSync(
      csv,
      [
        'Bedrijfsnaam,KvK-nummer,Contractnummer,Startdatum,Diensten,Tekenbevoegde naam,Tekenbevoegde e-mail,ICT-verantwoordelijke naam,ICT-verantwoordelijke e-mail,ICT-verantwoordelijke telefoon',
        'Verwerkingsverantwoordelijke B.V.,13131313,K-1,2025-05-01,voip,Jan,jan@vv.example,Piet,piet@vv.example,053 1234567',
      ].join('\n'),
    );
    assert.equal((await run(['customers', 'import', csv])).code, 0);
    const [customer] = JSON.parse((await run(['customers', 'list', '--json'])).stdout) as { id: string }[];

    const created = await run(['token', 'create', '--name', 'OpenDSR', '--customer', customer!.id, '--json']);
    assert.equal(created.code, 0, created.stderr);
    const token = JSON.parse(created.stdout);
    assert.match(token.token, /^a28_/);
    assert.equal(token.role, 'customer-admin');
    assert.equal(token.customerId, customer!.id);

    const theirs = JSON.parse((await run(['token', 'list', '--customer', customer!.id, '--json'])).stdout);
    assert.deepEqual(
      theirs.map((t: { id: string }) => t.id),
      [token.id],
    );

    const unknown = await run(['token', 'create', '--name', 'x', '--customer', randomUUID()]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No customer with id/);
    const malformed = await run(['token', 'create', '--name', 'x', '--customer', 'klant-1']);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /is not a customer id/);
    const both = await run(['token', 'create', '--name', 'x', '--customer', customer!.id, '--role', 'admin']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /leave out --role/);
  });
});
