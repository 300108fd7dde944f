import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { createApp } from '../../src/server/app.ts';
import { createFixedClock } from '../../src/server/clock.ts';
import { systemActor } from '../../src/server/context.ts';
import type { Database } from '../../src/server/db/database.ts';
import { createTestDatabase } from '../../src/server/db/test-database.ts';
import { createUser } from '../../src/server/modules/accounts/accounts.usecases.ts';
import { seedRegister } from '../../src/server/modules/register/register.usecases.ts';
import { ensureProcessorProfile } from '../../src/server/modules/settings/settings.usecases.ts';
import { launchChromium } from './browser.ts';

const shots = path.resolve('test-results');

// A Mantine select: its input is a combobox when searchable and a read-only textbox otherwise; the options open
// in a portal at the end of the page.
async function pick(page: Page, scope: Page | Locator, label: string, option: string) {
  await scope
    .getByRole('combobox', { name: label })
    .or(scope.getByRole('textbox', { name: label }))
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
const password = 'correct horse battery staple';

describe('the register of processing in Chromium', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof createApp>>;
  let base: string;
  let browser: Browser | null = null;

  before(async () => {
    database = await createTestDatabase('pglite');
    // Installed on 2 March; the retention is edited on 2 May, so 1 May still shows the agreement's value.
    const clock = createFixedClock('2026-03-02T09:00:00Z');
    const ctx = { db: database.db, clock, actor: systemActor };
    await ensureProcessorProfile(ctx);
    await seedRegister(ctx);
    clock.set('2026-05-02T10:00:00Z');
    await createUser(ctx, { email: 'femke@contict.nl', name: 'Femke Jansen', role: 'admin', password });
    app = await createApp({
      db: database.db,
      clock,
      engine: 'pglite',
      secureCookies: false,
      publicUrl: 'http://localhost',
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    fs.mkdirSync(shots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app.close();
    await database.close();
  });

  test('Annex 1 grouped by service, in Dutch and English; an edited retention shows in history and audit log', async (t) => {
    browser = await launchChromium(t);
    if (!browser) {
      return;
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') {
        consoleErrors.push(m.text());
      }
    });

    await page.goto(`${base}/register`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mailadres').fill('femke@contict.nl');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register van verwerkingen' }).waitFor();

    // Dutch: the agreement's table, one section per service with its purpose
    await page.getByRole('heading', { level: 2, name: 'Connectivity/WiFi' }).waitFor();
    const sectionNames = await page.getByRole('heading', { level: 2 }).allTextContents();
    assert.deepEqual(sectionNames, [
      'Administratie',
      'VoIP',
      'Mobiel',
      'Cloud',
      'Security',
      'Connectivity/WiFi',
    ]);
    const voip = page.getByRole('region', { name: 'VoIP' });
    await voip.getByText('Leveren VoIP-telefonie aan eindgebruikers').waitFor();
    assert.equal(await voip.getByRole('row').count(), 8, 'a header and the 7 VoIP rows');
    const cdrRow = voip.getByRole('row', { name: /Call Detail Records/ });
    await cdrRow.getByText('6 maanden, daarna overschreven; of tot moment van opzeggen + 1 maand').waitFor();
    assert.match((await cdrRow.textContent()) ?? '', /Nee[\s\S]*Enreach\/Routit/);
    await page
      .getByRole('region', { name: 'Connectivity/WiFi' })
      .getByText('Geen verwerkingen onder deze dienst.')
      .waitFor();
    await page.getByText('25 van 25 verwerkingen').waitFor();
    await page.screenshot({ path: path.join(shots, 'register-nl.png'), fullPage: true });

    // filter by sub-processor
    await pick(page, page, 'Sub-verwerker', 'Phished');
    await page.getByText('2 van 25 verwerkingen').waitFor();
    assert.deepEqual(await page.getByRole('heading', { level: 2 }).allTextContents(), ['Security']);
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByText('25 van 25 verwerkingen').waitFor();

    // English
    await page.getByRole('button', { name: 'Taal' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register of processing' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Administration' }).waitFor();
    assert.deepEqual(await page.getByRole('heading', { level: 2 }).allTextContents(), [
      'Administration',
      'VoIP',
      'Mobile',
      'Cloud',
      'Security',
      'Connectivity/WiFi',
    ]);
    await page
      .getByRole('region', { name: 'VoIP' })
      .getByText('6 months, then overwritten; or until termination + 1 month, whichever comes first')
      .waitFor();
    await page.screenshot({ path: path.join(shots, 'register-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register van verwerkingen' }).waitFor();

    // edit the retention of VoIP · IP-adres, with the sentence previewed as it is built
    await voip.getByRole('button', { name: 'Acties voor IP-adres' }).click();
    await page.getByRole('menuitem', { name: 'Wijzigen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verwerking wijzigen' });
    await pick(page, dialog, 'Soort termijn', 'Doorlopende termijn');
    await dialog.getByLabel('Maanden').fill('3');
    await pick(page, dialog, 'Daarna', 'verwijderd');
    await dialog.getByTestId('retention-preview').getByText('3 maanden, daarna verwijderd').waitFor();
    await dialog.getByText('Verwerker voor de klant').waitFor();
    await dialog.getByTestId('retention-preview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'register-edit.png') });
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const ipRow = voip.getByRole('row', { name: /IP-adres/ });
    await ipRow.getByText('3 maanden, daarna verwijderd').waitFor();
    await page.getByTestId('register-version').getByText('Registerversie 2').waitFor();

    // its history: two versions, newest first
    await voip.getByRole('button', { name: 'Acties voor IP-adres' }).click();
    await page.getByRole('menuitem', { name: 'Geschiedenis' }).click();
    const drawer = page.getByRole('dialog', { name: "Geschiedenis van 'IP-adres'" });
    await drawer.getByText('Versie 2 · Gewijzigd').waitFor();
    await drawer.getByText('Versie 1 · Overgenomen uit de verwerkersovereenkomst').waitFor();
    await drawer.getByText('Tot moment van opzeggen + 1 maand').waitFor();
    await page.screenshot({ path: path.join(shots, 'register-history.png') });
    await drawer.getByRole('button', { name: 'Sluiten' }).click();

    // the register as it stood on 1 May: the agreement's value
    await page.goto(`${base}/register?asOf=2026-05-01`);
    await page.getByText(/Je bekijkt het register zoals het was op/).waitFor();
    const pastIp = page.getByRole('region', { name: 'VoIP' }).getByRole('row', { name: /IP-adres/ });
    await pastIp.getByText('Tot moment van opzeggen + 1 maand').waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Verwerking toevoegen' }).count(),
      0,
      'the past is read-only',
    );
    await page.screenshot({ path: path.join(shots, 'register-as-of.png'), fullPage: true });

    // the audit log has the change, with the user who made it
    await page.goto(`${base}/audit?action=register.entry_updated`);
    const auditRow = page.getByRole('row', { name: /register\.entry_updated/ });
    await auditRow.waitFor();
    assert.match((await auditRow.textContent()) ?? '', /femke@contict\.nl/);
    await page.screenshot({ path: path.join(shots, 'register-audit.png'), fullPage: true });

    assert.deepEqual(
      consoleErrors.filter((e) => !e.includes('401')),
      [],
      'no errors in the browser console (the session probe before login answers 401)',
    );
  });
});
