import { classifyLocation, type TransferFacts } from '../../../shared/transfers.ts';
import type { ConsentView } from './subprocessors.schemas.ts';
import type { SubprocessorLocation } from './subprocessors.table.ts';

export type ProfileFacts = TransferFacts & {
  locations: SubprocessorLocation[];
  namedInAgreement: boolean;
  servicesNl: string | null;
  servicesEn: string | null;
};

export const emptyFacts: ProfileFacts = {
  locations: [],
  namedInAgreement: false,
  servicesNl: null,
  servicesEn: null,
  dpfCertified: false,
  dpfCheckedOn: null,
  dpfRecertifyBy: null,
  pipedaCovered: false,
  transferMechanism: null,
  sccModule: null,
  tiaCompletedOn: null,
};

// A profile as the transfer test and the consent rule read it; no profile yet: nothing recorded.
export function factsOf(
  profile: (TransferFacts & Omit<ProfileFacts, keyof TransferFacts>) | undefined,
): ProfileFacts {
  if (!profile) {
    return emptyFacts;
  }
  return {
    locations: profile.locations,
    namedInAgreement: profile.namedInAgreement,
    servicesNl: profile.servicesNl,
    servicesEn: profile.servicesEn,
    dpfCertified: profile.dpfCertified,
    dpfCheckedOn: profile.dpfCheckedOn,
    dpfRecertifyBy: profile.dpfRecertifyBy,
    pipedaCovered: profile.pipedaCovered,
    transferMechanism: profile.transferMechanism,
    sccModule: profile.sccModule,
    tiaCompletedOn: profile.tiaCompletedOn,
  };
}

export function classifyLocations(facts: ProfileFacts, onDate: string) {
  return facts.locations.map((l) => ({ ...classifyLocation(l.country, facts, onDate), kind: l.kind }));
}

// A transfer without a lawful ground under Chapter V blocks the sub-processor for everyone, consent or not.
export const transferProblems = (locations: ReturnType<typeof classifyLocations>) =>
  locations.flatMap((l) => (l.problem ? [`${l.country}: ${l.problem}`] : []));

export type StoredConsent = {
  id: string;
  state: 'asked' | 'given' | 'objected' | 'withdrawn' | 'cancelled';
  proposalId: string | null;
  askedAt: Date | null;
  respondBy: Date | null;
  escalatedAt: Date | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  method: string | null;
  transferConsentGiven: boolean;
  objectionReason: string | null;
  objectionReasonable: boolean | null;
  objectionOutcome: string | null;
  documentId: string | null;
};

export type PairInput = {
  party: { id: string; name: string; legalName: string | null };
  facts: ProfileFacts;
  serviceLines: string[];
  stored: StoredConsent | null;
  // the day the customer's signature on a DPA took effect; null: it has signed none
  dpaConsentOn: string | null;
  today: string;
};

// The consent rule of decisions.md (seed 3.4, 5.1, 6.1): a sub-processor is active for a customer only with its
// prior written consent and, for any location outside the EEA, its explicit written consent to that transfer.
// A signed DPA is consent to the sub-processors its Annex 1 names; silence never is.
export function consentOf(input: PairInput): ConsentView {
  const { party, facts, stored } = input;
  const locations = classifyLocations(facts, input.today);
  const problems = transferProblems(locations);
  const transferRequired = locations.some((l) => l.needsTransferConsent);
  const live = stored && stored.state !== 'cancelled' ? stored : null;
  let state: ConsentView['state'];
  let basis: ConsentView['basis'] = null;
  let since: string | null = null;
  if (live) {
    state = live.state as ConsentView['state'];
    basis = live.state === 'given' ? 'explicit' : null;
    since = live.answeredAt?.toISOString() ?? live.askedAt?.toISOString() ?? null;
  } else if (facts.namedInAgreement && input.dpaConsentOn) {
    state = 'given';
    basis = 'dpa';
    since = input.dpaConsentOn;
  } else {
    state = facts.namedInAgreement ? 'by-signature' : 'not-asked';
  }
  const transferConsentGiven = live?.state === 'given' ? live.transferConsentGiven : false;
  let reason: ConsentView['reason'] = null;
  let reasonDetail: string | null = null;
  if (state !== 'given') {
    reason = (
      {
        'not-asked': 'not-asked',
        'by-signature': 'dpa-not-signed',
        asked: 'asked',
        objected: 'objected',
        withdrawn: 'withdrawn',
        cancelled: 'not-asked',
      } as const
    )[state];
    reasonDetail = {
      'not-asked': 'The customer has not been asked for consent (clause 3.4).',
      'dpa-not-signed': 'Named in the DPA, which the customer has not signed yet.',
      asked: 'Waiting for the customer’s answer; silence is not consent.',
      objected: 'The customer objected.',
      withdrawn: 'The customer withdrew its consent.',
      'transfer-consent-missing': '',
      'transfer-basis-missing': '',
    }[reason];
  } else if (problems.length > 0) {
    reason = 'transfer-basis-missing';
    reasonDetail = `No lawful ground for the transfer: ${problems.join('; ')}.`;
  } else if (transferRequired && !transferConsentGiven) {
    reason = 'transfer-consent-missing';
    const outside = locations.filter((l) => l.needsTransferConsent).map((l) => l.country);
    reasonDetail = `Processing outside the EEA (${outside.join(', ')}) needs the customer's explicit written consent (clause 6.1).`;
  }
  return {
    id: live?.id ?? null,
    partyId: party.id,
    name: party.name,
    legalName: party.legalName,
    state,
    basis,
    since,
    active: reason === null,
    reason,
    reasonDetail,
    servicesNl: facts.servicesNl,
    servicesEn: facts.servicesEn,
    serviceLines: input.serviceLines,
    locations,
    transferRequired,
    transferConsentGiven,
    proposalId: live?.proposalId ?? null,
    askedAt: live?.askedAt?.toISOString() ?? null,
    respondBy: live?.respondBy?.toISOString() ?? null,
    escalatedAt: live?.escalatedAt?.toISOString() ?? null,
    answeredAt: live?.answeredAt?.toISOString() ?? null,
    answeredBy: live?.answeredBy ?? null,
    method: live?.method ?? (basis === 'dpa' ? 'dpa' : null),
    objectionReason: live?.objectionReason ?? null,
    objectionReasonable: live?.objectionReasonable ?? null,
    objectionOutcome: live?.objectionOutcome ?? null,
    documentId: live?.documentId ?? null,
  };
}

// What the DPA put in front of the customer may list: everything active, and the agreement's own sub-processors
// while the DPA is still to be signed (signing it is the consent).
export const listedInDpa = (view: ConsentView) =>
  view.active || (view.state === 'by-signature' && view.reason === 'dpa-not-signed');

// Chain of clause 3.5 without loops: following "engaged by" from the new parent must never reach the party itself.
export function createsCycle(partyId: string, parentId: string | null, parentOf: Map<string, string | null>) {
  const seen = new Set<string>();
  for (let at = parentId; at !== null && at !== undefined; at = parentOf.get(at) ?? null) {
    if (at === partyId || seen.has(at)) {
      return true;
    }
    seen.add(at);
  }
  return false;
}
