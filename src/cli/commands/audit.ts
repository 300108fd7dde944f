import type { Command } from 'commander';
import { verifyAuditChain } from '../../server/modules/audit/audit.usecases.ts';
import { printJson, withDatabase } from '../cli-context.ts';

export function registerAuditCommands(program: Command) {
  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Recompute the hash chain; exits 1 and names the first broken row when it does not hold')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withDatabase((_db, ctx) => verifyAuditChain(ctx, 'cli'));
      if (options.json) {
        printJson({
          ok: result.ok,
          checkedRows: result.checkedRows,
          brokenRowId: result.brokenRowId,
          message: result.message,
        });
      } else {
        process.stdout.write(
          result.ok
            ? `Audit chain intact: ${result.message}\n`
            : `Audit chain BROKEN at row ${result.brokenRowId}: ${result.message}\n`,
        );
      }
      if (!result.ok) {
        process.exitCode = 1;
      }
    });
}
