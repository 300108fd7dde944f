import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { isInsideEea } from '../../../shared/eea.ts';
import type { Locale } from '../../../shared/roles.ts';
import type { Ctx } from '../../context.ts';
import type { Db, DbOrTx, Tx } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { localDate, servicesOnRecord, zone } from '../customers/customers.models.ts';
import { customers as customersTable } from '../customers/customers.table.ts';
import { findCustomerForAccess, getCustomer } from '../customers/customers.usecases.ts';
import {
  buildConsentDocument,
  type ConsentDocumentInput,
  consentStatement,
} from '../documents/documents.consent.ts';
import { renderPdf } from '../documents/documents.pdf.ts';
import { generatedDocuments } from '../documents/documents.table.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import * as registerRepo from '../register/register.repository.ts';
import { seedParties } from '../register/register.seed.ts';
import {
  beginChange,
  commitChange,
  isActiveServiceLine,
  loadSnapshot,
} from '../register/register.usecases.ts';
import { getProcessorProfile } from '../settings/settings.usecases.ts';
import {
  classifyLocations,
  consentOf,
  createsCycle,
  factsOf,
  type StoredConsent,
  transferProblems,
} from './subprocessors.models.ts';
import * as repo from './subprocessors.repository.ts';
import type {
  AnswerFields,
  ConsentView,
  ProfileFields,
  ProposalFields,
  ProposalView,
  StaffAnswerFields,
  SubprocessorView,
} from './subprocessors.schemas.ts';
import { subprocessorConsents } from './subprocessors.table.ts';

export type Links = { publicUrl: string };
type ReadCtx = Pick<Ctx, 'db' | 'clock'>;

// Clause 5.1 sets no term for the customer's answer; 30 days is the default window of a consent request.
export const defaultResponseDays = 30;
// A reminder goes out this many days before the window closes.
const _reminderDays = 7;

const today = (ctx: Pick<Ctx, 'clock'>) => localDate(ctx.clock.now());
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const asDb = (tx: DbOrTx) => tx as Db;

const storedOf = (row: repo.ConsentRow | undefined): StoredConsent | null => (row ? { ...row } : null);

// ---- the register of sub-processors -----------------------------------------------------------------------

function presentProfile(profile: repo.ProfileRow | undefined): SubprocessorView['profile'] {
  if (!profile) {
    return null;
  }
  const { partyId: _p, createdAt: _c, updatedAt: _u, flowDownFileMime: _m, ...fields } = profile;
  return {
    ...fields,
    locations: profile.locations.map((l) => ({ ...l, kind: l.kind ?? 'both' })),
    certifications: profile.certifications.map((c) => ({ ...c, validUntil: c.validUntil ?? null })),
  };
}

