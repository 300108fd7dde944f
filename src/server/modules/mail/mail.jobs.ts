import { z } from 'zod';
import { defineJob } from '../../jobs/job.types.ts';
import { deliverDueEmails } from './mail.usecases.ts';

export const deliverMailJob = defineJob({
  name: 'mail.deliver',
  description:
    'Send queued e-mail that is due (new messages and retries); without SMTP, park it in the outbox.',
  payload: z.object({}).default({}),
  // Every minute: the retry schedule starts at one minute, and a message queued without a job runtime in the
  // process (the CLI, a test) still goes out within a minute.
  cron: '* * * * *',
  run: async (deps) => {
    const summary = await deliverDueEmails(deps);
    if (summary.sent + summary.deferred + summary.failed + summary.outbox > 0) {
      deps.log.info(summary, 'mail delivery run');
    }
    return summary;
  },
});
