import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './database.ts';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

type Journal = { entries: { idx: number; tag: string; when: number }[] };

export function readJournal(): Journal {
  return JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}

export type MigrationStatus = { level: number; latest: string | null; known: number; pending: number };

export async function readMigrationStatus(db: Db): Promise<MigrationStatus> {
  const journal = readJournal();
  let applied = 0;
  try {
    const result = await db.execute<{ n: string | number }>(
      sql`select count(*) as n from drizzle.__drizzle_migrations`,
    );
    applied = Number(result.rows[0]?.n ?? 0);
  } catch {
    applied = 0;
  }
  return {
    level: applied,
    latest: applied > 0 ? (journal.entries[applied - 1]?.tag ?? null) : null,
    known: journal.entries.length,
    pending: Math.max(0, journal.entries.length - applied),
  };
}
