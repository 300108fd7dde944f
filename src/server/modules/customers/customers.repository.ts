import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.ts';
import type { CustomerListQuery } from './customers.schemas.ts';
import {
  agreementServices,
  agreements,
  customerContacts,
  customers,
  dpaSignatures,
  dpas,
  instructionAttachments,
  instructions,
} from './customers.table.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type AgreementRow = typeof agreements.$inferSelect;
export type DpaRow = typeof dpas.$inferSelect;

const one = <T>(rows: T[]) => rows[0] ?? null;

export const findCustomer = async (db: DbOrTx, id: string) =>
  one(await db.select().from(customers).where(eq(customers.id, id)));
// Serialises changes to one customer's contacts, so two removals cannot each leave the other as the last ICT lead.
export const lockCustomer = (db: DbOrTx, id: string) =>
  db.select({ id: customers.id }).from(customers).where(eq(customers.id, id)).for('update');
export const findCustomerByKvk = async (db: DbOrTx, kvk: string) =>
  one(await db.select().from(customers).where(eq(customers.kvkNumber, kvk)));
export const insertCustomer = async (db: DbOrTx, row: typeof customers.$inferInsert) =>
  (await db.insert(customers).values(row).returning())[0]!;
export const updateCustomer = async (db: DbOrTx, id: string, patch: Partial<typeof customers.$inferInsert>) =>
  (await db.update(customers).set(patch).where(eq(customers.id, id)).returning())[0]!;

export const listContacts = (db: DbOrTx, customerId: string) =>
  db
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.customerId, customerId), isNull(customerContacts.removedAt)))
    .orderBy(asc(customerContacts.name));
export const findContact = async (db: DbOrTx, customerId: string, id: string) =>
  one(
    await db
      .select()
      .from(customerContacts)
      .where(
        and(
          eq(customerContacts.id, id),
          eq(customerContacts.customerId, customerId),
          isNull(customerContacts.removedAt),
        ),
      ),
  );
export const insertContact = async (db: DbOrTx, row: typeof customerContacts.$inferInsert) =>
  (await db.insert(customerContacts).values(row).returning())[0]!;
export const updateContact = async (
  db: DbOrTx,
  id: string,
  patch: Partial<typeof customerContacts.$inferInsert>,
) => (await db.update(customerContacts).set(patch).where(eq(customerContacts.id, id)).returning())[0]!;

export const listAgreements = (db: DbOrTx, customerId: string) =>
  db
    .select()
    .from(agreements)
    .where(eq(agreements.customerId, customerId))
    .orderBy(desc(agreements.startDate));
export const findAgreement = async (db: DbOrTx, customerId: string, id: string) =>
  one(
    await db
      .select()
      .from(agreements)
      .where(and(eq(agreements.id, id), eq(agreements.customerId, customerId))),
  );
export const findAgreementByReference = async (db: DbOrTx, reference: string) =>
  one(await db.select().from(agreements).where(eq(agreements.reference, reference)));
export const insertAgreement = async (db: DbOrTx, row: typeof agreements.$inferInsert) =>
  (await db.insert(agreements).values(row).returning())[0]!;
export const updateAgreement = async (
  db: DbOrTx,
  id: string,
  patch: Partial<typeof agreements.$inferInsert>,
) => (await db.update(agreements).set(patch).where(eq(agreements.id, id)).returning())[0]!;

export const listServices = (db: DbOrTx, agreementIds: string[]) =>
  agreementIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(agreementServices)
        .where(inArray(agreementServices.agreementId, agreementIds))
        .orderBy(asc(agreementServices.startDate));
export const findService = async (db: DbOrTx, agreementId: string, id: string) =>
  one(
    await db
      .select()
      .from(agreementServices)
      .where(and(eq(agreementServices.id, id), eq(agreementServices.agreementId, agreementId))),
  );
export const insertService = async (db: DbOrTx, row: typeof agreementServices.$inferInsert) =>
  (await db.insert(agreementServices).values(row).returning())[0]!;
export const updateService = async (
  db: DbOrTx,
  id: string,
  patch: Partial<typeof agreementServices.$inferInsert>,
) => (await db.update(agreementServices).set(patch).where(eq(agreementServices.id, id)).returning())[0]!;

