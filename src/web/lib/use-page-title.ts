import { useEffect } from 'react';

/** Sets the document title ("Auditlog · art28") so each page is identifiable in tabs and screen readers. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · art28` : 'art28';
  }, [title]);
}
