import rules from './transfer-rules.json' with { type: 'json' };

// The European Economic Area: the EU 27 plus Iceland, Liechtenstein and Norway (EEA Agreement). Seed 6.1 forbids
// processing outside it without the customer's prior written consent. The list lives in transfer-rules.json with
// the adequacy decisions, so a change in law is a data edit.
export const eeaCountries: readonly string[] = rules.eea.countries;

export const isInsideEea = (country: string | null) =>
  country !== null && eeaCountries.includes(country.toUpperCase());

export const isKnownCountry = (country: string) => rules.countries.includes(country.toUpperCase());
