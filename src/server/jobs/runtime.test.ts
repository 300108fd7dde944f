import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp, type TestApp } from '../../../test/fixtures/test-app.ts';
import { testEngines } from '../db/test-database.ts';
import { jobRegistry } from './registry.ts';
import { runJobNow, startJobRuntime } from './runtime.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

test('every job has a unique name and a valid 5-field schedule', () => {
  const names = jobRegistry.map((j) => j.name);
  assert.equal(new Set(names).size, names.length);
  for (const job of jobRegistry) {
    if (job.cron) {
      assert.equal(job.cron.split(' ').length, 5, job.name);
    }
  }
});

for (const engine of testEngines()) {
  describe(`jobs (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    test('running the nightly verification now records a result the dashboard shows', async () => {
      const { headers } = await t.signInAs('privacy-officer');
      assert.equal((await t.app.inject({ url: '/api/v1/dashboard', headers })).json().auditChain, null);
      await runJobNow('audit.verify-chain', { db: t.db, clock: t.clock, log: quiet });
      const chain = (await t.app.inject({ url: '/api/v1/dashboard', headers })).json().auditChain;
      assert.equal(chain.ok, true);
      assert.equal(chain.trigger, 'job');
      assert.equal(chain.ranAt, t.clock.now().toISOString());
    });

    test('an unknown job name is refused with the list of known jobs', async () => {
      await assert.rejects(
        runJobNow('audit.nope', { db: t.db, clock: t.clock, log: quiet }),
        /Known jobs: audit.verify-chain/,
      );
    });

    test('the queue runs a job sent to it', async () => {
      const runtime = await startJobRuntime(t.database, { db: t.db, clock: t.clock, log: quiet });
      try {
        t.clock.advance(3_600_000);
        await runtime.send('audit.verify-chain');
        const deadline = Date.now() + 20_000;
        let latest = null;
        while (Date.now() < deadline) {
          const { headers } = await t.signInAs('auditor');
          latest = (await t.app.inject({ url: '/api/v1/audit/verifications/latest', headers })).json()
            .verification;
          if (latest?.ranAt === t.clock.now().toISOString()) {
            break;
          }
          await sleep(500);
        }
        assert.equal(latest?.ranAt, t.clock.now().toISOString(), 'the queued job ran');
      } finally {
        await runtime.stop();
      }
    });
  });
}
