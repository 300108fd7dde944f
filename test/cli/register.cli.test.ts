import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../fixtures/cli.ts';

// The register commands as an operator runs them on a fresh install, before any server has started.
const run = (args: string[], env: Record<string, string>) => runCli(args, env);

describe('art28 register on a fresh data directory', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'art28-register-'));
  const env = { ART28_DATA_DIR: path.join(root, 'data') };
  const csvFile = path.join(root, 'register.csv');

  test('register export --format json lists the 25 rows of Annex 1 with the agreement’s values', async () => {
    const result = await run(['register', 'export', '--format', 'json'], env);
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.equal(rows.length, 25);
    const perService = new Map<string, number>();
    for (const row of rows) {
      perService.set(String(row.service), (perService.get(String(row.service)) ?? 0) + 1);
    }
    assert.deepEqual(
      [...perService],
      [
        ['Administratie', 5],
        ['VoIP', 7],
        ['Mobiel', 4],
        ['Cloud', 3],
        ['Security', 6],
      ],
    );
    assert.deepEqual(rows[3], {
      ...rows[3],
      service: 'Administratie',
      dataType: 'IBAN',
      retention: 'Tot moment van opzeggen + 1 maand',
      retentionRule: { kind: 'untilAgreementEndPlus', months: 1 },
      processedByProcessor: true,
      subprocessors: ['AFAS', 'Dynamics'],
      dataCategories: ['financial.iban'],
    });
    const mobileCdr = rows.find((r) => r.service === 'Mobiel' && r.dataType === 'Call Detail Records');
    assert.equal(
      mobileCdr?.retention,
      '6 maanden, daarna overschreven; of tot moment van opzeggen + 1 maand',
    );
    assert.equal(mobileCdr?.processedByProcessor, false);
    assert.deepEqual(mobileCdr?.subprocessors, ['Mobiele provider']);
  });

  test('a CSV export imports back without a change', async () => {
    const exported = await run(['register', 'export', '--format', 'csv', '--out', csvFile], env);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(
      fs.readFileSync(csvFile, 'utf8'),
      /^\uFEFFType dienst,Type persoonsgegevens,Bewaartermijn,Verwerkt door Contict,Sub-verwerker,/,
    );
    const imported = await run(['register', 'import', csvFile, '--json'], env);
    assert.equal(imported.code, 0, imported.stderr);
    const report = JSON.parse(imported.stdout);
    assert.deepEqual(report.counts, { rows: 25, create: 0, update: 0, unchanged: 25, invalid: 0, retire: 0 });
    assert.equal(report.registerVersion, 1);
  });
});
