import { Command, CommanderError } from 'commander';
import { BackupError } from '../server/db/backup.ts';
import { DataDirLockedError } from '../server/db/lock.ts';
import { AppError } from '../server/http/errors.ts';
import { CliError } from './cli-context.ts';
import { registerAccountCommands } from './commands/accounts.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerCustomerCommands } from './commands/customers.ts';
import { registerDocumentCommands } from './commands/documents.ts';
import { registerJobCommands } from './commands/jobs.ts';
import { registerRegisterCommands } from './commands/register.ts';
import { registerScanCommand } from './commands/scan.ts';
import { registerSystemCommands } from './commands/system.ts';

export function buildProgram() {
  const program = new Command('art28')
    .description("art28 — the processor's GDPR desk")
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerSystemCommands(program);
  registerAccountCommands(program);
  registerAuditCommands(program);
  registerJobCommands(program);
  registerBackupCommands(program);
  registerRegisterCommands(program);
  registerCustomerCommands(program);
  registerDocumentCommands(program);
  registerScanCommand(program);
  return program;
}

export async function main(argv: string[]) {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const known =
      error instanceof CliError ||
      error instanceof DataDirLockedError ||
      error instanceof BackupError ||
      error instanceof AppError;
    process.stderr.write(
      `art28: ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`,
    );
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}
