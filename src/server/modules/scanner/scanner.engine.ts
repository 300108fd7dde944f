import { createReadStream } from 'node:fs';
import { type FileHandle, open, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { getKeyInfo, type KeyInfo } from './scanner.context.ts';
import { ByteScanner } from './scanner.detectors.ts';
import { createRunKey, KeyedHasher } from './scanner.persons.ts';
import { expandBatch, type FindingBatch, ScanStats, type StatsExport } from './scanner.stats.ts';
import type { FileFormat, Finding, ScanOptions, ScanSummary, SkippedFile } from './scanner.types.ts';

// Buffer layout: [left context | unscanned data | free]. Values never span more than LOOKAHEAD bytes and
// keywords are read at most LEFT_CONTEXT bytes back, so a chunk is cut at its last newline (or, for a line
// longer than the buffer, LOOKAHEAD bytes before the end) and only those bytes are carried over.
const WORK_SIZE = 4 * 1024 * 1024;
const LEFT_CONTEXT = 256;
const LOOKAHEAD = 1024;
const SNIFF_SIZE = 64 * 1024;
const DEFAULT_SPLIT = 32 * 1024 * 1024;
const PARALLEL_THRESHOLD = 48 * 1024 * 1024;
const DEFAULT_MAX_DISTINCT = 1_000_000;

export type SourceKind = 'plain' | 'gzip' | 'zip';

export interface ScanTask {
  id: number;
  path: string;
  kind: SourceKind;
  start: number;
  end: number;
  size: number;
  format: FileFormat | null;
  separator: number;
  header: string[];
  isUtf8: boolean;
}

export interface TaskResult {
  bytes: number;
  sources: number;
  skipped: SkippedFile[];
}

export interface TaskContext {
  stats: ScanStats;
  hasher: KeyedHasher;
  onInputBytes: (bytes: number) => void;
  drain: () => Promise<void>;
}

export interface ContentProfile {
  isBinary: boolean;
  reason: string;
  format: FileFormat;
  separator: number;
  header: string[];
  isUtf8: boolean;
}

// ---- sniffing ----

function isValidUtf8(buf: Uint8Array, length: number): boolean {
  let i = 0;
  while (i < length) {
    const c = buf[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
    } else {
      return false;
    }
    if (i + need >= length) {
      return true;
    }
    for (let k = 1; k <= need; k++) {
      if ((buf[i + k]! & 0xc0) !== 0x80) {
        return false;
      }
    }
    i += need + 1;
  }
  return true;
}

function splitSampleLines(text: string): string[] {
  return text
    .split('\n')
    .slice(0, 40)
    .map((l) => l.replace(/\r$/, ''));
}

function countOutsideQuotes(line: string, sep: string): number {
  let count = 0;
  let isQuoted = false;
  for (const ch of line) {
    if (ch === '"') {
      isQuoted = !isQuoted;
    } else if (ch === sep && !isQuoted) {
      count++;
    }
  }
  return count;
}

function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let field = '';
  let isQuoted = false;
  for (const ch of line) {
    if (ch === '"') {
      isQuoted = !isQuoted;
    } else if (ch === sep && !isQuoted) {
      out.push(field.trim());
      field = '';
    } else {
      field += ch;
    }
  }
  out.push(field.trim());
  return out;
}

const MONTH_START = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s/i;

