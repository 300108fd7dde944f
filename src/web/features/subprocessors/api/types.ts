// Shapes of the sub-processor API (/api/v1/subprocessors…, /subprocessor-proposals…, /customers/:id/subprocessors),
// as subprocessors.schemas.ts on the server defines them. Calendar dates are YYYY-MM-DD; instants ISO 8601.

export const locationKinds = ['processing', 'storage', 'both'] as const;
export type LocationKind = (typeof locationKinds)[number];

export const transferZones = ['eea', 'adequacy', 'third-country'] as const;
export type TransferZone = (typeof transferZones)[number];

export const transferMechanisms = ['scc', 'bcr', 'art49'] as const;
export type TransferMechanism = (typeof transferMechanisms)[number];

export const sccModules = ['1', '2', '3', '4'] as const;
export type SccModule = (typeof sccModules)[number];

export type Location = { country: string; kind: LocationKind; note?: string };

export type Certification = { name: string; issuer?: string; validUntil: string | null };

/** Everything clause 3.5 and Chapter V need on file (SubprocessorProfileFields). */
export type ProfileFields = {
  registrationNumber: string | null;
  vatNumber: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  servicesNl: string | null;
  servicesEn: string | null;
  locations: Location[];
  engagedByPartyId: string | null;
  certifications: Certification[];
  flowDownSignedOn: string | null;
  flowDownValidUntil: string | null;
  flowDownSameTermsConfirmedBy: string | null;
  flowDownSameTermsConfirmedOn: string | null;
  dpfCertified: boolean;
  dpfCheckedOn: string | null;
  dpfRecertifyBy: string | null;
  pipedaCovered: boolean;
  transferMechanism: TransferMechanism | null;
  sccModule: SccModule | null;
  tiaCompletedOn: string | null;
  tiaNotes: string | null;
  namedInAgreement: boolean;
  reviewDueOn: string | null;
  notes: string | null;
};

/** One location with its place under Chapter V, as the server classified it. */
export type LocationClass = {
  country: string;
  kind: LocationKind;
  zone: TransferZone;
  basis: string | null;
  needsTransferConsent: boolean;
  problem: string | null;
};

export type PartyRef = { id: string; name: string };

export type Subprocessor = {
  id: string;
  name: string;
  legalName: string | null;
  country: string | null;
  retiredAt: string | null;
  profile: (ProfileFields & { flowDownFileName: string | null }) | null;
  locations: LocationClass[];
  transferOutsideEea: boolean;
  /** Why no customer's data can go there yet; empty when none. */
  transferProblems: string[];
  engagedBy: PartyRef | null;
  engages: PartyRef[];
  entries: { id: string; serviceLine: string; dataTypeNl: string }[];
  serviceLines: string[];
  consentCounts: Record<string, number>;
  alerts: { kind: string; subject: string; dueOn: string | null }[];
};

export const consentStates = ['asked', 'given', 'objected', 'withdrawn', 'cancelled'] as const;
export type ConsentState = (typeof consentStates)[number];

export const consentViewStates = ['not-asked', 'by-signature', ...consentStates] as const;
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

/** One (customer, sub-processor) pair (SubprocessorConsent). */
export type Consent = {
  id: string | null;
  partyId: string;
  name: string;
  legalName: string | null;
  state: ConsentViewState;
  basis: 'dpa' | 'explicit' | null;
  since: string | null;
  active: boolean;
  reason: InactiveReason | null;
  reasonDetail: string | null;
  servicesNl: string | null;
  servicesEn: string | null;
  serviceLines: string[];
  locations: LocationClass[];
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
  documentId: string | null;
};

export const proposalStatuses = ['open', 'withdrawn', 'closed'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
export type ProposalKind = 'add' | 'replace';

export type ProposalProgress = {
  customers: number;
  asked: number;
  given: number;
  objected: number;
  overdue: number;
  cancelled: number;
  withdrawn: number;
};

export type Proposal = {
  id: string;
  kind: ProposalKind;
  party: PartyRef;
  replaces: PartyRef | null;
  serviceLineCodes: string[];
  entryIds: string[];
  reason: string;
  effectiveFrom: string;
  windowDays: number;
  respondBy: string;
  status: ProposalStatus;
  createdBy: string;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  progress: ProposalProgress;
};

export type ProposalCustomer = {
  customerId: string;
  legalName: string;
  state: ConsentState;
  respondBy: string | null;
  escalatedAt: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  objectionReason: string | null;
  objectionReasonable: boolean | null;
  objectionOutcome: string | null;
  transferConsentGiven: boolean;
};

export type ProposalDetail = Proposal & { customers: ProposalCustomer[] };

export type NewProposal = {
  kind: ProposalKind;
  partyId: string;
  replacesPartyId: string | null;
  serviceLineCodes: string[];
  entryIds?: string[];
  reason: string;
  effectiveFrom: string;
  windowDays?: number;
};

export const answerMethods = ['email', 'letter'] as const;
export type AnswerMethod = (typeof answerMethods)[number];

/** An answer that came by e-mail or letter, recorded by staff (SubprocessorConsentAnswerReceived). */
export type AnswerReceived = {
  decision: 'give' | 'object';
  transferConsent: boolean;
  reason?: string;
  method: AnswerMethod;
  answeredBy: string;
  answeredAt: string;
};

export const objectionOutcomes = ['alternative', 'termination', 'proposal-withdrawn', 'other'] as const;
export type ObjectionOutcome = (typeof objectionOutcomes)[number];

export type ObjectionAssessment = { reasonable: boolean; outcome: ObjectionOutcome; note?: string };

export const alertKinds = [
  'flow-down-expired',
  'certification-expired',
  'dpf-recertification-due',
  'review-due',
  'consent-overdue',
] as const;

export type SubprocessorAlert = {
  id: string;
  kind: string;
  partyId: string;
  partyName: string;
  customerId: string | null;
  customerName: string | null;
  subject: string;
  dueOn: string | null;
  raisedAt: string;
};

/** src/shared/transfer-rules.json as GET /subprocessors/transfer-rules serves it. */
export type TransferRules = {
  checkedOn: string;
  eea: { countries: string[] };
  adequacy: { country: string; decision: string; condition?: string; validUntil?: string; source?: string }[];
  mechanisms: Record<TransferMechanism, { label: string; article: string; needsTia: boolean }>;
  countries: string[];
};
