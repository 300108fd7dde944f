export const PII_TYPES = [
  'EMAIL',
  'PHONE',
  'IBAN',
  'BSN',
  'IMEI',
  'ICCID',
  'IMSI',
  'MAC',
  'IP',
  'POSTCODE',
  'KVK',
  'VAT_NL',
  'LICENSE_PLATE',
  'PASSPORT_NL',
  'DATE_OF_BIRTH',
  'CREDIT_CARD',
  'PERSON_NAME',
] as const;

export type PiiType = (typeof PII_TYPES)[number];

// Numeric codes index PII_TYPES; the hot path works with numbers only.
export const T_EMAIL = 0;
export const T_PHONE = 1;
export const T_IBAN = 2;
export const T_BSN = 3;
export const T_IMEI = 4;
export const T_ICCID = 5;
export const T_IMSI = 6;
export const T_MAC = 7;
export const T_IP = 8;
export const T_POSTCODE = 9;
export const T_KVK = 10;
export const T_VAT_NL = 11;
export const T_LICENSE_PLATE = 12;
export const T_PASSPORT_NL = 13;
export const T_DATE_OF_BIRTH = 14;
export const T_CREDIT_CARD = 15;
export const T_PERSON_NAME = 16;
export const TYPE_COUNT = PII_TYPES.length;

export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const C_LOW = 0;
export const C_MEDIUM = 1;
export const C_HIGH = 2;

export type FileFormat = 'csv' | 'json' | 'jsonl' | 'log' | 'text';

export interface Finding {
  file: string;
  type: PiiType;
  offset: number;
  length: number;
  confidence: Confidence;
  value?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface TypeSummary {
  count: number;
  distinct: number;
}

export interface PersonBounds {
  min: number;
  max: number;
}

export interface ScanSummary {
  files: number;
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  types: Partial<Record<PiiType, TypeSummary>>;
  persons: PersonBounds;
  skipped: SkippedFile[];
  lowConfidence: Partial<Record<PiiType, number>>;
  isApproximate: boolean;
  workers: number;
}

export interface ScanProgress {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export interface ScanOptions {
  workers?: number;
  withValues?: boolean;
  onFinding?: (finding: Finding) => void | Promise<void>;
  onProgress?: (progress: ScanProgress) => void;
  splitBytes?: number;
  maxExactDistinct?: number;
  // Stops the scan (workers are terminated); scanFiles then rejects with the signal's reason.
  signal?: AbortSignal;
}
