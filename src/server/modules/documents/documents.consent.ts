import { DateTime } from 'luxon';
import { formatDocumentDate } from './documents.build.ts';
import type { Block, DocumentModel } from './documents.model.ts';

// The consent declaration: the written record that a customer (Verantwoordelijke) gave, or refused, its prior
// written consent to a sub-processor (seed DPA clauses 3.4 and 5.1) and, for processing outside the EEA, to that
// transfer (clause 6.1). Built like the other documents (documents.build.ts): pure, no clock, no database; the same
// input gives a deep-equal model, so a regenerated declaration has the same bytes.

type Language = 'nl' | 'en';
type Decision = 'give' | 'object';
type Zone = 'eea' | 'adequacy' | 'third-country';
type Method = 'portal' | 'email' | 'letter';

export type ConsentDocumentInput = {
  language: Language;
  decision: Decision;
  generatedAt: string; // ISO instant of the answer
  processor: {
    legalName: string;
    kvkNumber: string;
    address: string;
    privacyContactName: string;
    privacyContactEmail: string;
  };
  customer: { legalName: string; kvkNumber: string; address: string };
  answeredBy: { name: string; email: string | null; method: Method };
  subprocessor: {
    name: string;
    legalName: string | null;
    registrationNumber: string | null;
    country: string | null;
    address: string | null;
    services: string | null;
  };
  proposal: { reason: string; effectiveFrom: string; serviceLines: string[]; replaces: string | null } | null;
  locations: { country: string; zone: Zone; basis: string | null }[];
  transferRequired: boolean;
  transferConsentGiven: boolean;
  statement: string; // the consent / refusal text the customer agreed to
  objectionReason: string | null;
  reference: string; // the consent row id, printed as reference
};

// ---- words ---------------------------------------------------------------------------------------------------

