import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/server/clock.ts';
import { systemActor } from '../../src/server/context.ts';
import type { Database } from '../../src/server/db/database.ts';
import { createTestDatabase } from '../../src/server/db/test-database.ts';
import { ensureProcessorProfile } from '../../src/server/modules/settings/settings.usecases.ts';
import { launchChromium } from './browser.ts';

const shots = path.resolve('test-results');

describe('first run in Chromium: set up, sign in, switch language', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof createApp>>;
  let base: string;
  let browser: Browser | null = null;
  let page: Page;

  before(async () => {
    database = await createTestDatabase('pglite');
    await ensureProcessorProfile({ db: database.db, clock: systemClock, actor: systemActor });
    app = await createApp({
      db: database.db,
      clock: systemClock,
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

  test('the admin sets up art28, signs out and in, and reads the dashboard in English', async (t) => {
    browser = await launchChromium(t);
    if (!browser) {
      return;
    }
    page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') {
        consoleErrors.push(m.text());
      }
    });

    await page.goto(base);
    await page.waitForURL(/\/setup$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    await page.getByLabel('Naam', { exact: true }).fill('Anna de Vries');
    await page.getByLabel('E-mailadres').fill('anna@contict.nl');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('correct horse battery staple');
    await page.getByLabel('Herhaal wachtwoord').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Beheerder aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByText('Contict').first().waitFor();
    await page.screenshot({ path: path.join(shots, 'dashboard-nl.png'), fullPage: true });

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'art28_session');
    assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
    assert.equal(session?.sameSite, 'Lax');

    // sign out and back in
    await page.context().clearCookies();
    await page.goto(`${base}/audit`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-mailadres').fill('anna@contict.nl');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('wrong password here');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').first().waitFor();
    await page.getByLabel('Wachtwoord', { exact: true }).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/audit$/);
    await page.getByText('user.signed_in').first().waitFor();

    // English, remembered for this user after a reload
    await page.getByRole('button', { name: 'Taal' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(base);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('link', { name: 'Settings' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'dashboard-en.png'), fullPage: true });

    assert.deepEqual(
      consoleErrors.filter((e) => !e.includes('401')),
      [],
      'no errors in the browser console',
    );
  });
});
