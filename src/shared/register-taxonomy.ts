// The words the register is written in, kept in code so every module and the web app agree. Labels live in the
// web app's i18n files (register.categories.<code>, register.subjects.<code>, register.gdprOperations.<code>).

// Categories of personal data. `special`: Art. 9(1) GDPR (special categories); `criminal`: Art. 10 GDPR. Either
// flag changes what a breach means for the people concerned and what the customer must weigh (Art. 35).
export const dataCategories = {
  'contact.name': { special: false, criminal: false },
  'contact.email': { special: false, criminal: false },
  'contact.phone': { special: false, criminal: false },
  'contact.address': { special: false, criminal: false },
  'account.user_profile': { special: false, criminal: false },
  'financial.iban': { special: false, criminal: false },
  'contract.details': { special: false, criminal: false },
  'contract.kvk_extract': { special: false, criminal: false },
  'device.imei': { special: false, criminal: false },
  'device.mac': { special: false, criminal: false },
  'network.ip': { special: false, criminal: false },
  'telecom.cdr': { special: false, criminal: false },
  'telecom.sim': { special: false, criminal: false },
  'telecom.phone_number': { special: false, criminal: false },
  'telecom.contacts': { special: false, criminal: false },
  'usage.statistics': { special: false, criminal: false },
  'content.mailbox': { special: false, criminal: false },
  'content.email_metadata': { special: false, criminal: false },
  'content.backup': { special: false, criminal: false },
  'content.files': { special: false, criminal: false },
  'special.health': { special: true, criminal: false },
  'special.biometric': { special: true, criminal: false },
  'special.other': { special: true, criminal: false },
  'criminal.records': { special: false, criminal: true },
} as const satisfies Record<string, { special: boolean; criminal: boolean }>;

export type DataCategory = keyof typeof dataCategories;
export const dataCategoryCodes = Object.keys(dataCategories) as [DataCategory, ...DataCategory[]];

export const isSpecialCategory = (codes: readonly string[]) =>
  codes.some((c) => dataCategories[c as DataCategory]?.special === true);
export const isCriminalData = (codes: readonly string[]) =>
  codes.some((c) => dataCategories[c as DataCategory]?.criminal === true);

// Categories of data subjects (Art. 28(3) GDPR: the contract states them). All are people on the customer's side:
// the processor processes them for the customer.
export const dataSubjectCodes = [
  'customer.contacts',
  'customer.employees',
  'customer.customers',
  'customer.suppliers',
  'customer.correspondents',
] as const;
export type DataSubject = (typeof dataSubjectCodes)[number];

// The operations Art. 4(2) GDPR names.
export const gdprOperationCodes = [
  'collection',
  'recording',
  'organisation',
  'structuring',
  'storage',
  'adaptation',
  'alteration',
  'retrieval',
  'consultation',
  'use',
  'disclosure_by_transmission',
  'dissemination',
  'making_available',
  'alignment',
  'combination',
  'restriction',
  'erasure',
  'destruction',
] as const;
export type GdprOperation = (typeof gdprOperationCodes)[number];

export const processorRoles = ['processor', 'controller'] as const;
export type ProcessorRole = (typeof processorRoles)[number];

// Service line codes are ascii slugs: other modules store them as references.
export const serviceLineCodePattern = /^[a-z][a-z0-9-]{1,39}$/;
export const operationCodePattern = /^[a-z][a-z0-9_]{1,39}$/;
