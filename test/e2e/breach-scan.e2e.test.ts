import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser } from '../../src/server/modules/accounts/accounts.usecases.ts';
import {
  claimScan,
  recordScanProgress,
  runScan,
  scanClaimed,
} from '../../src/server/modules/breaches/breaches.scans.ts';
import { incidentFieldsSchema } from '../../src/server/modules/breaches/breaches.schemas.ts';
import { breachScans } from '../../src/server/modules/breaches/breaches.table.ts';
import {
  listAffectedCustomers,
  registerIncident,
} from '../../src/server/modules/breaches/breaches.usecases.ts';
import { addDemoCustomers } from '../../src/server/modules/customers/customers.demo.ts';
import { getCustomer } from '../../src/server/modules/customers/customers.usecases.ts';
import { parties } from '../../src/server/modules/register/register.table.ts';
import { buildIban } from '../fixtures/scanner/scanner.builders.ts';
import { createPrng } from '../fixtures/scanner/scanner.prng.ts';
import { type Journey, shot, shotOnFailure, startJourney } from './journey.ts';

// Issue 10, "done when": a scan started from a breach in the UI shows progress and fills the breach's answers.
// The job runtime does not run in the journey's app, so the test runs the breaches.scan job's steps itself once the
// upload is in, as pg-boss would: it claims the scan, records a progress point as the scanner reports one (a real
// scan of a small file ends within the page's one-second poll), then scans; the page polls and shows each state.

const password = 'correct horse battery staple';
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const customerName = 'Tandartspraktijk Hengelo';

