import type { TFunction } from 'i18next';

/** The accessible names of a Mantine calendar's controls, in the user's language (Mantine's own are English). */
export const calendarLabels = (t: TFunction) => ({
  previousMonth: t('dates.previousMonth'),
  nextMonth: t('dates.nextMonth'),
  previousYear: t('dates.previousYear'),
  nextYear: t('dates.nextYear'),
  previousDecade: t('dates.previousDecade'),
  nextDecade: t('dates.nextDecade'),
  monthLevelControl: t('dates.monthLevel'),
  yearLevelControl: t('dates.yearLevel'),
});
