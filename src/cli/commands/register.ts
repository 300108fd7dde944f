import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { toCsv, toJsonRows, toXlsx } from '../../server/modules/register/register.export.ts';
import {
  describeImport,
  importRegister,
  importRejected,
} from '../../server/modules/register/register.import.ts';
import type { ImportReport } from '../../server/modules/register/register.schemas.ts';
import { getRegister } from '../../server/modules/register/register.usecases.ts';
import { getProcessorProfile } from '../../server/modules/settings/settings.usecases.ts';
import { CliError, printJson, withDatabase } from '../cli-context.ts';

const formats = ['json', 'csv', 'xlsx'] as const;
type Format = (typeof formats)[number];

function parseFormat(value: string): Format {
  const found = formats.find((f) => f === value);
  if (!found) {
    throw new CliError(`Unknown format "${value}". Use one of: ${formats.join(', ')}.`, 2);
  }
  return found;
}

function parseAsOf(value: string | undefined) {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new CliError(`--as-of takes a date like 2026-05-01, not "${value}".`, 2);
  }
  return value;
}

function printReport(report: ImportReport) {
  const out = process.stdout;
  for (const error of report.fileErrors) {
    out.write(`File: ${error.message}\n`);
  }
  for (const row of report.rows.filter((r) => r.errors.length > 0)) {
    for (const error of row.errors) {
      out.write(`Row ${row.row}${error.column ? `, ${error.column}` : ''}: ${error.message}\n`);
    }
  }
  for (const row of report.rows.filter((r) => r.status === 'create' || r.status === 'update')) {
    out.write(
      `Row ${row.row}: ${row.status === 'create' ? 'add' : `change ${row.changes.join(', ')} of`} ${row.serviceLine} · ${row.dataType}\n`,
    );
  }
  for (const entry of report.retired) {
    out.write(`Retire ${entry.serviceLine} · ${entry.dataType}\n`);
  }
  if (report.fileErrors.length > 0) {
    out.write('Nothing imported.\n');
    return;
  }
  const verdict = report.applied
    ? `Imported as register version ${report.registerVersion}`
    : report.dryRun
      ? 'Dry run, nothing written'
      : 'Nothing imported';
  out.write(`${verdict}: ${describeImport(report)}\n`);
}

export function registerRegisterCommands(program: Command) {
  const register = program.command('register').description('The register of processing (Annex 1)');

  register
    .command('export')
    .description('Write the register as JSON, CSV or XLSX (to standard output unless --out is given)')
    .option('--format <format>', `one of ${formats.join(', ')}`, 'json')
    .option('--out <file>', 'write to this file')
    .option('--as-of <date>', 'the register as it stood at the end of this date (Europe/Amsterdam)')
    .action(async (options: { format: string; out?: string; asOf?: string }) => {
      const format = parseFormat(options.format);
      const asOf = parseAsOf(options.asOf);
      if (format === 'xlsx' && !options.out && process.stdout.isTTY) {
        throw new CliError('An XLSX file is binary: give --out FILE or redirect standard output.', 2);
      }
      const output = await withDatabase(async (_database, ctx) => {
        const view = await getRegister(ctx, asOf ? { asOf } : {});
        const processor = await getProcessorProfile(ctx);
        if (format === 'csv') {
          return toCsv(view, processor.legalName);
        }
        if (format === 'xlsx') {
          return toXlsx(view, processor.legalName, ctx.clock.now());
        }
        return `${JSON.stringify(toJsonRows(view), null, 2)}\n`;
      });
      if (options.out) {
        const target = path.resolve(options.out);
        fs.writeFileSync(target, output);
        process.stderr.write(`Wrote the register to ${target}.\n`);
      } else {
        process.stdout.write(output);
      }
    });

  register
    .command('import')
    .description(
      'Import a register file in the export format (CSV or XLSX); a file with an invalid row is refused whole',
    )
    .argument('<file>', 'the CSV (UTF-8) or XLSX file')
    .option('--skip-invalid', 'import the valid rows and leave out the invalid ones')
    .option('--dry-run', 'check the file and report what would change, without writing')
    .option(
      '--retire-missing',
      'retire active entries the file does not list (the file is the whole register)',
    )
    .option('--json', 'print the report as JSON')
    .action(
      async (
        file: string,
        options: { skipInvalid?: boolean; dryRun?: boolean; retireMissing?: boolean; json?: boolean },
      ) => {
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(path.resolve(file));
        } catch (error) {
          throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, 2);
        }
        const importOptions = {
          skipInvalid: options.skipInvalid ?? false,
          dryRun: options.dryRun ?? false,
          retireMissing: options.retireMissing ?? false,
        };
        const report = await withDatabase(async (_database, ctx) => {
          return importRegister(ctx, bytes, importOptions);
        });
        if (options.json) {
          printJson(report);
        } else {
          printReport(report);
        }
        if (importRejected(report, importOptions)) {
          process.exitCode = 1;
        }
      },
    );
}
