import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Locale } from '../../../shared/roles.ts';
import { type Ctx, systemActor } from '../../context.ts';
import type { Db, Tx } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { zone } from '../customers/customers.models.ts';
import { customerContacts, customers } from '../customers/customers.table.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import { getProcessorProfile } from '../settings/settings.usecases.ts';
import { incidentCustomers, incidentNotices, incidents, incidentWarnings } from './breaches.table.ts';

type Links = { publicUrl: string };
type IncidentRow = typeof incidents.$inferSelect;
type CustomerRow = typeof incidentCustomers.$inferSelect;

// Art. 33(1) as guidance for the customer: its own 72 hours run from our notice (decisions.md).
export const customerGuidanceMs = 72 * 3600 * 1000;

export type NoticeContent = {
  reference: string;
  title: string;
  // Annex 3, questions 1–7
  summary: string;
  dataTypes: string[];
  personsMin: number;
  personsMax: number;
  subjectsGroup: string;
  vulnerableGroup: boolean;
  contactsKnown: string;
  rootCause: string;
  occurredFrom: string | null;
  occurredTo: string | null;
  // what else the customer needs for its own decision (Art. 33(3), the AP form)
  discoveredAt: string;
  ongoing: boolean;
  aspects: string[];
  actions: string[];
  encryption: string;
  affectedSystems: string | null;
  measuresTaken: string | null;
  measuresPlanned: string | null;
  // Art. 33(3)(c), AP form section 7; notices sent before it was asked hold no such key (contentOf reads it as null)
  likelyConsequences: string | null;
  processorContact: { organisation: string; name: string; email: string; phone: string };
  customerGuidanceDeadline: string;
};

// What Annex 3 asks that the notice cannot go without; each names the field to fill in.
function missingAnswers(incident: IncidentRow, row: CustomerRow) {
  const missing: { field: string; message: string }[] = [];
  if (!incident.rootCause?.trim()) {
    missing.push({ field: 'incident.rootCause', message: 'the root cause (Annex 3, question 6)' });
  }
  if (row.dataTypes.length === 0) {
    missing.push({
      field: `customers.${row.customerId}.dataTypes`,
      message: 'the types of personal data (question 2)',
    });
  }
  if (row.personsMin === null || row.personsMax === null) {
    missing.push({
      field: `customers.${row.customerId}.personsMin`,
      message: 'the number of persons, minimum and maximum (question 3)',
    });
  }
  if (!row.subjectsGroup.trim()) {
    missing.push({
      field: `customers.${row.customerId}.subjectsGroup`,
      message: 'the group of persons (question 4)',
    });
  }
  if (row.contactsKnown === 'unknown') {
    missing.push({
      field: `customers.${row.customerId}.contactsKnown`,
      message: 'whether the persons’ contact details are known (question 5)',
    });
  }
  return missing;
}

