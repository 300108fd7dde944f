import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { readMigrationStatus } from '../../server/db/migrate.ts';
import { startServer } from '../../server/main.ts';
import { printJson, withDatabase } from '../cli-context.ts';

export function registerSystemCommands(program: Command) {
  program
    .command('serve')
    .description('Start the web server, API and job scheduler')
    .action(async () => {
      await startServer(loadConfig());
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (database) => {
        const status = await readMigrationStatus(database.db);
        if (options.json) {
          printJson({ engine: database.engine, ...status });
        } else {
          process.stdout.write(
            `Database (${database.engine}) is at migration ${status.level} (${status.latest}); ${status.pending} pending.\n`,
          );
        }
      });
    });
}
