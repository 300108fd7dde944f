import { z } from 'zod';
import { defineJob } from '../../jobs/job.types.ts';
import { sendDeadlineWarnings } from './breaches.notices.ts';

export const breachDeadlineWarningsJob = defineJob({
  name: 'breaches.deadline-warnings',
  description:
    'Warn the privacy desk 6 hours and 1 hour before an incident’s 24-hour deadline, and when it passes.',
  payload: z.object({}).default({}),
  cron: '*/5 * * * *', // every 5 minutes: a 1-hour warning is never more than 5 minutes late
  run: async (deps) => sendDeadlineWarnings(deps),
});