export const listDpas = (db: DbOrTx, agreementIds: string[]) =>
  agreementIds.length === 0
    ? Promise.resolve([])
    : db.select().from(dpas).where(inArray(dpas.agreementId, agreementIds)).orderBy(desc(dpas.version));
export const findDpa = async (db: DbOrTx, agreementId: string, id: string) =>
  one(
    await db
      .select()
      .from(dpas)
      .where(and(eq(dpas.id, id), eq(dpas.agreementId, agreementId))),
  );
export const insertDpa = async (db: DbOrTx, row: typeof dpas.$inferInsert) =>
  (await db.insert(dpas).values(row).returning())[0]!;
export const updateDpa = async (db: DbOrTx, id: string, patch: Partial<typeof dpas.$inferInsert>) =>
  (await db.update(dpas).set(patch).where(eq(dpas.id, id)).returning())[0]!;

export const listSignatures = (db: DbOrTx, dpaIds: string[]) =>
  dpaIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          id: dpaSignatures.id,
          dpaId: dpaSignatures.dpaId,
          party: dpaSignatures.party,
          signerName: dpaSignatures.signerName,
          signerRole: dpaSignatures.signerRole,
          signedAt: dpaSignatures.signedAt,
          method: dpaSignatures.method,
          fileName: dpaSignatures.fileName,
          fileSha256: dpaSignatures.fileSha256,
          accountId: dpaSignatures.accountId,
          ip: dpaSignatures.ip,
        })
        .from(dpaSignatures)
        .where(inArray(dpaSignatures.dpaId, dpaIds))
        .orderBy(asc(dpaSignatures.signedAt));
export const insertSignature = async (db: DbOrTx, row: typeof dpaSignatures.$inferInsert) =>
  (await db.insert(dpaSignatures).values(row).returning())[0]!;
export const findSignatureFile = async (db: DbOrTx, dpaId: string, id: string) =>
  one(
    await db
      .select({ file: dpaSignatures.file, fileName: dpaSignatures.fileName })
      .from(dpaSignatures)
      .where(and(eq(dpaSignatures.id, id), eq(dpaSignatures.dpaId, dpaId))),
  );

export const listInstructions = (db: DbOrTx, customerId: string) =>
  db
    .select()
    .from(instructions)
    .where(eq(instructions.customerId, customerId))
    .orderBy(desc(instructions.receivedOn), desc(instructions.createdAt));
export const findInstruction = async (db: DbOrTx, customerId: string, id: string) =>
  one(
    await db
      .select()
      .from(instructions)
      .where(and(eq(instructions.id, id), eq(instructions.customerId, customerId))),
  );
export const insertInstruction = async (db: DbOrTx, row: typeof instructions.$inferInsert) =>
  (await db.insert(instructions).values(row).returning())[0]!;
export const updateInstruction = async (
  db: DbOrTx,
  id: string,
  patch: Partial<typeof instructions.$inferInsert>,
) => (await db.update(instructions).set(patch).where(eq(instructions.id, id)).returning())[0]!;
export const insertAttachment = (db: DbOrTx, row: typeof instructionAttachments.$inferInsert) =>
  db.insert(instructionAttachments).values(row);
export const listAttachments = (db: DbOrTx, instructionIds: string[]) =>
  instructionIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          id: instructionAttachments.id,
          instructionId: instructionAttachments.instructionId,
          fileName: instructionAttachments.fileName,
          mime: instructionAttachments.mime,
          sha256: instructionAttachments.sha256,
        })
        .from(instructionAttachments)
        .where(inArray(instructionAttachments.instructionId, instructionIds));
export const findAttachment = async (db: DbOrTx, instructionId: string, id: string) =>
  one(
    await db
      .select()
      .from(instructionAttachments)
      .where(and(eq(instructionAttachments.id, id), eq(instructionAttachments.instructionId, instructionId))),
  );

