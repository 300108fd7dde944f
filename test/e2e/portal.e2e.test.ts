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
import { createUser } from '../../src/server/modules/accounts/accounts.usecases.ts';
import {
  addContact,
  createAgreement,
  createCustomer,
  getCustomer,
  sendDpa,
  serviceLineLookup,
  signDpa,
} from '../../src/server/modules/customers/customers.usecases.ts';
import { outboundEmails } from '../../src/server/modules/mail/mail.table.ts';
import { seedRegister } from '../../src/server/modules/register/register.usecases.ts';
import { ensureProcessorProfile } from '../../src/server/modules/settings/settings.usecases.ts';
import { launchChromium } from './browser.ts';

const shots = path.resolve('test-results');
const password = 'correct horse battery staple';
const contactPassword = 'bolletjes bakken vanaf vijf uur';
const tinyPdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1').toString(
  'base64',
);

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// A customer with a contact, an agreement for Cloud and DPA version 1 sent and signed by the processor: what
// staff have done before they invite the customer to the portal.
async function buildCustomer(ctx: Ctx, name: string, kvk: string, contactEmail: string) {
  const customer = await createCustomer(ctx, {
    legalName: name,
    kvkNumber: kvk,
    street: 'Marktstraat 1',
    postalCode: '7607 AB',
    city: 'Almelo',
    country: 'NL',
    locale: 'nl',
  });
  const contact = await addContact(ctx, customer.id, {
    name: 'Sander Bol',
    email: contactEmail,
    phone: '+31 546 123 456',
    roles: ['signatory', 'ict-lead', 'privacy-contact'],
  });
  const agreement = await createAgreement(ctx, serviceLineLookup, customer.id, {
    reference: `OVK-${kvk}`,
    startDate: '2026-01-01',
    services: [{ serviceLineCode: 'cloud', startDate: '2026-01-01', endDate: null }],
  });
  // the agreement comes with DPA version 1 as a draft
  const [dpa] = (await getCustomer(ctx, customer.id)).agreements[0]!.dpas;
  assert.ok(dpa);
  await sendDpa(ctx, customer.id, agreement.id, dpa.id);
  await signDpa(
    ctx,
    customer.id,
    agreement.id,
    dpa.id,
    {
      party: 'processor',
      signerName: 'Anna de Vries',
      signerRole: 'Directeur',
      signedAt: new Date().toISOString(),
      file: { name: 'getekend.pdf', dataBase64: tinyPdf },
    },
    { method: 'uploaded_pdf', accountId: null, ip: null },
  );
  return { customer, contact };
}

