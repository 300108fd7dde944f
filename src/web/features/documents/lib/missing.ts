import { type ApiError, isApiError } from '../../../lib/api.ts';

// Generating a DPA without the data it needs answers 422 `documents.data_missing`; the message names every
// missing item ("The document cannot be generated: no signatory contact; no ICT lead contact."). The server's
// words are English: each known item gets its own text and a link to where it is filled in.

export type MissingPlace =
  | 'customer'
  | 'contacts'
  | 'agreement'
  | 'dpa'
  | 'processor'
  | 'register'
  | 'template';

export type MissingKey =
  | 'customerLegalName'
  | 'customerKvk'
  | 'customerAddress'
  | 'customerCity'
  | 'signatory'
  | 'ictLead'
  | 'ictLeadPhone'
  | 'privacyContact'
  | 'processorLegalName'
  | 'processorKvk'
  | 'processorAddress'
  | 'processorCity'
  | 'processorPrivacyContact'
  | 'processorPrivacyEmail'
  | 'processorPrivacyPhone'
  | 'processorBreachPhone'
  | 'agreement'
  | 'services'
  | 'dpaVersion'
  | 'documentDate'
  | 'registerVersion'
  | 'securityMeasures';

export type MissingItem = {
  /** i18n key under documents.missing.items, or null for an item this app does not know (shown as sent). */
  key: MissingKey | null;
  text: string;
  place: MissingPlace | null;
};

const known: Record<string, { key: MissingKey; place: MissingPlace }> = {
  "no customer's legal name": { key: 'customerLegalName', place: 'customer' },
  "no customer's KvK number": { key: 'customerKvk', place: 'customer' },
  "no customer's address": { key: 'customerAddress', place: 'customer' },
  "no customer's city": { key: 'customerCity', place: 'customer' },
  'no signatory contact': { key: 'signatory', place: 'contacts' },
  'no ICT lead contact': { key: 'ictLead', place: 'contacts' },
  'no phone number for the ICT lead (clause 8.1)': { key: 'ictLeadPhone', place: 'contacts' },
  'no privacy contact or DPO': { key: 'privacyContact', place: 'contacts' },
  "no processor's legal name (Settings)": { key: 'processorLegalName', place: 'processor' },
  "no processor's KvK number (Settings)": { key: 'processorKvk', place: 'processor' },
  "no processor's address (Settings)": { key: 'processorAddress', place: 'processor' },
  "no processor's city (Settings)": { key: 'processorCity', place: 'processor' },
  "no processor's privacy contact (Settings)": { key: 'processorPrivacyContact', place: 'processor' },
  "no processor's privacy contact e-mail (Settings)": { key: 'processorPrivacyEmail', place: 'processor' },
  "no processor's privacy contact phone (Settings)": { key: 'processorPrivacyPhone', place: 'processor' },
  "no processor's breach phone number (Settings)": { key: 'processorBreachPhone', place: 'processor' },
  'no agreement': { key: 'agreement', place: 'agreement' },
  'no service lines': { key: 'services', place: 'agreement' },
  'no DPA version': { key: 'dpaVersion', place: 'dpa' },
  'no document date': { key: 'documentDate', place: 'dpa' },
  'no register version (the register is empty)': { key: 'registerVersion', place: 'register' },
  'no security measures for Annex 2': { key: 'securityMeasures', place: 'template' },
};

const prefix = /^The document cannot be generated:\s*/;

export const isDataMissing = (error: unknown): error is ApiError =>
  isApiError(error) && error.code === 'documents.data_missing';

/** The missing items of a `documents.data_missing` error, in the server's order; [] for any other error. */
export function missingItems(error: unknown): MissingItem[] {
  if (!isDataMissing(error)) {
    return [];
  }
  const list = error.message.replace(prefix, '').replace(/\.\s*$/, '');
  const seen = new Set<string>();
  return list
    .split(/;\s*/)
    .map((text) => text.trim())
    .filter((text) => text !== '' && !seen.has(text) && Boolean(seen.add(text)))
    .map((text) => {
      const hit = known[text];
      return hit ? { key: hit.key, text, place: hit.place } : { key: null, text, place: null };
    });
}

/** Where each place is filled in: the customer's own tabs, the processor's settings, the register, the template. */
export function placeHref(place: MissingPlace, customerId: string): string {
  const customer = `/customers/${encodeURIComponent(customerId)}`;
  switch (place) {
    case 'customer':
    case 'contacts':
      return customer;
    case 'agreement':
      return `${customer}?tab=agreement`;
    case 'dpa':
      return `${customer}?tab=dpa`;
    case 'processor':
      return '/settings';
    case 'register':
      return '/register';
    case 'template':
      return '/documents?tab=template';
  }
}
