import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DataSubject } from '../../../shared/register-taxonomy.ts';
import { computeRetention } from '../../../shared/retention.ts';
import type { DbOrTx } from '../../db/database.ts';
import { zone } from '../customers/customers.models.ts';
import { agreementServices, agreements, customers } from '../customers/customers.table.ts';
import type { EntryView } from '../register/register.schemas.ts';
import { loadSnapshot } from '../register/register.usecases.ts';
import { consentOf, factsOf, listedInDpa } from '../subprocessors/subprocessors.models.ts';
import * as subRepo from '../subprocessors/subprocessors.repository.ts';
import { subprocessorConsents } from '../subprocessors/subprocessors.table.ts';
import { customerHeadcounts, type incidentCustomers, type incidents } from './breaches.table.ts';

type Incident = typeof incidents.$inferSelect;
export type ImpactRow = typeof incidentCustomers.$inferInsert;

const groupWords: Record<DataSubject, { nl: string; en: string }> = {
  'customer.contacts': { nl: 'contactpersonen van de klant', en: 'the customer’s contact persons' },
  'customer.employees': { nl: 'medewerkers van de klant', en: 'the customer’s employees' },
  'customer.customers': { nl: 'klanten van de klant', en: 'the customer’s own customers' },
  'customer.suppliers': { nl: 'leveranciers van de klant', en: 'the customer’s suppliers' },
  'customer.correspondents': { nl: 'correspondenten en bellers', en: 'correspondents and callers' },
};

// Seed 2.4 and 10: after the agreement ends the data stay until their retention runs out, so a breach on the day of
// discovery still concerns a customer whose service ended, as long as one of the rows' retention has not passed.
function stillHeld(entries: EntryView[], endDate: string, onDay: string) {
  return entries.some((e) => {
    const until = computeRetention(e.retentionRule, { agreementEnd: endDate }).until;
    return until === null || until >= onDay;
  });
}

