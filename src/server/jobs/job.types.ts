import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';

export type JobDeps = {
  db: Db;
  clock: Clock;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  dataKey?: Buffer;
  publicUrl?: string;
  // OpenDSR callbacks to private or local addresses (requests.opendsr-callbacks.ts); off unless configured
  allowPrivateCallbacks?: boolean;
};

export type JobDefinition<P = unknown> = {
  name: string;
  description: string;
  payload: z.ZodType<P>;
  // 5-field cron, Europe/Amsterdam
  cron?: string;
  run: (deps: JobDeps, payload: P) => Promise<unknown>;
};

export const defineJob = <P>(job: JobDefinition<P>) => job as JobDefinition<unknown>;
