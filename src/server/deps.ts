import type { Clock } from './clock.ts';
import type { Db, Engine } from './db/database.ts';

// What the composition root hands to routes and jobs.
export type AppDeps = {
  db: Db;
  clock: Clock;
  engine: Engine;
  secureCookies: 'auto' | boolean;
  // Base of links in e-mails (invites, password resets), without a trailing slash.
  publicUrl: string;
  // Seals data subject identities and the OpenDSR signing key (keys.ts). Tests and tools that leave it out get a
  // random key for the life of the process.
  dataKey?: Buffer;
  // Where uploads wait for their scan (ART28_DATA_DIR; scans/ below it). Without it: a temporary directory.
  dataDir?: string;
  // Directories staff may point a breach scan at (ART28_SCAN_ROOTS); none unless configured.
  scanRoots?: readonly string[];
};
