import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { calendarLabels } from '../../../components/calendar-labels.ts';
import { parseDay } from '../lib/dates.ts';

type DayInputProps = Omit<DateInputProps, 'value' | 'onChange' | 'dateParser' | 'valueFormat'> & {
  /** YYYY-MM-DD, or '' when empty. */
  value: string;
  onChange: (value: string) => void;
};

/** A calendar date that can be typed (28-02-2027) or picked; the value is YYYY-MM-DD. */
export function DayInput({ value, onChange, description, ...props }: DayInputProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  return (
    <DateInput
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      valueFormat={lng === 'en' ? 'D MMM YYYY' : 'DD-MM-YYYY'}
      dateParser={(text) => parseDay(text, lng)}
      placeholder={t('customers.dates.placeholder')}
      description={description === undefined ? t('customers.dates.hint') : description}
      autoComplete="off"
      firstDayOfWeek={1}
      ariaLabels={calendarLabels(t)}
      {...props}
    />
  );
}
