import { DateTime } from 'luxon';
import type { DataCategory, DataSubject } from '../../../shared/register-taxonomy.ts';
import { AppError } from '../../http/errors.ts';
import { formatPhone } from '../customers/customers.models.ts';
import type { CustomerRecord } from '../customers/customers.record.ts';
import type { CustomerDetail } from '../customers/customers.schemas.ts';
import type { ContactRole } from '../customers/customers.table.ts';
import type { ProcessorProfileInput } from '../settings/settings.schemas.ts';
import type { Block, DocumentModel, Inline, SignatureParty } from './documents.model.ts';
import {
  type DpaPlaceholder,
  fillTemplate,
  parseTemplate,
  TemplateInvalidError,
  templateUsage,
  validateParsed,
} from './documents.templates.ts';

// Builders turn what art28 holds into the document model (documents.model.ts). They are pure: no database, no
// clock, no file system. The same input gives a deep-equal model, so a regenerated document has the same bytes.

export type DocumentLanguage = 'nl' | 'en';
type Contact = CustomerDetail['contacts'][number];
type Agreement = CustomerDetail['agreements'][number];

// What a DPA needs from the customer's record of processing (customers.record.ts); pass the record as it is.
export type DpaRecordPart = Pick<CustomerRecord, 'registerVersion' | 'services' | 'rows' | 'subprocessors'>;

export type LogoInput = { mime: string; dataBase64: string } | null;

export type SecurityMeasureInput = { kind: 'technical' | 'organisational'; nl: string; en: string };

export type DpaInput = {
  // buildCustomerRecord(ctx, customerId): services taken, their Annex 1 rows with retention dates, sub-processors
  record: DpaRecordPart;
  // the processor profile (Settings); street, postal code and city separately for the parties block
  processor: ProcessorProfileInput;
  customer: Pick<
    CustomerDetail,
    'legalName' | 'kvkNumber' | 'street' | 'postalCode' | 'city' | 'country' | 'contacts'
  >;
  // the customer's current agreement (customer.agreements[0]); null when it has none
  agreement: Pick<Agreement, 'reference' | 'startDate'> | null;
  dpa: { version: number };
  // the register's processing operations ("Verwerkingsactiviteiten" of Annex 1), e.g. getRegister(ctx).operations
  operations: readonly { labelNl: string; labelEn: string }[];
  // Annex 2 from the security module, for a template that uses {{annex2}}; the default template carries it as text
  securityMeasures?: readonly SecurityMeasureInput[] | null;
  language: DocumentLanguage;
  // YYYY-MM-DD (or an ISO instant): the document's date and createdAt; never the wall clock
  generatedOn: string;
  logo: LogoInput;
};

export type RecordInput = {
  record: CustomerRecord;
  operations?: readonly { labelNl: string; labelEn: string }[];
  language: DocumentLanguage;
  logo: LogoInput;
};

export type MissingField = { field: string; message: string };

// Generating for a customer without the data the document needs answers 422 and names every missing field at
// once (issue 6, "Bad input"), so staff can fix them in one go.
export class DocumentDataMissingError extends AppError {
  constructor(readonly missing: MissingField[]) {
    super(
      422,
      'documents.data_missing',
      `The document cannot be generated: ${missing.map((m) => m.message).join('; ')}.`,
      missing[0]?.field,
    );
    this.name = 'DocumentDataMissingError';
  }
}

// ---- words ---------------------------------------------------------------------------------------------------

const monthsEn = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Dutch documents write dates as 28-02-2027, English ones as 28 February 2027 (no dd/mm vs mm/dd ambiguity).
export function formatDocumentDate(isoDate: string, language: DocumentLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${isoDate}".`);
  }
  const [, year, month, day] = m;
  return language === 'nl'
    ? `${day}-${month}-${year}`
    : `${Number(day)} ${monthsEn[Number(month) - 1]} ${year}`;
}

// The document's calendar date (in the Netherlands) and its createdAt instant, both from the input.
function documentDate(generatedOn: string): { day: string; createdAt: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(generatedOn)) {
    const day = DateTime.fromISO(generatedOn, { zone: 'Europe/Amsterdam' });
    if (!day.isValid) {
      throw new RangeError(`generatedOn is not a calendar date: "${generatedOn}".`);
    }
    return { day: generatedOn, createdAt: `${generatedOn}T00:00:00.000Z` };
  }
  const instant = DateTime.fromISO(generatedOn, { setZone: true });
  if (!instant.isValid) {
    throw new RangeError(`generatedOn is neither a date nor an ISO instant: "${generatedOn}".`);
  }
  return {
    day: instant.setZone('Europe/Amsterdam').toISODate()!,
    createdAt: instant.toUTC().toISO()!,
  };
}

