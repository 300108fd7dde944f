// Shapes of the documents API (/api/v1/…/documents, documents.routes.ts on the server).
import type { Locale } from '../../../lib/api-types.ts';

export const documentKinds = ['dpa', 'record', 'consent'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentFormats = ['pdf', 'docx'] as const;
export type DocumentFormat = (typeof documentFormats)[number];
export type DocumentLanguage = Locale;

/** A generated, stored document: its inputs' versions and the SHA-256 of the file. */
export type GeneratedDocument = {
  id: string;
  customerId: string;
  kind: DocumentKind;
  format: DocumentFormat;
  language: DocumentLanguage;
  templateVersion: number | null;
  registerVersion: number | null;
  agreementId: string | null;
  dpaId: string | null;
  dpaVersion: number | null;
  inputsSha256: string;
  fileName: string;
  fileSha256: string;
  sizeBytes: number;
  createdBy: string;
  createdAt: string;
};

export type GenerateRequest = { kind: DocumentKind; format: DocumentFormat; language?: DocumentLanguage };

export const outdatedReasons = [
  'register',
  'services',
  'customer',
  'processor',
  'template',
  'dpa_version',
] as const;
export type OutdatedReason = (typeof outdatedReasons)[number];

export type OutdatedDocument = {
  customerId: string;
  legalName: string;
  /** The customer's newest document of this kind, which no longer matches the data. */
  document: GeneratedDocument;
  reasons: OutdatedReason[];
};

export type VocabularyItem = { name: string; description: { nl: string; en: string } };

export type DocumentTemplate = {
  kind: 'dpa';
  language: DocumentLanguage;
  /** 0: the template shipped with art28, until an admin saves one. */
  version: number;
  body: string;
  note: string | null;
  createdBy: string;
  createdAt: string | null;
  placeholders: VocabularyItem[];
  directives: VocabularyItem[];
};

/** line is 1-based; null when the issue concerns the template as a whole. */
export type TemplateIssue = { line: number | null; message: string };
