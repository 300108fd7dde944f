import { DateTime } from 'luxon';
import { type Ctx, systemActor } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { recordAuditEvent } from '../audit/audit.usecases.ts';
import { localDate, zone } from '../customers/customers.models.ts';
import { queueEmail } from '../mail/mail.usecases.ts';
import { loadSnapshot } from '../register/register.usecases.ts';
import { getProcessorProfile } from '../settings/settings.usecases.ts';
import * as repo from './subprocessors.repository.ts';
import type { AlertKind } from './subprocessors.table.ts';

type ReadCtx = Pick<Ctx, 'db' | 'clock'>;

export async function listAlerts(ctx: ReadCtx) {
  return (await repo.openAlerts(ctx.db)).map((a) => ({
    id: a.id,
    kind: a.kind,
    partyId: a.partyId,
    partyName: a.partyName,
    customerId: a.customerId,
    customerName: a.customerName,
    subject: a.subject,
    dueOn: a.dueOn,
    raisedAt: a.raisedAt.toISOString(),
  }));
}

type Wanted = {
  kind: AlertKind;
  partyId: string;
  customerId: string | null;
  subject: string;
  dueOn: string | null;
};

// What clause 3.5 and Chapter V need kept current: flow-down DPAs, certifications, DPF re-certification and the
// periodic review of each sub-processor. Anything past its date is an alert until someone fixes the record.
function expiries(profiles: repo.ProfileRow[], names: Map<string, string>, today: string): Wanted[] {
  const out: Wanted[] = [];
  for (const p of profiles) {
    if (!names.has(p.partyId)) {
      continue; // retired
    }
    if (p.flowDownValidUntil && p.flowDownValidUntil < today) {
      out.push({
        kind: 'flow-down-expired',
        partyId: p.partyId,
        customerId: null,
        subject: 'flow-down DPA',
        dueOn: p.flowDownValidUntil,
      });
    }
    for (const c of p.certifications) {
      if (c.validUntil && c.validUntil < today) {
        out.push({
          kind: 'certification-expired',
          partyId: p.partyId,
          customerId: null,
          subject: c.name,
          dueOn: c.validUntil,
        });
      }
    }
    if (p.dpfCertified && p.dpfRecertifyBy && p.dpfRecertifyBy < today) {
      out.push({
        kind: 'dpf-recertification-due',
        partyId: p.partyId,
        customerId: null,
        subject: 'Data Privacy Framework',
        dueOn: p.dpfRecertifyBy,
      });
    }
    if (p.reviewDueOn && p.reviewDueOn < today) {
      out.push({
        kind: 'review-due',
        partyId: p.partyId,
        customerId: null,
        subject: 'review',
        dueOn: p.reviewDueOn,
      });
    }
  }
  return out;
}

