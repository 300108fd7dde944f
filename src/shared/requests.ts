// The vocabulary of data subject requests, one list for the server's tables and schemas and the web screens.

// Art. 15–21 GDPR: the rights a person exercises with the customer, who asks us to assist (seed 3.6).
export const rightTypes = [
  'access',
  'rectification',
  'completion',
  'erasure',
  'restriction',
  'objection',
  'portability',
] as const;
export type RightType = (typeof rightTypes)[number];

export const requestStatuses = [
  'received',
  'in_progress',
  'on_hold',
  'completed',
  'rejected',
  'cancelled',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const openStatuses: readonly RequestStatus[] = ['received', 'in_progress', 'on_hold'];

export const requestChannels = ['portal', 'api', 'opendsr', 'email', 'phone'] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const identityTypes = ['email', 'phone', 'customer_reference', 'name', 'other'] as const;
export type IdentityType = (typeof identityTypes)[number];

export const taskKinds = ['processor', 'subprocessor'] as const;
export const taskStatuses = ['open', 'requested', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const taskOutcomes = ['found', 'not_found', 'done', 'not_possible'] as const;
export type TaskOutcome = (typeof taskOutcomes)[number];

/** Restriction and objection can be lifted after completion (Art. 18(3), 21). */
export const liftableRights: readonly RightType[] = ['restriction', 'objection'];
/** Access and portability end in an export package for the customer. */
export const packageRights: readonly RightType[] = ['access', 'portability'];
/** Rectification and completion need the customer to say what must change. */
export const correctionRights: readonly RightType[] = ['rectification', 'completion'];
