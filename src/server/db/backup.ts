import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database, DbOrTx } from './database.ts';
import { readMigrationStatus } from './migrate.ts';

// A logical backup: every table of ours as JSON rows, gzip-compressed, sealed with a SHA-256 over its lines. The
// same file restores into PGlite or PostgreSQL (so it also moves an embedded install to production), and a
// restore checks the whole file before it touches the database.
const backupFormat = 'art28-backup';
const backupVersion = 1;
const batchSize = 1000;

type Header = {
  format: string;
  version: number;
  createdAt: string;
  engine: string;
  migration: { level: number; latest: string | null };
  tables: string[];
};
type End = { end: true; rows: Record<string, number>; sha256: string };

export class BackupError extends Error {}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

// Tables in foreign-key order (referenced before referencing), so rows can be inserted table by table.
async function listTablesInDependencyOrder(db: DbOrTx): Promise<string[]> {
  const tables = (
    await db.execute<{ name: string }>(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).rows.map((r) => r.name);
  const edges = (
    await db.execute<{ child: string; parent: string }>(sql`
      select c.relname as child, p.relname as parent from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`)
  ).rows;
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) {
      return;
    }
    path.add(table);
    for (const edge of edges) {
      if (edge.child === table && edge.parent !== table) {
        visit(edge.parent, path);
      }
    }
    ordered.push(table);
  };
  for (const table of tables) {
    visit(table, new Set());
  }
  return ordered;
}

export async function writeBackup(database: Database, file: string, clock: Clock) {
  const migration = await readMigrationStatus(database.db);
  const rowsPerTable: Record<string, number> = {};
  const hash = createHash('sha256');
  const out = new PassThrough();
  const done = pipeline(out, zlib.createGzip(), fs.createWriteStream(file));
  const writeLine = (line: string) => {
    hash.update(`${line}\n`);
    out.write(`${line}\n`);
  };
  await database.db.transaction(
    async (tx) => {
      const tables = await listTablesInDependencyOrder(tx);
      const header: Header = {
        format: backupFormat,
        version: backupVersion,
        createdAt: clock.now().toISOString(),
        engine: database.engine,
        migration: { level: migration.level, latest: migration.latest },
        tables,
      };
      writeLine(JSON.stringify(header));
      for (const table of tables) {
        rowsPerTable[table] = 0;
        await tx.execute(
          sql.raw(
            `declare backup_cursor no scroll cursor for select row_to_json(t)::text as row from ${quoteIdent(table)} t`,
          ),
        );
        for (;;) {
          const batch = (await tx.execute<{ row: string }>(sql.raw(`fetch ${batchSize} from backup_cursor`)))
            .rows;
          if (batch.length === 0) {
            break;
          }
          rowsPerTable[table] += batch.length;
          writeLine(`{"table":${JSON.stringify(table)},"rows":[${batch.map((r) => r.row).join(',')}]}`);
        }
        await tx.execute(sql.raw('close backup_cursor'));
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const end: End = { end: true, rows: rowsPerTable, sha256: hash.digest('hex') };
  out.end(`${JSON.stringify(end)}\n`);
  await done;
  return { rows: rowsPerTable, migration };
}

async function* readLines(file: string): AsyncGenerator<string> {
  const gunzip = zlib.createGunzip();
  const input = fs.createReadStream(file);
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const line of readline.createInterface({
      input: gunzip,
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      yield line;
    }
  } catch (error) {
    throw new BackupError(`${file} is not a readable art28 backup (${(error as Error).message}).`);
  }
}

// First pass: read the whole file and check format, seal and row counts without touching the database.
export async function inspectBackup(file: string): Promise<{ header: Header; end: End }> {
  if (!fs.existsSync(file)) {
    throw new BackupError(`No file at ${file}.`);
  }
  const hash = createHash('sha256');
  let header: Header | null = null;
  let end: End | null = null;
  const counted: Record<string, number> = {};
  for await (const line of readLines(file)) {
    if (end) {
      throw new BackupError(`${file} has data after its end marker: it is not an art28 backup as written.`);
    }
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new BackupError(`${file} is corrupt: a line is not valid JSON.`);
    }
    if (!header) {
      if (value.format !== backupFormat) {
        throw new BackupError(`${file} is not an art28 backup.`);
      }
      if (value.version !== backupVersion) {
        throw new BackupError(
          `${file} is backup format version ${String(value.version)}; this art28 reads version ${backupVersion}.`,
        );
      }
      header = value as unknown as Header;
      hash.update(`${line}\n`);
      continue;
    }
    if (value.end === true) {
      end = value as unknown as End;
      continue;
    }
    hash.update(`${line}\n`);
    const table = String(value.table);
    counted[table] = (counted[table] ?? 0) + (Array.isArray(value.rows) ? value.rows.length : 0);
  }
  if (!header) {
    throw new BackupError(`${file} is empty or not an art28 backup.`);
  }
  if (!end) {
    throw new BackupError(`${file} is truncated: its end marker is missing.`);
  }
  if (hash.digest('hex') !== end.sha256) {
    throw new BackupError(`${file} is corrupt: its checksum does not match its contents.`);
  }
  for (const table of header.tables) {
    if ((counted[table] ?? 0) !== (end.rows[table] ?? 0)) {
      throw new BackupError(
        `${file} is corrupt: table ${table} holds ${counted[table] ?? 0} rows, the seal says ${end.rows[table]}.`,
      );
    }
  }
  return { header, end };
}

export async function restoreBackup(database: Database, file: string, options: { force: boolean }) {
  const { header, end } = await inspectBackup(file);
  const migration = await readMigrationStatus(database.db);
  if (header.migration.level !== migration.level) {
    throw new BackupError(
      `The backup was taken at migration level ${header.migration.level} (${header.migration.latest}); this database is at ${migration.level} (${migration.latest}). Restore it with the art28 version that wrote it.`,
    );
  }
  await database.db.transaction(async (tx) => {
    const current = await listTablesInDependencyOrder(tx);
    const unknown = header.tables.filter((t) => !current.includes(t));
    if (unknown.length > 0) {
      throw new BackupError(`The backup holds tables this database does not have: ${unknown.join(', ')}.`);
    }
    if (!options.force) {
      const users = await tx.execute<{ n: string | number }>(sql`select count(*) as n from users`);
      if (Number(users.rows[0]?.n ?? 0) > 0) {
        throw new BackupError(
          'This database holds data already. Restore into a fresh data directory or database, or pass --force to replace everything in it.',
        );
      }
    }
    await tx.execute(sql.raw(`truncate ${current.map(quoteIdent).join(', ')} cascade`));
    for await (const line of readLines(file)) {
      if (!line.startsWith('{"table":')) {
        continue;
      }
      const batch = JSON.parse(line) as { table: string; rows: unknown[] };
      await tx.execute(
        sql`insert into ${sql.raw(quoteIdent(batch.table))} select * from json_populate_recordset(null::${sql.raw(quoteIdent(batch.table))}, ${JSON.stringify(batch.rows)}::json)`,
      );
    }
    const identities = (
      await tx.execute<{ table_name: string; column_name: string }>(
        sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval%')`,
      )
    ).rows;
    for (const { table_name: table, column_name: column } of identities) {
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${quoteIdent(table)}', '${column}'), coalesce(max(${quoteIdent(column)}), 1), max(${quoteIdent(column)}) is not null) from ${quoteIdent(table)}`,
        ),
      );
    }
  });
  return { header, rows: end.rows };
}
