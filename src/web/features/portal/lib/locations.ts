import type { TFunction } from 'i18next';
import rules from '../../../../shared/transfer-rules.json' with { type: 'json' };
import { countryName } from '../../settings/components/countries.ts';
import type { SubprocessorLocation } from '../api/types.ts';

// The server names a location's legal ground in English (src/shared/transfers.ts: "adequacy (EU) 2023/1795 (DPF)
// (Art. 45)", "Standard contractual clauses (EU) 2021/914, module 3 (Art. 46(2)(c))"). The portal says it in the
// customer's language; a ground it does not recognise is shown as the server wrote it.
const withoutArticle = (basis: string) => {
  const at = basis.lastIndexOf(' (Art.');
  return at >= 0 ? basis.slice(0, at) : basis;
};

function mechanismText(basis: string, t: TFunction): string {
  const bare = withoutArticle(basis);
  const { scc, bcr, art49 } = rules.mechanisms;
  if (bare.startsWith(scc.label)) {
    const module = /module (\d)/.exec(bare)?.[1];
    return module
      ? t('portal.subprocessors.mechanisms.sccModule', { module })
      : t('portal.subprocessors.mechanisms.scc');
  }
  if (bare.startsWith(bcr.label)) {
    return t('portal.subprocessors.mechanisms.bcr');
  }
  if (bare.startsWith(art49.label)) {
    return t('portal.subprocessors.mechanisms.art49');
  }
  return basis;
}

/** "EER", "adequaatheidsbesluit (EU) 2023/1795 (DPF)", "derde land — standaardcontractbepalingen …". */
export function basisText(location: SubprocessorLocation, t: TFunction): string {
  switch (location.zone) {
    case 'eea':
      return t('portal.subprocessors.zones.eea');
    case 'adequacy': {
      const decision = withoutArticle(location.basis ?? '').replace(/^adequacy\s*/i, '');
      return t('portal.subprocessors.zones.adequacy', { decision }).trim();
    }
    case 'third-country':
      return location.basis
        ? t('portal.subprocessors.zones.thirdCountry', { basis: mechanismText(location.basis, t) })
        : t('portal.subprocessors.zones.thirdCountryNoBasis');
  }
}

/** "Verenigde Staten (US)". */
export const countryText = (country: string, lng: string) => `${countryName(country, lng)} (${country})`;

/** The countries, named once each: "Duitsland en Verenigde Staten"; `outsideEea`: only those outside the EEA. */
export function countryList(locations: SubprocessorLocation[], lng: string, outsideEea = false): string {
  const codes = locations.filter((l) => !outsideEea || l.zone !== 'eea').map((l) => l.country);
  const names = [...new Set(codes)].map((c) => countryName(c, lng));
  try {
    return new Intl.ListFormat(lng === 'en' ? 'en-GB' : 'nl-NL', { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** One line per location, for the CSV export and the search: "Verenigde Staten (US): adequaatheidsbesluit …". */
export const locationsPlain = (locations: SubprocessorLocation[], t: TFunction, lng: string) =>
  locations.map((l) => `${countryText(l.country, lng)}: ${basisText(l, t)}`).join('; ');
