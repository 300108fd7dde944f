import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cliOnFreshData, writeCrmCsv } from '../fixtures/cli.ts';

const { root, run } = cliOnFreshData('accounts-cli');

describe('art28 token create --customer', () => {
  test('prints a customer’s own token once; an unknown or malformed customer id is a clear error', async () => {
    const csv = path.join(root, 'crm.csv');
    writeCrmCsv(csv, [
      'Verwerkingsverantwoordelijke B.V.,13131313,K-1,2025-05-01,voip,Jan,jan@vv.example,Piet,piet@vv.example,053 1234567',
    ]);
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
