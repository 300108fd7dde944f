import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createFixedClock } from '../src/server/clock.ts';
import { type Ctx, systemActor } from '../src/server/context.ts';
import type { Engine } from '../src/server/db/database.ts';
import { createTestDatabase } from '../src/server/db/test-database.ts';
import { incidentFieldsSchema } from '../src/server/modules/breaches/breaches.schemas.ts';
import { listOpenObligations, registerIncident } from '../src/server/modules/breaches/breaches.usecases.ts';
import {
  agreementServices,
  agreements,
  customerContacts,
  customers,
  dpaSignatures,
  dpas,
} from '../src/server/modules/customers/customers.table.ts';
import { listParties, seedRegister } from '../src/server/modules/register/register.usecases.ts';
import { ensureProcessorProfile } from '../src/server/modules/settings/settings.usecases.ts';

// Issue 8's scale: an incident at the VoIP sub-processor of an MSP with 10,000 customers, 6,000 of them on VoIP.
// Measures "compute impact and fan out" (every affected customer found through the register and its consent, one
// obligation each with its 24-hour deadline and Annex 3 answers drafted) and the p95 of the open-obligations list
// the dashboard polls. The baseline, measured in the same run on the same database, is the raw cost of writing as
// many rows of the same width in batches of 500. Goals (printed, never asserted): fan-out under 5 s, list p95
// under 100 ms. Runs on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
//
// npm run bench:breaches [-- --customers 10000 --affected 6000 --list-runs 50]

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    affected: { type: 'string', default: '6000' },
    'list-runs': { type: 'string', default: '50' },
  },
});
const total = Number(values.customers);
const affected = Number(values.affected);
const listRuns = Number(values['list-runs']);
const now = new Date('2026-06-15T10:00:00Z');

const chunks = <T>(items: T[], size = 500) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function seedCustomers(ctx: Ctx) {
  const stamp = { createdAt: now, updatedAt: now };
  const rows = Array.from({ length: total }, (_, i) => ({
    id: randomUUID(),
    legalName: `Benchklant ${String(i).padStart(5, '0')} B.V.`,
    kvkNumber: String(60_000_000 + i),
    street: 'Benchstraat 1',
    postalCode: '7600 AA',
    city: 'Almelo',
    ...stamp,
  }));
  for (const part of chunks(rows)) {
    await ctx.db.insert(customers).values(part);
    await ctx.db.insert(customerContacts).values(
      part.map((c) => ({
        customerId: c.id,
        name: `ICT ${c.kvkNumber}`,
        email: `ict@${c.kvkNumber}.example`,
        phone: '+31612345678',
        roles: ['ict-lead', 'privacy-contact'] as ('ict-lead' | 'privacy-contact')[],
        ...stamp,
      })),
    );
    const agreementRows = part.map((c) => ({
      id: randomUUID(),
      customerId: c.id,
      reference: `BENCH-${c.kvkNumber}`,
      startDate: '2025-01-01',
      ...stamp,
    }));
    await ctx.db.insert(agreements).values(agreementRows);
    await ctx.db.insert(agreementServices).values(
      agreementRows.map((a, j) => ({
        agreementId: a.id,
        // the first `affected` customers take VoIP, the others Cloud
        serviceLineCode: rows.indexOf(part[j]!) < affected ? 'voip' : 'cloud',
        startDate: '2025-01-01',
        ...stamp,
      })),
    );
    const dpaRows = agreementRows.map((a) => ({
      id: randomUUID(),
      agreementId: a.id,
      version: 1,
      status: 'active' as const,
      effectiveDate: '2025-01-05',
      ...stamp,
    }));
    await ctx.db.insert(dpas).values(dpaRows);
    await ctx.db.insert(dpaSignatures).values(
      dpaRows.map((d) => ({
        dpaId: d.id,
        party: 'customer' as const,
        signerName: 'Directeur',
        signerRole: 'Directeur',
        signedAt: new Date('2025-01-03T10:00:00Z'),
        method: 'uploaded_pdf' as const,
        recordedBy: 'bench',
        createdAt: now,
      })),
    );
  }
}

async function baseline(ctx: Ctx) {
  await ctx.db.execute(
    sql`create temporary table bench_baseline (id uuid, customer_id uuid, due_at timestamptz, answers jsonb)`,
  );
  const rows = Array.from({ length: affected }, () => ({
    id: randomUUID(),
    customer: randomUUID(),
    answers: JSON.stringify({ dataTypes: ['Gespreksgegevens', 'Voicemail'], subjectsGroup: 'medewerkers' }),
  }));
  const started = performance.now();
  await ctx.db.transaction(async (tx) => {
    for (const part of chunks(rows)) {
      await tx.execute(
        sql`insert into bench_baseline (id, customer_id, due_at, answers) select * from jsonb_to_recordset(${JSON.stringify(
          part.map((r) => ({
            id: r.id,
            customer_id: r.customer,
            due_at: now.toISOString(),
            answers: JSON.parse(r.answers),
          })),
        )}::jsonb) as x(id uuid, customer_id uuid, due_at timestamptz, answers jsonb)`,
      );
    }
  });
  return performance.now() - started;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function run(engine: Engine) {
  const database = await createTestDatabase(engine);
  const clock = createFixedClock(now.toISOString());
  const ctx: Ctx = { db: database.db, clock, actor: systemActor };
  try {
    await ensureProcessorProfile(ctx);
    await seedRegister(ctx);
    const seeding = performance.now();
    await seedCustomers(ctx);
    const seededMs = performance.now() - seeding;
    const enreach = (await listParties(ctx)).find((p) => p.name === 'Enreach/Routit')!;
    const baselineMs = await baseline(ctx);
    const started = performance.now();
    const incident = await registerIncident(
      ctx,
      incidentFieldsSchema.parse({
        title: 'Inbraak bij de VoIP-leverancier',
        summary: 'Onbevoegde toegang tot het telefonieplatform van de leverancier.',
        discoveredAt: new Date(now.getTime() - 30 * 60 * 1000).toISOString(),
        aspects: ['confidentiality'],
        partyIds: [enreach.id],
        severity: 'high',
        notifiable: true,
        decisionReasoning: 'Gespreksgegevens van klanten zijn ingezien.',
      }),
    );
    const fanOutMs = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < listRuns; i++) {
      const t0 = performance.now();
      await listOpenObligations(ctx);
      times.push(performance.now() - t0);
    }
    const found = incident.counts.included;
    console.log(
      [
        `${engine}: ${total} customers (seeded in ${(seededMs / 1000).toFixed(1)} s), ${found} affected (expected ${affected})`,
        `  impact + fan-out: ${(fanOutMs / 1000).toFixed(2)} s  (goal < 5 s) — ${(found / (fanOutMs / 1000)).toFixed(0)} obligations/s`,
        `  baseline (raw insert of ${affected} rows): ${(baselineMs / 1000).toFixed(2)} s — ratio ${(fanOutMs / baselineMs).toFixed(1)}×`,
        `  open-obligations list (500 rows): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms  (goal p95 < 100 ms)`,
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
}

for (const engine of (process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']) as Engine[]) {
  await run(engine);
}
