import { createWriteStream, type WriteStream } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { scanFiles } from '../../server/modules/scanner/scanner.engine.ts';
import {
  type Finding,
  PII_TYPES,
  type ScanProgress,
  type ScanSummary,
} from '../../server/modules/scanner/scanner.types.ts';

interface ScanCommandOptions {
  json?: boolean;
  findings?: string;
  withValues?: boolean;
  workers?: number;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) {
    throw new InvalidArgumentError('expected a whole number from 0 (no worker threads) to 64');
  }
  return n;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;
}

// A bar on stderr only when it is a terminal and the scan has already taken a while; piped output stays clean.
function createProgressBar(stream: NodeJS.WriteStream): {
  update: (p: ScanProgress) => void;
  stop: () => void;
} {
  const started = Date.now();
  let last = 0;
  let isShown = false;
  return {
    update: (p) => {
      const now = Date.now();
      if (!stream.isTTY || now - started < 1500 || now - last < 100 || p.bytesTotal === 0) {
        return;
      }
      last = now;
      isShown = true;
      const ratio = Math.min(1, p.bytesDone / p.bytesTotal);
      const width = 30;
      const filled = Math.round(ratio * width);
      const rate = p.bytesDone / 1e6 / ((now - started) / 1000);
      stream.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${formatMb(p.bytesDone)} / ${formatMb(p.bytesTotal)}  ${rate.toFixed(0)} MB/s  ${p.filesDone}/${p.filesTotal}`,
      );
    },
    stop: () => {
      if (isShown) {
        stream.write('\r\x1b[2K');
      }
    },
  };
}

function openFindingsFile(
  path: string,
  withValues: boolean,
): {
  write: (f: Finding) => void | Promise<void>;
  close: () => Promise<void>;
} {
  const out: WriteStream = createWriteStream(path, { flags: 'w', mode: 0o600 });
  return {
    write: (f) => {
      const record: Finding = {
        file: f.file,
        type: f.type,
        offset: f.offset,
        length: f.length,
        confidence: f.confidence,
      };
      if (withValues && f.value !== undefined) {
        record.value = f.value;
      }
      if (!out.write(`${JSON.stringify(record)}\n`)) {
        return new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        out.end((error?: Error | null) => (error ? reject(error) : resolve()));
      }),
  };
}

function printTable(summary: ScanSummary): void {
  const rows: [string, string, string][] = [];
  for (const type of PII_TYPES) {
    const t = summary.types[type];
    if (t) {
      rows.push([type, String(t.count), String(t.distinct)]);
    }
  }
  const lines = [
    `files/bestanden ${summary.files}   ${formatMb(summary.bytes)}   ${summary.seconds} s   ${summary.mbPerSecond} MB/s`,
    '',
    `${'TYPE'.padEnd(16)}${'COUNT'.padStart(12)}${'DISTINCT'.padStart(12)}`,
    ...rows.map(
      ([type, count, distinct]) => `${type.padEnd(16)}${count.padStart(12)}${distinct.padStart(12)}`,
    ),
    '',
    `persons/personen  min ${summary.persons.min}  max ${summary.persons.max}${summary.isApproximate ? '  (≈)' : ''}`,
  ];
  if (rows.length === 0) {
    lines.splice(2, 1, '— (0)');
  }
  console.log(lines.join('\n'));
  if (summary.skipped.length > 0) {
    console.log(`\nskipped/overgeslagen ${summary.skipped.length}`);
    for (const s of summary.skipped) {
      console.log(`  ${s.file}: ${s.reason}`);
    }
  }
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('Scan leaked files for personal data (Annex 3: types and number of people)')
    .argument('<paths...>', 'files or directories; .gz and .zip are read as well')
    .option('--json', 'print the summary as JSON')
    .option('--findings <file>', 'write every finding as a JSON line to this file')
    .option('--with-values', 'include the found values in the findings file (creates a copy of leaked data)')
    .option(
      '--workers <n>',
      'worker threads (0 = scan on the main thread; default: all cores for large inputs)',
      parseWorkers,
    )
    .action(async (paths: string[], options: ScanCommandOptions) => {
      if (options.withValues && !options.findings) {
        console.error('--with-values only applies together with --findings <file>');
        process.exitCode = 2;
        return;
      }
      if (options.withValues) {
        console.error(
          'warning: the findings file will contain the personal data found; store and delete it accordingly',
        );
      }
      const sink = options.findings ? openFindingsFile(options.findings, options.withValues ?? false) : null;
      const bar = createProgressBar(process.stderr);
      let summary: ScanSummary;
      try {
        summary = await scanFiles(paths, {
          workers: options.workers,
          withValues: options.withValues ?? false,
          onFinding: sink ? sink.write : undefined,
          onProgress: bar.update,
        });
      } finally {
        bar.stop();
        await sink?.close();
      }
      if (options.json) {
        const {
          files,
          bytes,
          seconds,
          mbPerSecond,
          types,
          persons,
          skipped,
          lowConfidence,
          isApproximate,
          workers,
        } = summary;
        console.log(
          JSON.stringify(
            {
              files,
              bytes,
              seconds,
              mbPerSecond,
              types,
              persons,
              skipped,
              lowConfidence,
              isApproximate,
              workers,
            },
            null,
            2,
          ),
        );
      } else {
        printTable(summary);
      }
      if (summary.files === 0) {
        if (!options.json) {
          console.error('nothing was scanned');
        }
        process.exitCode = 1;
      }
    });
}
