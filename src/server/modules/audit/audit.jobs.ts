import { z } from 'zod';
import { defineJob } from '../../jobs/job.types.ts';
import { verifyAuditChain } from './audit.usecases.ts';

export const verifyAuditChainJob = defineJob({
  name: 'audit.verify-chain',
  description: 'Recompute the audit log hash chain and record the result for the dashboard.',
  payload: z.object({}).default({}),
  cron: '30 2 * * *', // nightly at 02:30 Amsterdam time, before office hours, when the chain is quiet
  run: async (deps) => {
    const result = await verifyAuditChain(deps, 'job');
    if (!result.ok) {
      deps.log.error({ brokenRowId: result.brokenRowId }, `audit chain broken: ${result.message}`);
    }
    return result;
  },
});
