import type { Clock } from './clock.ts';
import { systemActor } from './context.ts';
import type { Db } from './db/database.ts';
import { runMigrations } from './db/migrate.ts';
import { seedRegister } from './modules/register/register.usecases.ts';
import { ensureProcessorProfile } from './modules/settings/settings.usecases.ts';
import { ensureAgreementSubprocessors } from './modules/subprocessors/subprocessors.usecases.ts';

// What every process does before it uses the database, server and CLI alike: bring the schema up to date, and on
// a fresh install fill in what the agreement itself says (the processor party, the Annex 1 register).
export async function prepareDatabase(db: Db, clock: Clock) {
  await runMigrations(db);
  const ctx = { db, clock, actor: systemActor };
  await ensureProcessorProfile(ctx);
  await seedRegister(ctx);
  await ensureAgreementSubprocessors(ctx);
}
