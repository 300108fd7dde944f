import type {
  DataCategory,
  DataSubject,
  GdprOperation,
  ProcessorRole,
} from '../../../shared/register-taxonomy.ts';
import {
  callDetailRecordRetention,
  type RetentionRule,
  standardRetention,
} from '../../../shared/retention.ts';

// The register of a fresh install: Annex 1 ("Bijlage 1: Overzicht met verwerkingen van persoonsgegevens en
// verwerkingsdoeleinden") of the processor's standard Verwerkersovereenkomst, copied here so the product never
// reads the reference folder. Dutch texts are the agreement's, letter for letter (its typos included: the
// purpose "onder ze overeenkomst", the full stop after the Mailboxen row); English texts are ours.

export type SeedServiceLine = {
  code: string;
  nameNl: string;
  nameEn: string;
  productName: string | null;
  purposeNl: string;
  purposeEn: string;
};

// "Verwerkingsdoelen". Administratie has no purpose of its own in Annex 1; it gets the general one the list
// opens with. Connectivity/WiFi has a purpose but no row in the table.
export const seedServiceLines: SeedServiceLine[] = [
  {
    code: 'administratie',
    nameNl: 'Administratie',
    nameEn: 'Administration',
    productName: null,
    purposeNl:
      'Het is noodzakelijk om gegevens te verwerken om onder ze overeenkomst omtrent zakelijke dienstverlening uit te voeren.',
    purposeEn: 'Processing the data is necessary to perform the agreement on business services.',
  },
  {
    code: 'voip',
    nameNl: 'VoIP',
    nameEn: 'VoIP',
    productName: 'HIT/Enreach Contact',
    purposeNl:
      'Leveren VoIP-telefonie aan eindgebruikers en aanverwante diensten (lees: softwareapplicaties, monitoring en support).',
    purposeEn:
      'Providing VoIP telephony to end users and related services (that is: software applications, monitoring and support).',
  },
  {
    code: 'mobiel',
    nameNl: 'Mobiel',
    nameEn: 'Mobile',
    productName: null,
    purposeNl: 'Leveren van mobiele telefonie aan eindgebruikers',
    purposeEn: 'Providing mobile telephony to end users',
  },
  {
    code: 'cloud',
    nameNl: 'Cloud',
    nameEn: 'Cloud',
    productName: null,
    purposeNl:
      'Het faciliteren van een (online) werkomgeving (opslag, onderhoud en beheer), waarin de klant haar gegevens (medewerkers, klanten en leveranciers) ter beschikking heeft.',
    purposeEn:
      'Providing an (online) workspace (storage, maintenance and management) in which the customer has its data (employees, customers and suppliers) at its disposal.',
  },
  {
    code: 'security',
    nameNl: 'Security',
    nameEn: 'Security',
    productName: null,
    purposeNl: 'Leveren van securityoplossingen en het monitoren hiervan.',
    purposeEn: 'Providing security solutions and monitoring them.',
  },
  {
    code: 'connectivity',
    nameNl: 'Connectivity/WiFi',
    nameEn: 'Connectivity/WiFi',
    productName: null,
    purposeNl: 'Het leveren van een beheerde internetdienst.',
    purposeEn: 'Providing a managed internet service.',
  },
];

// "Verwerkingsactiviteiten", in the agreement's order, each with the Art. 4(2) GDPR operation it is. Anonymising
// is not named in Art. 4(2); it is processing all the same (the list is open, and WP29 Opinion 05/2014 calls
// anonymisation further processing), so it has no mapping.
export const seedOperations: {
  code: string;
  labelNl: string;
  labelEn: string;
  gdpr: GdprOperation | null;
}[] = [
  { code: 'collect', labelNl: 'Verzamelen', labelEn: 'Collecting', gdpr: 'collection' },
  { code: 'record', labelNl: 'Vastleggen', labelEn: 'Recording', gdpr: 'recording' },
  { code: 'organise', labelNl: 'Ordenen', labelEn: 'Organising', gdpr: 'organisation' },
  { code: 'store', labelNl: 'Bewaren', labelEn: 'Storing', gdpr: 'storage' },
  { code: 'update', labelNl: 'Bijwerken', labelEn: 'Updating', gdpr: 'adaptation' },
  { code: 'alter', labelNl: 'Wijzigen', labelEn: 'Altering', gdpr: 'alteration' },
  { code: 'retrieve', labelNl: 'Opvragen', labelEn: 'Retrieving', gdpr: 'retrieval' },
  { code: 'consult', labelNl: 'Raadplegen', labelEn: 'Consulting', gdpr: 'consultation' },
  { code: 'use', labelNl: 'Gebruiken', labelEn: 'Using', gdpr: 'use' },
  { code: 'transmit', labelNl: 'Doorzenden', labelEn: 'Transmitting', gdpr: 'disclosure_by_transmission' },
  {
    code: 'make_available',
    labelNl: 'Beschikbaar stellen',
    labelEn: 'Making available',
    gdpr: 'making_available',
  },
  { code: 'combine', labelNl: 'Samenbrengen', labelEn: 'Combining', gdpr: 'combination' },
  { code: 'align', labelNl: 'Met elkaar in verband brengen', labelEn: 'Aligning', gdpr: 'alignment' },
  { code: 'restrict', labelNl: 'Afschermen', labelEn: 'Restricting', gdpr: 'restriction' },
  { code: 'erase', labelNl: 'Uitwissen', labelEn: 'Erasing', gdpr: 'erasure' },
  { code: 'destroy', labelNl: 'Vernietigen', labelEn: 'Destroying', gdpr: 'destruction' },
  { code: 'anonymise', labelNl: 'Anonimiseren', labelEn: 'Anonymising', gdpr: null },
  { code: 'aggregate', labelNl: 'Aggregeren', labelEn: 'Aggregating', gdpr: 'combination' },
  { code: 'encrypt', labelNl: 'Versleutelen', labelEn: 'Encrypting', gdpr: 'alteration' },
];

