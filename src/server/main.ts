import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { type JobRuntime, startJobRuntime } from './jobs/runtime.ts';
import { loadDataKey } from './keys.ts';
import { setScanDispatcher } from './modules/breaches/breaches.scans.ts';
import { setMailDispatcher } from './modules/mail/mail.dispatch.ts';
import { ensureSigner, installConfiguredKey } from './modules/requests/requests.signing.ts';

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
    const dataKey = loadDataKey({ envValue: config.dataKeyValue, dataDir: config.dataDir });
    const signing = await prepareOpendsrKey(database.db, config, { dataKey: dataKey.key, clock });
    const app = await createApp(
      {
        db: database.db,
        clock,
        engine: database.engine,
        secureCookies: 'auto',
        publicUrl: config.publicUrl,
        dataKey: dataKey.key,
        dataDir: config.dataDir,
        scanRoots: config.scanRoots,
      },
      {
        logger: { level: config.logLevel },
        trustProxy: config.trustProxy,
        bodyLimitBytes: config.bodyLimitBytes,
      },
    );
    if (config.jobsEnabled) {
      jobs = await startJobRuntime(database, {
        db: database.db,
        clock,
        log: app.log,
        dataKey: dataKey.key,
        publicUrl: config.publicUrl,
        allowPrivateCallbacks: config.allowPrivateCallbacks,
      });
      const runtime = jobs;
      // queued mail goes out at once; the every-minute cron is the fallback
      setMailDispatcher(() => runtime.send('mail.deliver'));
      // an uploaded file is scanned at once; the every-minute cron picks up what this misses
      setScanDispatcher((scanId) => runtime.send('breaches.scan', { scanId }));
    }
    if (dataKey.source === 'created' && database.engine === 'postgres') {
      app.log.warn(
        `created a data key in ${config.dataDir}/data.key; set ART28_DATA_KEY so every instance shares one key`,
      );
    }
    if (signing.source === 'self-signed' && config.publicUrl.startsWith('https:')) {
      app.log.warn(
        'OpenDSR responses are signed with a self-signed certificate; set ART28_OPENDSR_CERT_FILE and ART28_OPENDSR_KEY_FILE to a CA-issued pair (spec §4.1)',
      );
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

// OpenDSR signing (issue 9): the configured CA-issued pair replaces the stored one; otherwise a self-signed pair is
// made on the first start. A pair that does not belong together, or not to our domain, stops the server here.
async function prepareOpendsrKey(
  db: Parameters<typeof ensureSigner>[0],
  config: Config,
  keys: { dataKey: Buffer; clock: typeof systemClock },
) {
  const env = { dataKey: keys.dataKey, publicUrl: config.publicUrl, clock: keys.clock };
  if (config.opendsr) {
    await installConfiguredKey(db, env, {
      certificatePem: readFileSync(config.opendsr.certFile, 'utf8'),
      privateKeyPem: readFileSync(config.opendsr.keyFile, 'utf8'),
    });
  }
  return ensureSigner(db, env);
}
