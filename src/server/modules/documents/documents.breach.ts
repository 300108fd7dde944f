import { DateTime } from 'luxon';
import { type NoticeContent, noticeAnswerWords } from '../breaches/breaches.notices.ts';
import { formatDocumentDate } from './documents.build.ts';
import { facts, ZONE } from './documents.consent.ts';
import type { Block, DocumentModel } from './documents.model.ts';

// The written breach notice (seed clause 8.1 with the questions of Annex 3) as a document the customer and staff
// can download: the same notice the e-mail carries (breaches.notices.ts, noticeMail), in the same words for the
// seven questions. Built like the other documents: pure, no clock, no database; the same input gives a deep-equal
// model, so the same PDF bytes.

type Language = 'nl' | 'en';

export type BreachNoticeDocumentInput = {
  language: Language;
  customer: { legalName: string; kvkNumber: string };
  notice: { version: number; sentAt: string; changes: string | null; content: NoticeContent };
};

// ---- words ---------------------------------------------------------------------------------------------------

const words = {
  nl: {
    title: (ref: string) => `Melding datalek ${ref}`,
    updateTitle: (update: number, ref: string) => `Update ${update} bij melding datalek ${ref}`,
    subject: (ref: string, title: string) => `Melding datalek ${ref}: ${title}`,
    intro: (processor: string, customer: string) =>
      `${processor} (Verwerker) informeert ${customer} (Verantwoordelijke) schriftelijk over een datalek dat Persoonsgegevens van Verantwoordelijke raakt, met de informatie uit bijlage 3 (artikel 8.1 van de Verwerkersovereenkomst).`,
    changes: 'Wat is er veranderd',
    noChanges: 'Niet vastgelegd.',
    marking: 'Vertrouwelijk',
    footer: 'Pagina {page} van {pages}',
    parties: 'Partijen',
    processor: 'Verwerker',
    controller: 'Verantwoordelijke',
    name: 'Naam',
    kvk: 'KvK-nummer',
    annex: 'Het datalek (bijlage 3)',
    columns: ['Nr.', 'Vraag', 'Antwoord'],
    further: 'Verdere gegevens',
    discovered: 'Ontdekt op',
    ongoingLabel: 'Loopt het incident nog',
    yes: 'ja',
    no: 'nee',
    aspectsLabel: 'Aard: geraakt aspect',
    actionsLabel: 'Aard: wat er met de gegevens is gebeurd',
    encryptionLabel: 'Versleuteling',
    systems: 'Getroffen systemen',
    measures: 'Genomen maatregelen',
    planned: 'Geplande maatregelen',
    consequences: 'Waarschijnlijke gevolgen voor de betrokkenen',
    aspects: {
      confidentiality: 'vertrouwelijkheid',
      integrity: 'integriteit',
      availability: 'beschikbaarheid',
    } as Record<string, string>,
    actions: {
      read: 'ingezien',
      copied: 'gekopieerd',
      altered: 'gewijzigd',
      deleted: 'verwijderd',
      stolen: 'gestolen',
      lost: 'verloren',
    } as Record<string, string>,
    encryption: {
      none: 'niet versleuteld',
      partial: 'gedeeltelijk versleuteld',
      full: 'volledig versleuteld',
      unknown: 'onbekend',
    } as Record<string, string>,
    contact: 'Contact bij Verwerker',
    organisation: 'Organisatie',
    email: 'E-mailadres',
    phone: 'Telefoon',
    decision: 'Melden aan de Autoriteit Persoonsgegevens en aan betrokkenen',
    clause83:
      'Of dit datalek wordt gemeld aan de Autoriteit Persoonsgegevens en aan de betrokkenen, beslist Verantwoordelijke (artikel 8.3 van de Verwerkersovereenkomst). Verwerker meldt het datalek niet zelf aan de Autoriteit Persoonsgegevens of aan betrokkenen.',
    guidance: (at: string) =>
      `Ter informatie: artikel 33 AVG geeft Verantwoordelijke voor een melding 72 uur na het bekend worden van het datalek; gerekend vanaf deze melding is dat ${at}.`,
    sent: 'Verzonden',
    reference: 'Referentie',
    version: 'Versie',
    when: (date: string, time: string) => `${date} om ${time} uur (Nederlandse tijd)`,
    none: '—',
  },
  en: {
    title: (ref: string) => `Data breach notice ${ref}`,
    updateTitle: (update: number, ref: string) => `Update ${update} to data breach notice ${ref}`,
    subject: (ref: string, title: string) => `Data breach notice ${ref}: ${title}`,
    intro: (processor: string, customer: string) =>
      `${processor} (Processor) informs ${customer} (Controller) in writing of a data breach affecting Controller's Personal Data, with the information of Annex 3 (clause 8.1 of the Data Processing Agreement).`,
    changes: 'What changed',
    noChanges: 'Not recorded.',
    marking: 'Confidential',
    footer: 'Page {page} of {pages}',
    parties: 'Parties',
    processor: 'Processor',
    controller: 'Controller',
    name: 'Name',
    kvk: 'KvK number',
    annex: 'The data breach (Annex 3)',
    columns: ['No.', 'Question', 'Answer'],
    further: 'Further facts',
    discovered: 'Discovered at',
    ongoingLabel: 'Is the incident still ongoing',
    yes: 'yes',
    no: 'no',
    aspectsLabel: 'Nature: aspect affected',
    actionsLabel: 'Nature: what happened to the data',
    encryptionLabel: 'Encryption',
    systems: 'Systems affected',
    measures: 'Measures taken',
    planned: 'Measures planned',
    consequences: 'Likely consequences for the persons concerned',
    aspects: {
      confidentiality: 'confidentiality',
      integrity: 'integrity',
      availability: 'availability',
    } as Record<string, string>,
    actions: {
      read: 'read',
      copied: 'copied',
      altered: 'altered',
      deleted: 'deleted',
      stolen: 'stolen',
      lost: 'lost',
    } as Record<string, string>,
    encryption: {
      none: 'not encrypted',
      partial: 'partly encrypted',
      full: 'fully encrypted',
      unknown: 'unknown',
    } as Record<string, string>,
    contact: "Processor's contact",
    organisation: 'Organisation',
    email: 'E-mail address',
    phone: 'Phone',
    decision: 'Notifying the Dutch Data Protection Authority and the persons concerned',
    clause83:
      'Whether this data breach is notified to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens) and to the persons concerned is the decision of Controller (clause 8.3 of the Data Processing Agreement). Processor does not notify the Autoriteit Persoonsgegevens or the persons concerned itself.',
    guidance: (at: string) =>
      `For information: Art. 33 GDPR gives Controller 72 hours after becoming aware of the breach to notify it; counted from this notice that is ${at}.`,
    sent: 'Sent',
    reference: 'Reference',
    version: 'Version',
    when: (date: string, time: string) => `${date} at ${time} (Netherlands time)`,
    none: '—',
  },
} as const;

