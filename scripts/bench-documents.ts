import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildDpaDocument } from '../src/server/modules/documents/documents.build.ts';
import { renderDocx } from '../src/server/modules/documents/documents.docx.ts';
import type { DocumentModel } from '../src/server/modules/documents/documents.model.ts';
import { renderPdf } from '../src/server/modules/documents/documents.pdf.ts';
import { sharedShapingWords } from '../src/server/modules/documents/documents.shaping.ts';
import { defaultTemplate } from '../src/server/modules/documents/documents.templates.ts';
import { sampleDocumentModel, sampleLogo } from '../test/fixtures/document-model.ts';
import { dpaInput } from '../test/fixtures/dpa-input.ts';

// Document rendering, one document after another in one process, as the server renders them: documents per
// second, milliseconds per document (p50/p95), and memory along the way — a renderer that keeps something per
// document shows as heap that grows from the 10% mark to the 100% mark. Issue 6 asks for at least 10 PDFs per
// second per core. The baseline, measured in the same run, is pdfmake's fixed cost: a one-page PDF with the same
// fonts, header and footer. Figures are printed, never asserted.
//
// Run with `npm run bench:documents` (which passes --expose-gc, so the heap is measured after a collection).

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    'docx-count': { type: 'string', default: '300' },
    'baseline-count': { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
  },
});

const logo = sampleLogo();

// ─── swap point ────────────────────────────────────────────────────────────────────────────────────────────────────
// The sample model stands in for the real builders (documents.build*.ts): replace the body with a call that builds
// the DPA of fake customer i from the same kind of inputs. Keep it deterministic in i and different across i.
// The real DPA builder and template, for fake customer i: its own name, KvK number and agreement, and services
// that differ per customer (so Annex 1 differs too).
const template = defaultTemplate('dpa', 'nl');
function buildBenchModel(i: number): DocumentModel {
  const base = dpaInput();
  const services = i % 3 === 0 ? base.record.services : base.record.services.slice(i % 2, (i % 2) + 1);
  const codes = new Set(services.map((s) => s.code));
  return buildDpaDocument(
    {
      ...base,
      record: { ...base.record, services, rows: base.record.rows.filter((r) => codes.has(r.service)) },
      customer: {
        ...base.customer,
        legalName: `Demoklant ${String(i).padStart(4, '0')} Installatietechniek B.V.`,
        kvkNumber: String(70_000_000 + i),
      },
      agreement: { reference: `OVK-${String(i).padStart(5, '0')}`, startDate: '2025-01-01' },
      logo,
    },
    template,
  );
}
// ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────

function buildBaselineModel(i: number): DocumentModel {
  const model = sampleDocumentModel({ index: i, logo });
  return { ...model, blocks: model.blocks.slice(0, 3) };
}

type Checkpoint = { done: number; rssMb: number; heapMb: number; words: number };
type Run = {
  label: string;
  count: number;
  cpuSeconds: number;
  ms: number[];
  bytes: number;
  checkpoints: Checkpoint[];
};

const collect = (globalThis as { gc?: () => void }).gc;

function memory(done: number): Checkpoint {
  collect?.();
  const usage = process.memoryUsage();
  return { done, rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20, words: sharedShapingWords() };
}

async function measure(
  label: string,
  count: number,
  build: (i: number) => DocumentModel,
  render: (model: DocumentModel) => Promise<Buffer>,
): Promise<Run> {
  const warmup = Math.min(Number(values.warmup), count);
  for (let i = 0; i < warmup; i++) {
    await render(build(count + i));
  }
  const marks = new Set([Math.ceil(count * 0.1), Math.ceil(count * 0.5), count]);
  const checkpoints: Checkpoint[] = [];
  const ms: number[] = [];
  let bytes = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const model = build(i);
    const t = performance.now();
    bytes += (await render(model)).length;
    ms.push(performance.now() - t);
    if (marks.has(i + 1)) {
      // Memory is read outside the timed part, and the GC it triggers is not charged to the renderer.
      checkpoints.push(memory(i + 1));
    }
  }
  const used = process.cpuUsage(cpu);
  return { label, count, cpuSeconds: (used.user + used.system) / 1e6, ms, bytes, checkpoints };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function formatLoad(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

function printRun(run: Run): void {
  const sorted = [...run.ms].sort((a, b) => a - b);
  const renderSeconds = run.ms.reduce((a, b) => a + b, 0) / 1000;
  const cells = [
    (run.count / renderSeconds).toFixed(1),
    (run.count / run.cpuSeconds).toFixed(1),
    percentile(sorted, 50).toFixed(1),
    percentile(sorted, 95).toFixed(1),
    (run.bytes / run.count / 1024).toFixed(0),
  ];
  console.log(`${run.label.padEnd(40)} ${cells.map((c) => c.padStart(9)).join(' ')}`);
}

function printMemory(run: Run): void {
  const marks = run.checkpoints
    .map(
      (c) =>
        `${Math.round((c.done / run.count) * 100)}%: RSS ${c.rssMb.toFixed(0)} MB, heap ${c.heapMb.toFixed(1)} MB, ${c.words} words`,
    )
    .join(' · ');
  console.log(`${run.label.padEnd(40)} ${marks}`);
}

async function main(): Promise<void> {
  const count = Number(values.count);
  const docxCount = Number(values['docx-count']);
  const baselineCount = Number(values['baseline-count']);
  console.log(
    `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  );
  console.log(
    `load average before: ${formatLoad()}${collect ? '' : '  (no --expose-gc: heap figures include garbage)'}`,
  );
  const sample = buildBenchModel(0);
  const pages = (await renderPdf(sample)).toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
  console.log(`sample: ${sample.blocks.length} blocks, ${pages} PDF pages\n`);

  const baseline = await measure(
    'baseline: 1-page PDF (pdfmake fixed cost)',
    baselineCount,
    buildBaselineModel,
    renderPdf,
  );
  const pdf = await measure(`PDF, ${count} distinct customers`, count, buildBenchModel, renderPdf);
  const docx = await measure(`DOCX, ${docxCount} distinct customers`, docxCount, buildBenchModel, renderDocx);

  const header = ['docs/s', 'docs/CPU-s', 'p50 ms', 'p95 ms', 'KB/doc'];
  console.log(`${''.padEnd(40)} ${header.map((h) => h.padStart(9)).join(' ')}`);
  for (const run of [baseline, pdf, docx]) {
    printRun(run);
  }
  console.log(
    '\nmemory after 10% / 50% / 100% of the documents (words: shaped words cached for all documents)',
  );
  for (const run of [pdf, docx]) {
    printMemory(run);
  }
  console.log(
    `${'peak RSS of the bench process'.padEnd(40)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );

  const perDoc = (run: Run) => run.cpuSeconds / run.count;
  console.log(`\n${'ratios'.padEnd(40)}`);
  console.log(
    `${'PDF / 1-page baseline, CPU per doc (×)'.padEnd(40)} ${(perDoc(pdf) / perDoc(baseline)).toFixed(1).padStart(9)}`,
  );
  console.log(
    `${'PDF / DOCX, CPU per doc (×)'.padEnd(40)} ${(perDoc(pdf) / perDoc(docx)).toFixed(1).padStart(9)}`,
  );
  const goal = pdf.count / pdf.cpuSeconds;
  console.log(
    `\nissue 6 goal ≥ 10 PDF/s per core: ${goal.toFixed(1)} PDF per CPU-second → ${goal >= 10 ? 'met' : 'NOT met'}`,
  );
  console.log(`load average after: ${formatLoad()}`);
}

await main();