// The sub-processors named in the table. The agreement gives names only; legal names and seats (clause 6.1
// needs the country) are for the privacy officer to record, so they start empty rather than guessed.
export const seedParties = [
  'AFAS',
  'Clientele',
  'Dynamics',
  'Enreach/Routit',
  'Mobiele provider',
  'Solarwinds Cove',
  'Microsoft',
  'Fortinet',
  'Phished',
] as const;
type SeedParty = (typeof seedParties)[number];

export type SeedEntry = {
  serviceLine: string;
  dataTypeNl: string;
  dataTypeEn: string;
  retention: RetentionRule;
  processedByProcessor: boolean;
  subprocessors: SeedParty[];
  dataCategories: DataCategory[];
  dataSubjects: DataSubject[];
  processorRole: ProcessorRole;
};

const userProfileNl = 'Gebruikersprofielen (Naam, achternaam & e-mailadres)';
const userProfileEn = 'User profiles (first name, surname & e-mail address)';
const administration = ['AFAS', 'Clientele', 'Dynamics'] as const satisfies SeedParty[];

const row = (
  serviceLine: string,
  dataTypeNl: string,
  dataTypeEn: string,
  processedByProcessor: boolean,
  subprocessors: SeedParty[],
  dataCategories: DataCategory[],
  dataSubjects: DataSubject[],
  extra: Partial<Pick<SeedEntry, 'retention' | 'processorRole'>> = {},
): SeedEntry => ({
  serviceLine,
  dataTypeNl,
  dataTypeEn,
  processedByProcessor,
  subprocessors,
  dataCategories,
  dataSubjects,
  retention: extra.retention ?? standardRetention,
  processorRole: extra.processorRole ?? 'processor',
});

// The Administratie rows are the processor's own customer administration (contract, invoicing, who may give
// instructions): the processor decides why and how it keeps them, so for these it is the controller
// (Art. 4(7) GDPR), not the customer's processor. A breach of them is the processor's own Art. 33 notification,
// not a clause 8.1 notice to the customer.
const own = { processorRole: 'controller' } as const;
const cdr = { retention: callDetailRecordRetention };

