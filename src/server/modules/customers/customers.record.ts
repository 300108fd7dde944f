import { stringify } from 'csv-stringify/sync';
import { isInsideEea } from '../../../shared/eea.ts';
import { computeRetention } from '../../../shared/retention.ts';
import type { Ctx } from '../../context.ts';
import { getRegister } from '../register/register.usecases.ts';
import { getProcessorProfile } from '../settings/settings.usecases.ts';
import { listedInDpa } from '../subprocessors/subprocessors.models.ts';
import { consentsForCustomer, whereabouts } from '../subprocessors/subprocessors.usecases.ts';
import { localDate, servicesOnRecord } from './customers.models.ts';

export { servicesOnRecord };

import { getCustomer } from './customers.usecases.ts';

// The processor's record of processing for one controller, GDPR Art. 30(2): (a) both parties and their contacts,
// (b) the categories of processing carried out for it — the Annex 1 rows of the services it takes, (c) transfers
// outside the EEA, (d) a pointer to the security measures (Annex 2).
//
// Only sub-processors active for this customer appear (seed 3.4, 5.1, 6.1: prior written consent, and for a
// transfer outside the EEA explicit consent to it); the others are listed apart with the reason. A DPA still to be
// signed also names the agreement's own sub-processors, since signing it is the consent.
export async function buildCustomerRecord(ctx: Ctx, customerId: string, options: { forDpa?: boolean } = {}) {
  const [customer, register, processor, consents] = await Promise.all([
    getCustomer(ctx, customerId),
    getRegister(ctx, { includeRetired: false }),
    getProcessorProfile(ctx),
    consentsForCustomer(ctx, customerId),
  ]);
  const allowed = new Set(
    consents.filter((c) => (options.forDpa ? listedInDpa(c) : c.active)).map((c) => c.name),
  );
  const day = localDate(ctx.clock.now());
  const agreement = customer.agreements[0] ?? null;
  const services = servicesOnRecord(agreement);
  const codes = new Set(services.map((s) => s.serviceLineCode));
  const lines = register.serviceLines.filter((l) => codes.has(l.code));
  const entries = register.entries.filter((e) => codes.has(e.serviceLine) && e.retiredAt === null);
  const partyCountry = new Map(register.parties.map((p) => [p.name, p.country]));
  const rows = entries.map((e) => {
    const retention = computeRetention(e.retentionRule, { agreementEnd: agreement?.endDate ?? null });
    return {
      service: e.serviceLine,
      dataTypeNl: e.dataTypeNl,
      dataTypeEn: e.dataTypeEn,
      dataCategories: e.dataCategories,
      dataSubjects: e.dataSubjects,
      processedByProcessor: e.processedByProcessor,
      processorRole: e.processorRole,
      retentionNl: e.retentionNl,
      retentionEn: e.retentionEn,
      retentionRule: e.retentionRule,
      retentionUntil: retention.until,
      retentionUntilIsLatest: !retention.exact,
      subprocessors: e.subprocessors.map((s) => s.name).filter((name) => allowed.has(name)),
    };
  });
  const subprocessorNames = [...new Set(rows.flatMap((r) => r.subprocessors))].sort((a, b) =>
    a.localeCompare(b, 'nl'),
  );
  // A sub-processor whose country is not recorded yet is neither inside nor outside the EEA: unknown (null).
  const byName = new Map(consents.map((c) => [c.name, c]));
  const subprocessors = subprocessorNames.map((name) => {
    const country = partyCountry.get(name) ?? null;
    const view = byName.get(name);
    return {
      name,
      ...(view
        ? whereabouts(view, country)
        : { country, insideEea: country === null ? null : isInsideEea(country) }),
    };
  });
  const usedNames = new Set(entries.flatMap((e) => e.subprocessors.map((s) => s.name)));
  const withheldSubprocessors = consents
    .filter((c) => usedNames.has(c.name) && !allowed.has(c.name))
    .map((c) => ({ name: c.name, state: c.state, reason: c.reason, reasonDetail: c.reasonDetail }));
  return {
    generatedAt: ctx.clock.now().toISOString(),
    asOfDate: day,
    registerVersion: register.version?.version ?? null,
    processor: {
      legalName: processor.legalName,
      kvkNumber: processor.kvkNumber,
      address: [processor.street, `${processor.postalCode} ${processor.city}`.trim(), processor.country]
        .filter(Boolean)
        .join(', '),
      privacyContact: {
        name: processor.privacyContactName,
        email: processor.privacyContactEmail,
        phone: processor.privacyContactPhone,
      },
      breachPhone: processor.breachPhone,
    },
    controller: {
      id: customer.id,
      legalName: customer.legalName,
      kvkNumber: customer.kvkNumber,
      address: [customer.street, `${customer.postalCode} ${customer.city}`.trim(), customer.country]
        .filter(Boolean)
        .join(', '),
      contacts: customer.contacts,
    },
    agreement: agreement && {
      reference: agreement.reference,
      startDate: agreement.startDate,
      noticeGivenOn: agreement.noticeGivenOn,
      endDate: agreement.endDate,
      status: agreement.status,
    },
    services: services.map((s) => {
      const line = lines.find((l) => l.code === s.serviceLineCode);
      return {
        code: s.serviceLineCode,
        nameNl: line?.nameNl ?? s.serviceLineCode,
        nameEn: line?.nameEn ?? s.serviceLineCode,
        purposeNl: line?.purposeNl ?? '',
        purposeEn: line?.purposeEn ?? '',
        startDate: s.startDate,
        endDate: s.endDate,
      };
    }),
    rows,
    subprocessors,
    withheldSubprocessors,
    transfersOutsideEea: subprocessors.filter((s) => s.insideEea === false),
    locationUnknown: subprocessors.filter((s) => s.insideEea === null).map((s) => s.name),
    securityMeasures: 'Annex 2 of the DPA (Bijlage 2: Overzicht met beveiligingsmaatregelen).',
  };
}

