import type { CustomerRole } from '../../../shared/roles.ts';
import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { listPortalAccounts } from '../accounts/accounts.invites.ts';
import { findUser } from '../accounts/accounts.usecases.ts';
import { localDate } from '../customers/customers.models.ts';
import type { ContactFields, CustomerDetail } from '../customers/customers.schemas.ts';
import {
  addContact,
  type ContactChange,
  getCustomer,
  listInstructions,
  recordInstruction,
  removeContact,
  serviceLineLookup,
  signDpa,
  updateContact,
} from '../customers/customers.usecases.ts';
import { consentsForCustomer } from '../subprocessors/subprocessors.usecases.ts';
import { notifyStaff } from './portal.notify.ts';
import type {
  OpenItem,
  PortalInstructionFields,
  PortalOverview,
  PortalSignatureFields,
} from './portal.schemas.ts';

// Who asks: always the signed-in contact's own customer (requireCustomerPrincipal), never an id from the request.
export type PortalPrincipal = { customerId: string; userId: string; role: CustomerRole };
type Links = { publicUrl: string };

// The customer as the staff page shows it, less what is the processor's own business: a draft DPA is work in
// progress until it is sent, and the address a signature was recorded from is evidence for the processor, not
// something a colleague of the signer needs (Art. 5(1)(c), data minimisation).
export async function getPortalCustomer(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  customerId: string,
): Promise<CustomerDetail> {
  const detail = await getCustomer(ctx, customerId);
  return {
    ...detail,
    agreements: detail.agreements.map((a) => ({
      ...a,
      dpas: a.dpas
        .filter((d) => d.status !== 'draft')
        .map((d) => ({ ...d, signatures: d.signatures.map((s) => ({ ...s, ip: null })) })),
    })),
  };
}

const excerpt = (text: string, max = 200) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export async function getPortalOverview(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  principal: PortalPrincipal,
): Promise<PortalOverview> {
  const [customer, instructions] = await Promise.all([
    getPortalCustomer(ctx, principal.customerId),
    listInstructions(ctx, principal.customerId),
  ]);
  const openItems: OpenItem[] = [];
  for (const agreement of customer.agreements) {
    for (const dpa of agreement.dpas) {
      // Clause 2.1 sets no term for signing, so there is no deadline to show.
      if (dpa.status === 'sent' || dpa.status === 'signed_by_processor') {
        openItems.push({
          kind: 'dpa_signature',
          id: dpa.id,
          agreementId: agreement.id,
          agreementReference: agreement.reference,
          version: dpa.version,
          status: dpa.status,
          sentAt: dpa.sentAt,
          dueAt: null,
        });
      }
    }
  }
  for (const instruction of instructions) {
    // Art. 28(3) sets no term for the controller's answer; the instruction simply stays on hold.
    if (instruction.status === 'on_hold') {
      openItems.push({
        kind: 'instruction_answer',
        id: instruction.id,
        receivedOn: instruction.receivedOn,
        excerpt: excerpt(instruction.text),
        concern: instruction.concern,
        noticeSentAt: instruction.noticeSentAt,
        dueAt: null,
      });
    }
  }
  for (const pair of await consentsForCustomer(ctx, principal.customerId)) {
    if (pair.state === 'asked' && pair.id) {
      openItems.push({
        kind: 'subprocessor_consent',
        id: pair.id,
        partyId: pair.partyId,
        name: pair.name,
        transferRequired: pair.transferRequired,
        dueAt: pair.respondBy,
      });
    }
  }
  if (principal.role === 'customer-admin') {
    const { invites } = await listPortalAccounts(ctx, principal.customerId);
    for (const invite of invites) {
      if (invite.status === 'pending') {
        openItems.push({
          kind: 'invite',
          id: invite.id,
          name: invite.name,
          email: invite.email,
          role: invite.role,
          dueAt: invite.expiresAt,
        });
      }
    }
  }
  return {
    customer: { id: customer.id, legalName: customer.legalName, kvkNumber: customer.kvkNumber },
    agreements: customer.agreements.map((a) => {
      const newest = a.dpas[0];
      return {
        id: a.id,
        reference: a.reference,
        startDate: a.startDate,
        endDate: a.endDate,
        status: a.status,
        dpa: newest
          ? {
              id: newest.id,
              version: newest.version,
              status: newest.status,
              sentAt: newest.sentAt,
              effectiveDate: newest.effectiveDate,
              inForce: newest.inForce,
            }
          : null,
      };
    }),
    openItems,
  };
}

