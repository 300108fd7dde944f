import { verifyAuditChainJob } from '../modules/audit/audit.jobs.ts';
import {
  breachDeadlineWarningsJob,
  breachScanJob,
  breachUpdateRemindersJob,
} from '../modules/breaches/breaches.jobs.ts';
import { deliverMailJob } from '../modules/mail/mail.jobs.ts';
import { requestDeadlineWarningsJob, requestRetentionJob } from '../modules/requests/requests.jobs.ts';
import { opendsrCallbacksJob } from '../modules/requests/requests.opendsr.jobs.ts';
import { subprocessorDailyCheckJob } from '../modules/subprocessors/subprocessors.jobs.ts';
import type { JobDefinition } from './job.types.ts';

// Every job of every module, once. `art28 jobs run NAME` and the scheduler both read this list.
export const jobRegistry: readonly JobDefinition[] = [
  verifyAuditChainJob,
  deliverMailJob,
  subprocessorDailyCheckJob,
  breachDeadlineWarningsJob,
  breachUpdateRemindersJob,
  breachScanJob,
  requestDeadlineWarningsJob,
  requestRetentionJob,
  opendsrCallbacksJob,
];

export function findJob(name: string): JobDefinition | undefined {
  return jobRegistry.find((job) => job.name === name);
}
