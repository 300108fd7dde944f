import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { generateDocument, getDocumentFile } from '../../server/modules/documents/documents.usecases.ts';
import { CliError, printJson, withDatabase } from '../cli-context.ts';

const kinds = ['dpa', 'record'] as const;
const formats = ['pdf', 'docx'] as const;

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(`${option} must be one of ${allowed.join(', ')} (got "${value}").`, 2);
  }
  return value as T;
}

export function registerDocumentCommands(program: Command) {
  const documents = program
    .command('documents')
    .description('Generated documents: the DPA with its annexes, records');
  documents
    .command('generate')
    .description('Generate a document for a customer, store it (with its inputs) and write it to a file')
    .requiredOption('--customer <id>', 'customer id (see customers list)')
    .option('--type <type>', `${kinds.join(' | ')}`, 'dpa')
    .option('--format <format>', `${formats.join(' | ')}`, 'pdf')
    .option('--language <language>', 'nl | en (default: the customer’s language)')
    .requiredOption('--out <file>', 'where to write the file')
    .option('--json', 'print the stored document’s details as JSON')
    .action(
      async (options: {
        customer: string;
        type: string;
        format: string;
        language?: string;
        out: string;
        json?: boolean;
      }) => {
        if (!/^[0-9a-f-]{36}$/i.test(options.customer)) {
          throw new CliError(`"${options.customer}" is not a customer id (see \`art28 customers list\`).`, 2);
        }
        const kind = oneOf(options.type, kinds, '--type');
        const format = oneOf(options.format, formats, '--format');
        const language =
          options.language === undefined
            ? undefined
            : oneOf(options.language, ['nl', 'en'] as const, '--language');
        const out = path.resolve(options.out);
        if (!fs.existsSync(path.dirname(out))) {
          throw new CliError(`The folder ${path.dirname(out)} does not exist.`, 2);
        }
        const { document, file } = await withDatabase(async (_db, ctx) => {
          const stored = await generateDocument(ctx, options.customer, { kind, format, language });
          return { document: stored, file: await getDocumentFile(ctx, options.customer, stored.id) };
        });
        fs.writeFileSync(out, file.file);
        if (options.json) {
          printJson({ ...document, writtenTo: out });
        } else {
          process.stdout.write(
            `${document.fileName}: ${document.sizeBytes} bytes, SHA-256 ${document.fileSha256}\nwritten to ${out}\n`,
          );
        }
      },
    );
}
