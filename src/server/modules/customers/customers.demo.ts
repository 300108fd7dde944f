import { eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Ctx } from '../../context.ts';
import { apiTokens } from '../accounts/accounts.table.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import {
  breachScans,
  customerHeadcounts,
  incidentCalls,
  incidentCustomers,
  incidentMessages,
  incidentNotices,
} from '../breaches/breaches.table.ts';
import { getRegister } from '../register/register.usecases.ts';
import {
  dsrEvidence,
  dsrPackages,
  dsrRequests,
  dsrTasks,
  dsrWarnings,
  opendsrMessages,
} from '../requests/requests.table.ts';
import { localDate, zone } from './customers.models.ts';
import {
  agreementServices,
  agreements,
  customerContacts,
  customers,
  dpaSignatures,
  dpas,
} from './customers.table.ts';

// Forty fictional customers, marked is_demo, so every module has data to show. Deterministic: the same names,
// numbers and dates on every install, relative to the day they are added.
const companies: [string, string][] = [
  ['Bakkerij Van den Berg B.V.', 'Almelo'],
  ['Tandartspraktijk Hengelo', 'Hengelo'],
  ['Installatiebedrijf Kuipers', 'Enschede'],
  ['Accountantskantoor De Vries & Partners', 'Deventer'],
  ['Transportbedrijf Nijhuis B.V.', 'Oldenzaal'],
  ['Kinderopvang Het Zonnetje', 'Borne'],
  ['Autobedrijf Ter Horst', 'Rijssen'],
  ['Fysiotherapie Twente', 'Hengelo'],
  ['Notariskantoor Smit', 'Zwolle'],
  ['Drukkerij Bosman', 'Nijverdal'],
  ['Hoveniersbedrijf Groen & Zo', 'Wierden'],
  ['Makelaardij Oosterhof', 'Almelo'],
  ['Stichting Zorgcentrum De Esch', 'Vriezenveen'],
  ['Advocatenkantoor Jansen Bakker', 'Enschede'],
  ['Metaalbewerking Wolters B.V.', 'Goor'],
  ['Huisartsenpraktijk Noord', 'Almelo'],
  ['Bouwbedrijf Morsink', 'Haaksbergen'],
  ['Reisbureau Zonnig Weg', 'Deventer'],
  ['Schoonmaakbedrijf Blinkend', 'Hengelo'],
  ['Verhuisbedrijf Dijkstra', 'Apeldoorn'],
  ['Dierenkliniek De Poort', 'Tubbergen'],
  ['Brillenhuis Ootmarsum', 'Ootmarsum'],
  ['Uitzendbureau WerkVast', 'Enschede'],
  ['Bloemenhandel Flora', 'Almelo'],
  ['Elektrotechniek Hulsman', 'Losser'],
  ['Zeilmakerij Weerribben', 'Steenwijk'],
  ['Architectenbureau Lijn & Vorm', 'Zwolle'],
  ['Sportschool FitFabriek', 'Hengelo'],
  ['Administratiekantoor Cijferwerk', 'Nijverdal'],
  ['Garagebedrijf Brinkman', 'Denekamp'],
  ['Woningstichting Twentse Huizen', 'Almelo'],
  ['Logopediepraktijk Klank', 'Enschede'],
  ['Kaashandel Boerderij Oldenhof', 'Markelo'],
  ['IT-Opleidingen Oost', 'Deventer'],
  ['Camping De Lemelerberg', 'Lemele'],
  ['Schildersbedrijf Kleurrijk', 'Vroomshoop'],
  ['Thuiszorg Samen Verder', 'Hellendoorn'],
  ['Houthandel Ten Brinke', 'Vriezenveen'],
  ['Restaurant De Oude Molen', 'Delden'],
  ['Glazenwasserij Helder', 'Almelo'],
];
const firstNames = [
  'Anouk',
  'Bram',
  'Daan',
  'Eva',
  'Femke',
  'Gerrit',
  'Hanneke',
  'Jeroen',
  'Kim',
  'Lars',
  'Marieke',
  'Niels',
  'Oscar',
  'Petra',
  'Ruud',
  'Sanne',
  'Thijs',
  'Wendy',
];
const lastNames = [
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'Dekker',
  'Brouwer',
  'Kok',
  'Jacobs',
  'Nijhuis',
];
const serviceSets = [
  ['cloud'],
  ['cloud', 'voip'],
  ['voip', 'mobiel'],
  ['cloud', 'security'],
  ['cloud', 'voip', 'mobiel', 'security'],
  ['connectivity', 'voip'],
  ['cloud', 'mobiel'],
];

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24);

