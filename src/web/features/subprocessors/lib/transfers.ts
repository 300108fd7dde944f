import { i18n } from '../../../i18n/index.ts';
import { countryName } from '../../settings/components/countries.ts';
import type { TransferRules, TransferZone } from '../api/types.ts';

/** The zone of a country for a location being edited (before the server has classified it on save). */
export function zoneOf(
  country: string,
  rules: TransferRules | undefined,
  facts: { dpfCertified: boolean; pipedaCovered: boolean },
  onDate: string,
): TransferZone | null {
  if (!rules || !country) {
    return null;
  }
  const code = country.toUpperCase();
  if (rules.eea.countries.includes(code)) {
    return 'eea';
  }
  const decision = rules.adequacy.find(
    (a) => a.country === code && (a.validUntil === undefined || onDate <= a.validUntil),
  );
  const met =
    decision?.condition === 'dpf'
      ? facts.dpfCertified
      : decision?.condition === 'pipeda'
        ? facts.pipedaCovered
        : true;
  return decision && met ? 'adequacy' : 'third-country';
}

// The server explains a transfer problem in English (src/shared/transfers.ts). The sentences it can write are
// few and fixed, so the Dutch interface shows them in Dutch; anything else is shown as the server wrote it.
const known: [RegExp, string][] = [
  [/^the adequacy decision covers only organisations certified under the Data Privacy Framework$/, 'dpfOnly'],
  [/^the adequacy decision covers only recipients subject to PIPEDA$/, 'pipedaOnly'],
  [/^no adequacy decision applies and no transfer mechanism is recorded$/, 'noMechanism'],
  [/^standard contractual clauses need their module \(1–4\)$/, 'sccModule'],
  [/^(.+) needs a transfer impact assessment$/, 'needsTia'],
];

function translatePart(part: string): string {
  for (const [pattern, key] of known) {
    const match = pattern.exec(part.trim());
    if (match) {
      return i18n.t(`subprocessors.problems.${key}` as never, { label: match[1] ?? '' });
    }
  }
  return part;
}

/** "US: the adequacy decision …; no adequacy decision applies …" in the interface language. */
export function describeProblem(problem: string): string {
  const country = /^([A-Z]{2}): (.*)$/s.exec(problem);
  const text = country ? country[2]! : problem;
  const translated = text.split('; ').map(translatePart).join('; ');
  return country ? `${countryName(country[1]!, i18n.resolvedLanguage)}: ${translated}` : translated;
}

// The ground the server names (src/shared/transfers.ts): "EEA", "adequacy (EU) 2023/1795 (DPF) (Art. 45)" or a
// mechanism's label with its article. Its fixed words are shown in the interface language.
const basisWords: [RegExp, string][] = [
  [/^adequacy /, 'adequacy'],
  [/^Standard contractual clauses/, 'scc'],
  [/^Binding corporate rules/, 'bcr'],
  [/^Derogation for a specific situation/, 'art49'],
];

export function describeBasis(basis: string | null): string {
  if (basis === null) {
    return '';
  }
  if (basis === 'EEA') {
    return i18n.t('subprocessors.detail.basisEea');
  }
  let text = basis;
  for (const [pattern, key] of basisWords) {
    text = text.replace(
      pattern,
      (match) => i18n.t(`subprocessors.basis.${key}` as never) + (match.endsWith(' ') ? ' ' : ''),
    );
  }
  return text
    .replace(/\bmodule\b/, i18n.t('subprocessors.basis.module'))
    .replace(/\bArt\. /g, i18n.t('subprocessors.basis.article'));
}