const words = {
  nl: {
    title: { give: 'Verklaring toestemming Sub-verwerker', object: 'Bezwaar tegen Sub-verwerker' },
    subject: (customer: string, processor: string, sub: string) =>
      `Antwoord van ${customer} (Verantwoordelijke) op de inschakeling van ${sub} als Sub-verwerker door ${processor} (Verwerker)`,
    intro: (customer: string, processor: string, sub: string) =>
      `Deze verklaring legt schriftelijk vast welk antwoord ${customer} (Verantwoordelijke) heeft gegeven op de inschakeling van ${sub} als Sub-verwerker door ${processor} (Verwerker), volgens artikel 3.4 en 5.1 van de Verwerkersovereenkomst.`,
    marking: 'Vertrouwelijk',
    footer: 'Pagina {page} van {pages}',
    parties: 'Partijen',
    processor: 'Verwerker',
    controller: 'Verantwoordelijke',
    name: 'Naam',
    kvk: 'KvK-nummer',
    address: 'Adres',
    privacyContact: 'Privacycontactpersoon',
    subprocessor: 'Sub-verwerker',
    legalName: 'Statutaire naam',
    registrationNumber: 'Registratienummer',
    country: 'Vestigingsland',
    services: 'Diensten van de Sub-verwerker',
    notRecorded: 'Nog niet vastgelegd',
    proposal: 'Voorstel van Verwerker',
    reason: 'Reden',
    effectiveFrom: 'Ingangsdatum',
    serviceLines: 'Voor de diensten',
    replaces: 'Vervangt',
    noProposal: 'Er is geen afzonderlijk voorstel van Verwerker vastgelegd.',
    locations: 'Verwerkingslocaties',
    locationColumns: ['Land', 'Gebied', 'Grondslag voor doorgifte'],
    zones: { eea: 'EER', adequacy: 'Adequaatheidsbesluit', 'third-country': 'Derde land' } as Record<
      Zone,
      string
    >,
    basisNotNeeded: 'Niet nodig (binnen de EER)',
    basisMissing: 'Geen grondslag vastgelegd',
    noLocations: 'Er zijn geen verwerkingslocaties van de Sub-verwerker vastgelegd.',
    transfer: 'Doorgifte buiten de EER (artikel 6.1)',
    transferGiven: (countries: string) =>
      `Verantwoordelijke geeft uitdrukkelijke, voorafgaande schriftelijke toestemming om Persoonsgegevens te laten verwerken buiten de Europese Economische Ruimte${countries ? `, in ${countries}` : ''} (artikel 6.1 van de Verwerkersovereenkomst).`,
    transferRefused: (countries: string) =>
      `Verantwoordelijke geeft geen toestemming om Persoonsgegevens te laten verwerken buiten de Europese Economische Ruimte${countries ? `, in ${countries}` : ''} (artikel 6.1 van de Verwerkersovereenkomst).`,
    transferNotNeeded:
      'Niet nodig: de Sub-verwerker verwerkt de Persoonsgegevens uitsluitend binnen de Europese Economische Ruimte, zodat geen toestemming voor doorgifte (artikel 6.1 van de Verwerkersovereenkomst) nodig is.',
    statement: 'Verklaring',
    objection: 'Reden van het bezwaar',
    noObjectionReason: 'Verantwoordelijke heeft geen reden opgegeven.',
    recorded: 'Vastgelegd',
    recordedNote:
      'Verwerker bewaart deze verklaring als het schriftelijke antwoord van Verantwoordelijke bij de Verwerkersovereenkomst.',
    answeredBy: 'Beantwoord door',
    email: 'E-mailadres',
    method: 'Wijze',
    methods: { portal: 'via het klantportaal', email: 'per e-mail', letter: 'per brief' } as Record<
      Method,
      string
    >,
    at: 'Datum en tijd',
    when: (date: string, time: string) => `${date} om ${time} uur (Nederlandse tijd)`,
    reference: 'Referentie',
    none: '—',
    and: 'en',
  },
  en: {
    title: { give: 'Consent to a sub-processor', object: 'Objection to a sub-processor' },
    subject: (customer: string, processor: string, sub: string) =>
      `Answer of ${customer} (Controller) on ${processor} (Processor) engaging ${sub} as a Sub-processor`,
    intro: (customer: string, processor: string, sub: string) =>
      `This declaration records in writing the answer ${customer} (Controller) gave on ${processor} (Processor) engaging ${sub} as a Sub-processor, under clauses 3.4 and 5.1 of the Data Processing Agreement.`,
    marking: 'Confidential',
    footer: 'Page {page} of {pages}',
    parties: 'Parties',
    processor: 'Processor',
    controller: 'Controller',
    name: 'Name',
    kvk: 'KvK number',
    address: 'Address',
    privacyContact: 'Privacy contact',
    subprocessor: 'Sub-processor',
    legalName: 'Legal name',
    registrationNumber: 'Registration number',
    country: 'Country of establishment',
    services: "The sub-processor's services",
    notRecorded: 'Not yet recorded',
    proposal: "Processor's proposal",
    reason: 'Reason',
    effectiveFrom: 'Effective from',
    serviceLines: 'For the services',
    replaces: 'Replaces',
    noProposal: 'No separate proposal of Processor is recorded.',
    locations: 'Processing locations',
    locationColumns: ['Country', 'Zone', 'Basis for the transfer'],
    zones: {
      eea: 'EEA',
      adequacy: 'Adequacy decision',
      'third-country': 'Third country',
    } as Record<Zone, string>,
    basisNotNeeded: 'Not needed (inside the EEA)',
    basisMissing: 'No basis recorded',
    noLocations: 'No processing locations of the sub-processor are recorded.',
    transfer: 'Transfer outside the EEA (clause 6.1)',
    transferGiven: (countries: string) =>
      `Controller gives its explicit prior written consent to have Personal Data processed outside the European Economic Area${countries ? `, in ${countries}` : ''} (clause 6.1 of the Data Processing Agreement).`,
    transferRefused: (countries: string) =>
      `Controller does not consent to having Personal Data processed outside the European Economic Area${countries ? `, in ${countries}` : ''} (clause 6.1 of the Data Processing Agreement).`,
    transferNotNeeded:
      'Not needed: the sub-processor processes the Personal Data only inside the European Economic Area, so no consent to a transfer (clause 6.1 of the Data Processing Agreement) is needed.',
    statement: 'Statement',
    objection: 'Reason for the objection',
    noObjectionReason: 'Controller gave no reason.',
    recorded: 'Recorded',
    recordedNote:
      "Processor keeps this declaration with the Data Processing Agreement as Controller's written answer.",
    answeredBy: 'Answered by',
    email: 'E-mail address',
    method: 'Method',
    methods: {
      portal: 'via the customer portal',
      email: 'by e-mail',
      letter: 'by letter',
    } as Record<Method, string>,
    at: 'Date and time',
    when: (date: string, time: string) => `${date} at ${time} (Netherlands time)`,
    reference: 'Reference',
    none: '—',
    and: 'and',
  },
} as const;

// ---- helpers -------------------------------------------------------------------------------------------------

export const ZONE = 'Europe/Amsterdam';

// A country code as its name in the document's language ("US" → "Verenigde Staten"); anything that is not a
// region code (a name already, or an unknown code) stays as it is.
function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

