import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import 'mantine-datatable/styles.css';
import '../styles.css';
import 'dayjs/locale/nl';

import { createTheme, InputWrapper, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from '../i18n/index.ts';
import { isApiError } from '../lib/api.ts';

const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 7,
  defaultRadius: 'sm',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // No " *" inside labels: the accessible name stays exactly the label ("Naam"), and `required` on the
    // input already tells assistive technology. Forms say in words which fields are required.
    InputWrapper: InputWrapper.extend({ defaultProps: { withAsterisk: false } }),
  },
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; a network blip or a 5xx may.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

function DatesLocale({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  return (
    <DatesProvider settings={{ locale: instance.resolvedLanguage ?? 'nl', firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} forceColorScheme="light">
        <DatesLocale>
          {/* Top right, just below the header (styles.css): at the bottom right a stack of them covered the last
              rows of a table and their buttons. Three at most, each gone by itself (notifySuccess sets 4 s). */}
          <Notifications position="top-right" limit={3} autoClose={5000} containerWidth={320} />
          <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
        </DatesLocale>
      </MantineProvider>
    </I18nextProvider>
  );
}
