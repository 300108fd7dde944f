// Shapes of the breach API (/api/v1/incidents…, /breach-obligations), as breaches.schemas.ts on the server
// defines them. Instants are ISO 8601 strings with an offset.

export const incidentStatuses = ['open', 'contained', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export const ciaAspects = ['confidentiality', 'integrity', 'availability'] as const;
export type CiaAspect = (typeof ciaAspects)[number];

export const incidentActions = ['read', 'copied', 'altered', 'deleted', 'stolen', 'lost'] as const;
export type IncidentAction = (typeof incidentActions)[number];

export const encryptionStates = ['none', 'partial', 'full', 'unknown'] as const;
export type EncryptionState = (typeof encryptionStates)[number];

export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const obligationStatuses = ['to_notify', 'phoned', 'notice_sent', 'acknowledged'] as const;
export type ObligationStatus = (typeof obligationStatuses)[number];

export const contactsKnownStates = ['yes', 'no', 'partly', 'unknown'] as const;
export type ContactsKnown = (typeof contactsKnownStates)[number];

export const callOutcomes = ['reached', 'voicemail', 'no_answer', 'wrong_number'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** NewIncident: what staff record about an incident (Annex 3 of the agreement). */
export type NewIncident = {
  title: string;
  summary: string;
  discoveredAt: string;
  occurredFrom: string | null;
  occurredTo: string | null;
  ongoing: boolean;
  detection: string | null;
  aspects: CiaAspect[];
  actions: IncidentAction[];
  affectedSystems: string | null;
  serviceLineCodes: string[];
  partyIds: string[];
  rootCause: string | null;
  encryption: EncryptionState;
  measuresTaken: string | null;
  measuresPlanned: string | null;
  /** AP form section 7, Art. 33(3)(c): what the breach may mean for the people concerned. */
  likelyConsequences: string | null;
  severity: Severity;
  notifiable: boolean;
  decisionReasoning: string;
};

export type IncidentCounts = {
  included: number;
  excluded: number;
  toNotify: number;
  phoned: number;
  noticeSent: number;
  acknowledged: number;
  late: number;
};

export type Incident = NewIncident & {
  id: string;
  reference: string;
  status: IncidentStatus;
  /** Clause 8.1: discovery + 24 hours, for every affected customer. */
  dueAt: string;
  containedAt: string | null;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  counts: IncidentCounts;
};

export type IncidentStatusChange = { status: 'contained' | 'closed'; note?: string };

export type Call = {
  id: string;
  calledAt: string;
  caller: string;
  calleeName: string;
  phoneNumber: string;
  outcome: CallOutcome;
  note: string | null;
};

export type IncidentCustomer = {
  id: string;
  incidentId: string;
  customerId: string;
  legalName: string;
  included: boolean;
  reasoning: string;
  matchedServiceLines: string[];
  matchedParties: string[];
  agreementEnded: boolean;
  dataTypes: string[];
  subjectsGroup: string;
  vulnerableGroup: boolean;
  personsMin: number | null;
  personsMax: number | null;
  contactsKnown: ContactsKnown;
  dueAt: string;
  status: ObligationStatus;
  noticeSentAt: string | null;
  lateByMinutes: number | null;
  lateReason: string | null;
  acknowledgedAt: string | null;
  ictLead: { name: string; phone: string | null } | null;
  calls: Call[];
  /** The customer's question thread in the portal: its length and the questions after the last answer. */
  messages: number;
  unansweredQuestions: number;
  lastMessageAt: string | null;
};

/** One message of the question thread about a notice (portal and staff see the same). */
export type IncidentMessage = {
  id: string;
  author: 'customer' | 'processor';
  authorName: string;
  noticeId: string | null;
  body: string;
  createdAt: string;
};

export type IncidentCustomerAdjustment = {
  included: boolean;
  reasoning: string;
  dataTypes?: string[];
  subjectsGroup?: string;
  vulnerableGroup?: boolean;
  personsMin?: number | null;
  personsMax?: number | null;
  contactsKnown?: ContactsKnown;
};

export type IncidentCall = {
  calledAt: string;
  calleeName: string;
  phoneNumber: string;
  outcome: CallOutcome;
  note?: string;
};

/** An open clause 8.1 obligation: one affected customer still to be told (dashboard, list page). */
export type BreachObligation = {
  id: string;
  incidentId: string;
  incidentReference: string;
  incidentTitle: string;
  customerId: string;
  legalName: string;
  status: ObligationStatus;
  dueAt: string;
  overdue: boolean;
};

export type PartyOption = { id: string; name: string; retiredAt: string | null };

/** Clause 8.1: without customerIds, every included customer still waiting for its notice. */
export type SendNotices = { customerIds?: string[]; lateReason?: string };

/** Clause 8.2: what developed since the notice; without customerIds, every customer that has had it. */
export type IncidentUpdate = { changes: string; customerIds?: string[] };
