import { prepareDatabase } from '../server/bootstrap.ts';
import { systemClock } from '../server/clock.ts';
import { loadConfig } from '../server/config.ts';
import { type Ctx, cliActor } from '../server/context.ts';
import { type Database, openDatabase } from '../server/db/database.ts';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

// A CLI command reaches the database the server uses: PostgreSQL via DATABASE_URL, or the embedded one — through
// the running server's socket when a server holds the data dir, or by opening it itself when none does.
export async function withDatabase<T>(fn: (database: Database, ctx: Ctx) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    purpose: 'cli',
    poolMax: 2,
  });
  try {
    await prepareDatabase(database.db, systemClock);
    return await fn(database, { db: database.db, clock: systemClock, actor: cliActor() });
  } finally {
    await database.close();
  }
}

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(rows: Record<string, unknown>[]) {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) {
    process.stdout.write(`${line(columns.map((c) => String(row[c] ?? '')))}\n`);
  }
}

export async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
