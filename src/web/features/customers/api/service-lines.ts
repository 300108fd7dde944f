import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../lib/api.ts';
import type { ServiceLine } from './types.ts';

// The service lines come from the register (register.routes.ts: GET /register/service-lines); an older
// server only has the whole register (GET /register), which lists them too.
async function fetchServiceLines(signal: AbortSignal): Promise<ServiceLine[]> {
  try {
    return (await api<{ items: ServiceLine[] }>('/register/service-lines', { signal })).items;
  } catch (error) {
    if (isApiError(error) && error.status === 404) {
      return (await api<{ serviceLines: ServiceLine[] }>('/register', { signal })).serviceLines;
    }
    throw error;
  }
}

export function useServiceLines() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['customers', 'service-lines'],
    queryFn: ({ signal }) => fetchServiceLines(signal),
    staleTime: 5 * 60_000,
  });
  const lines = query.data ?? [];
  const en = i18n.resolvedLanguage === 'en';
  const nameOf = (code: string) => {
    const line = lines.find((l) => l.code === code);
    return line ? (en ? line.nameEn : line.nameNl) : code;
  };
  const current = lines.filter((l) => l.retiredAt === null).sort((a, b) => a.position - b.position);
  return {
    ...query,
    lines,
    nameOf,
    /** Select options of the service lines one can still subscribe to. */
    options: current.map((l) => ({ value: l.code, label: en ? l.nameEn : l.nameNl })),
  };
}
