import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildZip } from '../../../../test/fixtures/scanner/scanner.corpus.ts';
import { scanFiles, streamFindings } from './scanner.engine.ts';
import type { Finding, ScanOptions } from './scanner.types.ts';

let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'art28-scanner-test-'));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, data: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function scan(paths: string[], options: ScanOptions = {}) {
  const findings: Finding[] = [];
  const summary = await scanFiles(paths, {
    withValues: true,
    ...options,
    onFinding: (finding) => {
      findings.push(finding);
    },
  });
  findings.sort((a, b) => (a.file === b.file ? a.offset - b.offset : a.file < b.file ? -1 : 1));
  return { summary, findings };
}

describe('chunk borders', () => {
  test('on one 9 MB line without line breaks every value is found exactly once at its offset', async () => {
    // Units of varying width so values straddle the buffer cuts at every alignment.
    const parts: string[] = [];
    const expected: number[] = [];
    let offset = 0;
    for (let i = 0; offset < 9_000_000; i++) {
      const pad = 'x'.repeat(i % 7);
      const unit = `${pad} bsn 111222333 `;
      expected.push(offset + pad.length + 5);
      parts.push(unit);
      offset += unit.length;
    }
    const path = write('one-line.txt', parts.join(''));
    const { findings } = await scan([path]);
    const offsets = findings.filter((f) => f.type === 'BSN').map((f) => f.offset);
    assert.equal(offsets.length, expected.length);
    assert.deepEqual(offsets, expected);
  });

  test('a file split into byte ranges reports each line once, in-process and with two workers', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      lines.push(`${i};user${i}@example.nl;${'y'.repeat(i % 13)}\n`);
    }
    const path = write('ranges.csv', `id;email;pad\n${lines.join('')}`);
    const whole = await scan([path], { workers: 0 });
    const split = await scan([path], { workers: 0, splitBytes: 100_000 });
    const parallel = await scan([path], { workers: 2, splitBytes: 100_000 });
    assert.equal(whole.findings.length, 40_000);
    assert.deepEqual(
      split.findings.map((f) => f.offset),
      whole.findings.map((f) => f.offset),
    );
    assert.deepEqual(
      parallel.findings.map((f) => f.offset),
      whole.findings.map((f) => f.offset),
    );
    assert.equal(parallel.summary.workers, 2);
    assert.deepEqual(parallel.summary.types.EMAIL, { count: 40_000, distinct: 40_000 });
  });
});

describe('encodings and compression', () => {
  test('gzip: offsets refer to the decompressed data', async () => {
    const text = 'naam,bsn\nJan,111222333\n';
    const path = write('export.csv.gz', gzipSync(Buffer.from(text)));
    const { findings, summary } = await scan([path]);
    const bsn = findings.find((f) => f.type === 'BSN');
    assert.equal(bsn?.offset, text.indexOf('111222333'));
    assert.equal(bsn?.file, path);
    assert.equal(summary.bytes, text.length);
  });

  test('zip: deflated and stored entries are scanned and named archive!/entry', async () => {
    const path = write(
      'mail.zip',
      buildZip([
        { name: 'inbox/a.txt', data: Buffer.from('Mijn IBAN is NL91ABNA0417164300.') },
        { name: 'b.csv', data: Buffer.from('email\njan@example.nl\n'), isStored: true },
      ]),
    );
    const { findings } = await scan([path]);
    assert.deepEqual(
      findings.map((f) => [f.file, f.type, f.value]),
      [
        [`${path}!/b.csv`, 'EMAIL', 'jan@example.nl'],
        [`${path}!/inbox/a.txt`, 'IBAN', 'NL91ABNA0417164300'],
      ],
    );
  });

  test('Latin-1 text: names with accents are read back correctly', async () => {
    const path = write('latin1.csv', Buffer.from('naam;bsn\nJosé Müller;111222333\n', 'latin1'));
    const { findings } = await scan([path]);
    assert.deepEqual(
      findings.map((f) => [f.type, f.value]),
      [
        ['PERSON_NAME', 'José Müller'],
        ['BSN', '111222333'],
      ],
    );
  });
});

