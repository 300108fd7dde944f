import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { addDemoCustomers, removeDemoCustomers } from '../../server/modules/customers/customers.demo.ts';
import { importCustomers, readImportFile } from '../../server/modules/customers/customers.import.ts';
import { buildCustomerRecord } from '../../server/modules/customers/customers.record.ts';
import { listCustomers, serviceLineLookup } from '../../server/modules/customers/customers.usecases.ts';
import { CliError, printJson, printTable, withDatabase } from '../cli-context.ts';

export function registerCustomerCommands(program: Command) {
  const customers = program
    .command('customers')
    .description('Customers (controllers), their agreements and DPAs');
  customers
    .command('list')
    .description('List customers')
    .option('--json', 'print as JSON')
    .option('--search <text>', 'filter on name, KvK number or city')
    .action(async (options: { json?: boolean; search?: string }) => {
      const rows = await withDatabase(async (_db, ctx) => {
        const all = [];
        for (let offset = 0; ; offset += 500) {
          const page = await listCustomers(ctx, {
            q: options.search,
            sort: 'legalName',
            order: 'asc',
            limit: 500,
            offset,
          });
          all.push(...page.items);
          if (page.items.length < 500) {
            return all;
          }
        }
      });
      const view = rows.map((c) => ({
        id: c.id,
        name: c.legalName,
        kvk: c.kvkNumber,
        status: c.status,
        demo: c.isDemo,
      }));
      if (options.json) {
        printJson(view);
      } else {
        printTable(view.map((c) => ({ ...c, demo: c.demo ? 'demo' : '' })));
      }
    });

  customers
    .command('show')
    .description("Show a customer's record of processing (Art. 30(2) GDPR)")
    .argument('<id>', 'customer id (see customers list)')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) {
        throw new CliError(`"${id}" is not a customer id (see \`art28 customers list\`).`, 2);
      }
      const record = await withDatabase((_db, ctx) => buildCustomerRecord(ctx, id));
      if (options.json) {
        printJson(record);
        return;
      }
      const a = record.agreement;
      process.stdout.write(`${record.controller.legalName} (KvK ${record.controller.kvkNumber})\n`);
      process.stdout.write(
        a
          ? `Agreement ${a.reference}: ${a.status}, from ${a.startDate}${a.endDate ? ` to ${a.endDate}` : ''}\n\n`
          : 'No agreement.\n\n',
      );
      printTable(
        record.rows.map((r) => ({
          service: r.service,
          dataType: r.dataTypeNl,
          retention: r.retentionNl,
          until: r.retentionUntil ?? '',
          subprocessors: r.subprocessors.join(', '),
        })),
      );
    });

  customers
    .command('import')
    .description('Import customers, contacts, agreements and service lines from a CSV or XLSX file')
    .argument('<file>', 'the spreadsheet (one row per customer)')
    .option('--skip-invalid', 'import the valid rows and report the others')
    .option('--dry-run', 'check the file without importing')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options: { skipInvalid?: boolean; dryRun?: boolean; json?: boolean }) => {
      if (!fs.existsSync(file)) {
        throw new CliError(`No file at ${file}.`, 2);
      }
      const bytes = fs.readFileSync(file);
      const report = await withDatabase(async (_db, ctx) =>
        importCustomers(ctx, serviceLineLookup, await readImportFile(bytes, path.basename(file)), {
          skipInvalid: options.skipInvalid ?? false,
          dryRun: options.dryRun ?? false,
        }),
      );
      if (options.json) {
        printJson(report);
      } else {
        process.stdout.write(`${report.rows} rows, ${report.valid} valid, ${report.imported} imported.\n`);
        if (report.problems.length > 0) {
          printTable(report.problems.map((p) => ({ row: p.row, column: p.column, problem: p.message })));
        }
        if (report.problems.length > 0 && !options.skipInvalid) {
          process.stdout.write('Nothing was imported. Fix the rows above, or pass --skip-invalid.\n');
        }
      }
      if (report.problems.length > 0 && !options.skipInvalid) {
        process.exitCode = 1;
      }
    });

  program
    .command('demo')
    .description('Add 40 clearly marked demo customers (or remove exactly them with --remove)')
    .option('--remove', 'remove the demo customers and everything attached to them')
    .action(async (options: { remove?: boolean }) => {
      if (options.remove) {
        const { removed } = await withDatabase((_db, ctx) => removeDemoCustomers(ctx));
        process.stdout.write(`Removed ${removed} demo customers.\n`);
        return;
      }
      const result = await withDatabase((_db, ctx) => addDemoCustomers(ctx));
      process.stdout.write(
        result.added > 0
          ? `Added ${result.added} demo customers.\n`
          : `There are ${result.existing} demo customers already.\n`,
      );
    });
}