const words = {
  nl: {
    dpaTitle: 'Verwerkersovereenkomst',
    recordTitle: 'Register van verwerkingsactiviteiten',
    marking: 'Vertrouwelijk',
    footer: 'Pagina {page} van {pages}',
    controller: 'Verantwoordelijke',
    processor: 'Verwerker',
    name: 'Naam',
    kvk: 'KvK-nummer',
    address: 'Adres',
    representedBy: 'Vertegenwoordigd door',
    privacyContact: 'Privacycontactpersoon',
    services: 'Diensten en verwerkingsdoeleinden',
    operations: 'Verwerkingsactiviteiten',
    operationsIntro: 'Bij deze diensten kan de Verwerking van Persoonsgegevens bestaan uit',
    rowsHeading: 'Persoonsgegevens, Betrokkenen, bewaartermijnen en Sub-verwerkers',
    rowsColumns: ['Dienst', 'Persoonsgegevens', 'Betrokkenen', 'Bewaartermijn', 'Verwerkt door'],
    rowsCaption: 'Verwerkingen per dienst',
    noRows:
      'Voor de diensten die Verantwoordelijke afneemt, staan geen verwerkingen van Persoonsgegevens in het register.',
    retentionNote:
      'Een datum bij de bewaartermijn is de laatste dag waarop de gegevens worden bewaard, berekend vanaf de einddatum van de Overeenkomst; „uiterlijk” betekent dat de gegevens eerder kunnen worden verwijderd.',
    subprocessorsHeading: 'Sub-verwerkers en doorgifte buiten de EER',
    subprocessorColumns: ['Sub-verwerker', 'Voor de dienst', 'Vestigingsland', 'Binnen de EER'],
    yes: 'Ja',
    no: 'Nee',
    unknown: 'Nog niet vastgelegd',
    transfers: (list: string) =>
      `Buiten de Europese Economische Ruimte verwerken: ${list}. Daarvoor is de voorafgaande schriftelijke toestemming van Verantwoordelijke nodig (artikel 6.1).`,
    noTransfers:
      'Geen van de Sub-verwerkers verwerkt de Persoonsgegevens buiten de Europese Economische Ruimte.',
    unknownLocation: (list: string) =>
      `Van ${list} is het vestigingsland nog niet vastgelegd. Verwerking buiten de Europese Economische Ruimte vereist de voorafgaande schriftelijke toestemming van Verantwoordelijke (artikel 6.1).`,
    noSubprocessors: 'Verwerker schakelt voor deze diensten geen Sub-verwerkers in.',
    subprocessorWord: (n: number) => (n === 1 ? 'sub-verwerker' : 'sub-verwerkers'),
    ownAdministration: 'eigen administratie, als verwerkingsverantwoordelijke',
    until: (date: string, latest: boolean) => `${latest ? 'uiterlijk ' : ''}tot en met ${date}`,
    serviceUntil: (date: string) => `afgenomen tot en met ${date}`,
    and: 'en',
    ictLead: 'ICT-eindverantwoordelijke van Verantwoordelijke (meldingen, artikel 8.1)',
    customerPrivacy: 'Privacycontactpersoon van Verantwoordelijke',
    breachPhone: 'Meldnummer datalekken van Verwerker',
    processorPrivacy: 'Privacycontactpersoon van Verwerker',
    phone: 'telefoon',
    technical: 'Technische maatregelen',
    organisational: 'Organisatorische maatregelen',
  },
  en: {
    dpaTitle: 'Data Processing Agreement',
    recordTitle: 'Record of processing activities',
    marking: 'Confidential',
    footer: 'Page {page} of {pages}',
    controller: 'Controller',
    processor: 'Processor',
    name: 'Name',
    kvk: 'KvK number',
    address: 'Address',
    representedBy: 'Represented by',
    privacyContact: 'Privacy contact',
    services: 'Services and purposes of the processing',
    operations: 'Processing operations',
    operationsIntro: 'For these services the Processing of Personal Data may consist of',
    rowsHeading: 'Personal Data, Data Subjects, retention periods and Sub-processors',
    rowsColumns: ['Service', 'Personal data', 'Data subjects', 'Retention', 'Processed by'],
    rowsCaption: 'Processing per service',
    noRows: 'For the services Controller takes, the register holds no processing of Personal Data.',
    retentionNote:
      'A date with a retention period is the last day the data are kept, counted from the end date of the Agreement; "at the latest" means the data may be deleted earlier.',
    subprocessorsHeading: 'Sub-processors and transfers outside the EEA',
    subprocessorColumns: ['Sub-processor', 'For the service', 'Country of establishment', 'Inside the EEA'],
    yes: 'Yes',
    no: 'No',
    unknown: 'Not yet recorded',
    transfers: (list: string) =>
      `Processing outside the European Economic Area: ${list}. This requires the prior written consent of Controller (clause 6.1).`,
    noTransfers: 'None of the Sub-processors processes the Personal Data outside the European Economic Area.',
    unknownLocation: (list: string) =>
      `The country of establishment of ${list} is not yet recorded. Processing outside the European Economic Area requires the prior written consent of Controller (clause 6.1).`,
    noSubprocessors: 'Processor engages no Sub-processors for these services.',
    subprocessorWord: (n: number) => (n === 1 ? 'sub-processor' : 'sub-processors'),
    ownAdministration: 'own administration, as controller',
    until: (date: string, latest: boolean) => `${latest ? 'at the latest ' : ''}until ${date}`,
    serviceUntil: (date: string) => `taken until ${date}`,
    and: 'and',
    ictLead: "Controller's ICT lead (notifications, clause 8.1)",
    customerPrivacy: "Controller's privacy contact",
    breachPhone: "Processor's data breach hotline",
    processorPrivacy: "Processor's privacy contact",
    phone: 'phone',
    technical: 'Technical measures',
    organisational: 'Organisational measures',
  },
} as const;

