import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../../lib/api.ts';
import { customerPath } from './customers.ts';
import type { Instruction, InstructionFields } from './types.ts';

const instructionsKey = (customerId: string) => ['customers', 'instructions', customerId] as const;

export function useInstructions(customerId: string) {
  return useQuery({
    queryKey: instructionsKey(customerId),
    queryFn: async ({ signal }) =>
      (await api<{ items: Instruction[] }>(customerPath(customerId, '/instructions'), { signal })).items,
  });
}

function useInstructionMutation<I>(customerId: string, request: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: instructionsKey(customerId) });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useRecordInstruction(customerId: string) {
  return useInstructionMutation(customerId, (input: InstructionFields) =>
    api<{ id: string }>(customerPath(customerId, '/instructions'), { method: 'POST', body: input }),
  );
}

export function useFlagInstruction(customerId: string) {
  return useInstructionMutation(customerId, ({ id, concern }: { id: string; concern: string }) =>
    api<void>(customerPath(customerId, `/instructions/${encodeURIComponent(id)}/flag`), {
      method: 'POST',
      body: { concern },
    }),
  );
}

export function useAnswerInstruction(customerId: string) {
  return useInstructionMutation(
    customerId,
    ({ id, ...body }: { id: string; answer: string; outcome: 'in_force' | 'withdrawn' }) =>
      api<void>(customerPath(customerId, `/instructions/${encodeURIComponent(id)}/answer`), {
        method: 'POST',
        body,
      }),
  );
}

export const attachmentUrl = (customerId: string, instructionId: string, attachmentId: string) =>
  apiUrl(
    customerPath(
      customerId,
      `/instructions/${encodeURIComponent(instructionId)}/attachments/${encodeURIComponent(attachmentId)}`,
    ),
  );
