import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cliOnFreshData, writeCrmCsv } from '../fixtures/cli.ts';

const { root, run } = cliOnFreshData('customers-cli');

describe('art28 customers and demo from the command line', () => {
  test('demo adds 40 marked customers with their records; demo --remove takes exactly them away again', async () => {
    const csv = path.join(root, 'crm.csv');
    writeCrmCsv(csv, [
      'Echte Klant B.V.,12121212,K-1,2025-05-01,voip;mobiel,Jan,jan@echt.example,Piet,piet@echt.example,053 1234567',
    ]);
    const imported = await run(['customers', 'import', csv]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /1 rows, 1 valid, 1 imported/);
    const again = await run(['customers', 'import', csv, '--json']);
    assert.equal(again.code, 1, 'a KvK number that exists already makes the whole file fail');
    assert.equal(JSON.parse(again.stdout).problems[0].column, 'KvK-nummer');

    assert.equal((await run(['demo'])).code, 0);
    const list = JSON.parse((await run(['customers', 'list', '--json'])).stdout) as {
      id: string;
      name: string;
      status: string;
      demo: boolean;
    }[];
    assert.equal(list.length, 41);
    assert.equal(list.filter((c) => c.demo).length, 40);
    assert.equal(list.filter((c) => c.status === 'ended').length, 1);

    const real = list.find((c) => !c.demo)!;
    const record = JSON.parse((await run(['customers', 'show', real.id, '--json'])).stdout);
    assert.deepEqual([...new Set(record.rows.map((r: { service: string }) => r.service))].sort(), [
      'mobiel',
      'voip',
    ]);
    assert.equal(record.rows.length, 11, '7 VoIP + 4 Mobiel rows of Annex 1');

    assert.equal((await run(['demo', '--remove'])).code, 0);
    const after = JSON.parse((await run(['customers', 'list', '--json'])).stdout) as { name: string }[];
    assert.deepEqual(
      after.map((c) => c.name),
      ['Echte Klant B.V.'],
    );
  });
});
