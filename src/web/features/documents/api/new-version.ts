import { api } from '../../../lib/api.ts';
import { customerPath } from '../../customers/api/customers.ts';
import type { Agreement, Customer, Dpa } from '../../customers/api/types.ts';
import { generateDocument } from './documents.ts';
import type { DocumentLanguage, GeneratedDocument } from './types.ts';

const enc = encodeURIComponent;

export type NewVersionStep = 'create' | 'generate' | 'send';

/**
 * What sending a new DPA version for signature takes for this customer, as art28 holds it now:
 * create a version (draft), generate its PDF, send it. A draft made earlier is used as it is; a version the
 * customer is still signing, or an ended agreement, leaves nothing to send.
 */
export type NewVersionPlan =
  | { kind: 'ready'; agreement: Agreement; draft: Dpa | null; nextVersion: number; steps: NewVersionStep[] }
  | { kind: 'no_agreement' }
  | { kind: 'ended'; agreement: Agreement }
  | { kind: 'being_signed'; agreement: Agreement; open: Dpa };

export function planNewVersion(customer: Customer): NewVersionPlan {
  const agreement = customer.agreements[0];
  if (!agreement) {
    return { kind: 'no_agreement' };
  }
  if (agreement.status === 'ended') {
    return { kind: 'ended', agreement };
  }
  const open = agreement.dpas.find((d) => !['active', 'superseded', 'ended'].includes(d.status));
  if (open && open.status !== 'draft') {
    return { kind: 'being_signed', agreement, open };
  }
  const newest = agreement.dpas.reduce((max, d) => Math.max(max, d.version), 0);
  return open
    ? { kind: 'ready', agreement, draft: open, nextVersion: open.version, steps: ['generate', 'send'] }
    : {
        kind: 'ready',
        agreement,
        draft: null,
        nextVersion: newest + 1,
        steps: ['create', 'generate', 'send'],
      };
}

export function fetchCustomer(customerId: string, signal?: AbortSignal) {
  return api<Customer>(customerPath(customerId), { signal });
}

/** Runs the plan's steps in order, reporting each as it starts; the first failure stops the rest. */
export async function sendNewVersion(
  customerId: string,
  plan: Extract<NewVersionPlan, { kind: 'ready' }>,
  options: { reason: string; language: DocumentLanguage; onStep: (step: NewVersionStep) => void },
): Promise<{ customer: Customer; document: GeneratedDocument; version: number }> {
  const agreementPath = customerPath(customerId, `/agreements/${enc(plan.agreement.id)}`);
  let dpa = plan.draft;
  if (!dpa) {
    options.onStep('create');
    const created = await api<Customer>(`${agreementPath}/dpas`, {
      method: 'POST',
      body: { reason: options.reason.trim() || null },
    });
    // Newest version first: the one just made.
    dpa = created.agreements.find((a) => a.id === plan.agreement.id)?.dpas[0] ?? null;
    if (!dpa) {
      throw new Error('The new DPA version is missing from the answer.');
    }
  }
  options.onStep('generate');
  // The DPA is generated for the newest version of the agreement: the draft just made or found.
  const document = await generateDocument(customerId, {
    kind: 'dpa',
    format: 'pdf',
    language: options.language,
  });
  options.onStep('send');
  const customer = await api<Customer>(`${agreementPath}/dpas/${enc(dpa.id)}/send`, { method: 'POST' });
  return { customer, document, version: dpa.version };
}