// Annex 3 Q2–Q5 and the clause 8.1 clock for every customer the incident touches: those taking an affected service
// line, and those whose data an affected sub-processor handles — only where that sub-processor is active for the
// customer (consent, seed 3.4), since without consent it holds none of theirs. Bulk reads, so thousands of
// customers take one pass.
export async function computeImpact(db: DbOrTx, incident: Incident, now: Date): Promise<ImpactRow[]> {
  const onDay = DateTime.fromJSDate(incident.discoveredAt, { zone }).toISODate()!;
  const snapshot = await loadSnapshot(db);
  const active = snapshot.entries.filter((e) => e.retiredAt === null);
  const lines = new Set(incident.serviceLineCodes);
  const parties = new Set(incident.partyIds);
  // the service lines whose rows an affected sub-processor works on
  const partyLines = new Set(
    active.filter((e) => e.subprocessors.some((s) => parties.has(s.id))).map((e) => e.serviceLine),
  );
  const candidateLines = [...new Set([...lines, ...partyLines])];
  if (candidateLines.length === 0) {
    return [];
  }
  const services = await db
    .select({
      customerId: agreements.customerId,
      code: agreementServices.serviceLineCode,
      startDate: agreementServices.startDate,
      endDate: agreementServices.endDate,
    })
    .from(agreementServices)
    .innerJoin(agreements, eq(agreements.id, agreementServices.agreementId))
    .where(inArray(agreementServices.serviceLineCode, candidateLines));
  const byCustomer = new Map<string, { code: string; ended: boolean }[]>();
  for (const s of services) {
    if (s.startDate > onDay) {
      continue; // not started at discovery: none of its data yet
    }
    const ended = s.endDate !== null && s.endDate < onDay;
    if (
      ended &&
      !stillHeld(
        active.filter((e) => e.serviceLine === s.code),
        s.endDate!,
        onDay,
      )
    ) {
      continue;
    }
    byCustomer.set(s.customerId, [...(byCustomer.get(s.customerId) ?? []), { code: s.code, ended }]);
  }
  const ids = [...byCustomer.keys()];
  if (ids.length === 0) {
    return [];
  }
  const profiles = await subRepo.listProfiles(db);
  const stored =
    parties.size === 0
      ? []
      : await db
          .select()
          .from(subprocessorConsents)
          .where(
            and(
              inArray(subprocessorConsents.partyId, [...parties]),
              inArray(subprocessorConsents.customerId, ids),
            ),
          );
  const dpaDates = await subRepo.dpaConsentDates(db, ids);
  const headcounts = await db
    .select()
    .from(customerHeadcounts)
    .where(inArray(customerHeadcounts.customerId, ids));
  const people = await db
    .select({ id: customers.id, locale: customers.locale })
    .from(customers)
    .where(inArray(customers.id, ids));
  const profileOf = new Map(profiles.map((p) => [p.partyId, p]));
  const storedOf = new Map(stored.map((s) => [`${s.customerId}:${s.partyId}`, s]));
  const localeOf = new Map(people.map((p) => [p.id, p.locale]));
  const partyName = new Map(snapshot.parties.map((p) => [p.id, p.name]));
  const lineName = new Map(snapshot.serviceLines.map((l) => [l.code, l.nameNl]));
  const dueAt = new Date(incident.discoveredAt.getTime() + 24 * 3600 * 1000);
  const out: ImpactRow[] = [];
  for (const [customerId, held] of byCustomer) {
    const heldLines = new Set(held.map((h) => h.code));
    const matchedLines = [...heldLines].filter((c) => lines.has(c));
    const matchedParties = [...parties].filter((partyId) => {
      const usedHere = active.some(
        (e) => heldLines.has(e.serviceLine) && e.subprocessors.some((s) => s.id === partyId),
      );
      if (!usedHere) {
        return false;
      }
      const facts = factsOf(profileOf.get(partyId));
      const row = storedOf.get(`${customerId}:${partyId}`);
      // Active pairs (issue 7), and also the agreement's own sub-processors while the customer's signature is
      // pending: its data are there all the same, and telling one customer too many is the safer error.
      return listedInDpa(
        consentOf({
          party: { id: partyId, name: partyName.get(partyId) ?? partyId, legalName: null },
          facts,
          serviceLines: [],
          stored: row ? { ...row } : null,
          dpaConsentOn: dpaDates.get(customerId) ?? null,
          today: onDay,
        }),
      );
    });
    if (matchedLines.length === 0 && matchedParties.length === 0) {
      continue;
    }
    const rows = active.filter(
      (e) =>
        heldLines.has(e.serviceLine) &&
        // the processor's own administration (processorRole controller) is its own Art. 33 matter, not clause 8.1
        e.processorRole === 'processor' &&
        (matchedLines.includes(e.serviceLine) || e.subprocessors.some((s) => matchedParties.includes(s.id))),
    );
    const en = localeOf.get(customerId) === 'en';
    const affectedLines = [...new Set(rows.map((r) => r.serviceLine))];
    const counts = headcounts
      .filter((h) => h.customerId === customerId && affectedLines.includes(h.serviceLineCode))
      .map((h) => h.persons);
    const subjects = [...new Set(rows.flatMap((r) => r.dataSubjects))] as DataSubject[];
    const categories = rows.flatMap((r) => r.dataCategories);
    // The reasoning is for staff, never shown to the customer: in Dutch, the staff's language, whatever the
    // customer's locale, and with the service's name rather than its code.
    const why = [
      ...matchedLines.map((c) => `neemt ${lineName.get(c) ?? c} af`),
      ...matchedParties.map((p) => `gegevens bij ${partyName.get(p) ?? p}`),
    ].join('; ');
    out.push({
      incidentId: incident.id,
      customerId,
      included: true,
      reasoning: `art28: ${why}`,
      matchedServiceLines: matchedLines,
      matchedParties,
      agreementEnded: held.every((h) => h.ended),
      dataTypes: [...new Set(rows.map((r) => (en ? r.dataTypeEn : r.dataTypeNl)))],
      subjectsGroup: subjects.map((s) => groupWords[s]?.[en ? 'en' : 'nl'] ?? s).join(', '),
      vulnerableGroup: false,
      // one person can hold a seat in several services: at least the largest count, at most their sum
      personsMin: counts.length > 0 ? Math.max(...counts) : null,
      personsMax: counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : null,
      contactsKnown: categories.some((c) => c.startsWith('contact.')) ? 'yes' : 'unknown',
      dueAt,
      status: 'to_notify',
      createdAt: now,
      updatedAt: now,
    });
  }
  return out;
}
