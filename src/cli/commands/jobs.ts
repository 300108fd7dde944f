import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { jobRegistry } from '../../server/jobs/registry.ts';
import { runJobNow } from '../../server/jobs/runtime.ts';
import { loadDataKey } from '../../server/keys.ts';
import { CliError, printJson, printTable, withDatabase } from '../cli-context.ts';

export function registerJobCommands(program: Command) {
  const jobs = program.command('jobs').description('Background jobs');
  jobs
    .command('list')
    .description('List the jobs and their schedules')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const rows = jobRegistry.map((j) => ({
        name: j.name,
        schedule: j.cron ?? '',
        description: j.description,
      }));
      if (options.json) {
        printJson(rows);
      } else {
        printTable(rows);
      }
    });
  jobs
    .command('run')
    .description('Run one job now, in this process, and print its result')
    .argument('<name>', 'job name (see jobs list)')
    .option('--payload <json>', 'job payload as JSON', '{}')
    .action(async (name: string, options: { payload: string }) => {
      let payload: unknown;
      try {
        payload = JSON.parse(options.payload);
      } catch {
        throw new CliError('--payload is not valid JSON.', 2);
      }
      const config = loadConfig();
      const result = await withDatabase((_db, ctx) =>
        runJobNow(
          name,
          {
            db: ctx.db,
            clock: ctx.clock,
            log: { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) },
            // as in the server (main.ts): links in e-mails and the data key for sealed values
            publicUrl: config.publicUrl,
            allowPrivateCallbacks: config.allowPrivateCallbacks,
            dataKey: loadDataKey({ envValue: config.dataKeyValue, dataDir: config.dataDir }).key,
          },
          payload,
        ),
      );
      printJson(result ?? null);
    });
}