export function profileContent(sample: Uint8Array, name: string): ContentProfile {
  const length = Math.min(sample.length, SNIFF_SIZE);
  const profile: ContentProfile = {
    isBinary: false,
    reason: '',
    format: 'text',
    separator: 0,
    header: [],
    isUtf8: true,
  };
  if (
    length >= 2 &&
    ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))
  ) {
    return { ...profile, isBinary: true, reason: 'UTF-16 text is not supported; convert it to UTF-8' };
  }
  let controls = 0;
  const probe = Math.min(length, 8192);
  for (let i = 0; i < probe; i++) {
    const c = sample[i]!;
    if (c === 0) {
      return { ...profile, isBinary: true, reason: 'binary file (NUL bytes), not scanned' };
    }
    if (c < 9 || (c > 13 && c < 32 && c !== 27)) {
      controls++;
    }
  }
  if (probe > 0 && controls / probe > 0.05) {
    return { ...profile, isBinary: true, reason: 'binary file (control bytes), not scanned' };
  }
  profile.isUtf8 = isValidUtf8(sample, length);
  const text = new TextDecoder(profile.isUtf8 ? 'utf-8' : 'latin1').decode(sample.subarray(0, length));
  const ext = extname(name.replace(/\.gz$/i, '')).toLowerCase();
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const lines = splitSampleLines(text).filter((l) => l.trim().length > 0);
  if (
    trimmed.startsWith('{') ||
    trimmed.startsWith('[') ||
    ext === '.json' ||
    ext === '.jsonl' ||
    ext === '.ndjson'
  ) {
    const objectLines = lines.filter((l) => l.trimStart().startsWith('{') && l.trimEnd().endsWith('}'));
    const isLines =
      ext === '.jsonl' ||
      ext === '.ndjson' ||
      (objectLines.length >= 2 && objectLines.length >= lines.length * 0.8);
    profile.format = isLines ? 'jsonl' : 'json';
    return profile;
  }
  let best = '';
  let bestCount = 0;
  const candidates = ext === '.tsv' ? ['\t'] : [',', ';', '\t', '|'];
  const complete = lines.length > 2 ? lines.slice(0, -1) : lines;
  for (const sep of candidates) {
    const first = countOutsideQuotes(complete[0] ?? '', sep);
    if (first === 0) {
      continue;
    }
    // Rows may carry more fields than the header (an unquoted decimal comma); fewer means another separator.
    const agreeing = complete.filter((l) => countOutsideQuotes(l, sep) >= first).length;
    if (agreeing >= complete.length * 0.8 && first > bestCount) {
      best = sep;
      bestCount = first;
    }
  }
  if (best !== '' && (bestCount >= 2 || ext === '.csv' || ext === '.tsv')) {
    profile.format = 'csv';
    profile.separator = best.charCodeAt(0);
    const fields = splitCsvLine(complete[0] ?? '', best);
    const isHeader = fields.every((f) => /[A-Za-z]/.test(f) && !f.includes('@') && !/\d{4}/.test(f));
    profile.header = isHeader ? fields.map((f) => f.replace(/^"|"$/g, '')) : [];
    return profile;
  }
  const logLike = lines.filter((l) => /^(\d|\[|<\d)/.test(l) || MONTH_START.test(l)).length;
  profile.format = ext === '.log' || (lines.length > 0 && logLike >= lines.length * 0.6) ? 'log' : 'text';
  return profile;
}

// ---- the chunk driver ----

class ChunkDriver {
  readonly buf = Buffer.allocUnsafe(WORK_SIZE);
  length = 0;
  private scanFrom = 0;
  private base: number;
  scanned = 0;

  constructor(
    private readonly scanner: ByteScanner,
    startAbs: number,
  ) {
    this.base = startAbs;
  }

  get freeSpace(): number {
    return this.buf.length - this.length;
  }

  get absoluteEnd(): number {
    return this.base + this.length;
  }

  skipTo(index: number): void {
    this.scanFrom = index;
  }

  rebase(dropped: number): void {
    this.base += dropped;
  }

  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(this.freeSpace, chunk.length - offset);
      this.buf.set(chunk.subarray(offset, offset + n), this.length);
      this.length += n;
      offset += n;
      if (this.freeSpace === 0) {
        this.process(false, -1);
      }
    }
  }

  // hardEnd: index in buf after which nothing belongs to this task (a split range), or -1.
  process(isFinal: boolean, hardEnd: number): void {
    const buf = this.buf;
    let end = this.length;
    let cut: number;
    let isLast = isFinal;
    if (hardEnd >= 0) {
      end = hardEnd;
      cut = hardEnd;
      isLast = true;
    } else if (isFinal) {
      cut = end;
    } else {
      const nl = buf.lastIndexOf(10, end - 1);
      if (nl >= this.scanFrom) {
        cut = nl + 1;
      } else if (this.freeSpace === 0) {
        cut = Math.max(this.scanFrom, end - LOOKAHEAD);
      } else {
        return;
      }
    }
    if (cut <= this.scanFrom && !isLast) {
      return;
    }
    const next = Math.min(this.scanner.scan(buf, this.scanFrom, cut, end, this.base, isLast), end);
    this.scanned += next - this.scanFrom;
    const shift = Math.max(0, next - LEFT_CONTEXT);
    if (shift > 0) {
      buf.copyWithin(0, shift, this.length);
      this.length -= shift;
      this.base += shift;
    }
    this.scanFrom = next - shift;
  }
}

