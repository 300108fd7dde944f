import { createApp } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { type JobRuntime, startJobRuntime } from './jobs/runtime.ts';
import { setMailDispatcher } from './modules/mail/mail.dispatch.ts';

// The composition root: config → database → migrations → http → jobs.
export async function startServer(config: Config) {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    purpose: 'server',
  });
  const clock = systemClock;
  let jobs: JobRuntime | null = null;
  try {
    await prepareDatabase(database.db, clock);
    const app = await createApp(
      { db: database.db, clock, engine: database.engine, secureCookies: 'auto', publicUrl: config.publicUrl },
      {
        logger: { level: config.logLevel },
        trustProxy: config.trustProxy,
        bodyLimitBytes: config.bodyLimitBytes,
      },
    );
    if (config.jobsEnabled) {
      jobs = await startJobRuntime(database, { db: database.db, clock, log: app.log });
      const runtime = jobs;
      // queued mail goes out at once; the every-minute cron is the fallback
      setMailDispatcher(() => runtime.send('mail.deliver'));
    }
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info(
      `art28 serves ${address} on ${database.engine === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`,
    );

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) {
        return;
      }
      stopping = true;
      app.log.info(`${signal}: finishing requests and jobs, then stopping`);
      await app.close();
      await jobs?.stop();
      await database.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
    return { app, database, address, stop };
  } catch (error) {
    await jobs?.stop().catch(() => {});
    await database.close();
    throw error;
  }
}