const words = {
  nl: {
    subject: (ref: string, title: string) => `Melding datalek ${ref}: ${title}`,
    heading: 'Melding van een datalek (artikel 8.1 verwerkersovereenkomst)',
    intro: (customer: string) =>
      `Wij informeren ${customer} over een datalek dat uw persoonsgegevens raakt, met de informatie uit bijlage 3.`,
    q: [
      'Wat is er gebeurd',
      'Typen persoonsgegevens',
      'Aantal personen (minimum–maximum)',
      'Groep personen',
      'Contactgegevens van de betrokkenen bekend',
      'Oorzaak',
      'Datum of periode',
    ],
    unknown: 'onbekend',
    vulnerable: ' (waaronder een kwetsbare groep)',
    known: { yes: 'ja', no: 'nee', partly: 'gedeeltelijk', unknown: 'onbekend' } as Record<string, string>,
    discovered: 'Ontdekt op',
    ongoing: 'Het incident loopt nog.',
    measures: 'Genomen maatregelen',
    planned: 'Geplande maatregelen',
    consequences: 'Waarschijnlijke gevolgen voor de betrokkenen',
    contact: 'Contact',
    guidance: (at: string) =>
      `Of u dit meldt aan de Autoriteit Persoonsgegevens en aan betrokkenen, beslist u (artikel 8.3). Ter informatie: artikel 33 AVG geeft u daarvoor 72 uur na het bekend worden; gerekend vanaf deze melding is dat ${at}.`,
    action: 'Bekijken en bevestigen in het portaal',
  },
  en: {
    subject: (ref: string, title: string) => `Data breach notice ${ref}: ${title}`,
    heading: 'Notice of a personal data breach (clause 8.1 of the data processing agreement)',
    intro: (customer: string) =>
      `We inform ${customer} of a data breach affecting your personal data, with the information of Annex 3.`,
    q: [
      'What happened',
      'Types of personal data',
      'Number of persons (minimum–maximum)',
      'Group of persons',
      'Contact details of the persons known',
      'Root cause',
      'Date or period',
    ],
    unknown: 'unknown',
    vulnerable: ' (including a vulnerable group)',
    known: { yes: 'yes', no: 'no', partly: 'partly', unknown: 'unknown' } as Record<string, string>,
    discovered: 'Discovered at',
    ongoing: 'The incident is still ongoing.',
    measures: 'Measures taken',
    planned: 'Measures planned',
    consequences: 'Likely consequences for the persons concerned',
    contact: 'Contact',
    guidance: (at: string) =>
      `Whether to notify the Dutch Data Protection Authority and the persons concerned is your decision (clause 8.3). For information: Art. 33 GDPR gives you 72 hours after becoming aware; counted from this notice that is ${at}.`,
    action: 'View and acknowledge in the portal',
  },
};

// The Annex 3 questions and the words of their answers as the e-mail puts them; the notice as a PDF
// (documents.breach.ts) asks the same questions in the same words.
export const noticeAnswerWords = {
  nl: { q: words.nl.q, unknown: words.nl.unknown, vulnerable: words.nl.vulnerable, known: words.nl.known },
  en: { q: words.en.q, unknown: words.en.unknown, vulnerable: words.en.vulnerable, known: words.en.known },
};

const when = (iso: string | null, locale: Locale) =>
  iso
    ? DateTime.fromISO(iso, { zone }).setLocale(locale).toLocaleString(DateTime.DATETIME_FULL)
    : words[locale].unknown;

export function noticeMail(content: NoticeContent, locale: Locale, customer: string, url: string) {
  const w = words[locale];
  const period =
    content.occurredFrom || content.occurredTo
      ? `${when(content.occurredFrom, locale)} – ${content.occurredTo ? when(content.occurredTo, locale) : w.unknown}`
      : w.unknown;
  const answers = [
    `${content.summary}${content.affectedSystems ? ` (${content.affectedSystems})` : ''}`,
    content.dataTypes.join(', '),
    `${content.personsMin}–${content.personsMax}`,
    `${content.subjectsGroup}${content.vulnerableGroup ? w.vulnerable : ''}`,
    w.known[content.contactsKnown] ?? content.contactsKnown,
    content.rootCause,
    period,
  ];
  return {
    subject: w.subject(content.reference, content.title),
    heading: w.heading,
    paragraphs: [
      w.intro(customer),
      ...answers.map((a, i) => `${i + 1}. ${w.q[i]}: ${a}`),
      `${w.discovered}: ${when(content.discoveredAt, locale)}.${content.ongoing ? ` ${w.ongoing}` : ''}`,
      ...(content.likelyConsequences ? [`${w.consequences}: ${content.likelyConsequences}`] : []),
      ...(content.measuresTaken ? [`${w.measures}: ${content.measuresTaken}`] : []),
      ...(content.measuresPlanned ? [`${w.planned}: ${content.measuresPlanned}`] : []),
      `${w.contact}: ${content.processorContact.name} (${content.processorContact.organisation}), ${content.processorContact.email}${content.processorContact.phone ? `, ${content.processorContact.phone}` : ''}.`,
      w.guidance(when(content.customerGuidanceDeadline, locale)),
    ],
    action: { label: w.action, url },
  };
}