// Labels written to stand mid-sentence in a table cell; typed against the register's codes, so a new category
// fails the type check until it has words here.
const categoryLabels: Record<DataCategory, Record<DocumentLanguage, string>> = {
  'contact.name': { nl: 'naam', en: 'name' },
  'contact.email': { nl: 'e-mailadres', en: 'e-mail address' },
  'contact.phone': { nl: 'telefoonnummer', en: 'phone number' },
  'contact.address': { nl: 'adres', en: 'address' },
  'account.user_profile': { nl: 'gebruikersprofiel', en: 'user profile' },
  'financial.iban': { nl: 'IBAN', en: 'IBAN' },
  'contract.details': { nl: 'contractgegevens', en: 'contract details' },
  'contract.kvk_extract': { nl: 'uittreksel Kamer van Koophandel', en: 'Chamber of Commerce extract' },
  'device.imei': { nl: 'IMEI-nummer', en: 'IMEI number' },
  'device.mac': { nl: 'MAC-adres', en: 'MAC address' },
  'network.ip': { nl: 'IP-adres', en: 'IP address' },
  'telecom.cdr': { nl: 'gespreksgegevens (CDR)', en: 'call detail records (CDR)' },
  'telecom.sim': { nl: 'simkaartnummer', en: 'SIM card number' },
  'telecom.phone_number': { nl: 'telefoonnummer', en: 'phone number' },
  'telecom.contacts': { nl: 'telefoonboek', en: 'phone book' },
  'usage.statistics': { nl: 'gebruiksstatistieken', en: 'usage statistics' },
  'content.mailbox': { nl: 'inhoud van mailboxen', en: 'mailbox contents' },
  'content.email_metadata': { nl: 'metadata van e-mail', en: 'e-mail metadata' },
  'content.backup': { nl: 'back-ups', en: 'backups' },
  'content.files': { nl: 'bestanden', en: 'files' },
  // Art. 9(1) and Art. 10 GDPR: the reader must see that special categories or criminal data are involved.
  'special.health': {
    nl: 'gezondheidsgegevens (bijzonder persoonsgegeven)',
    en: 'health data (special category)',
  },
  'special.biometric': {
    nl: 'biometrische gegevens (bijzonder persoonsgegeven)',
    en: 'biometric data (special category)',
  },
  'special.other': { nl: 'andere bijzondere persoonsgegevens', en: 'other special categories of data' },
  'criminal.records': { nl: 'strafrechtelijke gegevens', en: 'criminal offence data' },
};

const subjectLabels: Record<DataSubject, Record<DocumentLanguage, string>> = {
  'customer.contacts': { nl: 'contactpersonen van de klant', en: "the customer's contact persons" },
  'customer.employees': { nl: 'medewerkers van de klant', en: "the customer's employees" },
  'customer.customers': { nl: 'klanten van de klant', en: "the customer's customers" },
  'customer.suppliers': { nl: 'leveranciers van de klant', en: "the customer's suppliers" },
  'customer.correspondents': {
    nl: 'personen die met de klant bellen of mailen',
    en: 'people who call or e-mail the customer',
  },
};

const contactRoleLabels: Record<ContactRole, Record<DocumentLanguage, string>> = {
  signatory: { nl: 'tekenbevoegde', en: 'signatory' },
  'ict-lead': { nl: 'ICT-eindverantwoordelijke', en: 'ICT lead' },
  'privacy-contact': { nl: 'privacycontactpersoon', en: 'privacy contact' },
  dpo: { nl: 'functionaris gegevensbescherming', en: 'data protection officer' },
  billing: { nl: 'facturatie', en: 'billing' },
};

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const unique = (list: string[]) => [...new Set(list)];
// Letters and digits only, so "IMEI nummer" and "IMEI-nummer" compare equal.
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function labelOf<K extends string>(
  labels: Record<K, Record<DocumentLanguage, string>>,
  code: string,
  language: DocumentLanguage,
) {
  return Object.hasOwn(labels, code) ? labels[code as K][language] : code;
}

