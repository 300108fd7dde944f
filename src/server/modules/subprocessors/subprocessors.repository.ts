import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.ts';
import {
  agreementServices,
  agreements,
  customerContacts,
  customers,
  dpaSignatures,
  dpas,
} from '../customers/customers.table.ts';
import { parties } from '../register/register.table.ts';
import {
  subprocessorAlerts,
  subprocessorConsents,
  subprocessorProfiles,
  subprocessorProposals,
} from './subprocessors.table.ts';

const { flowDownFile: _file, ...profileColumns } = getTableColumns(subprocessorProfiles);

export type ProfileRow = Omit<typeof subprocessorProfiles.$inferSelect, 'flowDownFile'>;
export type ConsentRow = typeof subprocessorConsents.$inferSelect;
export type ProposalRow = typeof subprocessorProposals.$inferSelect;
export type AlertRow = typeof subprocessorAlerts.$inferSelect;

export const listProfiles = (db: DbOrTx): Promise<ProfileRow[]> =>
  db.select(profileColumns).from(subprocessorProfiles);

export async function findProfile(db: DbOrTx, partyId: string): Promise<ProfileRow | undefined> {
  const [row] = await db
    .select(profileColumns)
    .from(subprocessorProfiles)
    .where(eq(subprocessorProfiles.partyId, partyId));
  return row;
}

export async function findFlowDownFile(db: DbOrTx, partyId: string) {
  const [row] = await db
    .select({
      fileName: subprocessorProfiles.flowDownFileName,
      mime: subprocessorProfiles.flowDownFileMime,
      file: subprocessorProfiles.flowDownFile,
    })
    .from(subprocessorProfiles)
    .where(eq(subprocessorProfiles.partyId, partyId));
  return row;
}

export async function upsertProfile(db: DbOrTx, values: typeof subprocessorProfiles.$inferInsert) {
  const { partyId: _id, createdAt: _created, ...update } = values;
  const [row] = await db
    .insert(subprocessorProfiles)
    .values(values)
    .onConflictDoUpdate({ target: subprocessorProfiles.partyId, set: update })
    .returning(profileColumns);
  return row!;
}

export const setFlowDownFile = (
  db: DbOrTx,
  partyId: string,
  file: { fileName: string; mime: string; bytes: Buffer },
  now: Date,
) =>
  db
    .update(subprocessorProfiles)
    .set({
      flowDownFileName: file.fileName,
      flowDownFileMime: file.mime,
      flowDownFile: file.bytes,
      updatedAt: now,
    })
    .where(eq(subprocessorProfiles.partyId, partyId));

export const findPartyRow = async (db: DbOrTx, id: string) =>
  (await db.select().from(parties).where(eq(parties.id, id)))[0];

export const consentsOfCustomer = (db: DbOrTx, customerId: string) =>
  db.select().from(subprocessorConsents).where(eq(subprocessorConsents.customerId, customerId));

export const consentsOfParty = (db: DbOrTx, partyId: string) =>
  db.select().from(subprocessorConsents).where(eq(subprocessorConsents.partyId, partyId));

// Locks the pair: two answers arriving at once cannot both find it "asked".
export async function lockConsent(db: DbOrTx, customerId: string, partyId: string) {
  const [row] = await db
    .select()
    .from(subprocessorConsents)
    .where(and(eq(subprocessorConsents.customerId, customerId), eq(subprocessorConsents.partyId, partyId)))
    .for('update');
  return row;
}

export async function updateConsent(
  db: DbOrTx,
  id: string,
  patch: Partial<typeof subprocessorConsents.$inferInsert>,
) {
  const [row] = await db
    .update(subprocessorConsents)
    .set(patch)
    .where(eq(subprocessorConsents.id, id))
    .returning();
  return row!;
}

// A new question replaces whatever the pair said before; the audit log keeps the earlier answers.
export async function askConsent(db: DbOrTx, values: typeof subprocessorConsents.$inferInsert) {
  const cleared = {
    state: values.state,
    proposalId: values.proposalId,
    askedAt: values.askedAt,
    respondBy: values.respondBy,
    remindedAt: null,
    escalatedAt: null,
    answeredAt: null,
    answeredBy: null,
    answeredByUserId: null,
    method: null,
    statement: null,
    transferRequired: values.transferRequired,
    transferConsentGiven: false,
    transferStatement: null,
    objectionReason: null,
    objectionReasonable: null,
    objectionOutcome: null,
    objectionNote: null,
    assessedBy: null,
    assessedAt: null,
    withdrawnAt: null,
    withdrawalReason: null,
    documentId: null,
    updatedAt: values.updatedAt,
  };
  const [row] = await db
    .insert(subprocessorConsents)
    .values(values)
    .onConflictDoUpdate({
      target: [subprocessorConsents.customerId, subprocessorConsents.partyId],
      set: cleared,
    })
    .returning();
  return row!;
}

export async function insertProposal(db: DbOrTx, values: typeof subprocessorProposals.$inferInsert) {
  const [row] = await db.insert(subprocessorProposals).values(values).returning();
  return row!;
}

export const findProposal = async (db: DbOrTx, id: string) =>
  (await db.select().from(subprocessorProposals).where(eq(subprocessorProposals.id, id)))[0];

export const listProposalRows = (db: DbOrTx) =>
  db.select().from(subprocessorProposals).orderBy(sql`${subprocessorProposals.createdAt} desc`);