// Clause 8.1 in writing: one notice per affected customer with the Annex 3 answers, e-mailed to its ICT lead and
// privacy contact, shown in the portal. Lateness is frozen now, with its reason. Nothing goes to the Autoriteit
// Persoonsgegevens or to data subjects (clause 8.3).
export async function sendNotices(
  ctx: Ctx,
  links: Links,
  incidentId: string,
  input: { customerIds?: string[] | undefined; lateReason?: string | undefined },
) {
  return ctx.db.transaction(async (tx) => {
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId));
    if (!incident) {
      throw notFound('Incident');
    }
    if (incident.status === 'closed') {
      throw conflict('breaches.closed', 'This incident is closed.');
    }
    const rows = await tx
      .select({ row: incidentCustomers, legalName: customers.legalName, locale: customers.locale })
      .from(incidentCustomers)
      .innerJoin(customers, eq(customers.id, incidentCustomers.customerId))
      .where(eq(incidentCustomers.incidentId, incidentId));
    const pending = (r: CustomerRow) => r.included && (r.status === 'to_notify' || r.status === 'phoned');
    let chosen = rows.filter((r) => pending(r.row));
    if (input.customerIds) {
      chosen = input.customerIds.map((id, i) => {
        const found = rows.find((r) => r.row.customerId === id);
        if (!found || !pending(found.row)) {
          throw badRequest(
            'breaches.not_pending',
            'This customer is not an affected customer still waiting for its notice.',
            `body.customerIds.${i}`,
          );
        }
        return found;
      });
    }
    if (chosen.length === 0) {
      throw badRequest(
        'breaches.nothing_to_send',
        'No affected customer is waiting for a notice.',
        'body.customerIds',
      );
    }
    for (const { row } of chosen) {
      const missing = missingAnswers(incident, row);
      if (missing.length > 0) {
        throw badRequest(
          'breaches.notice_incomplete',
          `The notice still needs ${missing.map((m) => m.message).join('; ')}.`,
          missing[0]!.field,
        );
      }
    }
    const now = ctx.clock.now();
    if (chosen.some(({ row }) => row.dueAt < now) && !input.lateReason?.trim()) {
      throw badRequest(
        'breaches.late_reason_required',
        'The 24 hours of clause 8.1 have passed for some of these customers: say why the notice is late.',
        'body.lateReason',
      );
    }
    const processor = await getProcessorProfile({ ...ctx, db: tx as Db });
    const contacts = await tx
      .select({
        customerId: customerContacts.customerId,
        email: customerContacts.email,
        roles: customerContacts.roles,
      })
      .from(customerContacts)
      .where(
        inArray(
          customerContacts.customerId,
          chosen.map((c) => c.row.customerId),
        ),
      );
    for (const { row, legalName, locale } of chosen) {
      const to = [
        ...new Set(
          contacts
            .filter(
              (c) =>
                c.customerId === row.customerId &&
                (c.roles.includes('ict-lead') || c.roles.includes('privacy-contact')),
            )
            .map((c) => c.email.toLowerCase()),
        ),
      ];
      const content: NoticeContent = {
        reference: incident.reference,
        title: incident.title,
        summary: incident.summary,
        dataTypes: row.dataTypes,
        personsMin: row.personsMin!,
        personsMax: row.personsMax!,
        subjectsGroup: row.subjectsGroup,
        vulnerableGroup: row.vulnerableGroup,
        contactsKnown: row.contactsKnown,
        rootCause: incident.rootCause!,
        occurredFrom: incident.occurredFrom?.toISOString() ?? null,
        occurredTo: incident.occurredTo?.toISOString() ?? null,
        discoveredAt: incident.discoveredAt.toISOString(),
        ongoing: incident.ongoing,
        aspects: incident.aspects,
        actions: incident.actions,
        encryption: incident.encryption,
        affectedSystems: incident.affectedSystems,
        measuresTaken: incident.measuresTaken,
        measuresPlanned: incident.measuresPlanned,
        likelyConsequences: incident.likelyConsequences,
        processorContact: {
          organisation: processor.legalName,
          name: processor.privacyContactName,
          email: processor.privacyContactEmail,
          phone: processor.breachPhone || processor.privacyContactPhone,
        },
        customerGuidanceDeadline: new Date(now.getTime() + customerGuidanceMs).toISOString(),
      };
      for (const address of to) {
        await queueEmail(tx, ctx, {
          to: address,
          template: 'notice',
          locale,
          data: noticeMail(content, locale, legalName, `${links.publicUrl}/portal/breaches`),
          related: { type: 'customer', id: row.customerId },
          sensitive: true,
        });
      }
      const [notice] = await tx
        .insert(incidentNotices)
        .values({
          incidentCustomerId: row.id,
          customerId: row.customerId,
          version: 1,
          language: locale,
          content,
          sentTo: to,
          sentBy: ctx.actor.label,
          sentAt: now,
        })
        .returning({ id: incidentNotices.id });
      const lateByMinutes = Math.max(0, Math.ceil((now.getTime() - row.dueAt.getTime()) / 60_000));
      await tx
        .update(incidentCustomers)
        .set({
          status: 'notice_sent',
          noticeSentAt: now,
          lateByMinutes,
          lateReason: lateByMinutes > 0 ? input.lateReason!.trim() : null,
          updatedAt: now,
        })
        .where(eq(incidentCustomers.id, row.id));
      await recordAuditEvent(tx, ctx, {
        action: 'incident.notice_sent',
        entityType: 'customer',
        entityId: row.customerId,
        after: { incidentId, reference: incident.reference, noticeId: notice!.id, sentTo: to, lateByMinutes },
      });
    }
    return { sent: chosen.length };
  });
}

