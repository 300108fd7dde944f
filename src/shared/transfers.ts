import { isInsideEea } from './eea.ts';
import rules from './transfer-rules.json' with { type: 'json' };

export const transferRules = rules;
export const transferMechanisms = ['scc', 'bcr', 'art49'] as const;
export type TransferMechanism = (typeof transferMechanisms)[number];

export type AdequacyDecision = (typeof rules.adequacy)[number] & { condition?: string; validUntil?: string };

// What a sub-processor has on record that a transfer test looks at (GDPR Chapter V).
export type TransferFacts = {
  dpfCertified: boolean;
  dpfCheckedOn: string | null;
  // the DPF List's next re-certification date: past it, the organisation no longer counts as certified
  dpfRecertifyBy: string | null;
  pipedaCovered: boolean;
  transferMechanism: TransferMechanism | null;
  sccModule: string | null;
  tiaCompletedOn: string | null;
};

export type TransferZone = 'eea' | 'adequacy' | 'third-country';

export type LocationClass = {
  country: string;
  zone: TransferZone;
  // the legal ground under Chapter V, e.g. "adequacy (EU) 2023/1795 (DPF)" or "SCC 2021/914 module 3"; null: none
  basis: string | null;
  // seed 6.1: anything outside the EEA needs the customer's explicit written consent, adequacy or not
  needsTransferConsent: boolean;
  // why the transfer has no lawful ground yet (null when it has one)
  problem: string | null;
};

const adequacyOf = (country: string, onDate: string): AdequacyDecision | undefined =>
  (rules.adequacy as AdequacyDecision[]).find(
    (a) => a.country === country && (a.validUntil === undefined || onDate <= a.validUntil),
  );

function mechanismBasis(facts: TransferFacts): { basis: string | null; problem: string | null } {
  const mechanism = facts.transferMechanism;
  if (mechanism === null) {
    return { basis: null, problem: 'no adequacy decision applies and no transfer mechanism is recorded' };
  }
  const spec = rules.mechanisms[mechanism];
  const label =
    mechanism === 'scc' ? `${spec.label}${facts.sccModule ? `, module ${facts.sccModule}` : ''}` : spec.label;
  if (mechanism === 'scc' && !facts.sccModule) {
    return { basis: null, problem: 'standard contractual clauses need their module (1–4)' };
  }
  // Schrems II (C-311/18): SCC and BCR need a transfer impact assessment; an Art. 49 derogation does not.
  if (spec.needsTia && !facts.tiaCompletedOn) {
    return { basis: null, problem: `${label} needs a transfer impact assessment` };
  }
  return { basis: `${label} (${spec.article})`, problem: null };
}

export function classifyLocation(country: string, facts: TransferFacts, onDate: string): LocationClass {
  const code = country.toUpperCase();
  if (isInsideEea(code)) {
    return { country: code, zone: 'eea', basis: 'EEA', needsTransferConsent: false, problem: null };
  }
  const decision = adequacyOf(code, onDate);
  const conditionMet =
    decision?.condition === 'dpf'
      ? facts.dpfCertified && (facts.dpfRecertifyBy === null || onDate <= facts.dpfRecertifyBy)
      : decision?.condition === 'pipeda'
        ? facts.pipedaCovered
        : true;
  if (decision && conditionMet) {
    const scope = decision.condition ? ` (${decision.condition.toUpperCase()})` : '';
    return {
      country: code,
      zone: 'adequacy',
      basis: `adequacy ${decision.decision}${scope} (Art. 45)`,
      needsTransferConsent: true,
      problem: null,
    };
  }
  const fallback = mechanismBasis(facts);
  const unmet =
    decision?.condition === 'dpf'
      ? 'the adequacy decision covers only organisations certified under the Data Privacy Framework; '
      : decision?.condition === 'pipeda'
        ? 'the adequacy decision covers only recipients subject to PIPEDA; '
        : '';
  return {
    country: code,
    zone: 'third-country',
    basis: fallback.basis,
    needsTransferConsent: true,
    problem: fallback.problem ? `${unmet}${fallback.problem}` : null,
  };
}