describe('bad input', () => {
  test('a missing file and an empty directory are listed as skipped, not thrown', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const { summary } = await scan([join(dir, 'nope.txt'), empty]);
    assert.deepEqual(summary.skipped, [
      { file: join(dir, 'nope.txt'), reason: 'file not found' },
      { file: empty, reason: 'directory holds no readable files' },
    ]);
    assert.equal(summary.files, 0);
  });

  test('a binary file is skipped and listed', async () => {
    const path = write(
      'image.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    const { summary } = await scan([path]);
    assert.equal(summary.skipped[0]?.file, path);
    assert.match(summary.skipped[0]?.reason ?? '', /binary/);
  });

  test('a truncated gzip gives the findings before the cut and says what was skipped', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `regel ${i} mail user${i}@example.nl\n`).join('');
    const gz = gzipSync(Buffer.from(lines));
    const path = write('cut.log.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { summary, findings } = await scan([path]);
    assert.ok(findings.length > 1000 && findings.length < 20_000);
    assert.match(
      summary.skipped[0]?.reason ?? '',
      /truncated compressed data; scanned the first \d+ bytes only/,
    );
  });

  test('a zip64 archive is refused with a clear message', async () => {
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(0xffff, 8);
    eocd.writeUInt16LE(0xffff, 10);
    eocd.writeUInt32LE(0xffffffff, 12);
    eocd.writeUInt32LE(0xffffffff, 16);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const path = write('big.zip', Buffer.concat([local, eocd]));
    const { summary } = await scan([path]);
    assert.match(summary.skipped[0]?.reason ?? '', /zip64/);
  });

  test('a CSV with broken quoting is still scanned after the bad line', async () => {
    const path = write('broken.csv', 'a,b,c\n"unterminated,x,y\n1,2,jan@example.nl\n3,"4,5\n6,7,111222333\n');
    const { findings } = await scan([path]);
    assert.deepEqual(
      findings.map((f) => f.value),
      ['jan@example.nl', '111222333'],
    );
  });

  test('a 12 MB line of base64 is passed over and the value after it is still found', async () => {
    const blob = 'QUJD'.repeat(3_000_000);
    const path = write('blob.txt', `${blob}\nbsn 111222333\n`);
    const { findings } = await scan([path]);
    assert.deepEqual(
      findings.map((f) => [f.type, f.offset]),
      [['BSN', blob.length + 5]],
    );
  });
});

describe('summary and streaming', () => {
  test('the summary counts and bounds persons without holding any raw value', async () => {
    const csv =
      'caller;callee;imsi\n31612345678;0201234567;204081234567890\n31612345678;0687654321;204081234567890\n';
    const path = write('cdr.csv', csv);
    const summary = await scanFiles([path]);
    assert.deepEqual(summary.types.PHONE, { count: 4, distinct: 3 });
    assert.deepEqual(summary.persons, { min: 2, max: 4 });
    const text = JSON.stringify(summary);
    assert.equal(text.includes('612345678'), false);
    assert.equal(text.includes('204081234567890'), false);
  });

  test('past the exact-count cap, distinct counts and person bounds become estimates and say so', async () => {
    const path = write('many.txt', Array.from({ length: 5000 }, (_, i) => `m${i}@example.nl\n`).join(''));
    const summary = await scanFiles([path], { maxExactDistinct: 500 });
    const distinct = summary.types.EMAIL?.distinct ?? 0;
    assert.equal(summary.isApproximate, true);
    assert.ok(Math.abs(distinct - 5000) < 250, String(distinct));
    assert.ok(Math.abs(summary.persons.max - 5000) < 250, String(summary.persons.max));
  });

  test('findings can be pulled as an async iterable next to the summary', async () => {
    const path = write('pull.txt', Array.from({ length: 3000 }, (_, i) => `u${i}@example.nl\n`).join(''));
    const stream = streamFindings([path]);
    let count = 0;
    for await (const finding of stream.findings) {
      assert.equal(finding.type, 'EMAIL');
      count++;
    }
    assert.equal(count, 3000);
    assert.equal((await stream.summary).types.EMAIL?.count, 3000);
  });
});

describe('stopping a scan', () => {
  // 8 MB in 4 MiB chunks and, with workers, ranges of 1 MB: a stop after the first progress report must end it.
  const big = () => write('stop.txt', 'mail jan@example.nl bsn 111222333 tel 0612345678\n'.repeat(160_000));

  for (const workers of [0, 2]) {
    test(`a stop request ends the scan with the signal's reason (${workers === 0 ? 'in process' : 'two workers'})`, async () => {
      const path = big();
      const controller = new AbortController();
      const reports: number[] = [];
      const stopped = scanFiles([path], {
        workers,
        splitBytes: 1024 * 1024,
        signal: controller.signal,
        onProgress: (p) => {
          reports.push(p.bytesDone);
          if (reports.length === 1) {
            controller.abort(new Error('stopped by staff'));
          }
        },
      });
      await assert.rejects(stopped, /stopped by staff/);
      assert.ok(reports[0]! < 8_000_000, 'the scan had not finished when it was stopped');
    });
  }

  test('a signal already stopped scans nothing', async () => {
    const path = write('tiny.txt', 'bsn 111222333\n');
    await assert.rejects(scanFiles([path], { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });
});

describe('workers', () => {
  test('workers start when the parent loaded TypeScript through tsx register() (as bin/art28.mjs does)', () => {
    const path = write('w.txt', 'bsn 111222333\n'.repeat(1000));
    const engine = new URL('./scanner.engine.ts', import.meta.url).href;
    const script = [
      "const { register } = await import('tsx/esm/api');",
      'register();',
      `const { scanFiles } = await import(${JSON.stringify(engine)});`,
      `const s = await scanFiles([${JSON.stringify(path)}], { workers: 2, splitBytes: 4096 });`,
      'console.log(JSON.stringify({ workers: s.workers, bsn: s.types.BSN }));',
    ].join('\n');
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(output.trim()), { workers: 2, bsn: { count: 1000, distinct: 1 } });
  });
});
