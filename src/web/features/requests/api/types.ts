// The data subject requests API (/api/v1/requests…), as requests.schemas.ts on the server defines it. Instants are
// ISO 8601 strings; dates (customerReceivedOn, customerDeadline) are YYYY-MM-DD.

import type {
  IdentityType,
  RequestChannel,
  RequestStatus,
  RightType,
  TaskOutcome,
  TaskStatus,
} from '../../../../shared/requests.ts';
import { openStatuses } from '../../../../shared/requests.ts';

export {
  correctionRights,
  type IdentityType,
  identityTypes,
  liftableRights,
  openStatuses,
  packageRights,
  type RequestChannel,
  type RequestStatus,
  type RightType,
  requestStatuses,
  rightTypes,
  type TaskOutcome,
  type TaskStatus,
  taskOutcomes,
} from '../../../../shared/requests.ts';

export const isOpenStatus = (status: RequestStatus) => openStatuses.includes(status);

export type MaskedIdentity = { type: IdentityType; format: 'raw' | 'sha256'; masked: string };
export type RevealedIdentity = { type: string; value: string; format: string };

export type Evidence = {
  id: string;
  taskId: string;
  note: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  erased: boolean;
  createdBy: string;
  createdAt: string;
};

export type RequestTask = {
  id: string;
  kind: 'processor' | 'subprocessor';
  title: string;
  party: { id: string; name: string; contactEmail: string | null } | null;
  serviceLineCodes: string[];
  dataTypes: { nl: string; en: string }[];
  connector: string | null;
  owner: { id: string; name: string } | null;
  dueAt: string;
  status: TaskStatus;
  outcome: TaskOutcome | null;
  outcomeNote: string | null;
  requestedAt: string | null;
  requestedTo: string | null;
  completedAt: string | null;
  completedBy: string | null;
  evidence: Evidence[];
};

export type RequestPackage = { fileName: string; size: number; expiresAt: string; deleted: boolean };

export type DataSubjectRequest = {
  id: string;
  reference: string;
  customer: { id: string; legalName: string };
  channel: RequestChannel;
  rightType: RightType;
  receivedAt: string;
  customerReceivedOn: string | null;
  customerDeadlineExtended: boolean;
  /** Art. 12(3): the customer's own deadline towards the person (a date, guidance only). */
  customerDeadline: string | null;
  identities: MaskedIdentity[];
  identitiesErased: boolean;
  scope: string[];
  notes: string | null;
  status: RequestStatus;
  statusReason: string | null;
  dueAt: string;
  heldDays: number;
  onHoldSince: string | null;
  completedAt: string | null;
  liftable: boolean;
  liftedAt: string | null;
  liftedReason: string | null;
  tasks: { total: number; done: number };
  subjectRequestId: string | null;
  package: RequestPackage | null;
  createdBy: string;
};

export type RequestDetail = DataSubjectRequest & {
  taskList: RequestTask[];
  response: Record<string, unknown> | null;
};

export type IdentityInput = { type: IdentityType; value: string };

export type RequestFields = {
  rightType: RightType;
  identities: IdentityInput[];
  customerReceivedOn?: string | null;
  customerDeadlineExtended?: boolean;
  scope?: string[];
  notes?: string | null;
};

export type StaffRequestFields = RequestFields & {
  customerId: string;
  receivedAt: string;
  channel: 'email' | 'phone';
};

export type StatusChange = {
  status: 'in_progress' | 'on_hold' | 'rejected' | 'cancelled';
  reason?: string | null;
};

export type TaskUpdate = {
  ownerUserId?: string | null;
  outcome?: TaskOutcome;
  outcomeNote?: string | null;
};

export type NewEvidence = {
  note?: string | null;
  fileName?: string;
  contentType?: string;
  dataBase64?: string;
};
