import { mkdtempSync, rmSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { redact } from '@arcjet/redact';
import { SyncRedactor } from 'redact-pii';
import { scanFiles } from '../src/server/modules/scanner/scanner.engine.ts';
import { writeCorpus } from '../test/fixtures/scanner/scanner.corpus.ts';

// Throughput of art28's scanner against the raw read speed of the same files and against two npm PII
// libraries. The baselines are two orders of magnitude slower, so they run on a mixed sample of a few MB and
// their MB/s is extrapolated. Figures are printed, never asserted.
//
// Two figures per run: wall-clock MB/s, and MB per CPU-second (process CPU time of all threads). On a shared
// machine the wall clock mostly measures the other tenants; CPU-seconds measure the code. The load average is
// printed next to them.

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    'sample-mb': { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
  },
});

const MB = 1e6;

interface Rate {
  wall: number;
  cpu: number;
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function formatLoad(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

function line(label: string, rate: Rate | null, note = ''): void {
  const cells = rate ? `${rate.wall.toFixed(1).padStart(10)} ${rate.cpu.toFixed(1).padStart(10)}` : '';
  console.log(`${label.padEnd(46)} ${cells}${note ? `   ${note}` : ''}`);
}

async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort().map((name) => join(dir, name));
}

async function measureRawRead(files: string[], totalBytes: number): Promise<Rate> {
  const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const file of files) {
    const handle = await open(file, 'r');
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buf, 0, buf.length, null);
        if (bytesRead === 0) {
          break;
        }
      }
    } finally {
      await handle.close();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { wall: totalBytes / MB / seconds, cpu: totalBytes / MB / cpuSecondsSince(cpu) };
}

// A few MB taken evenly from every file, cut at line ends, so the baselines see the same mix of CDR, JSONL,
// mail and log text as art28.
async function buildSample(files: string[], totalBytes: number, sampleBytes: number): Promise<string[]> {
  const chunks: string[] = [];
  for (const file of files) {
    const size = (await stat(file)).size;
    const share = Math.max(16 * 1024, Math.round((size / totalBytes) * sampleBytes));
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(share, size));
      await handle.read(buf, 0, buf.length, Math.floor(size / 3));
      const text = buf.toString('utf8');
      const body = text.slice(text.indexOf('\n') + 1, text.lastIndexOf('\n') + 1);
      for (let i = 0; i < body.length; i += 64 * 1024) {
        chunks.push(body.slice(i, i + 64 * 1024));
      }
    } finally {
      await handle.close();
    }
  }
  return chunks;
}

async function timeBaseline(
  chunks: string[],
  run: (chunk: string) => unknown,
): Promise<Rate & { bytes: number }> {
  const bytes = chunks.reduce((sum, c) => sum + Buffer.byteLength(c), 0);
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const chunk of chunks) {
    await run(chunk);
  }
  const seconds = (performance.now() - started) / 1000;
  return { bytes, wall: bytes / MB / seconds, cpu: bytes / MB / cpuSecondsSince(cpu) };
}

async function main(): Promise<void> {
  const targetBytes = Number(values.mb) * MB;
  const dir = mkdtempSync(join(tmpdir(), 'art28-scanner-bench-'));
  try {
    const generationStart = performance.now();
    // scale 1 ≈ 10.6 MB; the persons pool grows with the corpus so distinct counts stay realistic.
    const scale = targetBytes / (10.6 * MB);
    const corpus = writeCorpus(dir, {
      seed: Number(values.seed),
      persons: Math.round(2000 * Math.max(1, scale / 2)),
      scale,
      isLabelling: false,
      isCompressing: false,
    });
    const files = await listFiles(dir);
    const totalBytes = corpus.bytes;
    const workers = availableParallelism();
    console.log(
      `corpus: ${files.length} files, ${(totalBytes / MB).toFixed(1)} MB in ${dir} (generated in ${((performance.now() - generationStart) / 1000).toFixed(1)} s)`,
    );
    console.log(`machine: ${workers} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
    console.log(`load average before: ${formatLoad()}\n`);
    console.log(`${''.padEnd(46)} ${'wall MB/s'.padStart(10)} ${'MB/CPU-s'.padStart(10)}`);

    await measureRawRead(files, totalBytes);
    const raw = await measureRawRead(files, totalBytes);
    line('raw read (fs.read, 4 MiB buffer, warm cache)', raw);

    // The second in-process pass runs on code V8 has already compiled: the steady state of a long scan, where the
    // one-off JIT cost (~0.7 CPU-s here) no longer weighs. Each worker starts cold, as the first pass does.
    const runs = [
      { key: 'cold', label: 'art28 in-process (main thread)', workers: 0 },
      { key: 'warm', label: 'art28 in-process, 2nd pass (JIT warm)', workers: 0 },
      { key: 'one', label: 'art28, 1 worker', workers: 1 },
      { key: 'all', label: `art28, ${workers} workers`, workers },
    ];
    const results = new Map<string, Rate>();
    for (const run of runs) {
      const cpu = process.cpuUsage();
      const summary = await scanFiles([dir], { workers: run.workers });
      const rate = { wall: summary.mbPerSecond, cpu: summary.bytes / MB / cpuSecondsSince(cpu) };
      results.set(run.key, rate);
      line(
        run.label,
        rate,
        `${(summary.bytes / MB).toFixed(0)} MB in ${summary.seconds.toFixed(2)} s, persons ${summary.persons.min}–${summary.persons.max}`,
      );
    }
    console.log(
      `${'peak RSS of the bench process'.padEnd(46)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );

    const sample = await buildSample(files, totalBytes, Number(values['sample-mb']) * MB);
    const redactor = new SyncRedactor();
    const redactPii = await timeBaseline(sample, (chunk) => redactor.redact(chunk));
    const arcjet = await timeBaseline(sample, (chunk) => redact(chunk));
    console.log('');
    line('redact-pii 3.4.0 SyncRedactor.redact', redactPii, `${(redactPii.bytes / MB).toFixed(1)} MB sample`);
    line('@arcjet/redact 1.4.0 redact (all entities)', arcjet, `${(arcjet.bytes / MB).toFixed(1)} MB sample`);

    const fastest: Rate = {
      wall: Math.max(redactPii.wall, arcjet.wall),
      cpu: Math.max(redactPii.cpu, arcjet.cpu),
    };
    const ratio = (a: Rate, b: Rate): Rate => ({ wall: a.wall / b.wall, cpu: a.cpu / b.cpu });
    const single = results.get('one') ?? { wall: 0, cpu: 0 };
    const all = results.get('all') ?? { wall: 0, cpu: 0 };
    const warm = results.get('warm') ?? { wall: 0, cpu: 0 };
    console.log(`\n${'ratios'.padEnd(46)} ${'wall'.padStart(10)} ${'CPU'.padStart(10)}`);
    line('art28 1 worker / fastest baseline (×)', ratio(single, fastest));
    line('art28 JIT warm / fastest baseline (×)', ratio(warm, fastest));
    line(`art28 ${workers} workers / fastest baseline (×)`, ratio(all, fastest));
    line(`raw read / art28 ${workers} workers (×)`, ratio(raw, all));
    line(`art28 ${workers} workers / 1 worker (×)`, ratio(all, single));
    console.log(`\nload average after: ${formatLoad()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