export async function addDemoCustomers(ctx: Ctx) {
  const existing = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.isDemo, true));
  if (existing.length > 0) {
    return { added: 0, existing: existing.length };
  }
  const lines = new Set(
    (await getRegister(ctx, { includeRetired: false })).serviceLines
      .filter((l) => l.retiredAt === null)
      .map((l) => l.code),
  );
  const now = ctx.clock.now();
  const today = DateTime.fromISO(localDate(now), { zone });
  return ctx.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const [i, [legalName, city]] of companies.entries()) {
      const domain = `${slug(legalName)}.example`;
      const [customer] = await tx
        .insert(customers)
        .values({
          legalName,
          kvkNumber: String(90_000_000 + i * 7_919),
          street: `Demostraat ${i + 1}`,
          postalCode: `76${String(10 + i).padStart(2, '0')} AB`,
          city,
          country: 'NL',
          locale: i % 9 === 4 ? 'en' : 'nl',
          isDemo: true,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      ids.push(customer!.id);
      const person = (k: number) =>
        `${firstNames[(i + k) % firstNames.length]} ${lastNames[(i * 3 + k) % lastNames.length]}`;
      const contacts = [
        { name: person(0), roles: ['signatory'] as const, phone: null },
        {
          name: person(1),
          roles: ['ict-lead'] as const,
          phone: `+316${String(20_000_000 + i * 104_729).slice(0, 8)}`,
        },
        {
          name: person(2),
          roles: ['privacy-contact', 'billing'] as const,
          phone: `+3153${String(4_300_000 + i * 977).slice(0, 7)}`,
        },
      ];
      for (const c of contacts) {
        await tx.insert(customerContacts).values({
          customerId: customer!.id,
          name: c.name,
          email: `${slug(c.name.split(' ')[0]!)}@${domain}`,
          phone: c.phone,
          roles: [...c.roles],
          createdAt: now,
          updatedAt: now,
        });
      }
      const start = today.minus({ months: 6 + ((i * 5) % 48) }).startOf('month');
      // Customers 33–38 gave notice; customer 39 has ended (its data wait for destruction, seed 10).
      const terminated = i >= 33 && i < 39;
      const ended = i === 39;
      const endDate = ended
        ? today.minus({ days: 20 }).toISODate()!
        : terminated
          ? today
              .plus({ months: 1 + (i % 4) })
              .endOf('month')
              .toISODate()!
          : null;
      const noticeGivenOn = ended
        ? today.minus({ months: 3 }).toISODate()!
        : terminated
          ? today.minus({ days: 10 + i }).toISODate()!
          : null;
      const [agreement] = await tx
        .insert(agreements)
        .values({
          customerId: customer!.id,
          reference: `DEMO-${String(i + 1).padStart(4, '0')}`,
          startDate: start.toISODate()!,
          noticeGivenOn,
          endDate,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      for (const code of serviceSets[i % serviceSets.length]!.filter((c) => lines.has(c))) {
        await tx.insert(agreementServices).values({
          agreementId: agreement!.id,
          serviceLineCode: code,
          startDate: start.toISODate()!,
          endDate,
          createdAt: now,
          updatedAt: now,
        });
      }
      const waiting = i % 13 === 12;
      const customerSigned = start.plus({ days: 3 });
      const processorSigned = start.plus({ days: 5 });
      const [dpa] = await tx
        .insert(dpas)
        .values({
          agreementId: agreement!.id,
          version: 1,
          status: waiting ? 'sent' : 'active',
          sentAt: start.toJSDate(),
          effectiveDate: waiting ? null : processorSigned.toISODate(),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!waiting) {
        await tx.insert(dpaSignatures).values([
          {
            dpaId: dpa!.id,
            party: 'customer',
            signerName: contacts[0]!.name,
            signerRole: 'Directeur',
            signedAt: customerSigned.set({ hour: 10 }).toJSDate(),
            method: 'uploaded_pdf',
            fileName: 'verwerkersovereenkomst-getekend.pdf',
            recordedBy: 'demo',
            createdAt: now,
          },
          {
            dpaId: dpa!.id,
            party: 'processor',
            signerName: 'Demo Verwerker',
            signerRole: 'Directeur',
            signedAt: processorSigned.set({ hour: 14 }).toJSDate(),
            method: 'uploaded_pdf',
            fileName: 'verwerkersovereenkomst-getekend.pdf',
            recordedBy: 'demo',
            createdAt: now,
          },
        ]);
      }
      for (const code of serviceSets[i % serviceSets.length]!.filter((c) => lines.has(c))) {
        // seats or subscribers per service: the base of a breach's "how many people" (Annex 3, question 3)
        await tx.insert(customerHeadcounts).values({
          customerId: customer!.id,
          serviceLineCode: code,
          persons: 4 + ((i * 11 + code.length * 7) % 57),
          unit: code === 'voip' || code === 'mobiel' ? 'aansluitingen' : 'gebruikers',
          updatedAt: now,
        });
      }
    }
    await recordAuditEvent(tx, ctx, {
      action: 'demo.added',
      entityType: 'customer',
      after: { customers: ids.length, ids },
    });
    return { added: ids.length, existing: 0 };
  });
}

export async function removeDemoCustomers(ctx: Ctx) {
  return ctx.db.transaction(async (tx) => {
    const demo = await tx.select({ id: customers.id }).from(customers).where(eq(customers.isDemo, true));
    const ids = demo.map((d) => d.id);
    if (ids.length > 0) {
      // Incidents never lose rows, but a demo customer's part in one is demo data too: it goes with the customer.
      const affected = tx
        .select({ id: incidentCustomers.id })
        .from(incidentCustomers)
        .where(inArray(incidentCustomers.customerId, ids));
      await tx.delete(incidentCalls).where(inArray(incidentCalls.incidentCustomerId, affected));
      // a scan keeps its result for the incident; only its link to the demo customer goes
      await tx
        .update(breachScans)
        .set({ incidentCustomerId: null })
        .where(inArray(breachScans.incidentCustomerId, affected));
      // the question thread refers to the notices, so it goes first
      await tx.delete(incidentMessages).where(inArray(incidentMessages.customerId, ids));
      await tx.delete(incidentNotices).where(inArray(incidentNotices.customerId, ids));
      await tx.delete(incidentCustomers).where(inArray(incidentCustomers.customerId, ids));
      // their data subject requests, with everything hanging off them, and their API tokens are demo data too
      const requests = tx
        .select({ id: dsrRequests.id })
        .from(dsrRequests)
        .where(inArray(dsrRequests.customerId, ids));
      await tx.delete(dsrWarnings).where(inArray(dsrWarnings.requestId, requests));
      await tx.delete(opendsrMessages).where(inArray(opendsrMessages.customerId, ids));
      await tx.delete(dsrPackages).where(inArray(dsrPackages.customerId, ids));
      await tx.delete(dsrEvidence).where(inArray(dsrEvidence.customerId, ids));
      await tx.delete(dsrTasks).where(inArray(dsrTasks.customerId, ids));
      await tx.delete(dsrRequests).where(inArray(dsrRequests.customerId, ids));
      await tx.delete(apiTokens).where(inArray(apiTokens.customerId, ids));
      // contacts, agreements, services, DPAs, signatures and instructions go with them (on delete cascade)
      await tx.delete(customers).where(inArray(customers.id, ids));
      await recordAuditEvent(tx, ctx, {
        action: 'demo.removed',
        entityType: 'customer',
        before: { customers: ids.length, ids },
      });
    }
    return { removed: ids.length };
  });
}
