import { useQuery } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../../../lib/api.ts';
import type { Session } from '../../../lib/api-types.ts';

export const sessionQueryKey = ['session'] as const;

/** The current session, or null when nobody is logged in (the API answers 401). */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('/auth/session', { allowUnauthorized: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: getSession,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The logged-in user; only for components rendered inside the authenticated shell. */
export function useCurrentUser() {
  const { data } = useSession();
  return data?.user ?? null;
}
