import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, type Engine, startInMemoryPglite, wrapPool } from './database.ts';
import { runMigrations } from './migrate.ts';

// Database tests run on every engine we ship: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set
// (CI sets it). Each test database is new and is dropped afterwards.
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'postgres') {
    return createPostgresTestDatabase(process.env.TEST_DATABASE_URL!);
  }
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'art28-t-'));
  const embedded = await startInMemoryPglite(socketDir);
  const database = await wrapPool(embedded.connection, 'pglite', 4, async () => {
    await embedded.stop();
    fs.rmSync(socketDir, { recursive: true, force: true });
  });
  await runMigrations(database.db);
  return database;
}

async function createPostgresTestDatabase(adminUrl: string): Promise<Database> {
  const name = `art28_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await wrapPool({ connectionString: url.toString() }, 'postgres', 4, async () => {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
  await runMigrations(database.db);
  return database;
}