// A notice as it was frozen; one sent before a field existed reads it as not given.
export function contentOf(stored: Record<string, unknown>): NoticeContent {
  const content = stored as NoticeContent;
  return { ...content, likelyConsequences: content.likelyConsequences ?? null };
}

// ---- the customer's side ----------------------------------------------------------------------------------

export async function listPortalBreaches(ctx: Pick<Ctx, 'db'>, customerId: string) {
  const rows = await ctx.db
    .select({ notice: incidentNotices, row: incidentCustomers })
    .from(incidentNotices)
    .innerJoin(incidentCustomers, eq(incidentCustomers.id, incidentNotices.incidentCustomerId))
    .where(eq(incidentNotices.customerId, customerId))
    .orderBy(desc(incidentNotices.sentAt));
  return rows.map(({ notice, row }) => ({
    id: notice.id,
    version: notice.version,
    changes: notice.changes,
    sentAt: notice.sentAt.toISOString(),
    language: notice.language,
    content: contentOf(notice.content),
    status: row.status,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy,
  }));
}

// The customer as a written notice names it (documents.breach.ts).
export async function noticeCustomer(ctx: Pick<Ctx, 'db'>, customerId: string) {
  const [customer] = await ctx.db
    .select({ legalName: customers.legalName, kvkNumber: customers.kvkNumber })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) {
    throw notFound('Customer');
  }
  return customer;
}

// One notice as staff see it: only when it is a notice of that incident to that customer, else not found.
export async function getIncidentNotice(
  ctx: Pick<Ctx, 'db'>,
  incidentId: string,
  customerId: string,
  noticeId: string,
) {
  const [found] = await ctx.db
    .select({
      notice: incidentNotices,
      customer: { legalName: customers.legalName, kvkNumber: customers.kvkNumber },
    })
    .from(incidentNotices)
    .innerJoin(incidentCustomers, eq(incidentCustomers.id, incidentNotices.incidentCustomerId))
    .innerJoin(customers, eq(customers.id, incidentNotices.customerId))
    .where(
      and(
        eq(incidentNotices.id, noticeId),
        eq(incidentNotices.customerId, customerId),
        eq(incidentCustomers.customerId, customerId),
        eq(incidentCustomers.incidentId, incidentId),
      ),
    );
  if (!found) {
    throw notFound('Notice');
  }
  const { notice, customer } = found;
  return {
    id: notice.id,
    version: notice.version,
    changes: notice.changes,
    sentAt: notice.sentAt.toISOString(),
    language: notice.language,
    content: contentOf(notice.content),
    customer,
  };
}