// ---- helpers -------------------------------------------------------------------------------------------------

function instantOf(iso: string, field: string): DateTime {
  const instant = DateTime.fromISO(iso, { setZone: true });
  if (!instant.isValid || !/T/.test(iso)) {
    throw new RangeError(`${field} is not an ISO instant: "${iso}".`);
  }
  return instant;
}

// An instant as its date and time in the Netherlands, in the document's words.
function moment(iso: string, field: string, language: Language): string {
  const local = instantOf(iso, field).setZone(ZONE);
  return words[language].when(formatDocumentDate(local.toISODate()!, language), local.toFormat('HH:mm'));
}

const listOf = (codes: string[], labels: Record<string, string>, none: string) =>
  codes.length > 0 ? codes.map((c) => labels[c] ?? c).join(', ') : none;

// ---- the document --------------------------------------------------------------------------------------------

export function buildBreachNoticeDocument(input: BreachNoticeDocumentInput): DocumentModel {
  const lang = input.language;
  const w = words[lang];
  const a = noticeAnswerWords[lang];
  const { customer, notice } = input;
  const c = notice.content;
  const contact = c.processorContact;
  const sent = instantOf(notice.sentAt, 'sentAt');
  const at = (iso: string, field: string) => moment(iso, field, lang);
  const isUpdate = notice.version >= 2;
  const title = isUpdate ? w.updateTitle(notice.version - 1, c.reference) : w.title(c.reference);

  // The seven Annex 3 answers as the e-mail gives them; times in the Netherlands, as everywhere in this document.
  const period =
    c.occurredFrom || c.occurredTo
      ? `${c.occurredFrom ? at(c.occurredFrom, 'occurredFrom') : a.unknown} – ${c.occurredTo ? at(c.occurredTo, 'occurredTo') : a.unknown}`
      : a.unknown;
  const answers = [
    `${c.summary}${c.affectedSystems ? ` (${c.affectedSystems})` : ''}`,
    c.dataTypes.join(', '),
    `${c.personsMin}–${c.personsMax}`,
    `${c.subjectsGroup}${c.vulnerableGroup ? a.vulnerable : ''}`,
    a.known[c.contactsKnown] ?? c.contactsKnown,
    c.rootCause,
    period,
  ];

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'paragraph', content: [{ text: c.title, bold: true }] },
    { kind: 'paragraph', content: [w.intro(contact.organisation, customer.legalName)] },
  ];

  // An update says first what changed (seed 8.2), as its e-mail does.
  if (isUpdate) {
    blocks.push(
      { kind: 'heading', level: 2, text: w.changes },
      { kind: 'paragraph', content: [notice.changes?.trim() || w.noChanges] },
    );
  }

  blocks.push(
    { kind: 'heading', level: 2, text: w.parties },
    { kind: 'heading', level: 3, text: w.processor },
    { kind: 'facts', rows: [[w.name, contact.organisation]] },
    { kind: 'heading', level: 3, text: w.controller },
    {
      kind: 'facts',
      rows: [
        [w.name, customer.legalName],
        [w.kvk, customer.kvkNumber],
      ],
    },

    { kind: 'heading', level: 2, text: w.annex },
    {
      kind: 'table',
      columns: w.columns.map((header, i) => ({ header, width: [8, 32, 60][i] })),
      rows: answers.map((answer, i) => [`${i + 1}`, a.q[i] ?? '', answer]),
    },

    { kind: 'heading', level: 2, text: w.further },
    {
      kind: 'facts',
      rows: facts([
        [w.discovered, at(c.discoveredAt, 'discoveredAt')],
        [w.ongoingLabel, c.ongoing ? w.yes : w.no],
        [w.aspectsLabel, listOf(c.aspects, w.aspects, w.none)],
        [w.actionsLabel, listOf(c.actions, w.actions, w.none)],
        [w.encryptionLabel, w.encryption[c.encryption] ?? c.encryption],
        c.affectedSystems ? [w.systems, c.affectedSystems] : null,
        c.measuresTaken ? [w.measures, c.measuresTaken] : null,
        c.measuresPlanned ? [w.planned, c.measuresPlanned] : null,
        // Art. 33(3)(c); a notice frozen before this was asked has no such key
        c.likelyConsequences ? [w.consequences, c.likelyConsequences] : null,
      ]),
    },

    { kind: 'heading', level: 2, text: w.contact },
    {
      kind: 'facts',
      rows: facts([
        [w.name, contact.name],
        [w.organisation, contact.organisation],
        [w.email, contact.email],
        contact.phone ? [w.phone, contact.phone] : null,
      ]),
    },

    // Clause 8.3: the customer's call, never ours; the 72 hours of Art. 33 only as information.
    { kind: 'heading', level: 2, text: w.decision },
    { kind: 'paragraph', content: [{ text: w.clause83, bold: true }] },
    { kind: 'paragraph', content: [w.guidance(at(c.customerGuidanceDeadline, 'customerGuidanceDeadline'))] },

    {
      kind: 'facts',
      rows: [
        [w.reference, c.reference],
        [w.version, `${notice.version}`],
        [w.sent, at(notice.sentAt, 'sentAt')],
      ],
    },
  );

  return {
    language: lang,
    title,
    subject: w.subject(c.reference, c.title),
    author: contact.organisation,
    createdAt: sent.toUTC().toISO()!,
    header: { text: contact.organisation, logo: null },
    marking: w.marking,
    footer: w.footer,
    blocks,
  };
}