function createScanner(profile: ContentProfile, ctx: TaskContext, startAbs: number): ByteScanner {
  const columns: KeyInfo[] = profile.header.map((name) => getKeyInfo(name));
  const scanner = new ByteScanner(
    { format: profile.format, separator: profile.separator, columns },
    ctx.stats,
    ctx.hasher,
  );
  scanner.resetPosition(startAbs);
  return scanner;
}

// Streams a decompressed or stored source through sniffing and the chunk driver.
async function scanStream(
  stream: AsyncIterable<Uint8Array>,
  name: string,
  ctx: TaskContext,
  result: TaskResult,
): Promise<void> {
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let driver: ChunkDriver | null = null;
  let isSkipped = false;
  const start = (sample: Uint8Array): void => {
    const profile = profileContent(sample, name);
    if (profile.isBinary) {
      isSkipped = true;
      result.skipped.push({ file: name, reason: profile.reason });
      return;
    }
    ctx.stats.setFile(name, profile.isUtf8);
    driver = new ChunkDriver(createScanner(profile, ctx, 0), 0);
  };
  try {
    for await (const chunk of stream) {
      if (isSkipped) {
        continue;
      }
      if (!driver) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < SNIFF_SIZE) {
          continue;
        }
        const sample = Buffer.concat(pending);
        start(sample);
        if (driver) {
          (driver as ChunkDriver).push(sample);
        }
        pending.length = 0;
        continue;
      }
      (driver as ChunkDriver).push(chunk);
      await ctx.drain();
    }
  } catch (error) {
    const d = driver as ChunkDriver | null;
    if (d) {
      d.process(true, -1);
      result.bytes += d.scanned;
      result.sources++;
    }
    const message = error instanceof Error ? error.message : String(error);
    result.skipped.push({
      file: name,
      reason: `${describeStreamError(message)}; scanned the first ${d ? d.scanned : 0} bytes only`,
    });
    ctx.stats.flushBatch();
    return;
  }
  if (isSkipped) {
    return;
  }
  if (!driver && pending.length > 0) {
    const sample = Buffer.concat(pending);
    start(sample);
    if (driver) {
      (driver as ChunkDriver).push(sample);
    }
  }
  const d = driver as ChunkDriver | null;
  if (d) {
    d.process(true, -1);
    result.bytes += d.scanned;
    result.sources++;
  } else if (!isSkipped) {
    result.sources++;
  }
  ctx.stats.flushBatch();
}

function describeStreamError(message: string): string {
  if (/unexpected end of file/i.test(message)) {
    return 'truncated compressed data';
  }
  if (/incorrect header check|invalid/i.test(message)) {
    return `corrupt compressed data (${message})`;
  }
  return `read error (${message})`;
}

function countingStream(path: string, ctx: TaskContext, start?: number, end?: number) {
  const stream = createReadStream(path, { start, end, highWaterMark: 1024 * 1024 });
  stream.on('data', (chunk) => {
    ctx.onInputBytes(chunk.length);
  });
  return stream;
}

async function scanGzip(task: ScanTask, ctx: TaskContext, result: TaskResult): Promise<void> {
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const source = countingStream(task.path, ctx);
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  await scanStream(gunzip, task.path, ctx, result);
  source.destroy();
}

// ---- zip: a small reader over the central directory (APPNOTE 6.3.x §4.3) ----

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

