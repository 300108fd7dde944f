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
  | { kind: 'invite'; id: string; name: string; email: string; role: CustomerRole; dueAt: string | null };

export type PortalOverview = {
  customer: { id: string; legalName: string; kvkNumber: string };
  agreements: PortalAgreementSummary[];
  openItems: OpenItem[];
};

export type PortalSubprocessor = {
  id: string;
  name: string;
  legalName: string | null;
  country: string | null;
  /** null: the country is not recorded yet, so neither inside nor outside the EEA. */
  insideEea: boolean | null;
  serviceLines: { code: string; nameNl: string; nameEn: string }[];
  activities: { serviceLine: string; dataTypeNl: string; dataTypeEn: string }[];
};

export type PortalSubprocessors = { registerVersion: number | null; items: PortalSubprocessor[] };

export type PortalInstructionStatus = InstructionStatus;

export type NewPortalInstruction = {
  text: string;
  fromName?: string;
  serviceLineCodes: string[];
  attachments: { name: string; mime: string; dataBase64: string }[];
};

export type PortalSignature = { signerName: string; signerRole: string };

export type { Agreement };
