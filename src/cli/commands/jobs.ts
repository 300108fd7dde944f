import type { Command } from 'commander';
import { jobRegistry } from '../../server/jobs/registry.ts';
import { runJobNow } from '../../server/jobs/runtime.ts';
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
      const result = await withDatabase((_db, ctx) =>
        runJobNow(
          name,
          {
            db: ctx.db,
            clock: ctx.clock,
            log: { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) },
          },
          payload,
        ),
      );
      printJson(result ?? null);
    });
}