// A portal signature binds the company, so only a customer-admin gives it (the route's access); the moment, the
// account and the address are recorded by the system as the evidence a signed PDF would otherwise be.
export async function signPortalDpa(
  ctx: Ctx,
  principal: PortalPrincipal,
  ids: { agreementId: string; dpaId: string },
  fields: PortalSignatureFields,
  ip: string | null,
  links: Links,
) {
  await signDpa(
    ctx,
    principal.customerId,
    ids.agreementId,
    ids.dpaId,
    { party: 'customer', ...fields, signedAt: ctx.clock.now().toISOString(), file: null },
    { method: 'portal', accountId: principal.userId, ip },
    (tx, dpa) =>
      notifyStaff(tx as Tx, ctx, links, principal.customerId, {
        subject: (name) => `${name} heeft verwerkersovereenkomst versie ${dpa.version} ondertekend`,
        paragraphs: [
          `${fields.signerName} (${fields.signerRole}, ${ctx.actor.label}) heeft versie ${dpa.version} van de verwerkersovereenkomst via het portaal ondertekend.`,
          dpa.status === 'active'
            ? 'Beide partijen hebben getekend: deze versie is nu van kracht.'
            : 'De handtekening van de verwerker ontbreekt nog; teken in art28 om de versie van kracht te laten worden.',
        ],
      }),
  );
  const customer = await getPortalCustomer(ctx, principal.customerId);
  const dpa = customer.agreements.find((a) => a.id === ids.agreementId)?.dpas.find((d) => d.id === ids.dpaId);
  if (!dpa) {
    throw notFound('DPA');
  }
  return dpa;
}

// Clause 3.1 and Art. 28(3)(a): the processor acts only on documented instructions; one given in the portal is
// documented as received today through the portal, and staff are told so they can act on it or object to it.
export async function submitPortalInstruction(
  ctx: Ctx,
  links: Links,
  principal: PortalPrincipal,
  fields: PortalInstructionFields,
) {
  const customer = await getCustomer(ctx, principal.customerId);
  const own = new Set(customer.agreements.flatMap((a) => a.services.map((s) => s.serviceLineCode)));
  for (const [i, code] of fields.serviceLineCodes.entries()) {
    if (!own.has(code)) {
      throw badRequest(
        'instructions.service_not_taken',
        `"${code}" is not one of your services.`,
        `body.serviceLineCodes.${i}`,
      );
    }
  }
  const fromName = fields.fromName ?? (await findUser(ctx, principal.userId))?.name ?? ctx.actor.label;
  return recordInstruction(
    ctx,
    serviceLineLookup,
    principal.customerId,
    { ...fields, fromName, receivedOn: localDate(ctx.clock.now()), channel: 'portal' },
    {
      onRecorded: (tx, row) =>
        notifyStaff(tx, ctx, links, principal.customerId, {
          subject: (name) => `Nieuwe instructie van ${name} via het portaal`,
          paragraphs: [
            `${row.fromName} (${ctx.actor.label}) heeft namens ${customer.legalName} via het portaal een instructie gegeven (ontvangen ${row.receivedOn}${row.serviceLineCodes.length ? `; diensten: ${row.serviceLineCodes.join(', ')}` : ''}).`,
            excerpt(row.text, 1000),
            'Voer de instructie uit zoals vastgelegd, of meld de klant direct als zij naar uw oordeel inbreuk maakt op de AVG (art. 28 lid 3 AVG).',
          ],
        }),
    },
  );
}

const roleNames: Record<string, string> = {
  signatory: 'tekenbevoegde',
  'ict-lead': 'ICT-verantwoordelijke',
  'privacy-contact': 'privacycontact',
  dpo: 'FG',
  billing: 'facturatie',
};
const describeContact = (c: ContactFields) =>
  `${c.name} <${c.email}>${c.phone ? `, ${c.phone}` : ''} (${c.roles.map((r) => roleNames[r] ?? r).join(', ')})`;

// The ICT lead and the privacy contact are who the processor calls and writes when a breach happens (clause 8.1):
// staff hear of every change, so their own call lists do not go stale.
function contactNotice(ctx: Ctx, links: Links) {
  return {
    keepRequiredRoles: true,
    onChange: (tx: Tx, change: ContactChange) =>
      notifyStaff(tx, ctx, links, change.customerId, {
        subject: (name) => `Contactpersonen van ${name} gewijzigd via het portaal`,
        paragraphs: [
          `${ctx.actor.label} heeft via het portaal een contactpersoon ${
            { added: 'toegevoegd', updated: 'gewijzigd', removed: 'verwijderd' }[change.action]
          }.`,
          ...(change.before ? [`Was: ${describeContact(change.before)}`] : []),
          ...(change.after ? [`Nu: ${describeContact(change.after)}`] : []),
          'Werk zo nodig de bellijst voor datalekken bij (artikel 8.1 van de verwerkersovereenkomst).',
        ],
      }),
  };
}

export const addPortalContact = (ctx: Ctx, links: Links, customerId: string, fields: ContactFields) =>
  addContact(ctx, customerId, fields, contactNotice(ctx, links));

export const updatePortalContact = (
  ctx: Ctx,
  links: Links,
  customerId: string,
  contactId: string,
  fields: ContactFields,
) => updateContact(ctx, customerId, contactId, fields, contactNotice(ctx, links));

export const removePortalContact = (ctx: Ctx, links: Links, customerId: string, contactId: string) =>
  removeContact(ctx, customerId, contactId, contactNotice(ctx, links));
