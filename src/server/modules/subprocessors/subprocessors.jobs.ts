import { z } from 'zod';
import { defineJob } from '../../jobs/job.types.ts';
import { runDailyCheck } from './subprocessors.alerts.ts';

export const subprocessorDailyCheckJob = defineJob({
  name: 'subprocessors.daily-check',
  description:
    'Escalate consent requests past their window, remind customers a week before, raise expired flow-down DPAs, certifications and DPF re-certifications.',
  payload: z.object({}).default({}),
  cron: '15 6 * * *', // 06:15 Amsterdam time: the alerts are there when the privacy desk starts
  run: async (deps) => {
    const result = await runDailyCheck(deps);
    deps.log.info(result, 'sub-processor daily check');
    return result;
  },
});
