import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/server/app.ts';
import { prepareDatabase } from '../../src/server/bootstrap.ts';
import { systemClock } from '../../src/server/clock.ts';
import { type Ctx, systemActor } from '../../src/server/context.ts';
import type { Database } from '../../src/server/db/database.ts';
import { createTestDatabase } from '../../src/server/db/test-database.ts';
import { createUser } from '../../src/server/modules/accounts/accounts.usecases.ts';
import { getRegister } from '../../src/server/modules/register/register.usecases.ts';
import { profileFieldsSchema } from '../../src/server/modules/subprocessors/subprocessors.schemas.ts';
import { saveProfile } from '../../src/server/modules/subprocessors/subprocessors.usecases.ts';
import { launchChromium } from './browser.ts';

const shots = path.resolve('test-results');
const password = 'correct horse battery staple';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

describe('sub-processors in Chromium: the list, and the EEA transfer gate on a proposal', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof createApp>>;
  let base: string;
  let browser: Browser | null = null;

  before(async () => {
    database = await createTestDatabase('pglite');
    const ctx: Ctx = { db: database.db, clock: systemClock, actor: systemActor };
    // what main.ts does at every start: the processor, the Annex 1 register and its sub-processors
    await prepareDatabase(database.db, systemClock);
    await createUser(ctx, { email: 'anna@contict.nl', name: 'Anna de Vries', role: 'admin', password });
    const parties = (await getRegister(ctx, { includeRetired: false })).parties;
    const partyId = (name: string) => parties.find((p) => p.name === name)!.id;
    // Fortinet processes in the US without being on the DPF List and without SCC: no lawful ground (Chapter V)
    await saveProfile(
      ctx,
      partyId('Fortinet'),
      profileFieldsSchema.parse({
        locations: [{ country: 'US', kind: 'both' }],
        namedInAgreement: true,
      }),
    );
    // AFAS stays inside the EEA: nothing stands in the way of proposing it
    await saveProfile(
      ctx,
      partyId('AFAS'),
      profileFieldsSchema.parse({ locations: [{ country: 'NL', kind: 'both' }], namedInAgreement: true }),
    );
    app = await createApp(
      {
        db: database.db,
        clock: systemClock,
        engine: 'pglite',
        secureCookies: false,
        publicUrl: 'http://localhost',
      },
      { logger: { level: 'error' } },
    );
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    fs.mkdirSync(shots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app.close();
    await database.close();
  });

  test('a sub-processor without a lawful ground for its transfer cannot be proposed', async (t) => {
    browser = await launchChromium(t);
    if (!browser) {
      return;
    }
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'nl-NL' });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') {
        consoleErrors.push(m.text());
      }
    });
    const serverErrors: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 500) {
        serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()} after ${page.url()}`);
      }
    });
    // on a failure, the page as it was is in test-results/subprocessors-failure.png
    let finished = false;
    t.after(async () => {
      if (!finished && !page.isClosed()) {
        await shot(page, 'subprocessors-failure').catch(() => undefined);
      }
    });

    // sign in through the login page
    await page.goto(`${base}/subprocessors`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mailadres').fill('anna@contict.nl');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/subprocessors$/);
    await page.getByRole('heading', { level: 1, name: 'Sub-verwerkers' }).waitFor();

    // the list: the nine sub-processors of Annex 1; Fortinet carries the red badge with its reason
    const table = page.getByRole('table', { name: 'Sub-verwerkers' });
    await table.getByRole('link', { name: 'Microsoft', exact: true }).waitFor();
    const fortinet = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Fortinet' }) });
    await fortinet.getByText('Geen doorgifte mogelijk').waitFor();
    assert.match(
      (await fortinet.textContent()) ?? '',
      /Verenigde Staten: het adequaatheidsbesluit geldt alleen voor organisaties die onder het Data Privacy Framework zijn gecertificeerd/,
    );
    const afas = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'AFAS' }) });
    assert.equal(await afas.getByText('Geen doorgifte mogelijk').count(), 0);
    await shot(page, 'subprocessors-list');

    // the proposal form
    await page.getByRole('link', { name: 'Wijziging voorstellen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wijziging in sub-verwerkers voorstellen' }).waitFor();
    const submit = page.getByRole('button', { name: 'Voorstel versturen' });
    // a searchable Mantine select: its input is a combobox, the options open in a portal
    const choose = async (name: string) => {
      await page.getByRole('combobox', { name: 'Sub-verwerker' }).click();
      await page.getByRole('option', { name, exact: true }).click();
    };

    // Fortinet: the reason is shown and the proposal cannot be sent
    await choose('Fortinet');
    await page.getByText('Deze sub-verwerker kan niet worden voorgesteld').waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Geen doorgifte mogelijk: Verenigde Staten' })
      .first()
      .waitFor();
    assert.equal(await submit.isDisabled(), true, 'the submit button is disabled');
    const describedBy = await submit.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the disabled button points to the reason');
    assert.match(
      (await page.locator(`[id="${describedBy}"]`).textContent()) ?? '',
      /^Voorstellen kan niet\. Geen doorgifte mogelijk: Verenigde Staten: .*Data Privacy Framework/,
    );
    await shot(page, 'subprocessors-proposal-blocked');

    // a sub-processor inside the EEA can be proposed: the gate is about the transfer, not the form
    await choose('AFAS');
    await page.getByText('Deze sub-verwerker kan niet worden voorgesteld').waitFor({ state: 'detached' });
    assert.equal(await submit.isDisabled(), false);
    assert.equal(await submit.getAttribute('aria-describedby'), null);

    finished = true;
    assert.deepEqual(serverErrors, [], 'no server errors');
    // the 401 is the session probe before signing in
    assert.deepEqual(
      consoleErrors.filter((e) => !/status of 401/.test(e)),
      [],
      'no other errors in the browser console',
    );
  });
});