// A customer's status is its newest agreement's. The page is chosen first (filters and sort over one join with
// each customer's newest agreement), and only the page's rows get their services and DPA status, so a list
// stays fast at 10,000 customers: measured by scripts/bench-customers.ts.
const sortColumns = {
  legalName: 'lower(c.legal_name)',
  kvkNumber: 'c.kvk_number',
  city: 'lower(c.city)',
  createdAt: 'c.created_at',
} as const;

export async function searchCustomers(db: DbOrTx, query: CustomerListQuery, today: string) {
  const conditions: SQL[] = [sql`true`];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(
      sql`(c.legal_name ilike ${like} or c.kvk_number like ${`${query.q.replace(/[\\%_]/g, '')}%`} or c.city ilike ${like})`,
    );
  }
  if (query.status) {
    conditions.push(sql`coalesce(cur.status, 'none') = ${query.status}`);
  }
  if (query.demo) {
    conditions.push(sql`c.is_demo = ${query.demo === 'true'}`);
  }
  if (query.serviceLine) {
    conditions.push(sql`exists (select 1 from agreement_services s where s.agreement_id = cur.agreement_id and s.service_line_code = ${query.serviceLine}
      and s.start_date <= ${today}::date and (s.end_date is null or s.end_date >= ${today}::date))`);
  }
  const where = sql.join(conditions, sql` and `);
  const from = sql`from customers c left join (
      select distinct on (a.customer_id) a.customer_id, a.id as agreement_id,
        case when a.end_date is not null and a.end_date < ${today}::date then 'ended'
             when a.notice_given_on is not null or a.end_date is not null then 'terminated' else 'active' end as status
      from agreements a order by a.customer_id, a.start_date desc) cur on cur.customer_id = c.id
    where ${where}`;
  const order = sql.raw(`${sortColumns[query.sort]} ${query.order === 'asc' ? 'asc' : 'desc'}, c.id asc`);
  const [page, count] = await Promise.all([
    db.execute<{
      id: string;
      legal_name: string;
      kvk_number: string;
      city: string;
      is_demo: boolean;
      status: string | null;
      agreement_id: string | null;
    }>(
      sql`select c.id, c.legal_name, c.kvk_number, c.city, c.is_demo, cur.status, cur.agreement_id ${from} order by ${order} limit ${query.limit} offset ${query.offset}`,
    ),
    db.execute<{ n: string | number }>(sql`select count(*) as n ${from}`),
  ]);
  const agreementIds = page.rows.flatMap((r) => (r.agreement_id ? [r.agreement_id] : []));
  const [services, dpaRows] = agreementIds.length
    ? await Promise.all([
        db
          .select({
            agreementId: agreementServices.agreementId,
            code: agreementServices.serviceLineCode,
            startDate: agreementServices.startDate,
            endDate: agreementServices.endDate,
          })
          .from(agreementServices)
          .where(inArray(agreementServices.agreementId, agreementIds)),
        db
          .select({ agreementId: dpas.agreementId, status: dpas.status, version: dpas.version })
          .from(dpas)
          .where(inArray(dpas.agreementId, agreementIds))
          .orderBy(desc(dpas.version)),
      ])
    : [[], []];
  return {
    items: page.rows.map((r) => ({
      id: r.id,
      legalName: r.legal_name,
      kvkNumber: r.kvk_number,
      city: r.city,
      isDemo: r.is_demo,
      status: (r.status ?? 'none') as 'active' | 'terminated' | 'ended' | 'none',
      services: [
        ...new Set(
          services
            .filter(
              (s) =>
                s.agreementId === r.agreement_id &&
                s.startDate <= today &&
                (s.endDate === null || s.endDate >= today),
            )
            .map((s) => s.code),
        ),
      ].sort(),
      // the version in force if there is one, else the newest; ended with its agreement (clause 2.3)
      dpaStatus: listedDpaStatus(
        dpaRows.filter((d) => d.agreementId === r.agreement_id),
        r.status,
      ),
    })),
    total: Number(count.rows[0]?.n ?? 0),
  };
}

function listedDpaStatus(versions: { status: DpaRow['status'] }[], agreement: string | null) {
  const shown = versions.find((d) => d.status === 'active') ?? versions[0];
  if (!shown) {
    return null;
  }
  return agreement === 'ended' && shown.status !== 'superseded' ? 'ended' : shown.status;
}