async function readZipEntries(handle: FileHandle, size: number): Promise<ZipEntry[] | string> {
  const tailSize = Math.min(size, 65536 + 22);
  const tail = Buffer.alloc(tailSize);
  await handle.read(tail, 0, tailSize, size - tailSize);
  let eocd = -1;
  for (let i = tailSize - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    return 'not a readable zip archive (no end of central directory)';
  }
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    return 'zip64 archives are not supported; unzip it and scan the folder';
  }
  if (cdOffset + cdSize > size) {
    return 'truncated zip archive (central directory beyond end of file)';
  }
  const cd = Buffer.alloc(cdSize);
  await handle.read(cd, 0, cdSize, cdOffset);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < count && p + 46 <= cdSize; k++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) {
      return 'corrupt zip central directory';
    }
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compressedSize = cd.readUInt32LE(p + 20);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const localOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    entries.push({ name, method, flags, compressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function scanZip(task: ScanTask, ctx: TaskContext, result: TaskResult): Promise<void> {
  const handle = await open(task.path, 'r');
  try {
    const entries = await readZipEntries(handle, task.size);
    if (typeof entries === 'string') {
      result.skipped.push({ file: task.path, reason: entries });
      return;
    }
    for (const entry of entries) {
      const display = `${task.path}!/${entry.name}`;
      if (entry.name.endsWith('/')) {
        continue;
      }
      if ((entry.flags & 1) !== 0) {
        result.skipped.push({ file: display, reason: 'encrypted zip entry, not scanned' });
        continue;
      }
      if (entry.method !== 0 && entry.method !== 8) {
        result.skipped.push({
          file: display,
          reason: `zip compression method ${entry.method} is not supported`,
        });
        continue;
      }
      if (/\.(zip|jar|docx|xlsx)$/i.test(entry.name) && entry.method === 0) {
        result.skipped.push({ file: display, reason: 'nested archive, not scanned; extract it first' });
        continue;
      }
      const local = Buffer.alloc(30);
      await handle.read(local, 0, 30, entry.localOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) {
        result.skipped.push({ file: display, reason: 'corrupt zip entry header' });
        continue;
      }
      const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (entry.compressedSize === 0) {
        result.sources++;
        continue;
      }
      const dataEnd = Math.min(dataStart + entry.compressedSize, task.size) - 1;
      const raw = countingStream(task.path, ctx, dataStart, dataEnd);
      let stream: AsyncIterable<Uint8Array> = raw;
      if (entry.method === 8) {
        const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
        raw.on('error', (error) => inflate.destroy(error));
        raw.pipe(inflate);
        stream = inflate;
      }
      const sniffed = sniffNestedGzip(stream, entry.name);
      await scanStream(sniffed, display, ctx, result);
      raw.destroy();
    }
  } finally {
    await handle.close();
  }
}

// A .gz inside a zip is unwrapped once; deeper nesting is left alone.
async function* sniffNestedGzip(stream: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  if (!/\.gz$/i.test(name)) {
    yield* stream;
    return;
  }
  const gunzip = createGunzip();
  const pump = (async () => {
    try {
      for await (const chunk of stream) {
        if (!gunzip.write(chunk)) {
          await new Promise((resolve) => gunzip.once('drain', resolve));
        }
      }
      gunzip.end();
    } catch (error) {
      gunzip.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  yield* gunzip;
  await pump;
}

// ---- plain files, whole or as a byte range of a large file ----

async function scanPlainRange(task: ScanTask, ctx: TaskContext, result: TaskResult): Promise<void> {
  const profile: ContentProfile = {
    isBinary: false,
    reason: '',
    format: task.format ?? 'text',
    separator: task.separator,
    header: task.header,
    isUtf8: task.isUtf8,
  };
  const handle = await open(task.path, 'r');
  try {
    ctx.stats.setFile(task.path, task.isUtf8);
    // A range owns the lines whose first byte lies in [start, end); it reads LEFT_CONTEXT bytes before its
    // start for keywords and runs on past its end to finish its last line.
    const readFrom = Math.max(0, task.start - LEFT_CONTEXT);
    const scanner = createScanner(profile, ctx, task.start);
    const driver = new ChunkDriver(scanner, readFrom);
    let position = readFrom;
    let hasStarted = task.start === 0;
    let isDone = false;
    while (!isDone) {
      const { bytesRead } = await handle.read(driver.buf, driver.length, driver.freeSpace, position);
      position += bytesRead;
      driver.length += bytesRead;
      const localStart = (abs: number) => abs - (driver.absoluteEnd - driver.length);
      ctx.onInputBytes(bytesRead);
      if (!hasStarted) {
        const from = Math.max(0, localStart(task.start - 1));
        const nl = driver.buf.indexOf(10, from);
        if (nl >= 0 && nl < driver.length) {
          hasStarted = true;
          const first = nl + 1;
          if (first + (driver.absoluteEnd - driver.length) >= task.end) {
            return;
          }
          scanner.resetPosition(driver.absoluteEnd - driver.length + first);
          driver.skipTo(first);
        } else if (bytesRead === 0 || driver.absoluteEnd >= task.end) {
          return;
        } else {
          const keep = Math.min(driver.length, LEFT_CONTEXT);
          driver.buf.copyWithin(0, driver.length - keep, driver.length);
          // Nothing scanned yet: drop everything but the left context and read on.
          const dropped = driver.length - keep;
          driver.length = keep;
          driver.rebase(dropped);
          continue;
        }
      }
      let hardEnd = -1;
      if (task.end < task.size && driver.absoluteEnd > task.end) {
        const from = Math.max(0, localStart(task.end - 1));
        const nl = driver.buf.indexOf(10, from);
        if (nl >= 0 && nl < driver.length) {
          hardEnd = nl + 1;
        }
      }
      if (hardEnd >= 0) {
        driver.process(true, hardEnd);
        isDone = true;
      } else if (bytesRead === 0) {
        driver.process(true, -1);
        isDone = true;
      } else {
        driver.process(false, -1);
      }
      await ctx.drain();
    }
    result.bytes += driver.scanned;
    if (task.start === 0) {
      result.sources++;
    }
  } finally {
    ctx.stats.flushBatch();
    await handle.close();
  }
}

export async function runTask(task: ScanTask, ctx: TaskContext): Promise<TaskResult> {
  const result: TaskResult = { bytes: 0, sources: 0, skipped: [] };
  try {
    if (task.kind === 'gzip') {
      await scanGzip(task, ctx, result);
    } else if (task.kind === 'zip') {
      await scanZip(task, ctx, result);
    } else {
      await scanPlainRange(task, ctx, result);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result.skipped.push({ file: task.path, reason: `could not be scanned: ${message}` });
  }
  return result;
}

// ---- planning ----

interface InputFile {
  path: string;
  size: number;
}

async function collectInputs(paths: string[], skipped: SkippedFile[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const visit = async (path: string, isTopLevel: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      skipped.push({
        file: path,
        reason: code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`,
      });
      return;
    }
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(path)).sort();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        skipped.push({ file: path, reason: `cannot list directory (${code ?? 'error'})` });
        return;
      }
      const before = files.length;
      for (const name of names) {
        await visit(join(path, name), false);
      }
      if (isTopLevel && files.length === before) {
        skipped.push({ file: path, reason: 'directory holds no readable files' });
      }
      return;
    }
    if (!info.isFile()) {
      skipped.push({ file: path, reason: 'not a regular file' });
      return;
    }
    files.push({ path, size: info.size });
  };
  for (const path of paths) {
    await visit(path, true);
  }
  return files;
}

async function planTasks(
  files: InputFile[],
  splitBytes: number,
  skipped: SkippedFile[],
): Promise<ScanTask[]> {
  const tasks: ScanTask[] = [];
  let id = 0;
  for (const file of files) {
    let handle: FileHandle;
    try {
      handle = await open(file.path, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      skipped.push({ file: file.path, reason: `cannot open (${code ?? 'error'})` });
      continue;
    }
    try {
      const sample = Buffer.alloc(Math.min(SNIFF_SIZE, file.size));
      const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
      const head = sample.subarray(0, bytesRead);
      const base = { path: file.path, size: file.size, separator: 0, header: [], isUtf8: true, format: null };
      if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
        tasks.push({ ...base, id: id++, kind: 'gzip', start: 0, end: file.size });
        continue;
      }
      if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) {
        tasks.push({ ...base, id: id++, kind: 'zip', start: 0, end: file.size });
        continue;
      }
      if (head.length >= 4 && head.readUInt32LE(0) === 0x06054b50) {
        skipped.push({ file: file.path, reason: 'empty zip archive' });
        continue;
      }
      const profile = profileContent(head, basename(file.path));
      if (profile.isBinary) {
        skipped.push({ file: file.path, reason: profile.reason });
        continue;
      }
      // Pretty-printed JSON keeps its record structure only when read from the start, so it is not split.
      const isSplittable = profile.format !== 'json';
      const pieces = isSplittable ? Math.max(1, Math.ceil(file.size / splitBytes)) : 1;
      const pieceSize = Math.ceil(file.size / pieces);
      for (let k = 0; k < pieces; k++) {
        tasks.push({
          id: id++,
          path: file.path,
          kind: 'plain',
          start: k * pieceSize,
          end: Math.min(file.size, (k + 1) * pieceSize),
          size: file.size,
          format: profile.format,
          separator: profile.separator,
          header: profile.header,
          isUtf8: profile.isUtf8,
        });
      }
    } finally {
      await handle.close();
    }
  }
  return tasks;
}

// ---- running ----

export interface WorkerInit {
  runKey: Uint32Array;
  isCollecting: boolean;
  withValues: boolean;
  maxExactDistinct: number;
}

export type WorkerRequest = { kind: 'task'; task: ScanTask } | { kind: 'finish' } | { kind: 'ack' };

export type WorkerReply =
  | { kind: 'findings'; batches: FindingBatch[] }
  | { kind: 'progress'; bytes: number }
  | { kind: 'done'; taskId: number; result: TaskResult }
  | { kind: 'stats'; stats: StatsExport }
  | { kind: 'failed'; message: string };

// The worker is a .ts file. On Node 20 neither an inherited nor an explicit `--import tsx` in execArgv reaches a
// worker's entry module (ERR_UNKNOWN_FILE_EXTENSION, checked on 20.20), so a tiny eval'd bootstrap registers
// tsx inside the worker and then imports the worker module. This works whether the parent was started with
// `node --import tsx` or through tsx's register() API (bin/art28.mjs). tsx's CommonJS hook would start faster
// (no module-hooks thread, ~70 ms less CPU per worker) but turns every imported binding into a getter call,
// which cost 15 % of the scan.
function spawnWorker(init: WorkerInit): Worker {
  const target = new URL('./scanner.worker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = [
    `import(${JSON.stringify(api)})`,
    `.then((m) => { m.register(); return import(${JSON.stringify(target)}); })`,
    `.catch((error) => { console.error(error); process.exit(1); });`,
  ].join('');
  return new Worker(bootstrap, { eval: true, workerData: init });
}

async function deliver(batches: FindingBatch[], options: ScanOptions): Promise<void> {
  const onFinding = options.onFinding;
  if (!onFinding) {
    return;
  }
  for (const batch of batches) {
    for (const finding of expandBatch(batch)) {
      const pending = onFinding(finding);
      if (pending) {
        await pending;
      }
    }
  }
}

async function runInProcess(
  tasks: ScanTask[],
  init: WorkerInit,
  options: ScanOptions,
  progress: (bytes: number) => void,
  onTaskDone: (result: TaskResult) => void,
): Promise<ScanStats> {
  const stats = new ScanStats(init.maxExactDistinct, init.isCollecting, init.withValues);
  const signal = options.signal;
  const ctx: TaskContext = {
    stats,
    hasher: new KeyedHasher(init.runKey),
    // Called after every chunk, so a stop request ends the scan within one chunk (4 MiB).
    onInputBytes: (bytes) => {
      signal?.throwIfAborted();
      progress(bytes);
    },
    drain: async () => {
      if (stats.pendingBatches > 0) {
        await deliver(stats.takeBatches(), options);
      }
    },
  };
  for (const task of tasks) {
    signal?.throwIfAborted();
    const result = await runTask(task, ctx);
    await ctx.drain();
    onTaskDone(result);
  }
  return stats;
}

async function runInWorkers(
  tasks: ScanTask[],
  workerCount: number,
  init: WorkerInit,
  options: ScanOptions,
  progress: (bytes: number) => void,
  onTaskDone: (result: TaskResult) => void,
): Promise<ScanStats> {
  const merged = new ScanStats(init.maxExactDistinct, false, false);
  const queue = [...tasks].sort((a, b) => b.end - b.start - (a.end - a.start));
  // Findings from all workers go through one ordered chain so the callback sees them one at a time.
  let deliveries = Promise.resolve();
  const signal = options.signal;
  signal?.throwIfAborted();
  const runOne = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = spawnWorker(init);
      let isFinished = false;
      // A stop request ends the workers at once; their partial counts are dropped with them.
      const onAbort = (): void => {
        void worker.terminate();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('exit', () => signal?.removeEventListener('abort', onAbort));
      const next = (): void => {
        const task = queue.shift();
        worker.postMessage(task ? { kind: 'task', task } : { kind: 'finish' });
      };
      worker.on('message', (reply: WorkerReply) => {
        switch (reply.kind) {
          case 'findings':
            deliveries = deliveries
              .then(() => deliver(reply.batches, options))
              .then(() => {
                worker.postMessage({ kind: 'ack' });
              });
            break;
          case 'progress':
            progress(reply.bytes);
            break;
          case 'done':
            onTaskDone(reply.result);
            next();
            break;
          case 'stats':
            merged.mergeStats(reply.stats);
            isFinished = true;
            void worker.terminate();
            resolve();
            break;
          case 'failed':
            void worker.terminate();
            reject(new Error(reply.message));
            break;
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (!isFinished) {
          reject(new Error(`scanner worker stopped with exit code ${code}`));
        }
      });
      next();
    });
  const runners: Promise<void>[] = [];
  for (let w = 0; w < workerCount; w++) {
    runners.push(runOne());
  }
  await Promise.all(runners);
  await deliveries;
  return merged;
}

export function chooseWorkerCount(
  requested: number | undefined,
  totalBytes: number,
  taskCount: number,
): number {
  if (requested !== undefined) {
    return Math.max(0, Math.min(requested, 64));
  }
  if (totalBytes < PARALLEL_THRESHOLD || taskCount < 2) {
    return 0;
  }
  return Math.min(availableParallelism(), taskCount);
}

export async function scanFiles(paths: string[], options: ScanOptions = {}): Promise<ScanSummary> {
  const started = performance.now();
  const skipped: SkippedFile[] = [];
  const files = await collectInputs(paths, skipped);
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const provisional = chooseWorkerCount(options.workers, totalBytes, files.length * 2);
  const splitBytes =
    options.splitBytes ??
    (provisional > 1
      ? Math.max(8 * 1024 * 1024, Math.min(DEFAULT_SPLIT, totalBytes / (provisional * 4)))
      : Number.MAX_SAFE_INTEGER);
  const tasks = await planTasks(files, splitBytes, skipped);
  const workerCount = Math.min(provisional, tasks.length);
  const init: WorkerInit = {
    runKey: createRunKey(),
    isCollecting: options.onFinding !== undefined,
    withValues: options.withValues ?? false,
    maxExactDistinct: options.maxExactDistinct ?? DEFAULT_MAX_DISTINCT,
  };
  let bytesDone = 0;
  let filesDone = 0;
  let scannedBytes = 0;
  let sources = 0;
  const remainingByPath = new Map<string, number>();
  for (const task of tasks) {
    remainingByPath.set(task.path, (remainingByPath.get(task.path) ?? 0) + 1);
  }
  const report = (): void => {
    options.onProgress?.({ bytesDone, bytesTotal: totalBytes, filesDone, filesTotal: files.length });
  };
  const progress = (bytes: number): void => {
    bytesDone += bytes;
    report();
  };
  const onTaskDone = (result: TaskResult): void => {
    scannedBytes += result.bytes;
    sources += result.sources;
    skipped.push(...result.skipped);
    filesDone++;
    report();
  };
  const stats =
    workerCount === 0
      ? await runInProcess(tasks, init, options, progress, onTaskDone)
      : await runInWorkers(tasks, workerCount, init, options, progress, onTaskDone);
  filesDone = files.length;
  report();
  const seconds = (performance.now() - started) / 1000;
  const summary = stats.summarize();
  return {
    files: sources,
    bytes: scannedBytes,
    seconds: Math.round(seconds * 1000) / 1000,
    mbPerSecond: seconds > 0 ? Math.round((scannedBytes / 1e6 / seconds) * 10) / 10 : 0,
    ...summary,
    skipped,
    workers: workerCount,
  };
}

// Scans bytes already in memory (an upload, a test fixture) with the same sniffing, decompression-free path
// and chunking as files. Values are only returned when asked for.
export async function scanBuffer(
  data: Uint8Array,
  name: string,
  options: Pick<ScanOptions, 'withValues' | 'onFinding'> = {},
): Promise<ScanSummary> {
  const started = performance.now();
  const init: WorkerInit = {
    runKey: createRunKey(),
    isCollecting: options.onFinding !== undefined,
    withValues: options.withValues ?? false,
    maxExactDistinct: DEFAULT_MAX_DISTINCT,
  };
  const stats = new ScanStats(init.maxExactDistinct, init.isCollecting, init.withValues);
  const ctx: TaskContext = {
    stats,
    hasher: new KeyedHasher(init.runKey),
    onInputBytes: () => {},
    drain: async () => {
      if (stats.pendingBatches > 0) {
        await deliver(stats.takeBatches(), options);
      }
    },
  };
  const result: TaskResult = { bytes: 0, sources: 0, skipped: [] };
  async function* once(): AsyncGenerator<Uint8Array> {
    // Handed over in pieces so the chunk driver works exactly as for a stream.
    for (let offset = 0; offset < data.length; offset += 1024 * 1024) {
      yield data.subarray(offset, Math.min(data.length, offset + 1024 * 1024));
    }
  }
  await scanStream(once(), name, ctx, result);
  await ctx.drain();
  const seconds = (performance.now() - started) / 1000;
  return {
    files: result.sources,
    bytes: result.bytes,
    seconds: Math.round(seconds * 1000) / 1000,
    mbPerSecond: seconds > 0 ? Math.round((result.bytes / 1e6 / seconds) * 10) / 10 : 0,
    ...stats.summarize(),
    skipped: result.skipped,
    workers: 0,
  };
}

export interface FindingStream {
  findings: AsyncIterable<Finding>;
  summary: Promise<ScanSummary>;
}

// For jobs that want to pull findings: an async iterable with back-pressure (the scan waits while the consumer
// is behind) plus the summary once the scan has finished.
export function streamFindings(paths: string[], options: Omit<ScanOptions, 'onFinding'> = {}): FindingStream {
  const buffer: Finding[] = [];
  let wake: (() => void) | null = null;
  let resume: (() => void) | null = null;
  let isDone = false;
  let failure: unknown = null;
  const summary = scanFiles(paths, {
    ...options,
    onFinding: (finding) => {
      buffer.push(finding);
      wake?.();
      wake = null;
      if (buffer.length < 8192) {
        return;
      }
      return new Promise<void>((resolve) => {
        resume = resolve;
      });
    },
  });
  summary
    .catch((error: unknown) => {
      failure = error;
    })
    .finally(() => {
      isDone = true;
      wake?.();
      wake = null;
    });
  async function* iterate(): AsyncGenerator<Finding> {
    for (;;) {
      const finding = buffer.shift();
      if (finding) {
        if (buffer.length < 1024 && resume) {
          const r: () => void = resume;
          resume = null;
          r();
        }
        yield finding;
        continue;
      }
      if (isDone) {
        if (failure) {
          throw failure;
        }
        return;
      }
      if (resume) {
        const r: () => void = resume;
        resume = null;
        r();
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }
  return { findings: iterate(), summary };
}