export async function listSubprocessors(ctx: ReadCtx): Promise<SubprocessorView[]> {
  const day = today(ctx);
  const [snapshot, profiles, consents, alerts, running, dpaDates] = await Promise.all([
    loadSnapshot(ctx.db),
    repo.listProfiles(ctx.db),
    ctx.db.select().from(subprocessorConsents),
    repo.openAlerts(ctx.db),
    repo.runningServices(ctx.db, day),
    repo.allCustomerIds(ctx.db).then((ids) => repo.dpaConsentDates(ctx.db, ids)),
  ]);
  const linesOf = new Map<string, Set<string>>();
  for (const r of running) {
    linesOf.set(r.customerId, (linesOf.get(r.customerId) ?? new Set()).add(r.code));
  }
  const byParty = new Map(profiles.map((p) => [p.partyId, p]));
  const names = new Map(snapshot.parties.map((p) => [p.id, p.name]));
  return snapshot.parties
    .map((party) => {
      const profile = byParty.get(party.id);
      const locations = classifyLocations(factsOf(profile), day);
      const entries = snapshot.entries.filter(
        (e) => e.retiredAt === null && e.subprocessors.some((s) => s.id === party.id),
      );
      // Customers per consent state: the stored answers, and for the agreement's own sub-processors the
      // customers that took (or will take, once signed) them by the DPA.
      const consentCounts: Record<string, number> = {};
      const answered = new Set<string>();
      for (const c of consents) {
        if (c.partyId === party.id && c.state !== 'cancelled') {
          consentCounts[c.state] = (consentCounts[c.state] ?? 0) + 1;
          answered.add(c.customerId);
        }
      }
      if (profile?.namedInAgreement) {
        const lines = new Set(entries.map((e) => e.serviceLine));
        for (const [customerId, taken] of linesOf) {
          if (!answered.has(customerId) && [...taken].some((code) => lines.has(code))) {
            const state = dpaDates.has(customerId) ? 'given' : 'by-signature';
            consentCounts[state] = (consentCounts[state] ?? 0) + 1;
          }
        }
      }
      const parentId = profile?.engagedByPartyId ?? null;
      return {
        id: party.id,
        name: party.name,
        legalName: party.legalName,
        country: party.country,
        retiredAt: party.retiredAt,
        profile: presentProfile(profile),
        locations,
        transferOutsideEea: locations.some((l) => l.zone !== 'eea'),
        transferProblems: transferProblems(locations),
        engagedBy: parentId ? { id: parentId, name: names.get(parentId) ?? parentId } : null,
        engages: profiles
          .filter((p) => p.engagedByPartyId === party.id)
          .map((p) => ({ id: p.partyId, name: names.get(p.partyId) ?? p.partyId })),
        entries: entries.map((e) => ({ id: e.id, serviceLine: e.serviceLine, dataTypeNl: e.dataTypeNl })),
        serviceLines: [...new Set(entries.map((e) => e.serviceLine))],
        consentCounts,
        alerts: alerts
          .filter((a) => a.partyId === party.id)
          .map((a) => ({ kind: a.kind, subject: a.subject, dueOn: a.dueOn })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export async function getSubprocessor(ctx: ReadCtx, partyId: string) {
  const found = (await listSubprocessors(ctx)).find((s) => s.id === partyId);
  if (!found) {
    throw notFound('Sub-processor');
  }
  return found;
}

async function activePartyOrThrow(db: DbOrTx, partyId: string, field: string) {
  const party = await repo.findPartyRow(db, partyId);
  if (!party) {
    throw field === 'params.partyId'
      ? notFound('Sub-processor')
      : badRequest('subprocessors.unknown', 'No such sub-processor.', field);
  }
  if (party.retiredAt) {
    throw badRequest('subprocessors.retired', `${party.name} is retired.`, field);
  }
  return party;
}

function checkProfile(fields: ProfileFields) {
  if (
    fields.flowDownSignedOn &&
    fields.flowDownValidUntil &&
    fields.flowDownValidUntil < fields.flowDownSignedOn
  ) {
    throw badRequest(
      'subprocessors.flow_down_period',
      'The flow-down DPA cannot end before it was signed.',
      'body.flowDownValidUntil',
    );
  }
  if (fields.transferMechanism === 'scc' && !fields.sccModule) {
    throw badRequest(
      'subprocessors.scc_module',
      'Name the module of the standard contractual clauses.',
      'body.sccModule',
    );
  }
  const seen = new Set<string>();
  for (const [i, l] of fields.locations.entries()) {
    const key = `${l.country}:${l.kind}`;
    if (seen.has(key)) {
      throw badRequest(
        'subprocessors.duplicate_location',
        `${l.country} is listed twice.`,
        `body.locations.${i}.country`,
      );
    }
    seen.add(key);
  }
}

export async function saveProfile(ctx: Ctx, partyId: string, fields: ProfileFields) {
  checkProfile(fields);
  await ctx.db.transaction(async (tx) => {
    const party = await activePartyOrThrow(tx, partyId, 'params.partyId');
    if (fields.engagedByPartyId) {
      await activePartyOrThrow(tx, fields.engagedByPartyId, 'body.engagedByPartyId');
      const profiles = await repo.listProfiles(tx);
      const parentOf = new Map(profiles.map((p) => [p.partyId, p.engagedByPartyId]));
      if (createsCycle(partyId, fields.engagedByPartyId, parentOf)) {
        throw badRequest(
          'subprocessors.chain_cycle',
          `${party.name} cannot work for a party that (indirectly) works for it.`,
          'body.engagedByPartyId',
        );
      }
    }
    const before = await repo.findProfile(tx, partyId);
    const now = ctx.clock.now();
    const after = await repo.upsertProfile(tx, { partyId, ...fields, createdAt: now, updatedAt: now });
    await recordAuditEvent(tx, ctx, {
      action: before ? 'subprocessor.updated' : 'subprocessor.profiled',
      entityType: 'party',
      entityId: partyId,
      before: before ?? null,
      after,
    });
  });
  return getSubprocessor(ctx, partyId);
}

export async function saveFlowDownFile(ctx: Ctx, partyId: string, file: { fileName: string; bytes: Buffer }) {
  if (file.bytes.length === 0) {
    throw badRequest('subprocessors.empty_file', 'The file is empty.', 'body.dataBase64');
  }
  if (file.bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw badRequest('subprocessors.not_pdf', 'The flow-down DPA must be a PDF file.', 'body.dataBase64');
  }
  await ctx.db.transaction(async (tx) => {
    await activePartyOrThrow(tx, partyId, 'params.partyId');
    if (!(await repo.findProfile(tx, partyId))) {
      throw badRequest(
        'subprocessors.profile_missing',
        'Save the sub-processor’s details first.',
        'params.partyId',
      );
    }
    await repo.setFlowDownFile(tx, partyId, { ...file, mime: 'application/pdf' }, ctx.clock.now());
    await recordAuditEvent(tx, ctx, {
      action: 'subprocessor.flow_down_uploaded',
      entityType: 'party',
      entityId: partyId,
      after: { fileName: file.fileName, sha256: sha256(file.bytes), sizeBytes: file.bytes.length },
    });
  });
  return getSubprocessor(ctx, partyId);
}

export async function getFlowDownFile(ctx: ReadCtx, partyId: string) {
  const row = await repo.findFlowDownFile(ctx.db, partyId);
  if (!row?.file || !row.fileName) {
    throw notFound('Flow-down DPA');
  }
  return { body: row.file, fileName: row.fileName, contentType: row.mime ?? 'application/pdf' };
}

// ---- one customer's pairs ------------------------------------------------------------------------------

// Every sub-processor that does or could handle this customer's data: those on the register rows of its
// services, and any it has been asked about. Shared by the record, the documents, the portal and staff screens.
export async function consentsForCustomer(ctx: ReadCtx, customerId: string): Promise<ConsentView[]> {
  const [customer, snapshot, profiles, stored, dpaDates] = await Promise.all([
    getCustomer(ctx, customerId),
    loadSnapshot(ctx.db),
    repo.listProfiles(ctx.db),
    repo.consentsOfCustomer(ctx.db, customerId),
    repo.dpaConsentDates(ctx.db, [customerId]),
  ]);
  const codes = new Set(
    customer.agreements.flatMap((a) => servicesOnRecord(a).map((s) => s.serviceLineCode)),
  );
  const linesOf = new Map<string, Set<string>>();
  for (const entry of snapshot.entries) {
    if (entry.retiredAt !== null || !codes.has(entry.serviceLine)) {
      continue;
    }
    for (const sub of entry.subprocessors) {
      linesOf.set(sub.id, (linesOf.get(sub.id) ?? new Set()).add(entry.serviceLine));
    }
  }
  const storedBy = new Map(stored.map((s) => [s.partyId, s]));
  const profileBy = new Map(profiles.map((p) => [p.partyId, p]));
  const ids = new Set([
    ...linesOf.keys(),
    ...stored.filter((s) => s.state !== 'cancelled').map((s) => s.partyId),
  ]);
  const day = today(ctx);
  return snapshot.parties
    .filter((p) => ids.has(p.id))
    .map((party) =>
      consentOf({
        party,
        facts: factsOf(profileBy.get(party.id)),
        serviceLines: [...(linesOf.get(party.id) ?? [])],
        stored: storedOf(storedBy.get(party.id)),
        dpaConsentOn: dpaDates.get(customerId) ?? null,
        today: day,
      }),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

// The record's view of a sub-processor's whereabouts: outside the EEA as soon as one location is.
export function whereabouts(view: ConsentView, seat: string | null) {
  if (view.locations.length > 0) {
    return { country: seat, insideEea: view.locations.every((l) => l.zone === 'eea') };
  }
  return { country: seat, insideEea: seat === null ? null : isInsideEea(seat) };
}

// ---- proposals --------------------------------------------------------------------------------------------

function progressOf(rows: { state: string; respondBy: Date | null }[], now: Date): ProposalView['progress'] {
  const count = (state: string) => rows.filter((r) => r.state === state).length;
  return {
    customers: rows.length,
    asked: count('asked'),
    given: count('given'),
    objected: count('objected'),
    overdue: rows.filter((r) => r.state === 'asked' && r.respondBy !== null && r.respondBy < now).length,
    cancelled: count('cancelled'),
    withdrawn: count('withdrawn'),
  };
}

async function presentProposals(db: DbOrTx, rows: repo.ProposalRow[], now: Date) {
  const [snapshot, consents] = await Promise.all([
    loadSnapshot(db),
    repo.consentsOfProposals(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const party = (id: string) => ({ id, name: snapshot.parties.find((p) => p.id === id)?.name ?? id });
  return rows.map((row) => {
    const mine = consents.filter((c) => c.proposalId === row.id);
    return {
      id: row.id,
      kind: row.kind,
      party: party(row.partyId),
      replaces: row.replacesPartyId ? party(row.replacesPartyId) : null,
      serviceLineCodes: row.serviceLineCodes,
      entryIds: row.entryIds,
      reason: row.reason,
      effectiveFrom: row.effectiveFrom,
      windowDays: row.windowDays,
      respondBy: row.respondBy.toISOString(),
      status: row.status,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
      withdrawnReason: row.withdrawnReason,
      progress: progressOf(mine, now),
      customers: mine.map((c) => ({
        customerId: c.customerId,
        legalName: c.legalName,
        state: c.state,
        respondBy: c.respondBy?.toISOString() ?? null,
        escalatedAt: c.escalatedAt?.toISOString() ?? null,
        answeredAt: c.answeredAt?.toISOString() ?? null,
        answeredBy: c.answeredBy,
        objectionReason: c.objectionReason,
        objectionReasonable: c.objectionReasonable,
        objectionOutcome: c.objectionOutcome,
        transferConsentGiven: c.transferConsentGiven,
      })),
    };
  });
}

export async function listProposals(ctx: ReadCtx) {
  const rows = await repo.listProposalRows(ctx.db);
  return (await presentProposals(ctx.db, rows, ctx.clock.now())).map(({ customers: _c, ...p }) => p);
}

export async function getProposal(ctx: ReadCtx, id: string) {
  const row = await repo.findProposal(ctx.db, id);
  if (!row) {
    throw notFound('Proposal');
  }
  return (await presentProposals(ctx.db, [row], ctx.clock.now()))[0]!;
}

const countryNames = (codes: string[], locale: Locale) => {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  return codes.map((c) => names.of(c) ?? c).join(', ');
};

function requestMail(
  locale: Locale,
  facts: {
    processor: string;
    customer: string;
    party: string;
    services: string;
    what: string | null;
    reason: string;
    effectiveFrom: string;
    respondBy: Date;
    countries: string[];
    outside: string[];
    replaces: string | null;
    reminder: boolean;
  },
  url: string,
) {
  const by = DateTime.fromJSDate(facts.respondBy, { zone })
    .setLocale(locale)
    .toLocaleString(DateTime.DATE_FULL);
  const from = DateTime.fromISO(facts.effectiveFrom).setLocale(locale).toLocaleString(DateTime.DATE_FULL);
  if (locale === 'nl') {
    return {
      subject: `${facts.reminder ? 'Herinnering: ' : ''}verzoek om toestemming voor sub-verwerker ${facts.party}`,
      heading: 'Uw toestemming wordt gevraagd',
      paragraphs: [
        `${facts.processor} wil ${facts.party} inschakelen als sub-verwerker voor ${facts.services}${facts.replaces ? `, ter vervanging van ${facts.replaces}` : ''}, met ingang van ${from}. Volgens artikel 3.4 en 5.1 van de verwerkersovereenkomst doen wij dat alleen met uw voorafgaande schriftelijke toestemming.`,
        ...(facts.what ? [`Wat ${facts.party} doet: ${facts.what}`] : []),
        `Waarom: ${facts.reason}`,
        `Waar de gegevens worden verwerkt: ${countryNames(facts.countries, 'nl') || 'nog niet vastgelegd'}.`,
        ...(facts.outside.length > 0
          ? [
              `Dit is (deels) buiten de Europese Economische Ruimte (${countryNames(facts.outside, 'nl')}). Daarvoor vragen wij volgens artikel 6.1 ook uw uitdrukkelijke schriftelijke toestemming.`,
            ]
          : []),
        `Wij vragen u te antwoorden vóór ${by}. Zonder antwoord schakelen wij ${facts.party} niet in voor ${facts.customer}: stilzwijgen is geen toestemming.`,
      ],
      action: { label: 'Verzoek bekijken en beantwoorden', url },
    };
  }
  return {
    subject: `${facts.reminder ? 'Reminder: ' : ''}consent requested for sub-processor ${facts.party}`,
    heading: 'Your consent is requested',
    paragraphs: [
      `${facts.processor} would like to engage ${facts.party} as a sub-processor for ${facts.services}${facts.replaces ? `, replacing ${facts.replaces}` : ''}, from ${from}. Under clauses 3.4 and 5.1 of the data processing agreement we only do so with your prior written consent.`,
      ...(facts.what ? [`What ${facts.party} does: ${facts.what}`] : []),
      `Why: ${facts.reason}`,
      `Where the data are processed: ${countryNames(facts.countries, 'en') || 'not recorded yet'}.`,
      ...(facts.outside.length > 0
        ? [
            `This is (partly) outside the European Economic Area (${countryNames(facts.outside, 'en')}). Under clause 6.1 we also ask your explicit written consent to that transfer.`,
          ]
        : []),
      `Please answer before ${by}. Without an answer we will not engage ${facts.party} for ${facts.customer}: silence is not consent.`,
    ],
    action: { label: 'View and answer the request', url },
  };
}

export async function createProposal(ctx: Ctx, links: Links, fields: ProposalFields) {
  const id = await ctx.db.transaction(async (tx) => {
    const party = await activePartyOrThrow(tx, fields.partyId, 'body.partyId');
    const profile = await repo.findProfile(tx, party.id);
    if (!profile || profile.locations.length === 0) {
      throw badRequest(
        'subprocessors.locations_missing',
        `Record where ${party.name} processes and stores data before proposing it (clause 6.1).`,
        'body.partyId',
      );
    }
    const day = today(ctx);
    const problems = transferProblems(classifyLocations(factsOf(profile), day));
    if (problems.length > 0) {
      throw badRequest(
        'subprocessors.transfer_basis_missing',
        `${party.name} cannot receive customers' data: ${problems.join('; ')}.`,
        'body.partyId',
      );
    }
    let replaces: { id: string; name: string } | null = null;
    if (fields.kind === 'replace') {
      if (!fields.replacesPartyId || fields.replacesPartyId === fields.partyId) {
        throw badRequest(
          'subprocessors.replaces_missing',
          'Name the sub-processor being replaced.',
          'body.replacesPartyId',
        );
      }
      const old = await activePartyOrThrow(tx, fields.replacesPartyId, 'body.replacesPartyId');
      replaces = { id: old.id, name: old.name };
    }
    const codes = [...new Set(fields.serviceLineCodes)];
    for (const [i, code] of codes.entries()) {
      if (!(await isActiveServiceLine(tx, code))) {
        throw badRequest(
          'subprocessors.unknown_service',
          `No active service "${code}".`,
          `body.serviceLineCodes.${i}`,
        );
      }
    }
    if (fields.effectiveFrom < day) {
      throw badRequest(
        'subprocessors.effective_in_past',
        'Consent must come before the change (clause 3.4): the start date cannot lie in the past.',
        'body.effectiveFrom',
      );
    }
    const version = await beginChange(tx);
    const snapshot = await loadSnapshot(tx);
    const candidates = snapshot.entries.filter((e) => e.retiredAt === null && codes.includes(e.serviceLine));
    const entryIds = fields.entryIds ?? candidates.map((e) => e.id);
    for (const [i, entryId] of entryIds.entries()) {
      if (!candidates.some((e) => e.id === entryId)) {
        throw badRequest(
          'subprocessors.entry_outside_services',
          'This register row is not an active row of the chosen services.',
          `body.entryIds.${i}`,
        );
      }
    }
    const windowDays = fields.windowDays ?? defaultResponseDays;
    const now = ctx.clock.now();
    const respondBy = DateTime.fromISO(day, { zone }).plus({ days: windowDays }).endOf('day').toJSDate();
    const proposal = await repo.insertProposal(tx, {
      kind: fields.kind,
      partyId: party.id,
      replacesPartyId: replaces?.id ?? null,
      serviceLineCodes: codes,
      entryIds,
      reason: fields.reason,
      effectiveFrom: fields.effectiveFrom,
      windowDays,
      respondBy,
      status: 'open',
      createdBy: ctx.actor.label,
      createdAt: now,
    });
    await recordAuditEvent(tx, ctx, {
      action: 'subprocessor.proposal_created',
      entityType: 'subprocessor_proposal',
      entityId: proposal.id,
      after: proposal,
    });

    // The register's Annex 1 rows name the sub-processor from now on; per customer, only consent makes it active.
    const linked = candidates.filter(
      (e) => entryIds.includes(e.id) && !e.subprocessors.some((s) => s.id === party.id),
    );
    for (const entry of linked) {
      await registerRepo.updateEntry(tx, entry.id, { revision: entry.revision + 1, updatedAt: now });
      await registerRepo.replaceEntryParties(tx, entry.id, [
        ...entry.subprocessors.map((s) => s.id),
        party.id,
      ]);
    }
    if (linked.length > 0) {
      await commitChange(tx, ctx, version, {
        action: 'register.subprocessor_proposed',
        entityType: 'party',
        entityId: party.id,
        after: { proposalId: proposal.id, entryIds: linked.map((e) => e.id) },
        summary: `Proposed ${party.name} for ${linked.length} row(s) of ${codes.join(', ')}`,
      });
    }

    const customers = await repo.customersTaking(tx, codes, day);
    const ids = customers.map((c) => c.id);
    const dpaDates = await repo.dpaConsentDates(tx, ids);
    const recipients = await repo.consentRecipients(tx, ids);
    const processor = await getProcessorProfile({ ...ctx, db: asDb(tx) });
    const existing = new Map(
      (await repo.consentsOfParty(tx, party.id)).map((row) => [row.customerId, row] as const),
    );
    const facts = factsOf(profile);
    const locations = classifyLocations(facts, day);
    const outside = locations.filter((l) => l.needsTransferConsent).map((l) => l.country);
    for (const customer of customers) {
      const current = consentOf({
        party,
        facts,
        serviceLines: codes,
        stored: storedOf(existing.get(customer.id)),
        dpaConsentOn: dpaDates.get(customer.id) ?? null,
        today: day,
      });
      if (current.active) {
        continue; // consent already on file for exactly this: nothing to ask
      }
      const row = await repo.askConsent(tx, {
        customerId: customer.id,
        partyId: party.id,
        proposalId: proposal.id,
        state: 'asked',
        askedAt: now,
        respondBy,
        transferRequired: outside.length > 0,
        createdAt: now,
        updatedAt: now,
      });
      await recordAuditEvent(tx, ctx, {
        action: 'subprocessor.consent_requested',
        entityType: 'customer',
        entityId: customer.id,
        after: {
          consentId: row.id,
          partyId: party.id,
          name: party.name,
          proposalId: proposal.id,
          respondBy,
          transferRequired: row.transferRequired,
        },
      });
      const lineNames = codes
        .map((c) => snapshot.serviceLines.find((l) => l.code === c))
        .map((l) => (customer.locale === 'nl' ? l?.nameNl : l?.nameEn) ?? '')
        .join(', ');
      for (const to of recipients.get(customer.id) ?? []) {
        await queueEmail(tx, ctx, {
          to,
          template: 'notice',
          locale: customer.locale,
          data: requestMail(
            customer.locale,
            {
              processor: processor.legalName,
              customer: customer.legalName,
              party: party.name,
              services: lineNames,
              what:
                customer.locale === 'nl' ? profile.servicesNl : (profile.servicesEn ?? profile.servicesNl),
              reason: fields.reason,
              effectiveFrom: fields.effectiveFrom,
              respondBy,
              countries: [...new Set(profile.locations.map((l) => l.country))],
              outside,
              replaces: replaces?.name ?? null,
              reminder: false,
            },
            `${links.publicUrl}/portal/subprocessors`,
          ),
          related: { type: 'customer', id: customer.id },
        });
      }
    }
    return proposal.id;
  });
  return getProposal(ctx, id);
}

export async function withdrawProposal(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const proposal = await repo.findProposal(tx, id);
    if (!proposal) {
      throw notFound('Proposal');
    }
    if (proposal.status !== 'open') {
      throw conflict('subprocessors.proposal_not_open', `This proposal is ${proposal.status} already.`);
    }
    const now = ctx.clock.now();
    await repo.updateProposal(tx, id, { status: 'withdrawn', withdrawnAt: now, withdrawnReason: reason });
    const open = (await repo.consentsOfProposals(tx, [id])).filter((c) => c.state === 'asked');
    for (const row of open) {
      await repo.updateConsent(tx, row.id, { state: 'cancelled', updatedAt: now });
      await recordAuditEvent(tx, ctx, {
        action: 'subprocessor.consent_request_cancelled',
        entityType: 'customer',
        entityId: row.customerId,
        before: { consentId: row.id, state: 'asked' },
        after: { consentId: row.id, state: 'cancelled', proposalId: id, reason },
      });
    }
    await recordAuditEvent(tx, ctx, {
      action: 'subprocessor.proposal_withdrawn',
      entityType: 'subprocessor_proposal',
      entityId: id,
      before: { status: proposal.status },
      after: { status: 'withdrawn', reason, cancelled: open.length },
    });
  });
  return getProposal(ctx, id);
}

// ---- answers ----------------------------------------------------------------------------------------------

type AnswerHow = {
  method: 'portal' | 'email' | 'letter';
  answeredBy: string;
  answeredByEmail: string | null;
  answeredAt: Date;
  userId: string | null;
};

async function openRequestOrThrow(tx: Tx, customerId: string, partyId: string) {
  const row = await repo.lockConsent(tx, customerId, partyId);
  if (row?.proposalId) {
    const proposal = await repo.findProposal(tx, row.proposalId);
    if (proposal?.status === 'withdrawn') {
      throw conflict(
        'subprocessors.proposal_withdrawn',
        'This request was withdrawn; there is nothing to answer.',
      );
    }
  }
  if (!row) {
    throw notFound('Consent request');
  }
  if (row.state !== 'asked') {
    throw conflict('subprocessors.not_asked', 'There is no open consent request for this sub-processor.');
  }
  return row;
}

async function consentDocument(
  tx: Tx,
  ctx: Ctx,
  row: repo.ConsentRow,
  facts: {
    decision: 'give' | 'object';
    statement: string;
    how: AnswerHow;
    reason: string | null;
    transferGiven: boolean;
  },
) {
  const db = asDb(tx);
  const [customer] = await tx.select().from(customersTable).where(eq(customersTable.id, row.customerId));
  const processor = await getProcessorProfile({ ...ctx, db });
  const party = await repo.findPartyRow(tx, row.partyId);
  const profile = await repo.findProfile(tx, row.partyId);
  const proposal = row.proposalId ? await repo.findProposal(tx, row.proposalId) : undefined;
  const snapshot = await loadSnapshot(tx);
  if (!customer) {
    throw notFound('Customer');
  }
  const language = customer.locale;
  const address = (p: {
    street?: string | null;
    postalCode?: string | null;
    city?: string | null;
    country?: string | null;
  }) => [p.street, `${p.postalCode ?? ''} ${p.city ?? ''}`.trim(), p.country].filter(Boolean).join(', ');
  const replaces = proposal?.replacesPartyId
    ? await repo.findPartyRow(tx, proposal.replacesPartyId)
    : undefined;
  const input: ConsentDocumentInput = {
    language,
    decision: facts.decision,
    generatedAt: facts.how.answeredAt.toISOString(),
    processor: {
      legalName: processor.legalName,
      kvkNumber: processor.kvkNumber,
      address: address(processor),
      privacyContactName: processor.privacyContactName,
      privacyContactEmail: processor.privacyContactEmail,
    },
    customer: { legalName: customer.legalName, kvkNumber: customer.kvkNumber, address: address(customer) },
    answeredBy: { name: facts.how.answeredBy, email: facts.how.answeredByEmail, method: facts.how.method },
    subprocessor: {
      name: party!.name,
      legalName: party!.legalName,
      registrationNumber: profile?.registrationNumber ?? null,
      country: party!.country,
      address: profile ? address({ ...profile, country: party!.country }) || null : null,
      services:
        (language === 'nl' ? profile?.servicesNl : (profile?.servicesEn ?? profile?.servicesNl)) ?? null,
    },
    proposal: proposal
      ? {
          reason: proposal.reason,
          effectiveFrom: proposal.effectiveFrom,
          serviceLines: proposal.serviceLineCodes.map((c) => {
            const line = snapshot.serviceLines.find((l) => l.code === c);
            return (language === 'nl' ? line?.nameNl : line?.nameEn) ?? c;
          }),
          replaces: replaces?.name ?? null,
        }
      : null,
    locations: classifyLocations(factsOf(profile), localDate(facts.how.answeredAt)).map((l) => ({
      country: l.country,
      zone: l.zone,
      basis: l.basis,
    })),
    transferRequired: row.transferRequired,
    transferConsentGiven: facts.transferGiven,
    statement: facts.statement,
    objectionReason: facts.reason,
    reference: row.id,
  };
  const file = await renderPdf(buildConsentDocument(input));
  const slug = party!.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const base =
    language === 'nl'
      ? facts.decision === 'give'
        ? 'toestemming'
        : 'bezwaar'
      : facts.decision === 'give'
        ? 'consent'
        : 'objection';
  const [doc] = await tx
    .insert(generatedDocuments)
    .values({
      customerId: row.customerId,
      kind: 'consent',
      format: 'pdf',
      language,
      inputsSha256: sha256(canonicalize(input) ?? ''),
      inputs: input,
      fileName: `${base}-subverwerker-${slug}-${localDate(facts.how.answeredAt)}.pdf`,
      fileSha256: sha256(file),
      sizeBytes: file.length,
      file,
      createdBy: ctx.actor.label,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: generatedDocuments.id });
  return doc!.id;
}

async function closeIfAnswered(tx: Tx, ctx: Ctx, proposalId: string | null) {
  if (!proposalId) {
    return;
  }
  const rows = await repo.consentsOfProposals(tx, [proposalId]);
  if (rows.every((r) => r.state !== 'asked')) {
    await repo.updateProposal(tx, proposalId, { status: 'closed' });
    await recordAuditEvent(tx, ctx, {
      action: 'subprocessor.proposal_closed',
      entityType: 'subprocessor_proposal',
      entityId: proposalId,
      after: { status: 'closed', answers: rows.length },
    });
  }
}

// The customer's written answer (clause 3.4, 5.1): given, with the transfer consent of 6.1 where a location lies
// outside the EEA, or refused with a reason (consent is not withheld on unreasonable grounds). Stored with a PDF
// declaration naming both parties.
export async function answerConsent(
  ctx: Ctx,
  customerId: string,
  partyId: string,
  fields: AnswerFields,
  how: AnswerHow,
  hooks: { onAnswered?: (tx: Tx, view: { party: string; decision: string }) => Promise<void> } = {},
) {
  if (fields.decision === 'object' && (fields.reason ?? '').trim().length < 3) {
    throw badRequest('subprocessors.reason_required', 'Say why you object (clause 5.1).', 'body.reason');
  }
  if (how.answeredAt > ctx.clock.now()) {
    throw badRequest(
      'subprocessors.answer_in_future',
      'An answer cannot be dated in the future.',
      'body.answeredAt',
    );
  }
  await ctx.db.transaction(async (tx) => {
    const row = await openRequestOrThrow(tx, customerId, partyId);
    const profile = await repo.findProfile(tx, partyId);
    const locations = classifyLocations(factsOf(profile), today(ctx));
    const outside = locations.filter((l) => l.needsTransferConsent).map((l) => l.country);
    if (fields.decision === 'give' && outside.length > 0 && !fields.transferConsent) {
      throw badRequest(
        'subprocessors.transfer_consent_required',
        `Processing in ${outside.join(', ')} is outside the EEA and needs your explicit consent (clause 6.1).`,
        'body.transferConsent',
      );
    }
    const customer = await findCustomerForAccess(tx, customerId);
    const processor = await getProcessorProfile({ ...ctx, db: asDb(tx) });
    const party = await repo.findPartyRow(tx, partyId);
    const statement = consentStatement({
      language: customer.locale,
      decision: fields.decision,
      customer: customer.legalName,
      processor: processor.legalName,
      subprocessor: party!.name,
      transferCountries: fields.decision === 'give' ? outside : [],
    });
    const transferGiven = fields.decision === 'give' && outside.length > 0;
    const reason = fields.decision === 'object' ? fields.reason!.trim() : null;
    const documentId = await consentDocument(
      tx,
      ctx,
      { ...row, transferRequired: outside.length > 0 },
      {
        decision: fields.decision,
        statement,
        how,
        reason,
        transferGiven,
      },
    );
    const after = await repo.updateConsent(tx, row.id, {
      state: fields.decision === 'give' ? 'given' : 'objected',
      answeredAt: how.answeredAt,
      answeredBy: how.answeredBy,
      answeredByUserId: how.userId,
      method: how.method,
      statement,
      transferRequired: outside.length > 0,
      transferConsentGiven: transferGiven,
      transferStatement: transferGiven ? statement : null,
      objectionReason: reason,
      documentId,
      updatedAt: ctx.clock.now(),
    });
    await recordAuditEvent(tx, ctx, {
      action: fields.decision === 'give' ? 'subprocessor.consent_given' : 'subprocessor.consent_objected',
      entityType: 'customer',
      entityId: customerId,
      before: { consentId: row.id, state: row.state },
      after: {
        consentId: row.id,
        partyId,
        name: party!.name,
        state: after.state,
        method: how.method,
        answeredBy: how.answeredBy,
        transferConsentGiven: transferGiven,
        objectionReason: reason,
        documentId,
      },
    });
    await closeIfAnswered(tx, ctx, row.proposalId);
    await hooks.onAnswered?.(tx, { party: party!.name, decision: fields.decision });
  });
  return consentView(ctx, customerId, partyId);
}

export async function consentView(ctx: ReadCtx, customerId: string, partyId: string) {
  const view = (await consentsForCustomer(ctx, customerId)).find((v) => v.partyId === partyId);
  if (!view) {
    throw notFound('Sub-processor');
  }
  return view;
}

export const recordAnswerReceived = (
  ctx: Ctx,
  customerId: string,
  partyId: string,
  fields: StaffAnswerFields,
) =>
  answerConsent(ctx, customerId, partyId, fields, {
    method: fields.method,
    answeredBy: fields.answeredBy,
    answeredByEmail: null,
    answeredAt: new Date(fields.answeredAt),
    userId: null,
  });

export async function assessObjection(
  ctx: Ctx,
  customerId: string,
  partyId: string,
  fields: {
    reasonable: boolean;
    outcome: 'alternative' | 'termination' | 'proposal-withdrawn' | 'other';
    note?: string | undefined;
  },
) {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.lockConsent(tx, customerId, partyId);
    if (row?.state !== 'objected') {
      throw conflict('subprocessors.not_objected', 'Only an objection can be assessed.');
    }
    const after = await repo.updateConsent(tx, row.id, {
      objectionReasonable: fields.reasonable,
      objectionOutcome: fields.outcome,
      objectionNote: fields.note ?? null,
      assessedBy: ctx.actor.label,
      assessedAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    await recordAuditEvent(tx, ctx, {
      action: 'subprocessor.objection_assessed',
      entityType: 'customer',
      entityId: customerId,
      before: { consentId: row.id, reasonable: row.objectionReasonable, outcome: row.objectionOutcome },
      after: {
        consentId: row.id,
        reasonable: after.objectionReasonable,
        outcome: after.objectionOutcome,
        note: after.objectionNote,
      },
    });
  });
  return consentView(ctx, customerId, partyId);
}

// The customer takes its consent back (also for a sub-processor it accepted by signing the DPA); from now on the
// sub-processor is not active for it.
export async function withdrawConsent(ctx: Ctx, customerId: string, partyId: string, reason: string) {
  const before = await consentView(ctx, customerId, partyId);
  if (before.state !== 'given') {
    throw conflict('subprocessors.not_given', 'Only consent that was given can be withdrawn.');
  }
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await repo.lockConsent(tx, customerId, partyId);
    const values = {
      state: 'withdrawn' as const,
      withdrawnAt: now,
      withdrawalReason: reason,
      updatedAt: now,
    };
    const after = row
      ? await repo.updateConsent(tx, row.id, values)
      : await repo
          .askConsent(tx, {
            customerId,
            partyId,
            state: 'withdrawn',
            askedAt: null,
            respondBy: null,
            transferRequired: before.transferRequired,
            createdAt: now,
            updatedAt: now,
          })
          .then((r) => repo.updateConsent(tx, r.id, values));
    await recordAuditEvent(tx, ctx, {
      action: 'subprocessor.consent_withdrawn',
      entityType: 'customer',
      entityId: customerId,
      before: { state: before.state, basis: before.basis },
      after: { consentId: after.id, partyId, name: before.name, state: 'withdrawn', reason },
    });
  });
  return consentView(ctx, customerId, partyId);
}

// ---- the portal -------------------------------------------------------------------------------------------

export async function portalSubprocessors(ctx: ReadCtx, customerId: string) {
  const items = await consentsForCustomer(ctx, customerId);
  const asked = items.filter((i) => i.state === 'asked' && i.proposalId);
  const proposals = await Promise.all(asked.map((i) => repo.findProposal(ctx.db, i.proposalId!)));
  const names = new Map((await loadSnapshot(ctx.db)).parties.map((p) => [p.id, p.name]));
  return {
    items,
    requests: asked.map((item, i) => {
      const proposal = proposals[i]!;
      return {
        ...item,
        reasonForChange: proposal.reason,
        effectiveFrom: proposal.effectiveFrom,
        kind: proposal.kind,
        replaces: proposal.replacesPartyId ? (names.get(proposal.replacesPartyId) ?? null) : null,
      };
    }),
  };
}

// ---- seed -------------------------------------------------------------------------------------------------

// The nine sub-processors the agreement's Annex 1 names: a customer that signed the DPA consented to them on its
// effective date. Runs at every start and only adds a missing profile, so a privacy officer's edits stay.
export async function ensureAgreementSubprocessors(ctx: Ctx) {
  const snapshot = await loadSnapshot(ctx.db);
  const named = new Set<string>(seedParties.map((n) => n.toLowerCase()));
  const profiles = new Set((await repo.listProfiles(ctx.db)).map((p) => p.partyId));
  const missing = snapshot.parties.filter(
    (p) => p.retiredAt === null && named.has(p.name.toLowerCase()) && !profiles.has(p.id),
  );
  if (missing.length === 0) {
    return;
  }
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    for (const party of missing) {
      const after = await repo.upsertProfile(tx, {
        partyId: party.id,
        namedInAgreement: true,
        createdAt: now,
        updatedAt: now,
      });
      await recordAuditEvent(tx, ctx, {
        action: 'subprocessor.profiled',
        entityType: 'party',
        entityId: party.id,
        after,
      });
    }
  });
}
