import { Checkbox, Group, Radio, ScrollArea, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentCustomer } from '../api/types.ts';

export type ChoiceScope = 'all' | 'chosen';

/** Who a notice (8.1) or an update (8.2) goes to: every candidate, or the ones ticked. */
export function useCustomerChoice(candidates: IncidentCustomer[]) {
  const [scope, setScope] = useState<ChoiceScope>('all');
  const [chosenIds, setChosenIds] = useState<string[]>([]);
  const chosen = scope === 'all' ? candidates : candidates.filter((c) => chosenIds.includes(c.customerId));
  return {
    scope,
    setScope,
    chosenIds,
    setChosenIds,
    chosen,
    /** The body's customerIds: left out for "all", so the server takes everyone it holds as waiting. */
    customerIds: scope === 'chosen' ? { customerIds: chosen.map((c) => c.customerId) } : {},
  };
}

type Props = {
  choice: ReturnType<typeof useCustomerChoice>;
  /** The candidates, in the order shown. */
  candidates: IncidentCustomer[];
  /** "All customers still waiting (23)" / "All customers notified (23)". */
  allLabel: string;
  error?: string | null;
  /** Shown beside a candidate's name (the notice: its deadline). */
  aside?: (customer: IncidentCustomer) => ReactNode;
  autoFocus?: boolean;
};

export function CustomerChooser({ choice, candidates, allLabel, error, aside, autoFocus = false }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Radio.Group
        label={t('breaches.notice.to')}
        value={choice.scope}
        onChange={(value) => choice.setScope(value as ChoiceScope)}
      >
        <Stack gap={6} mt={6}>
          <Radio value="all" label={allLabel} data-autofocus={autoFocus || undefined} />
          <Radio value="chosen" label={t('breaches.notice.toChosen')} />
        </Stack>
      </Radio.Group>
      {choice.scope === 'chosen' ? (
        <Checkbox.Group
          label={t('breaches.notice.choose')}
          value={choice.chosenIds}
          onChange={choice.setChosenIds}
          error={error}
          errorProps={{ role: 'alert' }}
        >
          <ScrollArea.Autosize mah={240} mt={6} type="auto">
            <Stack gap={6}>
              {candidates.map((c) =>
                aside ? (
                  <Group key={c.customerId} gap="xs" wrap="nowrap" justify="space-between">
                    <Checkbox value={c.customerId} label={c.legalName} />
                    {aside(c)}
                  </Group>
                ) : (
                  <Checkbox key={c.customerId} value={c.customerId} label={c.legalName} />
                ),
              )}
            </Stack>
          </ScrollArea.Autosize>
        </Checkbox.Group>
      ) : null}
    </>
  );
}
