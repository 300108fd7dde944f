// Shapes of the portal API (/api/v1/portal…, portal.schemas.ts on the server). The customer is always the
// signed-in contact's own. Customer details, DPAs, the record and instructions have the staff side's shapes.
import type { CustomerRole } from '../../../lib/api-types.ts';
import type {
  Agreement,
  AgreementStatus,
  Customer,
  DpaStatus,
  InstructionStatus,
} from '../../customers/api/types.ts';

export type PortalCustomer = Customer;

export type PortalAgreementSummary = {
  id: string;
  reference: string;
  startDate: string;
  endDate: string | null;
  status: AgreementStatus;
  /** The newest DPA version of the agreement. */
  dpa: {
    id: string;
    version: number;
    status: DpaStatus;
    sentAt: string | null;
    effectiveDate: string | null;
    inForce: boolean;
  } | null;
};

export type OpenItem =
  /** A DPA version waiting for the customer's signature (clause 2.1). */
  | {
      kind: 'dpa_signature';
      id: string;
      agreementId: string;
      agreementReference: string;
      version: number;
      status: DpaStatus;
      sentAt: string | null;
      dueAt: string | null;
    }
  /** An instruction the processor holds as infringing the GDPR, until the customer answers (Art. 28(3)). */
  | {
      kind: 'instruction_answer';
      id: string;
      receivedOn: string;
      excerpt: string;
      concern: string | null;
      noticeSentAt: string | null;
      dueAt: string | null;
    }
  /** A colleague invited to the portal who has not accepted yet (customer-admins only). */
  | { kind: 'invite'; id: string; name: string; email: string; role: CustomerRole; dueAt: string | null }
  /** A sub-processor we propose to engage, waiting for the customer's consent or objection (clause 5.1). */
  | {
      kind: 'subprocessor_consent';
      id: string;
      partyId: string;
      name: string;
      /** Clause 6.1: the answer includes explicit written consent to processing outside the EEA. */
      transferRequired?: boolean;
      /** The deadline of the answer (the request's respondBy). */
      dueAt: string | null;
      /** Named in the brief; the server sends the deadline as dueAt. */
      respondBy?: string | null;
    };

export type PortalOverview = {
  customer: { id: string; legalName: string; kvkNumber: string };
  agreements: PortalAgreementSummary[];
  openItems: OpenItem[];
};

/** Where a sub-processor processes or stores data, and the ground for it under GDPR Chapter V. */
export type SubprocessorLocation = {
  /** ISO 3166-1 alpha-2. */
  country: string;
  kind: 'processing' | 'storage' | 'both';
  zone: 'eea' | 'adequacy' | 'third-country';
  /** The legal ground in English, e.g. "adequacy (EU) 2023/1795 (DPF) (Art. 45)"; null: none yet. */
  basis: string | null;
  /** Clause 6.1: anything outside the EEA needs the customer's explicit written consent, adequacy or not. */
  needsTransferConsent: boolean;
  /** Why the transfer has no lawful ground yet (English); null when it has one. */
  problem: string | null;
};

export const consentViewStates = [
  'not-asked',
  'by-signature',
  'asked',
  'given',
  'objected',
  'withdrawn',
  'cancelled',
] as const;
export type ConsentViewState = (typeof consentViewStates)[number];

export const inactiveReasons = [
  'not-asked',
  'asked',
  'dpa-not-signed',
  'objected',
  'withdrawn',
  'transfer-consent-missing',
  'transfer-basis-missing',
] as const;
export type InactiveReason = (typeof inactiveReasons)[number];

/** One sub-processor as this customer stands towards it (SubprocessorConsent, subprocessors.schemas.ts). */
export type SubprocessorConsent = {
  /** null: no question has been put (consent by the DPA signature, or not asked). */
  id: string | null;
  partyId: string;
  name: string;
  legalName: string | null;
  state: ConsentViewState;
  /** dpa: consent by signing the DPA that names it (clause 3.4); explicit: an answer to a request (5.1). */
  basis: 'dpa' | 'explicit' | null;
  since: string | null;
  active: boolean;
  /** Why it is not active (null when it is). */
  reason: InactiveReason | null;
  reasonDetail: string | null;
  servicesNl: string | null;
  servicesEn: string | null;
  serviceLines: string[];
  locations: SubprocessorLocation[];
  /** Clause 6.1: the answer must include explicit written consent to processing outside the EEA. */
  transferRequired: boolean;
  transferConsentGiven: boolean;
  proposalId: string | null;
  askedAt: string | null;
  respondBy: string | null;
  escalatedAt: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  method: string | null;
  objectionReason: string | null;
  objectionReasonable: boolean | null;
  objectionOutcome: string | null;
  /** The stored declaration (a generated document of kind consent), once answered. */
  documentId: string | null;
};

/** A question waiting for this customer's answer: what, why, where and from when. */
export type SubprocessorRequest = SubprocessorConsent & {
  reasonForChange: string;
  effectiveFrom: string;
  kind: 'add' | 'replace';
  /** The name of the sub-processor it replaces. */
  replaces: string | null;
};

export type PortalSubprocessorList = { items: SubprocessorConsent[]; requests: SubprocessorRequest[] };

export type ConsentAnswer = { decision: 'give' | 'object'; transferConsent: boolean; reason?: string };

export type PortalInstructionStatus = InstructionStatus;

export type NewPortalInstruction = {
  text: string;
  fromName?: string;
  serviceLineCodes: string[];
  attachments: { name: string; mime: string; dataBase64: string }[];
};

export type PortalSignature = { signerName: string; signerRole: string };

export type { Agreement };