// The daily check (subprocessors.jobs.ts): escalates requests whose window passed (silence is never consent, so
// the pair stays "asked"), reminds customers a week before the window closes, and raises expiry alerts.
export async function runDailyCheck(deps: { db: Db; clock: Ctx['clock'] }) {
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: systemActor };
  const now = ctx.clock.now();
  const today = localDate(now);
  return ctx.db.transaction(async (tx) => {
    const snapshot = await loadSnapshot(tx);
    const names = new Map(snapshot.parties.filter((p) => p.retiredAt === null).map((p) => [p.id, p.name]));
    const asked = await repo.askedConsents(tx);
    const processor = await getProcessorProfile({ ...ctx, db: tx as Db });
    const wanted = expiries(await repo.listProfiles(tx), names, today);
    const escalated: string[] = [];
    let reminded = 0;
    for (const row of asked) {
      const party = snapshot.parties.find((p) => p.id === row.partyId)?.name ?? row.partyId;
      if (row.respondBy && row.respondBy < now) {
        wanted.push({
          kind: 'consent-overdue',
          partyId: row.partyId,
          customerId: row.customerId,
          subject: `${row.legalName}: ${party}`,
          dueOn: localDate(row.respondBy),
        });
        if (!row.escalatedAt) {
          await repo.updateConsent(tx, row.id, { escalatedAt: now, updatedAt: now });
          await recordAuditEvent(tx, ctx, {
            action: 'subprocessor.consent_escalated',
            entityType: 'customer',
            entityId: row.customerId,
            after: {
              consentId: row.id,
              partyId: row.partyId,
              name: party,
              respondBy: row.respondBy,
              state: 'asked',
            },
          });
          escalated.push(
            `${row.legalName} — ${party} (antwoord verwacht uiterlijk ${localDate(row.respondBy)})`,
          );
        }
      } else if (
        row.respondBy &&
        !row.remindedAt &&
        DateTime.fromJSDate(row.respondBy, { zone }).minus({ days: 7 }).toJSDate() <= now
      ) {
        await repo.updateConsent(tx, row.id, { remindedAt: now, updatedAt: now });
        await recordAuditEvent(tx, ctx, {
          action: 'subprocessor.consent_reminded',
          entityType: 'customer',
          entityId: row.customerId,
          after: { consentId: row.id, partyId: row.partyId, respondBy: row.respondBy },
        });
        reminded++;
        await remindCustomer(tx as Db, ctx, row, party, processor.legalName);
      }
    }
    // Raise what is wanted and not open yet; resolve what is open and no longer wanted.
    const open = await repo.openAlerts(tx);
    const key = (a: { kind: string; partyId: string; subject: string }) =>
      `${a.kind}|${a.partyId}|${a.subject}`;
    const wantedKeys = new Set(wanted.map(key));
    const openKeys = new Set(open.map(key));
    let raised = 0;
    for (const w of wanted) {
      if (!openKeys.has(key(w))) {
        await repo.insertAlert(tx, { ...w, raisedAt: now });
        raised++;
      }
    }
    let resolved = 0;
    for (const a of open) {
      if (!wantedKeys.has(key(a))) {
        await repo.resolveAlert(tx, a.id, now);
        resolved++;
      }
    }
    if (escalated.length > 0 && processor.privacyContactEmail.trim()) {
      await queueEmail(tx, ctx, {
        to: processor.privacyContactEmail,
        template: 'notice',
        locale: 'nl',
        data: {
          subject: `${escalated.length} toestemmingsverzoek(en) sub-verwerker onbeantwoord na de termijn`,
          paragraphs: [
            'Deze klanten hebben niet binnen de termijn geantwoord. Stilzwijgen is geen toestemming: de sub-verwerker blijft voor hen niet actief. Neem contact op of trek het voorstel in.',
            ...escalated,
          ],
        },
      });
    }
    return { escalated: escalated.length, reminded, raised, resolved };
  });
}

async function remindCustomer(
  db: Db,
  ctx: Ctx,
  row: Awaited<ReturnType<typeof repo.askedConsents>>[number],
  party: string,
  processor: string,
) {
  const to = (await repo.consentRecipients(db, [row.customerId])).get(row.customerId) ?? [];
  const nl = row.locale === 'nl';
  const by = DateTime.fromJSDate(row.respondBy!, { zone })
    .setLocale(row.locale)
    .toLocaleString(DateTime.DATE_FULL);
  for (const address of to) {
    await queueEmail(db, ctx, {
      to: address,
      template: 'notice',
      locale: row.locale,
      data: nl
        ? {
            subject: `Herinnering: verzoek om toestemming voor sub-verwerker ${party}`,
            paragraphs: [
              `${processor} vroeg uw toestemming om ${party} in te schakelen als sub-verwerker. Wij hebben nog geen antwoord ontvangen; de termijn loopt af op ${by}.`,
              'Zonder uw toestemming schakelen wij deze sub-verwerker niet in voor uw gegevens.',
            ],
          }
        : {
            subject: `Reminder: consent requested for sub-processor ${party}`,
            paragraphs: [
              `${processor} asked for your consent to engage ${party} as a sub-processor. We have not received your answer yet; the window closes on ${by}.`,
              'Without your consent we will not engage this sub-processor for your data.',
            ],
          },
      related: { type: 'customer', id: row.customerId },
    });
  }
}

export async function publicSubprocessorList(ctx: Ctx) {
  const [snapshot, profiles, processor] = await Promise.all([
    loadSnapshot(ctx.db),
    repo.listProfiles(ctx.db),
    getProcessorProfile(ctx),
  ]);
  const used = new Set(
    snapshot.entries.filter((e) => e.retiredAt === null).flatMap((e) => e.subprocessors.map((s) => s.id)),
  );
  return {
    processor: processor.legalName,
    items: snapshot.parties
      .filter((p) => p.retiredAt === null && used.has(p.id))
      .map((p) => {
        const profile = profiles.find((x) => x.partyId === p.id);
        const countries = [
          ...new Set([
            ...(profile?.locations.map((l) => l.country) ?? []),
            ...(p.country ? [p.country] : []),
          ]),
        ];
        return {
          name: p.name,
          purposeNl: profile?.servicesNl ?? null,
          purposeEn: profile?.servicesEn ?? null,
          countries,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
  };
}
