import { z } from 'zod';
import { defineJob } from '../../jobs/job.types.ts';
import { remindUpdatesDue, sendDeadlineWarnings } from './breaches.notices.ts';
import { runQueuedScans, runScan } from './breaches.scans.ts';

export const breachDeadlineWarningsJob = defineJob({
  name: 'breaches.deadline-warnings',
  description:
    'Warn the privacy desk 6 hours and 1 hour before an incident’s 24-hour deadline, and when it passes.',
  payload: z.object({}).default({}),
  cron: '*/5 * * * *', // every 5 minutes: a 1-hour warning is never more than 5 minutes late
  run: async (deps) => sendDeadlineWarnings(deps),
});

export const breachUpdateRemindersJob = defineJob({
  name: 'breaches.update-reminders',
  description:
    'Remind the privacy desk when an open incident’s customers have had no update for its interval (8.2).',
  payload: z.object({}).default({}),
  cron: '7 * * * *', // hourly
  run: async (deps) => remindUpdatesDue(deps),
});

export const breachScanJob = defineJob({
  name: 'breaches.scan',
  description:
    'Scan an uploaded or server file of an incident for personal data (types, persons min–max); without a scan id, run the queued ones.',
  payload: z.object({ scanId: z.uuid().optional() }).default({}),
  cron: '* * * * *', // every minute: picks up scans the immediate dispatch missed
  run: async (deps, payload) => (payload.scanId ? runScan(deps, payload.scanId) : runQueuedScans(deps)),
});
