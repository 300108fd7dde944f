import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { asc } from 'drizzle-orm';
import { createFixedClock } from '../clock.ts';
import { cliActor } from '../context.ts';
import { apiTokens, users } from '../modules/accounts/accounts.table.ts';
import { createApiToken, createUser } from '../modules/accounts/accounts.usecases.ts';
import { auditEvents } from '../modules/audit/audit.table.ts';
import { checkAuditChain, verifyAuditChain } from '../modules/audit/audit.usecases.ts';
import { processorProfile } from '../modules/settings/settings.table.ts';
import { ensureProcessorProfile, setProcessorLogo } from '../modules/settings/settings.usecases.ts';
import { BackupError, restoreBackup, writeBackup } from './backup.ts';
import type { Database } from './database.ts';
import { createTestDatabase, testEngines } from './test-database.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'art28-backup-'));

async function snapshot(database: Database) {
  return {
    users: await database.db.select().from(users).orderBy(asc(users.email)),
    tokens: await database.db.select().from(apiTokens).orderBy(asc(apiTokens.name)),
    audit: await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id)),
    profile: await database.db.select().from(processorProfile),
  };
}

for (const engine of testEngines()) {
  describe(`backup and restore (${engine})`, () => {
    let source: Database;
    const file = path.join(dir, `${engine}.backup.gz`);
    const clock = createFixedClock('2026-02-28T23:30:00Z');
    before(async () => {
      source = await createTestDatabase(engine);
      const ctx = { db: source.db, clock, actor: cliActor('cli:test') };
      await ensureProcessorProfile(ctx);
      await setProcessorLogo(ctx, {
        mime: 'image/png',
        bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]),
      });
      await createUser(ctx, {
        email: 'anna@contict.nl',
        name: 'Anna “de” Vriës',
        role: 'admin',
        password: 'correct horse battery staple',
      });
      await createApiToken(ctx, { name: 'crm', role: 'staff' });
      await verifyAuditChain(ctx, 'cli');
    });
    after(() => source.close());

    test('a restore into a fresh database gives the same data, and the audit chain still verifies', async () => {
      const written = await writeBackup(source, file, clock);
      assert.equal(written.rows.users, 1);
      const target = await createTestDatabase(engine);
      try {
        await restoreBackup(target, file, { force: false });
        assert.deepEqual(await snapshot(target), await snapshot(source));
        assert.equal((await checkAuditChain(target.db)).ok, true);
        // identity sequences continue after the restored rows
        const next = await verifyAuditChain({ db: target.db, clock }, 'cli');
        assert.ok(next.id > 1);
      } finally {
        await target.close();
      }
    });

    test('a corrupt, truncated or foreign file is refused and the database is untouched', async () => {
      const target = await createTestDatabase(engine);
      try {
        const before = await snapshot(target);
        const raw = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
        const cases: [string, Buffer][] = [
          ['tampered', zlib.gzipSync(raw.replace('anna@contict.nl', 'eve@contict.nl'))],
          ['truncated', zlib.gzipSync(raw.split('\n').slice(0, -2).join('\n'))],
          ['foreign', zlib.gzipSync('{"format":"something-else"}\n')],
          ['not gzip', Buffer.from('PGDMP this is a pg_dump file')],
          ['empty', Buffer.alloc(0)],
        ];
        for (const [name, bytes] of cases) {
          const bad = path.join(dir, `${engine}-${name}.gz`);
          fs.writeFileSync(bad, bytes);
          await assert.rejects(restoreBackup(target, bad, { force: true }), BackupError, name);
        }
        assert.deepEqual(await snapshot(target), before);
      } finally {
        await target.close();
      }
    });

    test('a database that holds data is not overwritten without --force', async () => {
      await assert.rejects(restoreBackup(source, file, { force: false }), /holds data already/);
      await restoreBackup(source, file, { force: true });
      assert.equal((await checkAuditChain(source.db)).ok, true);
    });
  });
}
