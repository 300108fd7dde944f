import { z } from 'zod';
import { defineJob } from '../../jobs/job.types.ts';
import { deliverCallbacks } from './requests.opendsr-callbacks.ts';

export const opendsrCallbacksJob = defineJob({
  name: 'requests.opendsr-callbacks',
  description:
    'Post queued OpenDSR status callbacks to the controllers, signed; retry after 1, 5, 15, 60, 240, 720 and 1440 minutes, then mark failed.',
  payload: z.object({}).default({}),
  cron: '* * * * *', // every minute: the first retry is due a minute after a failure
  run: async (deps) => deliverCallbacks(deps),
});
