import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scanFiles } from '../src/server/modules/scanner/scanner.engine.ts';
import { writeCorpus } from '../test/fixtures/scanner/scanner.corpus.ts';

// Issue 10 asks that memory stay flat whatever the input size. This scans a generated input of --gb gigabytes
// and samples the process's resident set (main thread and workers together) while the bytes go by, so the
// figures show whether memory follows the file size. Two shapes:
//   corpus  the mixed corpus of the speed bench (CDR CSV, JSONL, mail, firewall log, …) scaled up;
//   line    one line without a single line break (the "2 GB single line" of the issue's bad input).
// Figures are printed, never asserted.

const { values } = parseArgs({
  options: {
    gb: { type: 'string', default: '2' },
    shape: { type: 'string', default: 'corpus' },
    workers: { type: 'string' },
    seed: { type: 'string', default: '11' },
    // internal: the corpus is written by a child process, so the generator's own memory is not counted
    'generate-into': { type: 'string' },
  },
});

const MB = 1e6;
const GB = 1e9;

function rssMb(): number {
  return process.memoryUsage.rss() / 2 ** 20;
}

function generateCorpus(dir: string, targetBytes: number): number {
  // scale 1 ≈ 10.6 MB; the persons pool grows with the corpus so distinct counts stay realistic.
  const scale = targetBytes / (10.6 * MB);
  return writeCorpus(dir, {
    seed: Number(values.seed),
    persons: Math.round(2000 * Math.max(1, scale / 2)),
    scale,
    isLabelling: false,
    isCompressing: false,
  }).bytes;
}

function writeSingleLine(path: string, bytes: number): number {
  // Words a scanner looks at (numbers, addresses) but no line break anywhere.
  const piece = Buffer.from(
    'user=anna.jansen@example.nl src=203.0.113.7 iban=NL91ABNA0417164300 tel=0612345678 note=aanvraag ',
  );
  const block = Buffer.alloc(4 * 1024 * 1024);
  for (let at = 0; at < block.length; at += piece.length) {
    piece.copy(block, at, 0, Math.min(piece.length, block.length - at));
  }
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    while (written < bytes) {
      const n = Math.min(block.length, bytes - written);
      writeSync(fd, block, 0, n);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

function line(cells: string[]): void {
  console.log(cells.map((c) => c.padStart(8)).join(' '));
}

async function main(): Promise<void> {
  const targetBytes = Number(values.gb) * GB;
  if (values['generate-into']) {
    process.stdout.write(String(generateCorpus(values['generate-into'], targetBytes)));
    return;
  }
  const shape = values.shape;
  if (shape !== 'corpus' && shape !== 'line') {
    throw new Error('--shape must be corpus or line');
  }
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  const dir = mkdtempSync(join(tmpdir(), 'art28-scanner-memory-'));
  try {
    const generationStart = performance.now();
    let bytes: number;
    if (shape === 'line') {
      bytes = writeSingleLine(join(dir, 'one-line.log'), targetBytes);
    } else {
      const script = process.argv[1]!;
      const args = ['--gb', String(values.gb), '--seed', String(values.seed), '--generate-into', dir];
      const output = execFileSync(process.execPath, [...process.execArgv, script, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      bytes = Number(output);
    }
    const generated = ((performance.now() - generationStart) / 1000).toFixed(0);
    console.log(`input: ${shape}, ${(bytes / GB).toFixed(2)} GB in ${dir} (generated in ${generated} s)`);
    global.gc?.();
    const before = rssMb();
    console.log(`workers: ${workers}; RSS before the scan: ${before.toFixed(0)} MB\n`);
    line(['scanned', 'GB', 'RSS MB', 'peak MB']);

    let peak = before;
    let peakAtTenth = before;
    let nextReport = 0.1;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
    }, 50);
    const started = performance.now();
    const summary = await scanFiles([dir], {
      workers,
      onProgress: (progress) => {
        const fraction = progress.bytesDone / progress.bytesTotal;
        while (fraction >= nextReport && nextReport <= 1.0001) {
          const rss = rssMb();
          peak = Math.max(peak, rss);
          if (nextReport < 0.15) {
            peakAtTenth = peak;
          }
          line([
            `${(fraction * 100).toFixed(0)} %`,
            (progress.bytesDone / GB).toFixed(2),
            rss.toFixed(0),
            peak.toFixed(0),
          ]);
          nextReport += 0.1;
        }
      },
    });
    clearInterval(sampler);
    const peakWhileScanning = peak;
    const afterMerge = rssMb();
    const seconds = (performance.now() - started) / 1000;
    const findings = Object.values(summary.types).reduce((sum, t) => sum + (t?.count ?? 0), 0);
    console.log('');
    console.log(
      `scanned ${(summary.bytes / GB).toFixed(2)} GB in ${seconds.toFixed(0)} s (${summary.mbPerSecond.toFixed(0)} MB/s wall)`,
    );
    console.log(
      `findings: ${findings}; persons ${summary.persons.min}–${summary.persons.max}${summary.isApproximate ? ' (estimated: an exact distinct set reached its cap)' : ''}`,
    );
    console.log(
      `RSS at 10 %: ${peakAtTenth.toFixed(0)} MB; peak until the summary (incl. merging the workers' sets): ${peakWhileScanning.toFixed(0)} MB; after: ${afterMerge.toFixed(0)} MB`,
    );
    console.log(
      'bound: a 4 MiB buffer per worker plus exact distinct sets (1,000,000 keys per type, 2,000,000 person identifiers; then HyperLogLog) per worker and in the merge; nothing keeps the bytes themselves',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
