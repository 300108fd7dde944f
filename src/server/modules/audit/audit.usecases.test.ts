import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createFixedClock } from '../../clock.ts';
import type { Ctx } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { createTestDatabase, testEngines } from '../../db/test-database.ts';
import { checkAuditChain, recordAuditEvent, verifyAuditChain } from './audit.usecases.ts';

for (const engine of testEngines()) {
  describe(`audit chain (${engine})`, () => {
    let database: Database;
    let ctx: Ctx;

    before(async () => {
      database = await createTestDatabase(engine);
      ctx = {
        db: database.db,
        clock: createFixedClock('2026-10-25T00:30:00Z'),
        actor: { kind: 'user', id: 'u1', label: 'anna@contict.nl', role: 'admin' },
      };
    });
    after(() => database.close());

    const append = (n: number) =>
      database.db.transaction((tx) =>
        recordAuditEvent(tx, ctx, {
          action: 'test.changed',
          entityType: 'thing',
          entityId: String(n),
          before: { n },
          after: { n: n + 1, at: new Date('2026-01-31T23:00:00Z'), nested: { z: 1, a: [1, 'ü'] } },
        }),
      );

    test('events link into a chain that verifies', async () => {
      for (let i = 0; i < 5; i++) {
        await append(i);
      }
      const result = await checkAuditChain(database.db);
      assert.deepEqual(result, { ok: true, checkedRows: 5, brokenRowId: null, message: '5 rows verified.' });
    });

    test('concurrent writers queue on the chain head instead of forking it', async () => {
      await Promise.all(Array.from({ length: 12 }, (_, i) => append(100 + i)));
      const result = await checkAuditChain(database.db);
      assert.equal(result.ok, true, result.message);
      assert.equal(result.checkedRows, 17);
    });

    test('an event rolled back with its change leaves no trace in the chain', async () => {
      await assert.rejects(
        database.db.transaction(async (tx) => {
          await recordAuditEvent(tx, ctx, { action: 'test.failed', entityType: 'thing' });
          throw new Error('use case failed after auditing');
        }),
      );
      const result = await checkAuditChain(database.db);
      assert.equal(result.ok, true);
      assert.equal(result.checkedRows, 17);
    });

    test('a row altered by hand is named as the first broken row', async () => {
      await database.db.execute(sql`update audit_events set after = '{"n": 999}' where id = 3`);
      const result = await verifyAuditChain(ctx, 'cli');
      assert.equal(result.ok, false);
      assert.equal(result.brokenRowId, 3);
      assert.match(result.message, /Row 3 was changed/);
    });

    test('a deleted row and a deleted tail are both detected', async () => {
      await database.db.execute(
        sql`update audit_events set after = '{"n": 3, "at": "2026-01-31T23:00:00.000Z", "nested": {"a": [1, "ü"], "z": 1}}' where id = 3`,
      );
      assert.equal(
        (await checkAuditChain(database.db)).ok,
        true,
        'restoring the original value repairs the chain',
      );
      await database.db.execute(sql`delete from audit_events where id = 7`);
      const gap = await checkAuditChain(database.db);
      assert.equal(gap.brokenRowId, 7);
      assert.match(gap.message, /Row 7 is missing/);
      await database.db.execute(sql`delete from audit_events where id >= 7`);
      const tail = await checkAuditChain(database.db);
      assert.equal(tail.ok, false);
      assert.match(tail.message, /Rows after 6 are missing/);
    });
  });
}