function joinWords(items: string[], language: DocumentLanguage) {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} ${words[language].and} ${items.at(-1)}`;
}

function countryName(code: string, language: DocumentLanguage) {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function formatAddress(
  party: { street: string; postalCode: string; city: string; country: string },
  language: DocumentLanguage,
) {
  return [
    party.street,
    `${party.postalCode} ${party.city}`.trim(),
    party.country && party.country !== 'NL' ? countryName(party.country, language) : '',
  ]
    .filter(Boolean)
    .join(', ');
}

const phoneOf = (contact: Contact | undefined) => (contact?.phone ? (formatPhone(contact.phone) ?? '') : '');

function pickContacts(contacts: readonly Contact[]) {
  const withRole = (role: ContactRole) => contacts.filter((c) => c.roles.includes(role));
  const ictLeads = withRole('ict-lead');
  return {
    signatory: withRole('signatory')[0],
    // clause 8.1 reports a breach by phone: prefer the ICT lead who has a number
    ictLead: ictLeads.find((c) => c.phone) ?? ictLeads[0],
    privacy: withRole('privacy-contact')[0] ?? withRole('dpo')[0],
  };
}

function logoOf(logo: LogoInput): DocumentModel['header']['logo'] {
  // The settings also accept SVG logos; the document model carries raster images only, so an SVG logo is left out
  // of the header rather than rendered wrongly.
  if (logo && (logo.mime === 'image/png' || logo.mime === 'image/jpeg')) {
    return { mime: logo.mime, dataBase64: logo.dataBase64 };
  }
  return null;
}

// ---- Annex 1 (and part (b) of the record) ---------------------------------------------------------------------

type Annex1Facts = {
  record: DpaRecordPart;
  operations: readonly { labelNl: string; labelEn: string }[];
  processorName: string;
  language: DocumentLanguage;
};

// Only the rows of the services the customer takes: the record already filters them, and a row of another
// service line must never reach a customer's Annex 1 (it would disclose, and consent to, processing that is not
// theirs), so the builder filters again.
function annexRows(record: DpaRecordPart) {
  const codes = new Set(record.services.map((s) => s.code));
  return record.rows.filter((r) => codes.has(r.service));
}

function annex1Blocks(facts: Annex1Facts): Block[] {
  const rows = annexRows(facts.record);
  return [
    ...processingBlocks(facts),
    ...subprocessorBlocks(facts.record, rows, facts.language, words[facts.language].subprocessorsHeading),
  ];
}

// The services in the order their rows stand in the register (and so in the table below), those without rows
// (Connectivity/WiFi has a purpose but no row) after them.
function servicesInRegisterOrder(record: DpaRecordPart) {
  const firstRow = (code: string) => {
    const index = record.rows.findIndex((r) => r.service === code);
    return index === -1 ? record.rows.length : index;
  };
  return record.services
    .map((service, index) => ({ service, index }))
    .sort((a, b) => firstRow(a.service.code) - firstRow(b.service.code) || a.index - b.index)
    .map((x) => x.service);
}

// Purposes, operations and the rows table: Annex 1 of the DPA and part (b) of the record.
function processingBlocks({ record, operations, processorName, language }: Annex1Facts): Block[] {
  const w = words[language];
  const nl = language === 'nl';
  const rows = annexRows(record);
  const serviceName = (code: string) => {
    const service = record.services.find((s) => s.code === code);
    return service ? (nl ? service.nameNl : service.nameEn) : code;
  };
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: w.services },
    {
      kind: 'list',
      ordered: false,
      items: servicesInRegisterOrder(record).map((s): Inline[] => [
        { text: nl ? s.nameNl : s.nameEn, bold: true },
        `: ${nl ? s.purposeNl : s.purposeEn}${s.endDate ? ` (${w.serviceUntil(formatDocumentDate(s.endDate, language))})` : ''}`,
      ]),
    },
  ];
  if (operations.length > 0) {
    blocks.push(
      { kind: 'heading', level: 2, text: w.operations },
      {
        kind: 'paragraph',
        content: [
          `${w.operationsIntro} ${joinWords(
            operations.map((o) => lowerFirst(nl ? o.labelNl : o.labelEn)),
            language,
          )}.`,
        ],
      },
    );
  }
  blocks.push({ kind: 'heading', level: 2, text: w.rowsHeading });
  if (rows.length === 0) {
    blocks.push({ kind: 'paragraph', content: [w.noRows] });
  } else {
    // Five columns fit A4 portrait; the long texts (data type with its categories, retention) wrap in their cells.
    const widths = [14, 30, 20, 20, 16];
    blocks.push({
      kind: 'table',
      caption: w.rowsCaption,
      columns: w.rowsColumns.map((header, i) => ({ header, width: widths[i] })),
      rows: rows.map((r) => {
        // The register's own words first; the categories only where they add to them ("IP-adres — IP-adres" no).
        const dataType = (nl ? r.dataTypeNl : r.dataTypeEn).replace(/\.$/, '');
        const categories = unique(r.dataCategories.map((c) => labelOf(categoryLabels, c, language))).filter(
          (label) => !squash(dataType).includes(squash(label)) && !squash(label).includes(squash(dataType)),
        );
        const subjects = unique(r.dataSubjects.map((s) => labelOf(subjectLabels, s, language)));
        const retention = nl ? r.retentionNl : r.retentionEn;
        const until = r.retentionUntil
          ? `; ${w.until(formatDocumentDate(r.retentionUntil, language), r.retentionUntilIsLatest)}`
          : '';
        const by: string[] = [];
        if (r.processorRole === 'controller') {
          by.push(`${processorName} (${w.ownAdministration})`);
        } else if (r.processedByProcessor) {
          by.push(processorName);
        }
        if (r.subprocessors.length > 0) {
          by.push(`${r.subprocessors.join(', ')} (${w.subprocessorWord(r.subprocessors.length)})`);
        }
        return [
          serviceName(r.service),
          categories.length > 0 ? `${dataType} — ${categories.join(', ')}` : dataType,
          upperFirst(subjects.join(', ')),
          `${retention}${until}`,
          by.join('; ') || '—',
        ];
      }),
    });
    if (rows.some((r) => r.retentionUntil)) {
      blocks.push({ kind: 'paragraph', style: 'small', content: [w.retentionNote] });
    }
  }
  return blocks;
}

// Clause 3.4/5.1 (consent to sub-processors) and 6.1 (no processing outside the EEA without consent): the
// customer sees who, for which service, and where.
function subprocessorBlocks(
  record: DpaRecordPart,
  rows: DpaRecordPart['rows'],
  language: DocumentLanguage,
  heading: string,
): Block[] {
  const w = words[language];
  const names = new Set(rows.flatMap((r) => r.subprocessors));
  const subprocessors = record.subprocessors.filter((s) => names.has(s.name));
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: heading }];
  if (subprocessors.length === 0) {
    blocks.push({ kind: 'paragraph', content: [w.noSubprocessors] });
    return blocks;
  }
  const servicesOf = (name: string) =>
    unique(
      rows
        .filter((r) => r.subprocessors.includes(name))
        .map((r) => {
          const service = record.services.find((s) => s.code === r.service);
          return service ? (language === 'nl' ? service.nameNl : service.nameEn) : r.service;
        }),
    );
  blocks.push({
    kind: 'table',
    columns: w.subprocessorColumns.map((header, i) => ({ header, width: [28, 28, 26, 18][i] })),
    rows: subprocessors.map((s) => [
      s.name,
      servicesOf(s.name).join(', '),
      s.country ? countryName(s.country, language) : w.unknown,
      s.insideEea === null ? w.unknown : s.insideEea ? w.yes : w.no,
    ]),
  });
  const outside = subprocessors.filter((s) => s.insideEea === false);
  const unknown = subprocessors.filter((s) => s.insideEea === null);
  if (outside.length > 0) {
    const list = outside.map((s) => `${s.name} (${countryName(s.country ?? '', language)})`);
    blocks.push({ kind: 'paragraph', content: [w.transfers(joinWords(list, language))] });
  }
  // "None outside the EEA" only when every country is known: an unrecorded seat is not a seat inside the EEA.
  if (unknown.length > 0) {
    blocks.push({
      kind: 'paragraph',
      content: [
        w.unknownLocation(
          joinWords(
            unknown.map((s) => s.name),
            language,
          ),
        ),
      ],
    });
  } else if (outside.length === 0) {
    blocks.push({ kind: 'paragraph', content: [w.noTransfers] });
  }
  return blocks;
}

// ---- the DPA ---------------------------------------------------------------------------------------------------

type DpaFacts = {
  input: DpaInput;
  day: string;
  contacts: ReturnType<typeof pickContacts>;
};

function dpaValues({ input, day, contacts }: DpaFacts): Record<DpaPlaceholder, string> {
  const { customer, processor, language } = input;
  return {
    'customer.legalName': customer.legalName,
    'customer.kvkNumber': customer.kvkNumber,
    'customer.address': formatAddress(customer, language),
    'customer.city': customer.city,
    'customer.signatory.name': contacts.signatory?.name ?? '',
    'customer.signatory.email': contacts.signatory?.email ?? '',
    'customer.ictLead.name': contacts.ictLead?.name ?? '',
    'customer.ictLead.phone': phoneOf(contacts.ictLead),
    'customer.privacyContact.name': contacts.privacy?.name ?? '',
    'customer.privacyContact.email': contacts.privacy?.email ?? '',
    'processor.legalName': processor.legalName,
    'processor.kvkNumber': processor.kvkNumber,
    'processor.address': formatAddress(processor, language),
    'processor.city': processor.city,
    'processor.privacyContact.name': processor.privacyContactName,
    'processor.privacyContact.email': processor.privacyContactEmail,
    'processor.privacyContact.phone': processor.privacyContactPhone,
    'processor.breachPhone': processor.breachPhone,
    'agreement.reference': input.agreement?.reference ?? '',
    'agreement.startDate': input.agreement ? formatDocumentDate(input.agreement.startDate, language) : '',
    'dpa.version': String(input.dpa.version),
    'dpa.date': formatDocumentDate(day, language),
    'register.version': input.record.registerVersion === null ? '' : String(input.record.registerVersion),
  };
}

// What to tell staff when a placeholder the template uses has no value.
const placeholderMissing: Record<DpaPlaceholder, MissingField> = {
  'customer.legalName': { field: 'customer.legalName', message: "no customer's legal name" },
  'customer.kvkNumber': { field: 'customer.kvkNumber', message: "no customer's KvK number" },
  'customer.address': { field: 'customer.street', message: "no customer's address" },
  'customer.city': { field: 'customer.city', message: "no customer's city" },
  'customer.signatory.name': { field: 'customer.contacts.signatory', message: 'no signatory contact' },
  'customer.signatory.email': { field: 'customer.contacts.signatory', message: 'no signatory contact' },
  'customer.ictLead.name': { field: 'customer.contacts.ict-lead', message: 'no ICT lead contact' },
  'customer.ictLead.phone': {
    field: 'customer.contacts.ict-lead.phone',
    message: 'no phone number for the ICT lead (clause 8.1)',
  },
  'customer.privacyContact.name': {
    field: 'customer.contacts.privacy-contact',
    message: 'no privacy contact or DPO',
  },
  'customer.privacyContact.email': {
    field: 'customer.contacts.privacy-contact',
    message: 'no privacy contact or DPO',
  },
  'processor.legalName': { field: 'processor.legalName', message: "no processor's legal name (Settings)" },
  'processor.kvkNumber': { field: 'processor.kvkNumber', message: "no processor's KvK number (Settings)" },
  'processor.address': { field: 'processor.street', message: "no processor's address (Settings)" },
  'processor.city': { field: 'processor.city', message: "no processor's city (Settings)" },
  'processor.privacyContact.name': {
    field: 'processor.privacyContactName',
    message: "no processor's privacy contact (Settings)",
  },
  'processor.privacyContact.email': {
    field: 'processor.privacyContactEmail',
    message: "no processor's privacy contact e-mail (Settings)",
  },
  'processor.privacyContact.phone': {
    field: 'processor.privacyContactPhone',
    message: "no processor's privacy contact phone (Settings)",
  },
  'processor.breachPhone': {
    field: 'processor.breachPhone',
    message: "no processor's breach phone number (Settings)",
  },
  'agreement.reference': { field: 'agreement', message: 'no agreement' },
  'agreement.startDate': { field: 'agreement', message: 'no agreement' },
  'dpa.version': { field: 'dpa.version', message: 'no DPA version' },
  'dpa.date': { field: 'generatedOn', message: 'no document date' },
  'register.version': { field: 'register.version', message: 'no register version (the register is empty)' },
};

function missingForDpa(
  { input, contacts }: DpaFacts,
  values: Record<DpaPlaceholder, string>,
  usage: ReturnType<typeof templateUsage>,
): MissingField[] {
  const missing: MissingField[] = [];
  const add = (m: MissingField) => {
    if (!missing.some((x) => x.field === m.field)) {
      missing.push(m);
    }
  };
  // A DPA is part of an agreement (clause 2.2), covers the services taken (Annex 1) and is signed by the
  // customer's signatory (clause 2.1): without these there is no agreement to generate.
  if (!input.agreement) {
    add({ field: 'agreement', message: 'no agreement' });
  } else if (input.record.services.length === 0) {
    add({ field: 'agreement.services', message: 'no service lines' });
  }
  if (!contacts.signatory) {
    add(placeholderMissing['customer.signatory.name']);
  }
  if (usage.directives.has('parties') && input.processor.kvkNumber === '') {
    add(placeholderMissing['processor.kvkNumber']);
  }
  if (usage.directives.has('annex3')) {
    if (!contacts.ictLead) {
      add(placeholderMissing['customer.ictLead.name']);
    } else if (!contacts.ictLead.phone) {
      add(placeholderMissing['customer.ictLead.phone']);
    }
  }
  if (usage.directives.has('annex2') && !input.securityMeasures?.length) {
    add({ field: 'securityMeasures', message: 'no security measures for Annex 2' });
  }
  for (const name of usage.placeholders) {
    const key = name as DpaPlaceholder;
    if (Object.hasOwn(values, key) && values[key] === '') {
      add(placeholderMissing[key]);
    }
  }
  return missing;
}

function partiesBlocks({ input, contacts }: DpaFacts): Block[] {
  const { customer, processor, language } = input;
  const w = words[language];
  const customerAddress = formatAddress(customer, language);
  const processorAddress = formatAddress(processor, language);
  const processorContact = [
    processor.privacyContactName,
    processor.privacyContactEmail,
    processor.privacyContactPhone,
  ]
    .filter(Boolean)
    .join(', ');
  const rows = (list: ([string, string] | null)[]) => list.filter((r): r is [string, string] => r !== null);
  return [
    { kind: 'heading', level: 3, text: w.controller },
    {
      kind: 'facts',
      rows: rows([
        [w.name, customer.legalName],
        [w.kvk, customer.kvkNumber],
        customerAddress ? [w.address, customerAddress] : null,
        [w.representedBy, contacts.signatory?.name ?? ''],
      ]),
    },
    { kind: 'heading', level: 3, text: w.processor },
    {
      kind: 'facts',
      rows: rows([
        [w.name, processor.legalName],
        [w.kvk, processor.kvkNumber],
        processorAddress ? [w.address, processorAddress] : null,
        processorContact ? [w.privacyContact, processorContact] : null,
      ]),
    },
  ];
}

function signatureBlocks({ input, contacts }: DpaFacts): Block[] {
  const w = words[input.language];
  // Place, date and title are written at signing; only the customer's signatory is known in advance.
  const parties: SignatureParty[] = [
    {
      role: w.controller,
      organisation: input.customer.legalName,
      name: contacts.signatory?.name ?? '',
      title: '',
      place: '',
      date: '',
    },
    { role: w.processor, organisation: input.processor.legalName, name: '', title: '', place: '', date: '' },
  ];
  return [{ kind: 'signatures', parties }];
}

// Annex 3: the numbers a breach notice goes to (clause 8.1: the customer's ICT lead, by phone).
function annex3Blocks({ input, contacts }: DpaFacts): Block[] {
  const w = words[input.language];
  const { processor } = input;
  const rows: [string, string][] = [];
  if (contacts.ictLead) {
    rows.push([
      w.ictLead,
      [contacts.ictLead.name, `${w.phone} ${phoneOf(contacts.ictLead)}`, contacts.ictLead.email].join(', '),
    ]);
  }
  if (contacts.privacy) {
    rows.push([w.customerPrivacy, [contacts.privacy.name, contacts.privacy.email].join(', ')]);
  }
  if (processor.breachPhone) {
    rows.push([w.breachPhone, processor.breachPhone]);
  }
  const processorContact = [
    processor.privacyContactName,
    processor.privacyContactEmail,
    processor.privacyContactPhone,
  ]
    .filter(Boolean)
    .join(', ');
  if (processorContact) {
    rows.push([w.processorPrivacy, processorContact]);
  }
  return [{ kind: 'facts', rows }];
}

function annex2Blocks(input: DpaInput): Block[] {
  const w = words[input.language];
  const measures = input.securityMeasures ?? [];
  return (['technical', 'organisational'] as const).flatMap((kind): Block[] => {
    const items = measures.filter((m) => m.kind === kind).map((m): Inline[] => [m[input.language]]);
    return items.length === 0
      ? []
      : [
          { kind: 'heading', level: 2, text: w[kind] },
          { kind: 'list', ordered: false, items },
        ];
  });
}

export function buildDpaDocument(input: DpaInput, template: string): DocumentModel {
  const parsed = parseTemplate(template);
  const issues = validateParsed(parsed, 'dpa');
  if (issues.length > 0) {
    throw new TemplateInvalidError(issues);
  }
  const { day, createdAt } = documentDate(input.generatedOn);
  const facts: DpaFacts = { input, day, contacts: pickContacts(input.customer.contacts) };
  const values = dpaValues(facts);
  const usage = templateUsage(parsed.nodes);
  const missing = missingForDpa(facts, values, usage);
  if (missing.length > 0) {
    throw new DocumentDataMissingError(missing);
  }
  const w = words[input.language];
  const blocks = fillTemplate(parsed.nodes, {
    values,
    directives: {
      parties: () => partiesBlocks(facts),
      annex1: () =>
        annex1Blocks({
          record: input.record,
          operations: input.operations,
          processorName: input.processor.legalName,
          language: input.language,
        }),
      annex2: () => annex2Blocks(input),
      annex3: () => annex3Blocks(facts),
      signatures: () => signatureBlocks(facts),
    },
  });
  const reference = input.agreement?.reference ?? '';
  return {
    language: input.language,
    title: `${w.dpaTitle} — ${input.customer.legalName}`,
    subject:
      input.language === 'nl'
        ? `Verwerkersovereenkomst ${input.processor.legalName} en ${input.customer.legalName}, Overeenkomst ${reference}, versie ${input.dpa.version}`
        : `Data Processing Agreement between ${input.customer.legalName} and ${input.processor.legalName}, Agreement ${reference}, version ${input.dpa.version}`,
    author: input.processor.legalName,
    createdAt,
    header: { text: input.processor.legalName, logo: logoOf(input.logo) },
    marking: w.marking,
    footer: w.footer,
    blocks,
  };
}

// ---- the record of processing (GDPR Art. 30(2)) ----------------------------------------------------------------

const recordWords = {
  nl: {
    heading: 'Register van verwerkingsactiviteiten (artikel 30 lid 2 AVG)',
    intro: (processor: string, controller: string, date: string, version: string) =>
      `Het register dat ${processor} als verwerker bijhoudt van de verwerkingen die zij voor ${controller} uitvoert. Stand op ${date}; verwerkingsregister versie ${version}.`,
    a: 'a. Verwerker en verwerkingsverantwoordelijke',
    processor: 'Verwerker',
    controller: 'Verwerkingsverantwoordelijke',
    contacts: 'Contactpersonen van de verwerkingsverantwoordelijke',
    contactColumns: ['Naam', 'Rol', 'E-mail', 'Telefoon'],
    noContacts: 'Er zijn geen contactpersonen vastgelegd.',
    breachPhone: 'Meldnummer datalekken',
    b: 'b. Categorieën van verwerkingen',
    agreement: 'Overeenkomst',
    startDate: 'Ingangsdatum',
    noticeGivenOn: 'Opgezegd op',
    endDate: 'Einddatum',
    status: 'Status',
    statuses: { active: 'lopend', terminated: 'opgezegd', ended: 'beëindigd' },
    noAgreement:
      'Er is geen overeenkomst vastgelegd; er worden geen persoonsgegevens voor deze klant verwerkt.',
    c: 'c. Doorgiften naar derde landen',
    d: 'd. Beveiligingsmaatregelen',
    security:
      'Een algemene beschrijving van de technische en organisatorische beveiligingsmaatregelen (artikel 32 lid 1 AVG) staat in Bijlage 2 van de verwerkersovereenkomst.',
    none: '—',
  },
  en: {
    heading: 'Record of processing activities (Article 30(2) GDPR)',
    intro: (processor: string, controller: string, date: string, version: string) =>
      `The record ${processor} keeps as processor of the processing it carries out for ${controller}. As of ${date}; register version ${version}.`,
    a: 'a. Processor and controller',
    processor: 'Processor',
    controller: 'Controller',
    contacts: "The controller's contact persons",
    contactColumns: ['Name', 'Role', 'E-mail', 'Phone'],
    noContacts: 'No contact persons are recorded.',
    breachPhone: 'Data breach hotline',
    b: 'b. Categories of processing',
    agreement: 'Agreement',
    startDate: 'Start date',
    noticeGivenOn: 'Notice given on',
    endDate: 'End date',
    status: 'Status',
    statuses: { active: 'active', terminated: 'terminated', ended: 'ended' },
    noAgreement: 'No agreement is recorded; no personal data are processed for this customer.',
    c: 'c. Transfers to third countries',
    d: 'd. Security measures',
    security:
      'A general description of the technical and organisational security measures (Article 32(1) GDPR) is in Annex 2 of the data processing agreement.',
    none: '—',
  },
} as const;

export function buildRecordDocument(input: RecordInput): DocumentModel {
  const { record, language: lang } = input;
  const w = words[lang];
  const r = recordWords[lang];
  const date = (d: string) => formatDocumentDate(d, lang);
  const processor = record.processor;
  const controller = record.controller;
  const processorContact = [
    processor.privacyContact.name,
    processor.privacyContact.email,
    processor.privacyContact.phone,
  ]
    .filter(Boolean)
    .join(', ');
  const facts = (list: ([string, string] | null)[]) => list.filter((x): x is [string, string] => x !== null);

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: r.heading },
    {
      kind: 'paragraph',
      content: [
        r.intro(
          processor.legalName,
          controller.legalName,
          date(record.asOfDate),
          String(record.registerVersion ?? r.none),
        ),
      ],
    },
    // Art. 30(2)(a): the name and contact details of the processor and of the controller it acts for.
    { kind: 'heading', level: 2, text: r.a },
    { kind: 'heading', level: 3, text: r.processor },
    {
      kind: 'facts',
      rows: facts([
        [w.name, processor.legalName],
        processor.kvkNumber ? [w.kvk, processor.kvkNumber] : null,
        processor.address ? [w.address, processor.address] : null,
        processorContact ? [w.privacyContact, processorContact] : null,
        processor.breachPhone ? [r.breachPhone, processor.breachPhone] : null,
      ]),
    },
    { kind: 'heading', level: 3, text: r.controller },
    {
      kind: 'facts',
      rows: facts([
        [w.name, controller.legalName],
        [w.kvk, controller.kvkNumber],
        controller.address ? [w.address, controller.address] : null,
      ]),
    },
    { kind: 'heading', level: 3, text: r.contacts },
    controller.contacts.length === 0
      ? { kind: 'paragraph', content: [r.noContacts] }
      : {
          kind: 'table',
          columns: r.contactColumns.map((header, i) => ({ header, width: [26, 30, 26, 18][i] })),
          rows: controller.contacts.map((c) => [
            c.name,
            upperFirst(c.roles.map((role) => labelOf(contactRoleLabels, role, lang)).join(', ')),
            c.email,
            phoneOf(c) || r.none,
          ]),
        },
    // Art. 30(2)(b): the categories of processing carried out on behalf of the controller.
    { kind: 'heading', level: 2, text: r.b },
  ];
  if (!record.agreement) {
    blocks.push({ kind: 'paragraph', content: [r.noAgreement] });
  } else {
    const a = record.agreement;
    blocks.push({
      kind: 'facts',
      rows: facts([
        [r.agreement, a.reference],
        [r.startDate, date(a.startDate)],
        a.noticeGivenOn ? [r.noticeGivenOn, date(a.noticeGivenOn)] : null,
        a.endDate ? [r.endDate, date(a.endDate)] : null,
        [r.status, r.statuses[a.status]],
      ]),
    });
    blocks.push(
      ...processingBlocks({
        record,
        operations: input.operations ?? [],
        processorName: processor.legalName,
        language: lang,
      }),
    );
  }
  // Art. 30(2)(c): transfers to a third country, with the sub-processors' countries.
  blocks.push(...subprocessorBlocks(record, annexRows(record), lang, r.c));
  // Art. 30(2)(d): a general description of the security measures (Art. 32(1)).
  blocks.push({ kind: 'heading', level: 2, text: r.d }, { kind: 'paragraph', content: [r.security] });

  return {
    language: lang,
    title: `${w.recordTitle} — ${controller.legalName}`,
    subject: `${r.heading}: ${controller.legalName} (KvK ${controller.kvkNumber})`,
    author: processor.legalName,
    createdAt: record.generatedAt,
    header: { text: processor.legalName, logo: logoOf(input.logo) },
    marking: w.marking,
    footer: w.footer,
    blocks,
  };
}
