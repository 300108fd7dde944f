import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/server/clock.ts';
import { type Ctx, systemActor } from '../../src/server/context.ts';
import type { Database } from '../../src/server/db/database.ts';
import { createTestDatabase } from '../../src/server/db/test-database.ts';
import { inviteToPortal } from '../../src/server/modules/accounts/accounts.invites.ts';
import { createUser } from '../../src/server/modules/accounts/accounts.usecases.ts';
import { addContact, createCustomer } from '../../src/server/modules/customers/customers.usecases.ts';
import { outboundEmails } from '../../src/server/modules/mail/mail.table.ts';
import { ensureProcessorProfile } from '../../src/server/modules/settings/settings.usecases.ts';
import { launchChromium } from './browser.ts';

const shots = path.resolve('test-results');
const password = 'correct horse battery staple';
const contactPassword = 'koffie zetten om half negen';
const newPassword = 'een nieuw en lang wachtwoord';
const publicUrl = 'http://localhost';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

describe('accounts in Chromium: required two-factor, second sign-in step, sessions, password reset', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof createApp>>;
  let base: string;
  let browser: Browser | null = null;
  let ctx: Ctx;
  let customerId: string;

  before(async () => {
    database = await createTestDatabase('pglite');
    ctx = { db: database.db, clock: systemClock, actor: systemActor };
    await ensureProcessorProfile(ctx);
    await createUser(ctx, { email: 'anna@contict.nl', name: 'Anna de Vries', role: 'admin', password });
    const customer = await createCustomer(ctx, {
      legalName: 'Drukkerij Inkt B.V.',
      kvkNumber: '11223344',
      street: 'Papierstraat 2',
      postalCode: '7511 AA',
      city: 'Enschede',
      country: 'NL',
      locale: 'nl',
    });
    customerId = customer.id;
    await addContact(ctx, customer.id, {
      name: 'Ilse Inkt',
      email: 'ilse@inkt.nl',
      phone: '+31 53 123 4567',
      roles: ['signatory', 'ict-lead', 'privacy-contact'],
    });
    app = await createApp(
      { db: database.db, clock: systemClock, engine: 'pglite', secureCookies: false, publicUrl },
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

  async function latestMailTo(address: string) {
    const [message] = await database.db
      .select()
      .from(outboundEmails)
      .where(eq(outboundEmails.toAddress, address))
      .orderBy(desc(outboundEmails.createdAt));
    assert.ok(message, `a message to ${address}`);
    return message.textBody;
  }

  test('a contact must set up 2FA first, signs in with a recovery code, ends sessions and resets the password', async (t) => {
    browser = await launchChromium(t);
    if (!browser) {
      return;
    }
    const serverErrors: string[] = [];
    const newPage = async () => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
      const page = await context.newPage();
      page.on('response', (r) => {
        if (r.status() >= 500) {
          serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
        }
      });
      return page;
    };
    const signIn = async (page: Page, email: string, secret: string) => {
      await page.goto(`${base}/login`);
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(secret);
      await page.getByRole('button', { name: 'Inloggen' }).click();
    };
    let current: Page | null = null;
    let finished = false;
    t.after(async () => {
      if (!finished && current && !current.isClosed()) {
        await shot(current, 'accounts-failure').catch(() => undefined);
      }
    });

    // staff: the portal group of the general settings; require two-factor sign-in for portal users
    const staff = await newPage();
    current = staff;
    await signIn(staff, 'anna@contict.nl', password);
    await staff.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await staff.goto(`${base}/settings?tab=general`);
    await staff.getByText('Klantportaal', { exact: true }).waitFor();
    await staff.getByRole('switch', { name: /Tweestapsverificatie verplicht/ }).check();
    await staff.getByRole('button', { name: 'Opslaan' }).click();
    await staff.getByText('De instellingen zijn opgeslagen.').waitFor();

    // staff do not get into the portal
    await staff.goto(`${base}/portal`);
    await staff.waitForURL(`${base}/`);

    // the contact accepts an invitation and lands on the set-up page: nothing else until 2FA is on
    const { token } = await inviteToPortal(ctx, { publicUrl }, customerId, {
      email: 'ilse@inkt.nl',
      name: 'Ilse Inkt',
      role: 'customer-admin',
    });
    const contact = await newPage();
    current = contact;
    await contact.goto(`${base}/invite/${token}`);
    await contact.getByText('Drukkerij Inkt B.V.').waitFor();
    await contact.getByLabel('Wachtwoord', { exact: true }).fill(contactPassword);
    await contact.getByLabel('Herhaal wachtwoord').fill(contactPassword);
    await contact.getByRole('button', { name: 'Account aanmaken' }).click();
    await contact.waitForURL(/\/two-factor-setup$/);
    await contact.goto(`${base}/portal/contacts`);
    await contact.waitForURL(/\/two-factor-setup$/);
    await contact.getByRole('img', { name: /QR-code/ }).waitFor();
    const keyText = await contact.getByLabel('Sleutel voor handmatige invoer').textContent();
    const secret = (keyText ?? '').replaceAll(/\s/g, '');
    await contact.getByLabel('Code uit de app').fill('000000');
    await contact.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
    await contact.getByText(/De code klopt niet/).waitFor();
    await contact.getByLabel('Code uit de app').fill(generateSync({ secret }));
    await contact.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
    const codeList = contact.getByRole('list', { name: 'Herstelcodes' });
    await codeList.waitFor();
    const codes = (await codeList.getByRole('listitem').allTextContents()).map((c) => c.trim());
    assert.equal(codes.length, 10);
    await shot(contact, 'accounts-1-enrolled');
    await contact.getByRole('button', { name: 'Verder' }).click();
    await contact.waitForURL(/\/portal$/);

    // a second device: the code step, a challenge that expired (faked) goes back to the password
    const laptop = await newPage();
    current = laptop;
    await signIn(laptop, 'ilse@inkt.nl', contactPassword);
    const codeInput = laptop.getByLabel('Code uit de app');
    await codeInput.waitFor();
    assert.equal(await codeInput.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await codeInput.getAttribute('inputmode'), 'numeric');
    assert.equal(
      await laptop.evaluate(() => document.activeElement?.getAttribute('autocomplete')),
      'one-time-code',
    );
    await laptop.route('**/api/v1/auth/login/two-factor', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'auth.challenge_expired', message: 'expired' } }),
      }),
    );
    await codeInput.fill('123456');
    await laptop.getByRole('button', { name: 'Bevestigen' }).click();
    await laptop.getByText('Het inloggen duurde te lang').waitFor();
    assert.equal(await laptop.getByLabel('E-mailadres').inputValue(), 'ilse@inkt.nl');
    await laptop.unroute('**/api/v1/auth/login/two-factor');
    await laptop.getByLabel('Wachtwoord', { exact: true }).fill(contactPassword);
    await laptop.getByRole('button', { name: 'Inloggen' }).click();
    await laptop.getByRole('button', { name: /herstelcode/ }).click();
    await laptop.getByLabel('Herstelcode').fill(codes[0]!);
    await laptop.getByRole('button', { name: 'Bevestigen' }).click();
    await laptop.waitForURL(/\/portal$/);

    // sessions: both devices are listed; the laptop ends the other one, then signs out everywhere
    await laptop.goto(`${base}/portal/account`);
    const sessions = laptop.getByRole('table', { name: 'Actieve sessies' });
    await sessions.getByText('Dit apparaat').waitFor();
    await laptop.getByText('Nog 9 ongebruikte herstelcodes.').waitFor();
    assert.equal(await sessions.getByRole('button', { name: /beëindigen/ }).count(), 2);
    await shot(laptop, 'accounts-2-sessions');
    const other = sessions
      .getByRole('row')
      .filter({ hasNotText: 'Dit apparaat' })
      .filter({ hasText: '127.0.0.1' });
    await other.getByRole('button', { name: /beëindigen/ }).click();
    await laptop.getByRole('dialog').getByRole('button', { name: 'Beëindigen' }).click();
    await laptop.getByText('De sessie is beëindigd.').waitFor();
    await laptop.waitForFunction(
      () => document.querySelectorAll('table[aria-label="Actieve sessies"] tbody tr').length === 1,
    );
    // the first device's session is gone: its next request sends it to the login page
    await contact.reload();
    await contact.waitForURL(/\/login/);
    await laptop.getByRole('button', { name: 'Overal uitloggen' }).click();
    await laptop.getByRole('dialog').getByRole('button', { name: 'Overal uitloggen' }).click();
    await laptop.waitForURL(/\/login/);

    // forgotten password: the same answer for any address, then a new password from the link
    current = contact;
    await contact.getByLabel('E-mailadres').fill('ilse@inkt.nl');
    await contact.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await contact.waitForURL(/\/reset-password$/);
    assert.equal(await contact.getByLabel('E-mailadres').inputValue(), 'ilse@inkt.nl');
    await contact.getByRole('button', { name: 'Stuur mij een link' }).click();
    await contact.getByText('Kijk in je mailbox').waitFor();
    const resetToken = /\/reset-password\/([\w-]+)/.exec(await latestMailTo('ilse@inkt.nl'))?.[1];
    assert.ok(resetToken, 'the reset mail holds a link');
    await contact.goto(`${base}/reset-password/${resetToken}`);
    await contact.getByLabel('Nieuw wachtwoord', { exact: true }).fill('te kort');
    await contact.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await contact
      .getByText(/minimaal 12 tekens/)
      .first()
      .waitFor();
    await contact.getByLabel('Nieuw wachtwoord', { exact: true }).fill(newPassword);
    await contact.getByLabel('Herhaal nieuw wachtwoord').fill(newPassword);
    await contact.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await contact.waitForURL(/\/login$/);
    await contact.getByText('Je wachtwoord is gewijzigd').waitFor();
    await contact.goto(`${base}/reset-password/${resetToken}`);
    await contact.getByLabel('Nieuw wachtwoord', { exact: true }).fill(newPassword);
    await contact.getByLabel('Herhaal nieuw wachtwoord').fill(newPassword);
    await contact.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await contact.getByText('Deze link werkt niet meer', { exact: true }).waitFor();
    await signIn(contact, 'ilse@inkt.nl', newPassword);
    await contact.getByRole('button', { name: /herstelcode/ }).click();
    await contact.getByLabel('Herstelcode').fill(codes[1]!);
    await contact.getByRole('button', { name: 'Bevestigen' }).click();
    await contact.waitForURL(/\/portal$/);

    // staff see the portal user with two-factor sign-in on
    current = staff;
    await staff.goto(`${base}/customers/${customerId}?tab=portal`);
    const users = staff.getByRole('table', { name: 'Portaalgebruikers' });
    await users
      .getByRole('row', { name: /Ilse Inkt/ })
      .getByText('Aan')
      .waitFor();

    assert.deepEqual(serverErrors, [], 'no server errors');
    finished = true;
  });
});