export const updateProposal = (
  db: DbOrTx,
  id: string,
  patch: Partial<typeof subprocessorProposals.$inferInsert>,
) => db.update(subprocessorProposals).set(patch).where(eq(subprocessorProposals.id, id));

export function consentsOfProposals(db: DbOrTx, proposalIds: string[]) {
  if (proposalIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .select({ ...getTableColumns(subprocessorConsents), legalName: customers.legalName })
    .from(subprocessorConsents)
    .innerJoin(customers, eq(customers.id, subprocessorConsents.customerId))
    .where(inArray(subprocessorConsents.proposalId, proposalIds))
    .orderBy(customers.legalName);
}

// The customers that take any of these services today or from a later date: the ones a new sub-processor for
// those services would process data for. Ended services are left out (their data are not moved).
export async function customersTaking(db: DbOrTx, codes: string[], today: string) {
  const rows = await db
    .selectDistinct({ id: customers.id, legalName: customers.legalName, locale: customers.locale })
    .from(agreementServices)
    .innerJoin(agreements, eq(agreements.id, agreementServices.agreementId))
    .innerJoin(customers, eq(customers.id, agreements.customerId))
    .where(
      and(
        inArray(agreementServices.serviceLineCode, codes),
        sql`(${agreementServices.endDate} is null or ${agreementServices.endDate} >= ${today})`,
      ),
    );
  return rows.sort((a, b) => a.legalName.localeCompare(b.legalName, 'nl'));
}

// The day each customer's own signature on a DPA took effect: the DPA's effective date, or the day the
// customer signed when the processor has not countersigned yet. Its consent to the Annex 1 sub-processors.
export async function dpaConsentDates(db: DbOrTx, customerIds: string[]) {
  if (customerIds.length === 0) {
    return new Map<string, string>();
  }
  const rows = await db
    .select({
      customerId: agreements.customerId,
      day: sql<string>`min(coalesce(${dpas.effectiveDate}::text, to_char(${dpaSignatures.signedAt} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')))`,
    })
    .from(dpas)
    .innerJoin(agreements, eq(agreements.id, dpas.agreementId))
    .innerJoin(dpaSignatures, and(eq(dpaSignatures.dpaId, dpas.id), eq(dpaSignatures.party, 'customer')))
    .where(
      and(
        inArray(agreements.customerId, customerIds),
        inArray(dpas.status, ['signed_by_customer', 'active', 'superseded']),
      ),
    )
    .groupBy(agreements.customerId);
  return new Map(rows.map((r) => [r.customerId, r.day]));
}

export const openAlerts = (db: DbOrTx) =>
  db
    .select({
      ...getTableColumns(subprocessorAlerts),
      partyName: parties.name,
      customerName: customers.legalName,
    })
    .from(subprocessorAlerts)
    .innerJoin(parties, eq(parties.id, subprocessorAlerts.partyId))
    .leftJoin(customers, eq(customers.id, subprocessorAlerts.customerId))
    .where(isNull(subprocessorAlerts.resolvedAt))
    .orderBy(subprocessorAlerts.raisedAt);

export const insertAlert = (db: DbOrTx, values: typeof subprocessorAlerts.$inferInsert) =>
  db.insert(subprocessorAlerts).values(values).onConflictDoNothing();

export const resolveAlert = (db: DbOrTx, id: string, now: Date) =>
  db.update(subprocessorAlerts).set({ resolvedAt: now }).where(eq(subprocessorAlerts.id, id));

export const askedConsents = (db: DbOrTx) =>
  db
    .select({
      ...getTableColumns(subprocessorConsents),
      legalName: customers.legalName,
      locale: customers.locale,
    })
    .from(subprocessorConsents)
    .innerJoin(customers, eq(customers.id, subprocessorConsents.customerId))
    .where(eq(subprocessorConsents.state, 'asked'));

// Every customer's service lines that run today or later, for counting consent by DPA signature per sub-processor.
export const runningServices = (db: DbOrTx, today: string) =>
  db
    .selectDistinct({ customerId: agreements.customerId, code: agreementServices.serviceLineCode })
    .from(agreementServices)
    .innerJoin(agreements, eq(agreements.id, agreementServices.agreementId))
    .where(sql`(${agreementServices.endDate} is null or ${agreementServices.endDate} >= ${today})`);

export const allCustomerIds = async (db: DbOrTx) =>
  (await db.select({ id: customers.id }).from(customers)).map((c) => c.id);

// Who answers a consent request for each customer: its privacy contact; without one, whoever signs for it.
export async function consentRecipients(db: DbOrTx, customerIds: string[]) {
  if (customerIds.length === 0) {
    return new Map<string, string[]>();
  }
  const contacts = await db
    .select({
      customerId: customerContacts.customerId,
      email: customerContacts.email,
      roles: customerContacts.roles,
    })
    .from(customerContacts)
    .where(inArray(customerContacts.customerId, customerIds));
  const out = new Map<string, string[]>();
  for (const id of customerIds) {
    const mine = contacts.filter((c) => c.customerId === id);
    // The privacy contact answers for the customer; without one, whoever signs for it.
    const chosen = mine.filter((c) => c.roles.includes('privacy-contact'));
    const fallback = chosen.length > 0 ? chosen : mine.filter((c) => c.roles.includes('signatory'));
    out.set(id, [...new Set((fallback.length > 0 ? fallback : mine).map((c) => c.email.toLowerCase()))]);
  }
  return out;
}
