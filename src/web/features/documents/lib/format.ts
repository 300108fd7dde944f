const intlLocale = (lng: string) => (lng === 'en' ? 'en-GB' : 'nl-NL');

/** 48213 → "47,1 kB" (nl) / "47.1 kB" (en); binary steps, as file managers show them. */
export function formatBytes(bytes: number, lng: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(intlLocale(lng), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The first 10 hex digits: enough to tell files apart at a glance; the full hash is copied. */
export const shortHash = (sha256: string) => sha256.slice(0, 10);
