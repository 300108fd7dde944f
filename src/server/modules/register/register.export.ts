import { stringify } from 'csv-stringify/sync';
import type { EntryView, ServiceLineView } from './register.schemas.ts';
import type { RegisterView } from './register.usecases.ts';

// The columns of the CSV and XLSX exports. The first five are Annex 1's own, with its Dutch headers ("Verwerkt
// door" names the processor as the profile now does); the rest carry the structure, so the file imports back.
export const listSeparator = '; ';

export const roleWords = { processor: 'verwerker', controller: 'verwerkingsverantwoordelijke' } as const;
const yesNo = (value: boolean) => (value ? 'Ja' : 'Nee');

export type ColumnKey =
  | 'service'
  | 'dataType'
  | 'retention'
  | 'processed'
  | 'subprocessors'
  | 'serviceCode'
  | 'dataTypeEn'
  | 'retentionEn'
  | 'retentionRule'
  | 'dataCategories'
  | 'dataSubjects'
  | 'role'
  | 'special'
  | 'criminal'
  | 'id';

export const columnHeaders: Record<Exclude<ColumnKey, 'processed'>, string> = {
  service: 'Type dienst',
  dataType: 'Type persoonsgegevens',
  retention: 'Bewaartermijn',
  subprocessors: 'Sub-verwerker',
  serviceCode: 'Dienstcode',
  dataTypeEn: 'Type persoonsgegevens (Engels)',
  retentionEn: 'Bewaartermijn (Engels)',
  retentionRule: 'Bewaarregel (JSON)',
  dataCategories: 'Gegevenscategorieën',
  dataSubjects: 'Categorieën betrokkenen',
  role: 'Rol',
  special: 'Bijzondere persoonsgegevens',
  criminal: 'Strafrechtelijke gegevens',
  id: 'Id',
};
export const processedHeader = (processorName: string) => `Verwerkt door ${processorName}`;
export const processedHeaderPattern = /^verwerkt door\s+\S/i;

export const columnOrder: ColumnKey[] = [
  'service',
  'dataType',
  'retention',
  'processed',
  'subprocessors',
  'serviceCode',
  'dataTypeEn',
  'retentionEn',
  'retentionRule',
  'dataCategories',
  'dataSubjects',
  'role',
  'special',
  'criminal',
  'id',
];

export const headerOf = (key: ColumnKey, processorName: string) =>
  key === 'processed' ? processedHeader(processorName) : columnHeaders[key];

function cellOf(key: ColumnKey, entry: EntryView, line: ServiceLineView | undefined): string {
  switch (key) {
    case 'service':
      return line?.nameNl ?? entry.serviceLine;
    case 'dataType':
      return entry.dataTypeNl;
    case 'retention':
      return entry.retentionNl;
    case 'processed':
      return yesNo(entry.processedByProcessor);
    case 'subprocessors':
      return entry.subprocessors.map((s) => s.name).join(listSeparator);
    case 'serviceCode':
      return entry.serviceLine;
    case 'dataTypeEn':
      return entry.dataTypeEn;
    case 'retentionEn':
      return entry.retentionEn;
    case 'retentionRule':
      return JSON.stringify(entry.retentionRule);
    case 'dataCategories':
      return entry.dataCategories.join(listSeparator);
    case 'dataSubjects':
      return entry.dataSubjects.join(listSeparator);
    case 'role':
      return roleWords[entry.processorRole];
    case 'special':
      return yesNo(entry.specialCategory);
    case 'criminal':
      return yesNo(entry.criminalData);
    case 'id':
      return entry.id;
  }
}

function tableOf(view: RegisterView, processorName: string) {
  const lines = new Map(view.serviceLines.map((l) => [l.code, l]));
  return {
    header: columnOrder.map((key) => headerOf(key, processorName)),
    rows: view.entries.map((e) => columnOrder.map((key) => cellOf(key, e, lines.get(e.serviceLine)))),
  };
}

export function toJsonRows(view: RegisterView) {
  const lines = new Map(view.serviceLines.map((l) => [l.code, l]));
  return view.entries.map((e) => ({
    id: e.id,
    serviceLine: e.serviceLine,
    service: lines.get(e.serviceLine)?.nameNl ?? e.serviceLine,
    serviceEn: lines.get(e.serviceLine)?.nameEn ?? e.serviceLine,
    dataType: e.dataTypeNl,
    dataTypeEn: e.dataTypeEn,
    retention: e.retentionNl,
    retentionEn: e.retentionEn,
    retentionRule: e.retentionRule,
    processedByProcessor: e.processedByProcessor,
    processorRole: e.processorRole,
    subprocessors: e.subprocessors.map((s) => s.name),
    dataCategories: e.dataCategories,
    dataSubjects: e.dataSubjects,
    specialCategory: e.specialCategory,
    criminalData: e.criminalData,
  }));
}

// A cell a spreadsheet would run as a formula gets an apostrophe in front (CSV injection); the import takes it off.
const formulaStart = /^[=+\-@\t\r]/;
export const protectCell = (cell: string) => (formulaStart.test(cell) ? `'${cell}` : cell);
export const unprotectCell = (cell: string) =>
  cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;

// With a byte order mark, so Excel opens the UTF-8 file with its accents intact.
export function toCsv(view: RegisterView, processorName: string): string {
  const { header, rows } = tableOf(view, processorName);
  return `\uFEFF${stringify([header, ...rows.map((row) => row.map(protectCell))])}`;
}

export async function toXlsx(view: RegisterView, processorName: string, createdAt: Date): Promise<Buffer> {
  // exceljs takes ~2 s to load; only spreadsheet work pays for it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'art28';
  workbook.created = createdAt;
  workbook.modified = createdAt;

  const { header, rows } = tableOf(view, processorName);
  const sheet = workbook.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header);
  for (const row of rows) {
    sheet.addRow(row);
  }
  const widths: Partial<Record<ColumnKey, number>> = {
    service: 16,
    dataType: 40,
    retention: 40,
    processed: 14,
    subprocessors: 28,
    dataTypeEn: 40,
    retentionEn: 40,
    retentionRule: 50,
    dataCategories: 36,
    dataSubjects: 36,
    role: 18,
    id: 38,
  };
  columnOrder.forEach((key, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = widths[key] ?? 14;
    column.alignment = { vertical: 'top', wrapText: true };
  });
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };

  const purposes = workbook.addWorksheet('Verwerkingsdoelen');
  purposes.addRow(['Dienstcode', 'Type dienst', 'Product', 'Verwerkingsdoel', 'Purpose']);
  for (const line of view.serviceLines.filter((l) => l.retiredAt === null)) {
    purposes.addRow([line.code, line.nameNl, line.productName ?? '', line.purposeNl, line.purposeEn]);
  }
  purposes.getRow(1).font = { bold: true };
  [14, 20, 22, 70, 70].forEach((w, i) => {
    purposes.getColumn(i + 1).width = w;
    purposes.getColumn(i + 1).alignment = { vertical: 'top', wrapText: true };
  });

  const operations = workbook.addWorksheet('Verwerkingsactiviteiten');
  operations.addRow(['Code', 'Verwerkingsactiviteit', 'Processing operation', 'Art. 4(2) AVG']);
  for (const op of view.operations.filter((o) => o.retiredAt === null)) {
    operations.addRow([op.code, op.labelNl, op.labelEn, op.gdprOperation ?? '']);
  }
  operations.getRow(1).font = { bold: true };
  [18, 32, 32, 28].forEach((w, i) => {
    operations.getColumn(i + 1).width = w;
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