export async function acknowledgeNotice(
  ctx: Ctx,
  customerId: string,
  noticeId: string,
  by: string,
  hooks: { onAcknowledged?: (tx: Tx, reference: string) => Promise<void> } = {},
) {
  await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ notice: incidentNotices, row: incidentCustomers })
      .from(incidentNotices)
      .innerJoin(incidentCustomers, eq(incidentCustomers.id, incidentNotices.incidentCustomerId))
      .where(and(eq(incidentNotices.id, noticeId), eq(incidentNotices.customerId, customerId)));
    if (!found) {
      throw notFound('Notice');
    }
    if (found.row.status === 'acknowledged') {
      return;
    }
    const now = ctx.clock.now();
    await tx
      .update(incidentCustomers)
      .set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: by, updatedAt: now })
      .where(eq(incidentCustomers.id, found.row.id));
    await recordAuditEvent(tx, ctx, {
      action: 'incident.notice_acknowledged',
      entityType: 'customer',
      entityId: customerId,
      after: { noticeId, incidentId: found.row.incidentId, by },
    });
    await hooks.onAcknowledged?.(tx, (found.notice.content as NoticeContent).reference);
  });
  return (await listPortalBreaches(ctx, customerId)).find((n) => n.id === noticeId)!;
}

// ---- deadline warnings ----------------------------------------------------------------------------------------

const thresholds = [
  { kind: 'passed' as const, before: 0 },
  { kind: '1h' as const, before: 3600 * 1000 },
  { kind: '6h' as const, before: 6 * 3600 * 1000 },
];

// Staff hear 6 hours and 1 hour before the clause 8.1 deadline of an incident with customers still waiting for
// their notice, and when it has passed; each warning once per incident.
export async function sendDeadlineWarnings(deps: { db: Db; clock: Ctx['clock'] }) {
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: systemActor };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const waiting = await tx
      .select({ incident: incidents, pending: incidentCustomers.id })
      .from(incidentCustomers)
      .innerJoin(incidents, eq(incidents.id, incidentCustomers.incidentId))
      .where(
        and(
          eq(incidentCustomers.included, true),
          inArray(incidentCustomers.status, ['to_notify', 'phoned']),
          ne(incidents.status, 'closed'),
          isNull(incidentCustomers.noticeSentAt),
        ),
      );
    const byIncident = new Map<string, { incident: IncidentRow; count: number }>();
    for (const w of waiting) {
      const entry = byIncident.get(w.incident.id) ?? { incident: w.incident, count: 0 };
      entry.count++;
      byIncident.set(w.incident.id, entry);
    }
    const processor = await getProcessorProfile({ ...ctx, db: tx as Db });
    let sent = 0;
    for (const { incident, count } of byIncident.values()) {
      const left = incident.discoveredAt.getTime() + 24 * 3600 * 1000 - now.getTime();
      const due = thresholds.find((th) => left <= th.before);
      if (!due) {
        continue;
      }
      const inserted = await tx
        .insert(incidentWarnings)
        .values({ incidentId: incident.id, kind: due.kind, sentAt: now })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0 || !processor.privacyContactEmail.trim()) {
        continue;
      }
      const deadline = when(new Date(incident.discoveredAt.getTime() + 24 * 3600 * 1000).toISOString(), 'nl');
      await queueEmail(tx, ctx, {
        to: processor.privacyContactEmail,
        template: 'notice',
        locale: 'nl',
        data: {
          subject:
            due.kind === 'passed'
              ? `Termijn verstreken: ${count} klant(en) van ${incident.reference} nog niet schriftelijk gemeld`
              : `Nog ${due.kind === '6h' ? '6 uur' : '1 uur'}: ${count} klant(en) van ${incident.reference} nog niet gemeld`,
          paragraphs: [
            `${incident.title}: ${count} getroffen klant(en) hebben de schriftelijke melding nog niet ontvangen. De termijn van 24 uur (artikel 8.1) ${due.kind === 'passed' ? 'is verstreken op' : 'verstrijkt op'} ${deadline}.`,
          ],
        },
      });
      sent++;
    }
    return { warned: sent };
  });
}

// ---- updates (seed 8.2) ---------------------------------------------------------------------------------------

