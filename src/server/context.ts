import type { Role } from '../shared/roles.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/database.ts';

// Who did it, as the audit log records it.
export type Actor = {
  kind: 'user' | 'token' | 'system' | 'cli';
  id: string | null;
  label: string;
  role: Role | null;
};

export const systemActor: Actor = { kind: 'system', id: null, label: 'system', role: null };
export const cliActor = (label = `cli:${process.env.USER ?? 'operator'}`): Actor => ({
  kind: 'cli',
  id: null,
  label,
  role: 'admin',
});

// What every use case gets: the database, the clock, and on whose behalf it runs.
export type Ctx = { db: Db; clock: Clock; actor: Actor; requestId?: string | undefined };