// "Overzicht verwerkingen, persoonsgegevens en sub-verwerkers", 25 rows in the agreement's order.
//
// The Cloud rows: the agreement's table text reads "Cloud Office 365 Back-up … Ja Solarwinds Cove AFAS" and then
// "Cloud Gebruikersprofielen (…) … Ja Microsoft AFAS", then "Cloud Mailboxen (…) … Nee Microsoft". Every cell of
// the Sub-verwerker column lists its names one per line before the next row's "Type dienst" starts, so we read
// it in text order: the back-up row has Solarwinds Cove and AFAS, the user-profile row Microsoft and AFAS, the
// mailbox row Microsoft only. AFAS (an ERP) for back-ups is surprising; the privacy officer should confirm it.
//
// Security lists "Gebruikersprofielen" and "Gebruikersstatistieken" twice, once for Fortinet and once for
// Phished: different tools processing the same kind of data. Both pairs stay separate rows, which is why a
// duplicate is the same service and data type with a sub-processor in common (register.models.ts).
export const seedEntries: SeedEntry[] = [
  row(
    'administratie',
    'Contactgegevens bevoegde contactpersonen',
    'Contact details of authorised contact persons',
    true,
    [...administration],
    ['contact.name', 'contact.email', 'contact.phone'],
    ['customer.contacts'],
    own,
  ),
  row(
    'administratie',
    'Contractinformatie inclusief uittreksel Kamer van Koophandel',
    'Contract information including the Chamber of Commerce (KvK) extract',
    true,
    [...administration],
    ['contract.details', 'contract.kvk_extract'],
    ['customer.contacts'],
    own,
  ),
  row(
    'administratie',
    'Adresgegevens',
    'Address details',
    true,
    [...administration],
    ['contact.address'],
    ['customer.contacts'],
    own,
  ),
  row(
    'administratie',
    'IBAN',
    'IBAN',
    true,
    ['AFAS', 'Dynamics'],
    ['financial.iban'],
    ['customer.contacts'],
    own,
  ),
  row(
    'administratie',
    'Telefoonnummer',
    'Phone number',
    true,
    [...administration],
    ['contact.phone'],
    ['customer.contacts'],
    own,
  ),

  row(
    'voip',
    userProfileNl,
    userProfileEn,
    true,
    ['Enreach/Routit'],
    ['account.user_profile', 'contact.name', 'contact.email'],
    ['customer.employees'],
  ),
  row(
    'voip',
    'Call Detail Records',
    'Call detail records',
    false,
    ['Enreach/Routit'],
    ['telecom.cdr', 'telecom.phone_number'],
    ['customer.employees', 'customer.correspondents'],
    cdr,
  ),
  row(
    'voip',
    'Contacten in Broadworks',
    'Contacts in BroadWorks',
    false,
    ['Enreach/Routit'],
    ['telecom.contacts', 'contact.name', 'contact.phone'],
    ['customer.employees', 'customer.correspondents'],
  ),
  row(
    'voip',
    'Gebruiksstatistieken',
    'Usage statistics',
    false,
    ['Enreach/Routit'],
    ['usage.statistics'],
    ['customer.employees'],
  ),
  row('voip', 'IP-adres', 'IP address', false, ['Enreach/Routit'], ['network.ip'], ['customer.employees']),
  row('voip', 'MAC-adres', 'MAC address', true, ['Enreach/Routit'], ['device.mac'], ['customer.employees']),
  row(
    'voip',
    'E-mailadres',
    'E-mail address',
    true,
    ['Enreach/Routit'],
    ['contact.email'],
    ['customer.employees'],
  ),

  row(
    'mobiel',
    'Simkaartnummer',
    'SIM card number',
    false,
    ['Mobiele provider'],
    ['telecom.sim'],
    ['customer.employees'],
  ),
  row(
    'mobiel',
    'Telefoonnummer',
    'Phone number',
    false,
    ['Mobiele provider'],
    ['telecom.phone_number'],
    ['customer.employees'],
  ),
  row(
    'mobiel',
    'IMEI nummer',
    'IMEI number',
    true,
    ['Mobiele provider'],
    ['device.imei'],
    ['customer.employees'],
  ),
  row(
    'mobiel',
    'Call Detail Records',
    'Call detail records',
    false,
    ['Mobiele provider'],
    ['telecom.cdr', 'telecom.phone_number'],
    ['customer.employees', 'customer.correspondents'],
    cdr,
  ),

  row(
    'cloud',
    'Office 365 Back-up',
    'Office 365 backup',
    true,
    ['Solarwinds Cove', 'AFAS'],
    ['content.backup', 'content.mailbox', 'content.files'],
    ['customer.employees', 'customer.customers', 'customer.suppliers'],
  ),
  row(
    'cloud',
    userProfileNl,
    userProfileEn,
    true,
    ['Microsoft', 'AFAS'],
    ['account.user_profile', 'contact.name', 'contact.email'],
    ['customer.employees'],
  ),
  row(
    'cloud',
    'Mailboxen (Naam, e-mailadres eindklant, metadata e-mail).',
    "Mailboxes (name, end customer's e-mail address, e-mail metadata).",
    false,
    ['Microsoft'],
    ['content.mailbox', 'content.email_metadata', 'contact.name', 'contact.email'],
    ['customer.employees', 'customer.customers', 'customer.suppliers'],
  ),

  row(
    'security',
    userProfileNl,
    userProfileEn,
    true,
    ['Fortinet'],
    ['account.user_profile', 'contact.name', 'contact.email'],
    ['customer.employees'],
  ),
  row(
    'security',
    'Gebruikersstatistieken',
    'User statistics',
    true,
    ['Fortinet'],
    ['usage.statistics'],
    ['customer.employees'],
  ),
  row('security', 'IP-adres', 'IP address', false, ['Fortinet'], ['network.ip'], ['customer.employees']),
  row('security', 'MAC-adres', 'MAC address', false, ['Fortinet'], ['device.mac'], ['customer.employees']),
  row(
    'security',
    userProfileNl,
    userProfileEn,
    true,
    ['Phished'],
    ['account.user_profile', 'contact.name', 'contact.email'],
    ['customer.employees'],
  ),
  row(
    'security',
    'Gebruikersstatistieken',
    'User statistics',
    true,
    ['Phished'],
    ['usage.statistics'],
    ['customer.employees'],
  ),
];