// The next version of the notice for every customer already told (or the ones named): the incident as it now
// stands, and what changed. Not on a closed incident: its last word has been said.
export async function sendUpdate(
  ctx: Ctx,
  links: Links,
  incidentId: string,
  input: { changes: string; customerIds?: string[] | undefined },
) {
  return ctx.db.transaction(async (tx) => {
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId));
    if (!incident) {
      throw notFound('Incident');
    }
    if (incident.status === 'closed') {
      throw conflict('breaches.closed', 'A closed incident takes no more updates.', 'params.incidentId');
    }
    const notified = await tx
      .select({ row: incidentCustomers, legalName: customers.legalName })
      .from(incidentCustomers)
      .innerJoin(customers, eq(customers.id, incidentCustomers.customerId))
      .where(
        and(
          eq(incidentCustomers.incidentId, incidentId),
          inArray(incidentCustomers.status, ['notice_sent', 'acknowledged']),
        ),
      );
    let chosen = notified;
    if (input.customerIds) {
      chosen = input.customerIds.map((id, i) => {
        const found = notified.find((n) => n.row.customerId === id);
        if (!found) {
          throw badRequest(
            'breaches.not_notified',
            'This customer has not had its notice yet.',
            `body.customerIds.${i}`,
          );
        }
        return found;
      });
    }
    if (chosen.length === 0) {
      throw badRequest('breaches.nobody_notified', 'No customer has had its notice yet.', 'body.customerIds');
    }
    const now = ctx.clock.now();
    for (const { row, legalName } of chosen) {
      const [last] = await tx
        .select()
        .from(incidentNotices)
        .where(eq(incidentNotices.incidentCustomerId, row.id))
        .orderBy(desc(incidentNotices.version))
        .limit(1);
      const previous = contentOf(last!.content);
      const content: NoticeContent = {
        ...previous,
        title: incident.title,
        summary: incident.summary,
        rootCause: incident.rootCause ?? previous.rootCause,
        occurredFrom: incident.occurredFrom?.toISOString() ?? null,
        occurredTo: incident.occurredTo?.toISOString() ?? null,
        ongoing: incident.ongoing,
        aspects: incident.aspects,
        actions: incident.actions,
        encryption: incident.encryption,
        affectedSystems: incident.affectedSystems,
        measuresTaken: incident.measuresTaken,
        measuresPlanned: incident.measuresPlanned,
        likelyConsequences: incident.likelyConsequences ?? previous.likelyConsequences,
        dataTypes: row.dataTypes,
        personsMin: row.personsMin ?? previous.personsMin,
        personsMax: row.personsMax ?? previous.personsMax,
        subjectsGroup: row.subjectsGroup,
        vulnerableGroup: row.vulnerableGroup,
        contactsKnown: row.contactsKnown,
      };
      const version = last!.version + 1;
      const mail = noticeMail(content, last!.language, legalName, `${links.publicUrl}/portal/breaches`);
      const nl = last!.language === 'nl';
      for (const address of last!.sentTo) {
        await queueEmail(tx, ctx, {
          to: address,
          template: 'notice',
          locale: last!.language,
          data: {
            ...mail,
            subject: `${nl ? 'Update' : 'Update'} ${version - 1} — ${mail.subject}`,
            paragraphs: [
              `${nl ? 'Wat is er veranderd' : 'What changed'}: ${input.changes}`,
              ...mail.paragraphs,
            ],
          },
          related: { type: 'customer', id: row.customerId },
          sensitive: true,
        });
      }
      const [notice] = await tx
        .insert(incidentNotices)
        .values({
          incidentCustomerId: row.id,
          customerId: row.customerId,
          version,
          changes: input.changes,
          language: last!.language,
          content,
          sentTo: last!.sentTo,
          sentBy: ctx.actor.label,
          sentAt: now,
        })
        .returning({ id: incidentNotices.id });
      await recordAuditEvent(tx, ctx, {
        action: 'incident.update_sent',
        entityType: 'customer',
        entityId: row.customerId,
        after: {
          incidentId,
          reference: incident.reference,
          noticeId: notice!.id,
          version,
          changes: input.changes,
        },
      });
    }
    await tx
      .update(incidents)
      .set({ updateReminderAt: null, updatedAt: now })
      .where(eq(incidents.id, incidentId));
    return { sent: chosen.length };
  });
}

