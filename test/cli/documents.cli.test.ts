import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cliOnFreshData } from '../fixtures/cli.ts';

const { root, run } = cliOnFreshData('documents-cli');

describe('art28 documents generate', () => {
  test('writes a demo customer’s record as PDF; a DPA without the processor’s KvK number names what is missing', async () => {
    assert.equal((await run(['demo'])).code, 0);
    const customers = JSON.parse((await run(['customers', 'list', '--json'])).stdout) as {
      id: string;
      name: string;
    }[];
    const customer = customers[0]!;
    const out = path.join(root, 'record.pdf');
    const record = await run([
      'documents',
      'generate',
      '--customer',
      customer.id,
      '--type',
      'record',
      '--format',
      'pdf',
      '--out',
      out,
      '--json',
    ]);
    assert.equal(record.code, 0, record.stderr);
    const stored = JSON.parse(record.stdout) as { fileSha256: string; writtenTo: string };
    assert.equal(stored.writtenTo, out);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    assert.ok(text.includes(customer.name), 'the record names the customer');

    const dpa = await run([
      'documents',
      'generate',
      '--customer',
      customer.id,
      '--out',
      path.join(root, 'dpa.pdf'),
    ]);
    assert.notEqual(dpa.code, 0);
    assert.match(
      dpa.stderr,
      /KvK/i,
      'the seeded processor profile has no KvK number yet: the message says so',
    );

    const bad = await run([
      'documents',
      'generate',
      '--customer',
      customer.id,
      '--format',
      'odt',
      '--out',
      out,
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be one of pdf, docx/);
  });
});