function buildLeak(rows: number) {
  const rng = createPrng(4242);
  const lines = ['patientnummer;naam;email;mobiel;iban'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `P${2000 + i};Patiënt ${i};patient${i}@voorbeeld.nl;+31623${String(i).padStart(6, '0')};${buildIban(rng)}`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('breach scan in Chromium: upload a leaked file, watch the scan, accept its proposal (issue 10)', () => {
  let journey: Journey;
  let incidentId: string;
  let customerId: string;
  let locale: 'nl' | 'en';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'art28-e2e-roots-'));

  before(async () => {
    journey = await startJourney({ scanRoots: [root] });
    const { ctx, db } = journey;
    await createUser(ctx, {
      email: 'petra@contict.nl',
      name: 'Petra Pauw',
      role: 'privacy-officer',
      password,
    });
    await addDemoCustomers(ctx);
    const [enreach] = await db.select().from(parties).where(eq(parties.name, 'Enreach/Routit'));
    assert.ok(enreach);
    const incident = await registerIncident(
      ctx,
      incidentFieldsSchema.parse({
        title: 'Patiëntenexport gelekt via de VoIP-leverancier',
        summary: 'Een export met gegevens stond onbeveiligd op een server van de telefonieleverancier.',
        discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
        aspects: ['confidentiality'],
        actions: ['copied'],
        partyIds: [enreach.id],
        severity: 'high',
        notifiable: true,
        decisionReasoning: 'Persoonsgegevens zijn gekopieerd.',
      }),
    );
    incidentId = incident.id;
    const affected = await listAffectedCustomers(ctx, incidentId);
    const mine = affected.find((a) => a.legalName === customerName);
    assert.ok(mine?.included, `${customerName} is affected`);
    customerId = mine.customerId;
    locale = (await getCustomer(ctx, customerId)).locale === 'en' ? 'en' : 'nl';
  });
  after(async () => {
    await journey.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('staff upload a file, see the scan finish with its findings, and accept it into the customer’s answers', async (t) => {
    const { base } = journey;
    const session = await journey.signIn(t, 'petra@contict.nl', password, new RegExp(`^${base}/$`));
    if (!session) {
      return;
    }
    const { page, problems } = session;
    const failure = shotOnFailure(t, () => page, 'breach-scan-failure');
    await page.goto(`${base}/breaches/${incidentId}`);
    const panel = page.getByRole('region', { name: 'Gelekt bestand scannen' });
    await panel.waitFor();
    await panel.getByText('Nog geen bestanden gescand.').waitFor();

    // choose the file and its customer, then upload
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'patienten-export.csv',
      mimeType: 'text/csv',
      buffer: buildLeak(40),
    });
    await panel.getByText('patienten-export.csv').first().waitFor();
    await panel.getByLabel('Van klant').click();
    await page.getByRole('option', { name: customerName, exact: true }).click();
    const uploaded = page.waitForResponse(
      (r) => r.url().includes(`/api/v1/incidents/${incidentId}/scans`) && r.request().method() === 'POST',
    );
    await panel.getByRole('button', { name: 'Uploaden en scannen' }).click();
    const response = await uploaded;
    assert.equal(response.status(), 201, await response.text());
    const scan = (await response.json()) as { id: string; status: string };
    assert.equal(scan.status, 'queued');
    const row = panel.getByTestId(`scan-${scan.id}`);
    await row.getByText('In de wachtrij').waitFor();
    await panel.screenshot({ path: 'test-results/breach-scan-1-panel.png', animations: 'disabled' });
    await shot(page, 'breach-scan-1-queued');

    // the job, as pg-boss would run it; the page polls every second
    const deps = { db: journey.db, clock: journey.clock, log: silent };
    const claimed = await claimScan(deps, scan.id);
    assert.ok(claimed, 'the queued scan is claimed');
    const size = buildLeak(40).length;
    await recordScanProgress(deps, scan.id, {
      bytesDone: Math.round(size * 0.4),
      bytesTotal: size,
      filesDone: 0,
      filesTotal: 1,
    });
    await row.getByText('Bezig met scannen').waitFor({ timeout: 10_000 });
    const percent = Math.floor((Math.round(size * 0.4) / size) * 100);
    await row.getByText(new RegExp(`^${percent}% · `)).waitFor();
    const bar = row.getByRole('progressbar', { name: 'Voortgang van de scan' });
    assert.equal(Math.floor(Number(await bar.getAttribute('aria-valuenow'))), percent);
    await shot(page, 'breach-scan-2-running');
    const outcome = await scanClaimed(deps, claimed);
    assert.deepEqual(outcome, { scanned: true, status: 'done' });
    await row.getByText('Klaar', { exact: true }).waitFor({ timeout: 10_000 });
    await row.getByText(/^e-mailadressen: 40 keer \(40 uniek\)$/).waitFor();
    await row.getByText(/^telefoonnummers: 40 keer/).waitFor();
    await row.getByText(/^bankrekeningnummers \(IBAN\): 40 keer/).waitFor();
    await row.getByText('40–120').waitFor();
    await row.getByText(/^3 KB in \d+([,.]\d)? s$/).waitFor();
    await row.getByText(customerName, { exact: false }).waitFor();
    const [stored] = await journey.db.select().from(breachScans).where(eq(breachScans.id, scan.id));
    assert.ok(stored?.fileDeletedAt, 'the upload is deleted after the scan');
    await shot(page, 'breach-scan-3-done');
    await panel.screenshot({ path: 'test-results/breach-scan-2-panel.png', animations: 'disabled' });

    // accept the proposal for the file's customer
    await row.getByRole('button', { name: 'Voorstel overnemen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Voorstel uit patienten-export.csv overnemen' });
    await dialog.waitFor();
    assert.ok(
      await dialog
        .getByRole('checkbox', { name: 'Soorten persoonsgegevens toevoegen (vraag 2)' })
        .isChecked(),
    );
    assert.ok(
      await dialog
        .getByRole('checkbox', { name: 'Aantal personen instellen op 40–120 (vraag 3)' })
        .isChecked(),
    );
    await dialog.getByText(customerName).first().waitFor();
    await shot(page, 'breach-scan-4-accept', false);
    await dialog.getByRole('button', { name: 'Overnemen', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Overgenomen').waitFor();

    // the affected-customers table shows the new answers
    const table = page.getByRole('table', { name: 'Getroffen klanten' });
    const customerRow = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: customerName, exact: true }) });
    const expected = locale === 'en' ? 'e-mail addresses' : 'e-mailadressen';
    await customerRow.getByText(expected, { exact: false }).first().waitFor();
    await customerRow.getByText('40–120').waitFor();
    const [after] = (await listAffectedCustomers(journey.ctx, incidentId, customerId)) as {
      dataTypes: string[];
      personsMin: number | null;
      personsMax: number | null;
    }[];
    assert.ok(after!.dataTypes.includes(expected));
    assert.deepEqual([after!.personsMin, after!.personsMax], [40, 120]);
    await shot(page, 'breach-scan-5-accepted');

    // a file on the server (the privacy officer may): queued, then stopped; the file stays where it was
    const serverFile = path.join(root, 'cdr-export.csv');
    fs.writeFileSync(serverFile, buildLeak(10));
    await panel.getByText('Bestand op de server', { exact: true }).click();
    await panel.getByLabel('Pad op de server').fill(serverFile);
    await shot(page, 'breach-scan-6-server-path', false);
    await panel.getByRole('button', { name: 'Scannen', exact: true }).click();
    const serverRow = panel.getByRole('row').filter({ hasText: 'cdr-export.csv' });
    await serverRow.getByText('In de wachtrij').waitFor();
    await serverRow.getByText('Bestand op de server').waitFor();
    await serverRow.getByRole('button', { name: 'Scan stoppen' }).click();
    const stopDialog = page.getByRole('dialog', { name: 'Scan van cdr-export.csv stoppen?' });
    await stopDialog.getByRole('button', { name: 'Scan stoppen' }).click();
    await stopDialog.waitFor({ state: 'hidden' });
    await serverRow.getByText('Geannuleerd').waitFor();
    assert.ok(fs.existsSync(serverFile), 'a file on the server is never deleted by art28');

    // an upload kept as evidence, scanned, and deleted later from the panel
    await panel.getByText('Uploaden', { exact: true }).click();
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'bewijs.csv',
      mimeType: 'text/csv',
      buffer: buildLeak(5),
    });
    await panel.getByLabel('Bestand bewaren na de scan').check();
    const keptUpload = page.waitForResponse(
      (r) => r.url().includes(`/api/v1/incidents/${incidentId}/scans`) && r.request().method() === 'POST',
    );
    await panel.getByRole('button', { name: 'Uploaden en scannen' }).click();
    const kept = (await (await keptUpload).json()) as { id: string };
    assert.deepEqual(await runScan(deps, kept.id), { scanned: true, status: 'done' });
    const keptRow = panel.getByTestId(`scan-${kept.id}`);
    await keptRow.getByText('Bestand bewaard op de server').waitFor({ timeout: 10_000 });
    const [keptStored] = await journey.db.select().from(breachScans).where(eq(breachScans.id, kept.id));
    assert.ok(keptStored && fs.existsSync(keptStored.path));
    await keptRow.getByRole('button', { name: 'Bestand wissen' }).click();
    const deleteDialog = page.getByRole('dialog', { name: 'Bewaard bestand bewijs.csv wissen?' });
    await shot(page, 'breach-scan-7-delete-kept', false);
    await deleteDialog.getByRole('button', { name: 'Bestand wissen' }).click();
    await deleteDialog.waitFor({ state: 'hidden' });
    await keptRow.getByText('Bewaard bestand gewist', { exact: false }).waitFor();
    assert.ok(!fs.existsSync(keptStored.path), 'the kept upload is gone from the server');
    await shot(page, 'breach-scan-8-panel');
    assert.deepEqual(problems, []);
    failure.done();
  });
});
