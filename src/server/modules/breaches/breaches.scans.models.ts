import type { Locale } from '../../../shared/roles.ts';
import type { PiiType, ScanSummary } from '../scanner/scanner.types.ts';

// Annex 3 Q2 asks "which types of personal data" in words the customer's privacy officer can pass on to the
// Autoriteit Persoonsgegevens; the scanner's type codes are not that. One label per type, in both languages of
// the agreement, in the plural the notice's list uses.
export const scanTypeLabels: Record<PiiType, Record<Locale, string>> = {
  EMAIL: { nl: 'e-mailadressen', en: 'e-mail addresses' },
  PHONE: { nl: 'telefoonnummers', en: 'phone numbers' },
  IBAN: { nl: 'bankrekeningnummers (IBAN)', en: 'bank account numbers (IBAN)' },
  BSN: { nl: 'burgerservicenummers (BSN)', en: 'citizen service numbers (BSN)' },
  IMEI: { nl: 'toestelnummers van mobiele telefoons (IMEI)', en: 'mobile device identifiers (IMEI)' },
  ICCID: { nl: 'simkaartnummers (ICCID)', en: 'SIM card numbers (ICCID)' },
  IMSI: { nl: 'abonnee-identiteiten van simkaarten (IMSI)', en: 'SIM subscriber identities (IMSI)' },
  MAC: { nl: 'MAC-adressen van apparaten', en: 'device MAC addresses' },
  IP: { nl: 'IP-adressen', en: 'IP addresses' },
  POSTCODE: { nl: 'postcodes', en: 'postcodes' },
  KVK: { nl: 'KvK-nummers', en: 'Chamber of Commerce (KvK) numbers' },
  VAT_NL: { nl: 'btw-identificatienummers', en: 'VAT identification numbers' },
  LICENSE_PLATE: { nl: 'kentekens', en: 'vehicle registration numbers' },
  PASSPORT_NL: { nl: 'paspoortnummers', en: 'passport numbers' },
  DATE_OF_BIRTH: { nl: 'geboortedatums', en: 'dates of birth' },
  CREDIT_CARD: { nl: 'creditcardnummers', en: 'credit card numbers' },
  PERSON_NAME: { nl: 'namen', en: 'names' },
};

// What is kept of a scan: the summary without anything from the file itself. The engine never returns values
// unless asked (withValues), and skipped entries name the upload by its original name, not its path on disk.
export type StoredScanResult = {
  files: number;
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  types: Partial<Record<PiiType, { count: number; distinct: number }>>;
  persons: { min: number; max: number };
  skipped: { file: string; reason: string }[];
  lowConfidence: Partial<Record<PiiType, number>>;
  isApproximate: boolean;
};

export function toStoredResult(summary: ScanSummary, diskPath: string, fileName: string): StoredScanResult {
  const rename = (file: string) =>
    file.startsWith(diskPath) ? fileName + file.slice(diskPath.length) : file;
  const types: StoredScanResult['types'] = {};
  for (const [type, value] of Object.entries(summary.types) as [
    PiiType,
    { count: number; distinct: number },
  ][]) {
    if (value.count > 0) {
      types[type] = { count: value.count, distinct: value.distinct };
    }
  }
  return {
    files: summary.files,
    bytes: summary.bytes,
    seconds: summary.seconds,
    mbPerSecond: summary.mbPerSecond,
    types,
    persons: { min: summary.persons.min, max: summary.persons.max },
    skipped: summary.skipped.map((s) => ({ file: rename(s.file), reason: s.reason })),
    lowConfidence: { ...summary.lowConfidence },
    isApproximate: summary.isApproximate,
  };
}

// A scan that read nothing at all (every input skipped: a binary file, UTF-16, an encrypted zip) has failed; one
// that read part of a file (a truncated gzip) keeps what it found and lists the rest as skipped.
export function failureOf(result: StoredScanResult): string | null {
  if (result.bytes > 0 || result.skipped.length === 0) {
    return null;
  }
  return `Nothing could be scanned: ${result.skipped.map((s) => `${s.file}: ${s.reason}`).join('; ')}`;
}

// The data types to add to a customer's Annex 3 answer: its current list plus the scan's, in its language, each
// once (compared without case, so a register's "E-mailadressen" is not added again as "e-mailadressen").
export function mergeDataTypes(
  current: readonly string[],
  types: readonly PiiType[],
  locale: Locale,
): string[] {
  const merged = [...current];
  const seen = new Set(current.map((t) => t.trim().toLowerCase()));
  for (const type of types) {
    const label = scanTypeLabels[type][locale];
    if (!seen.has(label.toLowerCase())) {
      seen.add(label.toLowerCase());
      merged.push(label);
    }
  }
  return merged;
}

export function truncateError(message: string, max = 500): string {
  return message.length > max ? `${message.slice(0, max - 1)}…` : message;
}

// A file name for the copy on disk: the scan's id and the original extensions (the engine sniffs the format from
// the name as well as the bytes), never anything else from a name the client chose.
export function diskNameOf(scanId: string, fileName: string): string {
  const ext = /(\.[A-Za-z0-9]{1,8}){1,2}$/.exec(fileName)?.[0] ?? '';
  return `${scanId}${ext.toLowerCase()}`;
}
