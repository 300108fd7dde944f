import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { JobDeps } from './job.types.ts';
import { findJob, jobRegistry } from './registry.ts';

export type JobRuntime = {
  send: (name: string, payload?: unknown) => Promise<string | null>;
  stop: () => Promise<void>;
};

// pg-boss keeps its queue in the same database (schema pgboss). On the embedded engine it connects through the
// same local socket as everything else; cron slots are claimed in the database, so several instances on one
// PostgreSQL run each scheduled job once.
export async function startJobRuntime(database: Database, deps: JobDeps): Promise<JobRuntime> {
  const boss = new PgBoss({ ...database.connection, max: 3, schema: 'pgboss' } as ConstructorParameters<
    typeof PgBoss
  >[0]);
  boss.on('error', (error) => deps.log.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const job of jobRegistry) {
    await boss.createQueue(job.name);
    await boss.work(job.name, async (jobs) => {
      for (const queued of jobs) {
        const payload = job.payload.parse(queued.data ?? {});
        await job.run(deps, payload);
      }
    });
    if (job.cron) {
      await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Amsterdam' });
    }
  }
  return {
    send: async (name, payload = {}) => {
      const job = findJob(name);
      if (!job) {
        throw new Error(`Unknown job ${name}`);
      }
      return boss.send(name, job.payload.parse(payload) as object);
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}

export async function runJobNow(name: string, deps: JobDeps, payload: unknown = {}) {
  const job = findJob(name);
  if (!job) {
    throw new Error(`Unknown job "${name}". Known jobs: ${jobRegistry.map((j) => j.name).join(', ')}`);
  }
  return job.run(deps, job.payload.parse(payload));
}