// Mid-sentence, some countries take an article: "in de Verenigde Staten", "in the United Kingdom".
const withArticle: Record<Language, Record<string, string>> = {
  nl: { US: 'de', GB: 'het', AE: 'de', PH: 'de', BS: 'de', MV: 'de', KY: 'de', VG: 'de', VI: 'de' },
  en: { US: 'the', GB: 'the', AE: 'the', PH: 'the', BS: 'the', MV: 'the', KY: 'the', VG: 'the', VI: 'the' },
};

function countryInSentence(code: string, language: Language): string {
  const name = countryName(code, language);
  const article = withArticle[language][code.toUpperCase()];
  return article ? `${article} ${name}` : name;
}

function joinWords(items: string[], language: Language): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} ${words[language].and} ${items.at(-1)}`;
}

const unique = (list: string[]) => [...new Set(list)];

function instantOf(iso: string): DateTime {
  const instant = DateTime.fromISO(iso, { setZone: true });
  if (!instant.isValid || !/T/.test(iso)) {
    throw new RangeError(`generatedAt is not an ISO instant: "${iso}".`);
  }
  return instant;
}

// A calendar date (YYYY-MM-DD) as it is; an instant as its day in the Netherlands.
function dayOf(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return value;
  }
  const instant = DateTime.fromISO(value, { setZone: true });
  if (!instant.isValid) {
    throw new RangeError(`Not a date or ISO instant: "${value}".`);
  }
  return instant.setZone(ZONE).toISODate()!;
}

// Label/value rows without the ones left out (null).
export const facts = (list: ([string, string] | null)[]) =>
  list.filter((r): r is [string, string] => r !== null);

// ---- the statement -------------------------------------------------------------------------------------------

// The exact sentence the customer agrees to. transferCountries are the countries outside the EEA (region codes,
// named in the language); clause 6.1 is cited only when there are any.
export function consentStatement(input: {
  language: 'nl' | 'en';
  decision: 'give' | 'object';
  customer: string;
  processor: string;
  subprocessor: string;
  transferCountries: string[];
}): string {
  const { language, decision, customer, processor, subprocessor } = input;
  const countries = joinWords(
    unique(input.transferCountries.map((c) => c.trim()).filter(Boolean)).map((c) =>
      countryInSentence(c, language),
    ),
    language,
  );
  if (language === 'nl') {
    if (decision === 'give') {
      const transfer = countries
        ? ` en om daarbij Persoonsgegevens te laten verwerken buiten de Europese Economische Ruimte, in ${countries} (artikel 6.1)`
        : '';
      return `${customer} geeft ${processor} voorafgaande schriftelijke toestemming om ${subprocessor} in te schakelen als Sub-verwerker (artikel 3.4 en 5.1 van de Verwerkersovereenkomst)${transfer}.`;
    }
    const transfer = countries
      ? `, en evenmin om daarbij Persoonsgegevens te laten verwerken buiten de Europese Economische Ruimte, in ${countries} (artikel 6.1)`
      : '';
    return `${customer} maakt bezwaar en geeft ${processor} geen toestemming om ${subprocessor} in te schakelen als Sub-verwerker (artikel 3.4 en 5.1 van de Verwerkersovereenkomst)${transfer}.`;
  }
  if (decision === 'give') {
    const transfer = countries
      ? ` and to have Personal Data processed outside the European Economic Area, in ${countries} (clause 6.1)`
      : '';
    return `${customer} gives ${processor} prior written consent to engage ${subprocessor} as a Sub-processor (clauses 3.4 and 5.1 of the Data Processing Agreement)${transfer}.`;
  }
  const transfer = countries
    ? `, nor to have Personal Data processed outside the European Economic Area, in ${countries} (clause 6.1)`
    : '';
  return `${customer} objects and does not give ${processor} consent to engage ${subprocessor} as a Sub-processor (clauses 3.4 and 5.1 of the Data Processing Agreement)${transfer}.`;
}

// ---- the document --------------------------------------------------------------------------------------------

export function buildConsentDocument(input: ConsentDocumentInput): DocumentModel {
  const lang = input.language;
  const w = words[lang];
  const { processor, customer, subprocessor: sub, answeredBy } = input;
  const answered = instantOf(input.generatedAt);
  const local = answered.setZone(ZONE);
  const date = (value: string) => formatDocumentDate(dayOf(value), lang);
  const title = w.title[input.decision];
  const processorContact = [processor.privacyContactName, processor.privacyContactEmail]
    .filter(Boolean)
    .join(', ');

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'paragraph', content: [w.intro(customer.legalName, processor.legalName, sub.name)] },

    // Both parties of the agreement, as its parties block names them.
    { kind: 'heading', level: 2, text: w.parties },
    { kind: 'heading', level: 3, text: w.processor },
    {
      kind: 'facts',
      rows: facts([
        [w.name, processor.legalName],
        [w.kvk, processor.kvkNumber],
        processor.address ? [w.address, processor.address] : null,
        processorContact ? [w.privacyContact, processorContact] : null,
      ]),
    },
    { kind: 'heading', level: 3, text: w.controller },
    {
      kind: 'facts',
      rows: facts([
        [w.name, customer.legalName],
        [w.kvk, customer.kvkNumber],
        customer.address ? [w.address, customer.address] : null,
      ]),
    },

    // Who: the sub-processor the answer is about.
    { kind: 'heading', level: 2, text: w.subprocessor },
    {
      kind: 'facts',
      rows: facts([
        [w.name, sub.name],
        sub.legalName && sub.legalName !== sub.name ? [w.legalName, sub.legalName] : null,
        sub.registrationNumber ? [w.registrationNumber, sub.registrationNumber] : null,
        [w.country, sub.country ? countryName(sub.country, lang) : w.notRecorded],
        sub.address ? [w.address, sub.address] : null,
        sub.services ? [w.services, sub.services] : null,
      ]),
    },

    // What, why and from when.
    { kind: 'heading', level: 2, text: w.proposal },
    input.proposal
      ? {
          kind: 'facts',
          rows: facts([
            [w.reason, input.proposal.reason],
            [w.effectiveFrom, date(input.proposal.effectiveFrom)],
            input.proposal.serviceLines.length > 0
              ? [w.serviceLines, input.proposal.serviceLines.join(', ')]
              : null,
            input.proposal.replaces ? [w.replaces, input.proposal.replaces] : null,
          ]),
        }
      : { kind: 'paragraph', content: [w.noProposal] },

    // Where: every location with its zone and the Chapter V ground for a transfer.
    { kind: 'heading', level: 2, text: w.locations },
    input.locations.length === 0
      ? { kind: 'paragraph', content: [w.noLocations] }
      : {
          kind: 'table',
          columns: w.locationColumns.map((header, i) => ({ header, width: [30, 22, 48][i] })),
          rows: input.locations.map((l) => [
            countryName(l.country, lang),
            w.zones[l.zone],
            l.basis ?? (l.zone === 'eea' ? w.basisNotNeeded : w.basisMissing),
          ]),
        },
  ];

  // Clause 6.1 asks for its own, explicit consent: a paragraph apart from the consent to the sub-processor.
  const outside = unique(input.locations.filter((l) => l.zone !== 'eea').map((l) => l.country.toUpperCase()));
  const outsideNames = joinWords(
    outside.map((c) => countryInSentence(c, lang)),
    lang,
  );
  blocks.push({ kind: 'heading', level: 2, text: w.transfer });
  if (!input.transferRequired) {
    blocks.push({ kind: 'paragraph', content: [w.transferNotNeeded] });
  } else {
    blocks.push({
      kind: 'paragraph',
      content: [input.transferConsentGiven ? w.transferGiven(outsideNames) : w.transferRefused(outsideNames)],
    });
  }

  // The sentence the customer agreed to, verbatim.
  blocks.push(
    { kind: 'heading', level: 2, text: w.statement },
    { kind: 'paragraph', content: [{ text: input.statement, bold: true }] },
  );

  if (input.decision === 'object') {
    blocks.push(
      { kind: 'heading', level: 2, text: w.objection },
      { kind: 'paragraph', content: [input.objectionReason?.trim() || w.noObjectionReason] },
    );
  }

  blocks.push(
    { kind: 'heading', level: 2, text: w.recorded },
    {
      kind: 'facts',
      rows: [
        [w.answeredBy, answeredBy.name],
        [w.email, answeredBy.email ?? w.none],
        [w.method, w.methods[answeredBy.method]],
        [w.at, w.when(formatDocumentDate(local.toISODate()!, lang), local.toFormat('HH:mm'))],
        [w.reference, input.reference],
      ],
    },
    { kind: 'paragraph', style: 'small', content: [w.recordedNote] },
  );

  return {
    language: lang,
    title: `${title} — ${sub.name}`,
    subject: `${w.subject(customer.legalName, processor.legalName, sub.name)} (${w.reference.toLowerCase()} ${input.reference})`,
    author: processor.legalName,
    createdAt: answered.toUTC().toISO()!,
    header: { text: processor.legalName, logo: null },
    marking: w.marking,
    footer: w.footer,
    blocks,
  };
}
