import type { Command } from 'commander';
import { AppError } from '../../server/http/errors.ts';
import { newSecret } from '../../server/modules/accounts/accounts.models.ts';
import {
  createApiToken,
  createCustomerToken,
  createUser,
  listAllTokens,
  listAllUsers,
  listCustomerTokens,
  presentToken,
  presentUser,
  revokeApiToken,
} from '../../server/modules/accounts/accounts.usecases.ts';
import { type StaffRole, staffRoles } from '../../shared/roles.ts';
import { CliError, printJson, printTable, readStdinLine, withDatabase } from '../cli-context.ts';

function parseRole(role: string): StaffRole {
  const found = staffRoles.find((r) => r === role);
  if (!found) {
    throw new CliError(`Unknown role "${role}". Use one of: ${staffRoles.join(', ')}.`, 2);
  }
  return found;
}

export function registerAccountCommands(program: Command) {
  const user = program.command('user').description('Staff accounts');
  user
    .command('create')
    .description('Create a staff account; prints a generated password unless --password-stdin is given')
    .requiredOption('--email <email>', 'e-mail address (the login name)')
    .requiredOption('--name <name>', 'full name')
    .option('--role <role>', `one of ${staffRoles.join(', ')}`, 'staff')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print the result as JSON')
    .action(
      async (options: {
        email: string;
        name: string;
        role: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        const role = parseRole(options.role);
        const password = options.passwordStdin ? await readStdinLine() : newSecret(15);
        await withDatabase(async (_db, ctx) => {
          const created = await createUser(ctx, { email: options.email, name: options.name, role, password });
          const result = {
            id: created.id,
            email: created.email,
            role: created.role,
            ...(options.passwordStdin ? {} : { password }),
          };
          if (options.json) {
            printJson(result);
          } else {
            process.stdout.write(`Created ${created.role} ${created.email} (${created.id}).\n`);
            if (!options.passwordStdin) {
              process.stdout.write(`Password (shown once): ${password}\n`);
            }
          }
        });
      },
    );

  user
    .command('list')
    .description('List staff accounts')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const rows = (await withDatabase((_db, ctx) => listAllUsers(ctx))).map(presentUser);
      if (options.json) {
        printJson(rows);
      } else {
        printTable(
          rows.map((u) => ({
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role,
            locked: u.lockedUntil ?? '',
            disabled: u.disabledAt ?? '',
          })),
        );
      }
    });

  const token = program.command('token').description('API tokens for machine clients');
  token
    .command('create')
    .description('Create an API token; the token is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'who or what uses the token')
    .option('--role <role>', `one of ${staffRoles.join(', ')} (staff tokens)`)
    .option('--customer <id>', "a customer's own token (OpenDSR, portal API), acting as its customer-admin")
    .option('--json', 'print the result as JSON')
    .action(async (options: { name: string; role?: string; customer?: string; json?: boolean }) => {
      if (options.customer !== undefined && options.role !== undefined) {
        throw new CliError('A customer token always acts as customer-admin; leave out --role.', 2);
      }
      if (options.customer !== undefined && !uuidPattern.test(options.customer)) {
        throw new CliError(`"${options.customer}" is not a customer id (see \`art28 customers list\`).`, 2);
      }
      const role = options.customer === undefined ? parseRole(options.role ?? 'staff') : null;
      await withDatabase(async (_db, ctx) => {
        const { token: created, secret } = role
          ? await createApiToken(ctx, { name: options.name, role })
          : await createCustomerToken(ctx, {
              name: options.name,
              customerId: options.customer!,
              role: 'customer-admin',
            }).catch((error: unknown) => {
              if (error instanceof AppError && error.statusCode === 404) {
                throw new CliError(
                  `No customer with id ${options.customer} (see \`art28 customers list\`).`,
                  1,
                );
              }
              throw error;
            });
        if (options.json) {
          printJson({
            id: created.id,
            name: created.name,
            role: created.role,
            customerId: created.customerId,
            token: secret,
          });
        } else {
          process.stdout.write(`${secret}\n`);
          process.stderr.write(
            `Token "${created.name}" (${created.role}${created.customerId ? ` of customer ${created.customerId}` : ''}) created. It is shown only this once; use it as "Authorization: Bearer <token>".\n`,
          );
        }
      });
    });

  token
    .command('list')
    .description("List API tokens (never their secrets): staff tokens, or with --customer that customer's")
    .option('--customer <id>', "list this customer's own tokens")
    .option('--json', 'print as JSON')
    .action(async (options: { customer?: string; json?: boolean }) => {
      if (options.customer !== undefined && !uuidPattern.test(options.customer)) {
        throw new CliError(`"${options.customer}" is not a customer id (see \`art28 customers list\`).`, 2);
      }
      const rows = (
        await withDatabase((_db, ctx) =>
          options.customer ? listCustomerTokens(ctx, options.customer) : listAllTokens(ctx),
        )
      ).map(presentToken);
      if (options.json) {
        printJson(rows);
      } else {
        printTable(
          rows.map((t) => ({
            id: t.id,
            name: t.name,
            role: t.role,
            prefix: t.prefix,
            lastUsed: t.lastUsedAt ?? '',
            revoked: t.revokedAt ?? '',
          })),
        );
      }
    });
  token
    .command('revoke')
    .description('Revoke an API token; clients using it get 401 from then on')
    .argument('<id>', 'token id (see token list)')
    .action(async (id: string) => {
      if (!uuidPattern.test(id)) {
        throw new CliError(`"${id}" is not a token id (see \`art28 token list\`).`, 2);
      }
      const revoked = await withDatabase((_db, ctx) => revokeApiToken(ctx, id));
      process.stdout.write(`Revoked token "${revoked.name}".\n`);
    });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
