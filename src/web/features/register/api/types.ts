// Shapes of the register API (/api/v1/register…), as register.schemas.ts on the server defines them.

import type {
  DataCategory,
  DataSubject,
  GdprOperation,
  ProcessorRole,
} from '../../../../shared/register-taxonomy.ts';
import type { RetentionRule } from '../../../../shared/retention.ts';

export type ServiceLine = {
  code: string;
  nameNl: string;
  nameEn: string;
  productName: string | null;
  purposeNl: string;
  purposeEn: string;
  position: number;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
};

export type ProcessingOperation = {
  code: string;
  labelNl: string;
  labelEn: string;
  gdprOperation: GdprOperation | null;
  position: number;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
};

export type Party = {
  id: string;
  name: string;
  legalName: string | null;
  country: string | null;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
};

export type RegisterEntry = {
  id: string;
  serviceLine: string;
  dataTypeNl: string;
  dataTypeEn: string;
  dataCategories: DataCategory[];
  dataSubjects: DataSubject[];
  specialCategory: boolean;
  criminalData: boolean;
  processedByProcessor: boolean;
  processorRole: ProcessorRole;
  retentionRule: RetentionRule;
  retentionNl: string;
  retentionEn: string;
  subprocessors: { id: string; name: string }[];
  position: number;
  revision: number;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
};

export type RegisterVersion = {
  version: number;
  createdAt: string;
  actorLabel: string;
  action: string;
  summary: string;
};

export type Register = {
  version: RegisterVersion | null;
  asOf: string | null;
  serviceLines: ServiceLine[];
  operations: ProcessingOperation[];
  parties: Party[];
  entries: RegisterEntry[];
};

export type EntryFields = {
  serviceLine: string;
  dataTypeNl: string;
  dataTypeEn: string;
  dataCategories: DataCategory[];
  dataSubjects: DataSubject[];
  processedByProcessor: boolean;
  processorRole: ProcessorRole;
  retentionRule: RetentionRule;
  subprocessorIds: string[];
};

export type ImportIssue = { column: string | null; code: string; message: string };

export type ImportReport = {
  format: 'csv' | 'xlsx' | null;
  dryRun: boolean;
  applied: boolean;
  registerVersion: number | null;
  counts: {
    rows: number;
    create: number;
    update: number;
    unchanged: number;
    invalid: number;
    retire: number;
  };
  fileErrors: { code: string; message: string }[];
  rows: {
    row: number;
    status: 'create' | 'update' | 'unchanged' | 'invalid';
    entryId: string | null;
    serviceLine: string | null;
    dataType: string | null;
    changes: string[];
    errors: ImportIssue[];
  }[];
  retired: { entryId: string; serviceLine: string; dataType: string }[];
};

export type RegisterQuery = {
  serviceLine?: string;
  subprocessor?: string;
  dataCategory?: string;
  retention?: string;
  includeRetired?: boolean;
  asOf?: string;
};