describe('portal in Chromium: invite, sign up, two-factor, sign the DPA, only the own customer', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof createApp>>;
  let base: string;
  let browser: Browser | null = null;
  let ctx: Ctx;

  before(async () => {
    database = await createTestDatabase('pglite');
    ctx = { db: database.db, clock: systemClock, actor: systemActor };
    await ensureProcessorProfile(ctx);
    await seedRegister(ctx);
    await createUser(ctx, { email: 'anna@contict.nl', name: 'Anna de Vries', role: 'admin', password });
    await buildCustomer(ctx, 'Bakkerij Bolletje B.V.', '12345678', 'sander@bolletje.nl');
    await buildCustomer(ctx, 'Slagerij Worst B.V.', '87654321', 'piet@worst.nl');
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

  test('staff invite a contact, who signs up, turns on 2FA and signs the DPA; staff see it in the audit log', async (t) => {
    browser = await launchChromium(t);
    if (!browser) {
      return;
    }
    const serverErrors: string[] = [];
    const consoleErrors: string[] = [];
    const watch = (page: Page) => {
      page.on('response', (r) => {
        if (r.status() >= 500) {
          serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
        }
      });
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) {
          consoleErrors.push(m.text());
        }
      });
      return page;
    };
    const staffContext = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale: 'nl-NL',
    });
    const staff = watch(await staffContext.newPage());
    let current = staff;
    let finished = false;
    t.after(async () => {
      if (!finished && !current.isClosed()) {
        await shot(current, 'portal-failure').catch(() => undefined);
      }
    });

    // staff: invite the contact from the customer's page
    await staff.goto(`${base}/login`);
    await staff.getByLabel('E-mailadres').fill('anna@contict.nl');
    await staff.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await staff.getByRole('button', { name: 'Inloggen' }).click();
    await staff.waitForURL(`${base}/`);
    await staff.goto(`${base}/customers`);
    await staff.getByRole('link', { name: 'Bakkerij Bolletje B.V.' }).click();
    await staff.getByRole('tab', { name: 'Portaaltoegang' }).click();
    await staff.getByRole('button', { name: 'Uitnodigen' }).click();
    const invite = staff.getByRole('dialog');
    await invite.getByLabel('Contactpersoon').click();
    await staff.getByRole('option', { name: /Sander Bol/ }).click();
    assert.equal(await invite.getByLabel('E-mailadres').inputValue(), 'sander@bolletje.nl');
    await invite.getByLabel('Rol', { exact: true }).click();
    await staff.getByRole('option', { name: 'Klantbeheerder' }).click();
    await invite.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await staff.getByText(/staat in de outbox/).waitFor();
    await shot(staff, 'portal-1-invited');

    // without SMTP the invitation waits in the outbox; its link is what the contact would click
    const [message] = await database.db
      .select()
      .from(outboundEmails)
      .where(eq(outboundEmails.toAddress, 'sander@bolletje.nl'))
      .orderBy(desc(outboundEmails.createdAt));
    assert.equal(message?.status, 'outbox');
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(message!.textBody)?.[1];
    assert.ok(token, 'the invitation holds a link');

    // the contact: accept the invitation in a browser of its own
    const contactContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
    });
    const contact = watch(await contactContext.newPage());
    current = contact;
    await contact.goto(`${base}/invite/${token}`);
    await contact.getByText('Bakkerij Bolletje B.V.').first().waitFor();
    await contact.getByLabel(/naam/i).first().fill('Sander Bol');
    await contact.getByLabel('Wachtwoord', { exact: true }).fill(contactPassword);
    await contact.getByLabel('Herhaal wachtwoord').fill(contactPassword);
    await contact.getByRole('button', { name: 'Account aanmaken' }).click();
    await contact.waitForURL(/\/portal$/);
    await contact.getByText('Bakkerij Bolletje B.V.').first().waitFor();
    await shot(contact, 'portal-2-overview');

    // two-factor sign-in on the account page: scan (here: read the key), confirm a code, keep the recovery codes
    await contact.goto(`${base}/portal/account`);
    await contact.getByRole('button', { name: 'Instellen' }).click();
    const secret = await contact.getByLabel('Sleutel voor handmatige invoer').innerText();
    const code = generateSync({ secret: secret.replaceAll(/\s/g, ''), epoch: Math.floor(Date.now() / 1000) });
    await contact.getByLabel('Code uit de app').fill(code);
    await contact.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
    const codes = contact.getByRole('list', { name: 'Herstelcodes' });
    await codes.waitFor();
    const recoveryCodes = (await codes.getByRole('listitem').allInnerTexts()).map((c) => c.trim());
    assert.equal(recoveryCodes.length, 10);
    await shot(contact, 'portal-3-recovery-codes');
    await contact.getByRole('button', { name: 'Ik heb ze bewaard' }).click();

    // sign out and in again: the password is not enough any more (a recovery code stands in for the app here,
    // as the app's code for this half minute has been used)
    await contact.getByRole('button', { name: /Gebruikersmenu/ }).click();
    await contact.getByRole('menuitem', { name: 'Uitloggen' }).click();
    await contact.waitForURL(/\/login/);
    await contact.getByLabel('E-mailadres').fill('sander@bolletje.nl');
    await contact.getByLabel('Wachtwoord', { exact: true }).fill(contactPassword);
    await contact.getByRole('button', { name: 'Inloggen' }).click();
    await contact.getByLabel('Code uit de app').waitFor();
    await contact.getByRole('button', { name: /herstelcode/i }).click();
    await contact.getByLabel('Herstelcode').fill(recoveryCodes[0]!);
    await contact.getByRole('button', { name: 'Bevestigen' }).click();
    await contact.waitForURL(/\/portal$/);

    // sign the DPA: the processor signed already, so it becomes active
    await contact.getByRole('link', { name: 'Verwerkersovereenkomst' }).first().click();
    await contact.waitForURL(/\/portal\/dpa$/);
    await contact.getByRole('button', { name: 'Versie 1 ondertekenen' }).click();
    const sign = contact.getByRole('dialog');
    await sign.getByLabel('Uw functie').fill('Directeur');
    await sign.getByLabel(/Ik ben bevoegd/).check();
    await sign.getByRole('button', { name: 'Ondertekenen' }).click();
    await sign.getByText('Actief').first().waitFor();
    await shot(contact, 'portal-4-signed');
    await sign.getByRole('button', { name: 'Sluiten' }).last().click();
    await contact
      .getByRole('row', { name: /Versie 1/ })
      .getByText('Actief')
      .waitFor();
    assert.equal(await contact.getByRole('button', { name: 'Versie 1 ondertekenen' }).count(), 0);

    // only the own customer: nothing of the other customer anywhere, and staff pages send back to the portal
    for (const page of ['/portal', '/portal/dpa', '/portal/register', '/portal/contacts', '/portal/users']) {
      await contact.goto(`${base}${page}`);
      await contact.getByRole('heading', { level: 1 }).waitFor();
      const text = await contact.locator('body').innerText();
      assert.doesNotMatch(
        text,
        /Slagerij Worst|piet@worst\.nl|87654321/,
        `${page} shows only the own customer`,
      );
    }
    await contact.goto(`${base}/customers`);
    await contact.waitForURL(/\/portal$/);
    const otherCustomers = await contact.request.get(`${base}/api/v1/customers`);
    assert.equal(otherCustomers.status(), 403, 'the staff API refuses a portal session');

    // staff: the contact's account and signature are in the audit log under the contact's own name
    current = staff;
    await staff.goto(`${base}/audit`);
    await staff.getByLabel('Door', { exact: true }).fill('sander@bolletje.nl');
    await staff.getByRole('button', { name: 'Filteren' }).click();
    await staff.getByText('dpa.signed').first().waitFor();
    await staff.getByText('portal_user.created').first().waitFor();
    await shot(staff, 'portal-5-audit');

    assert.deepEqual(serverErrors, []);
    assert.deepEqual(consoleErrors, []);
    finished = true;
  });
});
