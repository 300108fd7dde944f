import path from 'node:path';
import type { Command } from 'commander';
import { restoreBackup, writeBackup } from '../../server/db/backup.ts';
import { printJson, withDatabase } from '../cli-context.ts';

export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description('Write a consistent, checksummed backup of the whole database to FILE (gzip)')
    .argument('<file>', 'where to write the backup, e.g. art28-2026-11-29.backup.gz')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const target = path.resolve(file);
      const result = await withDatabase((database, ctx) => writeBackup(database, target, ctx.clock));
      const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
      if (options.json) {
        printJson({ file: target, ...result });
      } else {
        process.stdout.write(
          `Wrote ${total} rows from ${Object.keys(result.rows).length} tables to ${target}.\n`,
        );
      }
    });

  program
    .command('restore')
    .description(
      'Restore a backup written by `art28 backup`; the file is checked whole before anything changes',
    )
    .argument('<file>', 'the backup file')
    .option('--force', 'replace the data of a database that is not empty')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { force?: boolean; json?: boolean }) => {
      const result = await withDatabase((database) =>
        restoreBackup(database, path.resolve(file), { force: options.force ?? false }),
      );
      const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
      if (options.json) {
        printJson({ file: path.resolve(file), rows: result.rows, createdAt: result.header.createdAt });
      } else {
        process.stdout.write(`Restored ${total} rows from the backup of ${result.header.createdAt}.\n`);
      }
    });
}
