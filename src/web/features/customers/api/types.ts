// Shapes of the customers API (/api/v1/customers…, customers.schemas.ts on the server). Calendar dates are
// YYYY-MM-DD strings (Europe/Amsterdam); instants are ISO 8601 strings.

export const customerStatuses = ['active', 'terminated', 'ended', 'none'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];
export type AgreementStatus = Exclude<CustomerStatus, 'none'>;

export const contactRoles = ['signatory', 'ict-lead', 'privacy-contact', 'dpo', 'billing'] as const;
export type ContactRole = (typeof contactRoles)[number];

export const dpaStatuses = [
  'draft',
  'sent',
  'signed_by_customer',
  'signed_by_processor',
  'active',
  'superseded',
  'ended',
] as const;
export type DpaStatus = (typeof dpaStatuses)[number];

export const instructionChannels = ['email', 'phone', 'letter', 'meeting', 'portal', 'other'] as const;
export type InstructionChannel = (typeof instructionChannels)[number];
export type InstructionStatus = 'in_force' | 'on_hold' | 'withdrawn';

export type Party = 'customer' | 'processor';

export type CustomerSummary = {
  id: string;
  legalName: string;
  kvkNumber: string;
  city: string;
  isDemo: boolean;
  status: CustomerStatus;
  services: string[];
  dpaStatus: string | null;
};

export type Contact = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  roles: ContactRole[];
};

export type Signature = {
  id: string;
  party: Party;
  signerName: string;
  signerRole: string;
  signedAt: string;
  method: 'uploaded_pdf' | 'portal';
  fileName: string | null;
  fileSha256: string | null;
  accountId: string | null;
  ip: string | null;
};

export type Dpa = {
  id: string;
  version: number;
  status: DpaStatus;
  registerVersion: number | null;
  reason: string | null;
  sentAt: string | null;
  effectiveDate: string | null;
  supersededOn: string | null;
  inForce: boolean;
  signatures: Signature[];
};

export type AgreementService = {
  id: string;
  serviceLineCode: string;
  startDate: string;
  endDate: string | null;
  activeToday: boolean;
};

export type Agreement = {
  id: string;
  reference: string;
  startDate: string;
  noticeGivenOn: string | null;
  endDate: string | null;
  status: AgreementStatus;
  services: AgreementService[];
  /** Newest version first. */
  dpas: Dpa[];
};

export type CustomerFields = {
  legalName: string;
  kvkNumber: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  locale: 'nl' | 'en';
};

export type Customer = CustomerFields & {
  id: string;
  isDemo: boolean;
  status: CustomerStatus;
  createdAt: string;
  updatedAt: string;
  contacts: Contact[];
  /** Newest agreement (by start date) first: agreements[0] is the current one. */
  agreements: Agreement[];
};

export type ContactFields = { name: string; email: string; phone: string | null; roles: ContactRole[] };

export type ServiceFields = { serviceLineCode: string; startDate: string; endDate: string | null };

export type AgreementFields = { reference: string; startDate: string; services: ServiceFields[] };

export type SignatureFields = {
  party: Party;
  signerName: string;
  signerRole: string;
  signedAt: string;
  file: { name: string; dataBase64: string };
};

export type InstructionAttachment = { id: string; fileName: string; mime: string; sha256: string };

export type Instruction = {
  id: string;
  receivedOn: string;
  fromName: string;
  channel: InstructionChannel;
  text: string;
  serviceLineCodes: string[];
  status: InstructionStatus;
  concern: string | null;
  noticeSentAt: string | null;
  customerAnswer: string | null;
  answeredAt: string | null;
  attachments: InstructionAttachment[];
  createdAt: string;
};

export type InstructionFields = {
  receivedOn: string;
  fromName: string;
  channel: InstructionChannel;
  text: string;
  serviceLineCodes: string[];
  attachments: { name: string; mime: string; dataBase64: string }[];
};

export type ImportProblem = { row: number; field: string; column: string; message: string };
export type ImportReport = {
  rows: number;
  valid: number;
  imported: number;
  skipped: number;
  problems: ImportProblem[];
};

export type ServiceLine = {
  code: string;
  nameNl: string;
  nameEn: string;
  productName: string | null;
  purposeNl: string;
  purposeEn: string;
  position: number;
  retiredAt: string | null;
};

export type RecordRow = {
  service: string;
  dataTypeNl: string;
  dataTypeEn: string;
  dataCategories: string[];
  dataSubjects: string[];
  processedByProcessor: boolean;
  processorRole: 'processor' | 'controller';
  retentionNl: string;
  retentionEn: string;
  retentionUntil: string | null;
  /** True when only the latest possible date is known ("uiterlijk"). */
  retentionUntilIsLatest: boolean;
  subprocessors: string[];
};

export type RecordSubprocessor = { name: string; country: string | null; insideEea: boolean | null };

/** The processor's record of processing for one controller (GDPR Art. 30(2)). */
export type CustomerRecord = {
  generatedAt: string;
  asOfDate: string;
  registerVersion: number | null;
  processor: {
    legalName: string;
    kvkNumber: string;
    address: string;
    privacyContact: { name: string; email: string; phone: string };
    breachPhone: string;
  };
  controller: {
    id: string;
    legalName: string;
    kvkNumber: string;
    address: string;
    contacts: Contact[];
  };
  agreement: {
    reference: string;
    startDate: string;
    noticeGivenOn: string | null;
    endDate: string | null;
    status: AgreementStatus;
  } | null;
  services: {
    code: string;
    nameNl: string;
    nameEn: string;
    purposeNl: string;
    purposeEn: string;
    startDate: string;
    endDate: string | null;
  }[];
  rows: RecordRow[];
  subprocessors: RecordSubprocessor[];
  transfersOutsideEea: RecordSubprocessor[];
  securityMeasures: string;
};