export type CustomerRecord = Awaited<ReturnType<typeof buildCustomerRecord>>;

const recordColumns = [
  'Type dienst',
  'Type persoonsgegevens',
  'Bewaartermijn',
  'Bewaren tot',
  'Verwerkt door verwerker',
  'Sub-verwerker',
  'Categorieën',
  'Betrokkenen',
  'Rol',
];

function recordRows(record: CustomerRecord) {
  return record.rows.map((r) => [
    record.services.find((s) => s.code === r.service)?.nameNl ?? r.service,
    r.dataTypeNl,
    r.retentionNl,
    r.retentionUntil ? `${r.retentionUntilIsLatest ? 'uiterlijk ' : ''}${r.retentionUntil}` : '',
    r.processedByProcessor ? 'Ja' : 'Nee',
    r.subprocessors.join('; '),
    r.dataCategories.join('; '),
    r.dataSubjects.join('; '),
    r.processorRole,
  ]);
}

export function recordToCsv(record: CustomerRecord): string {
  return `\uFEFF${stringify(recordRows(record), { header: true, columns: recordColumns })}`;
}

// The record as a download, named after the controller and the day (staff and portal routes alike).
export async function recordDownload(record: CustomerRecord, format: 'csv' | 'xlsx') {
  const fileName = `verwerkingsregister-${record.controller.kvkNumber}-${record.asOfDate}.${format}`;
  return format === 'csv'
    ? { contentType: 'text/csv; charset=utf-8', fileName, body: recordToCsv(record) as string | Buffer }
    : {
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName,
        body: await recordToXlsx(record),
      };
}

export async function recordToXlsx(record: CustomerRecord): Promise<Buffer> {
  // exceljs takes ~2 s to load; only spreadsheet work pays for it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Register');
  sheet.addRow([
    `Verwerkingsregister (art. 30 lid 2 AVG) — ${record.controller.legalName} (KvK ${record.controller.kvkNumber})`,
  ]);
  sheet.addRow([
    `Verwerker: ${record.processor.legalName}; stand ${record.asOfDate}; registerversie ${record.registerVersion ?? '-'}`,
  ]);
  sheet.addRow([]);
  const header = sheet.addRow(recordColumns);
  header.font = { bold: true };
  for (const row of recordRows(record)) {
    sheet.addRow(row);
  }
  sheet.columns.forEach((column) => {
    column.width = 24;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
