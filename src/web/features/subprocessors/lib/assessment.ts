import type { TFunction } from 'i18next';
import type { ObjectionOutcome } from '../api/types.ts';

type Assessed = { objectionReasonable: boolean | null; objectionOutcome: string | null };

/** "Beoordeeld: redelijk — alternatief" for an objection staff have assessed (clause 5.1). */
export const assessmentText = (t: TFunction, c: Assessed) =>
  t('subprocessors.customerTab.assessed', {
    verdict: c.objectionReasonable ? t('subprocessors.assess.yes') : t('subprocessors.assess.no'),
    outcome: c.objectionOutcome ? t(`subprocessors.outcomes.${c.objectionOutcome as ObjectionOutcome}`) : '',
  });