// Seed 8.2: an open incident whose notified customers have heard nothing for its update interval (24 hours by
// default) gets a reminder to the privacy desk, once per silence.
export async function remindUpdatesDue(deps: { db: Db; clock: Ctx['clock'] }) {
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: systemActor };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({ incident: incidents, lastSent: sql<Date>`max(${incidentNotices.sentAt})` })
      .from(incidentNotices)
      .innerJoin(incidentCustomers, eq(incidentCustomers.id, incidentNotices.incidentCustomerId))
      .innerJoin(incidents, eq(incidents.id, incidentCustomers.incidentId))
      .where(ne(incidents.status, 'closed'))
      .groupBy(incidents.id);
    const processor = await getProcessorProfile({ ...ctx, db: tx as Db });
    let reminded = 0;
    for (const { incident, lastSent } of rows) {
      const last = new Date(lastSent);
      const due = new Date(last.getTime() + incident.updateIntervalHours * 3600 * 1000);
      if (due > now || (incident.updateReminderAt && incident.updateReminderAt > last)) {
        continue;
      }
      await tx.update(incidents).set({ updateReminderAt: now }).where(eq(incidents.id, incident.id));
      reminded++;
      if (processor.privacyContactEmail.trim()) {
        await queueEmail(tx, ctx, {
          to: processor.privacyContactEmail,
          template: 'notice',
          locale: 'nl',
          data: {
            subject: `Update verwacht: ${incident.reference} ${incident.title}`,
            paragraphs: [
              `De getroffen klanten hebben sinds ${when(last.toISOString(), 'nl')} niets meer gehoord over ${incident.reference}. Houd ze op de hoogte van de ontwikkelingen en maatregelen (artikel 8.2), of sluit het incident als het is afgehandeld.`,
            ],
          },
        });
      }
    }
    return { reminded };
  });
}

// ---- the customer's own report -------------------------------------------------------------------------------

// The notice laid out like the sections of the AP's breach form (meldformulier datalekken), so the customer can
// file its own report if it decides to (clause 8.3: we never do). Fields only the customer knows stay empty.
export function apFormOf(notice: { content: NoticeContent; version: number; sentAt: string }) {
  const c = notice.content;
  return {
    source: `Notice ${c.reference} v${notice.version} from ${c.processorContact.organisation}, ${notice.sentAt}`,
    '0_about': { kind: null, previousReference: null, regulation: 'AVG' },
    '1_contact': {
      organisation: null,
      notifier: null,
      otherOrganisationInvolved: { involved: true, name: c.processorContact.organisation, role: 'processor' },
    },
    '2_timeline': {
      occurredFrom: c.occurredFrom,
      occurredTo: c.occurredTo,
      processorDiscoveredAt: c.discoveredAt,
      controllerAwareAt: notice.sentAt,
      ongoing: c.ongoing,
    },
    '3_breach': {
      summary: c.summary,
      systems: c.affectedSystems,
      nature: { aspects: c.aspects, actions: c.actions },
      rootCause: c.rootCause,
    },
    '4_personalData': { types: c.dataTypes, specialCategories: null, approximateRecords: null },
    '5_persons': {
      group: c.subjectsGroup,
      min: c.personsMin,
      max: c.personsMax,
      vulnerableGroups: c.vulnerableGroup,
    },
    '6_measuresBefore': { encryption: c.encryption },
    // the likely consequences as the processor sees them; which harm and how severe is the customer's assessment
    '7_consequences': {
      aspects: c.aspects,
      likelyConsequences: c.likelyConsequences,
      harm: null,
      severity: null,
    },
    '8_followUp': {
      informDataSubjects: null,
      contactDetailsKnown: c.contactsKnown,
      remedialMeasures: [c.measuresTaken, c.measuresPlanned].filter(Boolean).join('\n') || null,
      international: null,
    },
    '9_other': null,
  };
}
