import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseDateTime } from '../lib/date-time-text.ts';
import { calendarLabels } from './calendar-labels.ts';

// A native <input type="datetime-local"> draws the browser's own format (06/10/2026, 09:15 AM in an American
// Chromium) whatever the app's language; this field writes an instant the way the app shows one: 10-06-2026 09:15
// (nl) or 10 Jun 2026 09:15 (en), always 24-hour. It can be typed or picked in the calendar.
//
// The value is the wall-clock time in the Netherlands without a zone, "2026-06-10T09:15" (what datetime-local
// held), or '' when empty; the caller turns it into an instant in Europe/Amsterdam.

type DateTimeInputProps = Omit<
  DateInputProps,
  'value' | 'onChange' | 'defaultValue' | 'dateParser' | 'valueFormat' | 'withTime' | 'maxDate' | 'minDate'
> & {
  /** yyyy-MM-dd'T'HH:mm (Amsterdam wall-clock time), or '' when empty. */
  value: string;
  onChange: (value: string) => void;
  /** The latest moment, in the same form: later days are not offered in the calendar. */
  max?: string;
  min?: string;
};

const toMantine = (value: string | undefined) => (value ? `${value.replace('T', ' ')}:00` : null);

export function DateTimeInput({ value, onChange, max, min, allowDeselect, ...props }: DateTimeInputProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'nl';
  const current = toMantine(value);
  return (
    <DateInput
      value={current}
      onChange={(next) => {
        if (!next) {
          onChange('');
          return;
        }
        // a day picked in the calendar comes without a time: keep the time already there (or 00:00)
        const [day, time] = next.split(' ');
        const keptTime = time ?? current?.split(' ')[1] ?? '00:00:00';
        onChange(`${day}T${keptTime.slice(0, 5)}`);
      }}
      withTime
      valueFormat={lng === 'en' ? 'D MMM YYYY HH:mm' : 'DD-MM-YYYY HH:mm'}
      dateParser={(text) => parseDateTime(text, lng)}
      maxDate={max ? max.slice(0, 10) : undefined}
      minDate={min ? min.slice(0, 10) : undefined}
      allowDeselect={allowDeselect ?? !props.required}
      placeholder={t('dates.dateTimePlaceholder')}
      autoComplete="off"
      firstDayOfWeek={1}
      ariaLabels={calendarLabels(t)}
      {...props}
    />
  );
}
