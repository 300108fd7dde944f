import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createCustomerToken, createUser } from '../../src/server/modules/accounts/accounts.usecases.ts';
import { addDemoCustomers } from '../../src/server/modules/customers/customers.demo.ts';
import { customers } from '../../src/server/modules/customers/customers.table.ts';
import { getCustomer } from '../../src/server/modules/customers/customers.usecases.ts';
import { type Journey, shot, shotOnFailure, startJourney } from './journey.ts';

// Issue 9, "done when": a portal user submits an access request; tasks appear per system of its services; staff
// complete them with evidence (a note and a file); staff complete the request; the customer downloads the export
// package in the portal. Server and both browsers run on one fixed clock.

const password = 'correct horse battery staple';
const contactPassword = 'bolletjes bakken vanaf vijf uur';
// Monday 2 March 2026, 10:00 in the Netherlands: the 14 days run to the end of 16 March (Dutch time).
const now = '2026-03-02T09:00:00Z';
const dueAt = '2026-03-16T22:59:59.999Z';
const personEmail = 'jan.jansen@voorbeeld.nl';
// a demo customer with services, whose privacy contact uses the portal
const portalCustomer = 'Tandartspraktijk Hengelo';

type Task = { id: string; title: string; kind: string; status: string };
type Detail = {
  id: string;
  reference: string;
  status: string;
  dueAt: string;
  customerDeadline: string | null;
  taskList: Task[];
  package: { fileName: string; expiresAt: string } | null;
};

const viewport = { width: 1280, height: 900 };

async function resize(page: Page) {
  await page.setViewportSize(viewport);
}

// The confirmations stack up in a corner, over the options of a dropdown below them; close them as a user would.
async function dismissNotifications(page: Page) {
  const close = page.locator('.mantine-Notifications-root').getByRole('button', { name: 'Sluiten' });
  for (const button of await close.all()) {
    await button.click({ timeout: 2000 }).catch(() => undefined);
  }
}

describe('data subject requests in Chromium: from the portal to the export package (issue 9)', () => {
  let journey: Journey;
  let contact: { name: string; email: string };
  let customerId: string;

  before(async () => {
    journey = await startJourney({ now });
    const { ctx, db } = journey;
    await createUser(ctx, {
      email: 'petra@contict.nl',
      name: 'Petra Pauw',
      role: 'privacy-officer',
      password,
    });
    await addDemoCustomers(ctx);
    const rows = await db.select({ id: customers.id, legalName: customers.legalName }).from(customers);
    const chosen = rows.find((r) => r.legalName === portalCustomer);
    assert.ok(chosen, `${portalCustomer} is among the demo customers`);
    customerId = chosen.id;
    const detail = await getCustomer(ctx, chosen.id);
    const privacy = detail.contacts.find((c) => c.roles.includes('privacy-contact')) ?? detail.contacts[0];
    assert.ok(privacy);
    contact = { name: privacy.name, email: privacy.email };
    await journey.addPortalUser(chosen.id, {
      email: contact.email,
      name: contact.name,
      role: 'customer-admin',
      password: contactPassword,
    });
  });
  after(async () => {
    await journey.close();
  });

  test('the customer submits an access request, staff work every task with evidence and complete it, the customer downloads the package', async (t) => {
    const { base } = journey;
    // ---- the customer submits the request in the portal ---------------------------------------------------
    const portalSession = await journey.signIn(t, contact.email, contactPassword);
    if (!portalSession) {
      return;
    }
    const portal = portalSession.page;
    await resize(portal);
    let current = portal;
    const failure = shotOnFailure(t, () => current, 'requests-failure');

    await portal.getByRole('link', { name: 'Verzoeken', exact: true }).click();
    await portal.waitForURL(/\/portal\/requests$/);
    await portal.getByText('U heeft nog geen verzoeken ingediend').waitFor();
    await portal.getByRole('link', { name: 'Nieuw verzoek' }).click();
    await portal.waitForURL(/\/portal\/requests\/new$/);
    const form = portal.getByRole('form', { name: 'Nieuw verzoek' });
    await form.getByRole('radio', { name: 'Inzage', exact: true }).check();
    await form.getByText(/exportpakket \(JSON, CSV en een leesbare samenvatting\)/).waitFor();
    // rectification asks what must change: the notes field becomes required, and says so
    await form.getByRole('radio', { name: 'Rectificatie', exact: true }).check();
    await form.getByLabel('Wat moet worden aangepast?').waitFor();
    await form.getByRole('radio', { name: 'Inzage', exact: true }).check();
    await form.getByLabel('Gegeven 1', { exact: true }).fill(personEmail);
    await form.getByRole('button', { name: 'Gegeven toevoegen' }).click();
    await form.getByLabel('Soort gegeven 2', { exact: true }).click();
    await portal.getByRole('option', { name: 'Klantnummer', exact: true }).click();
    await form.getByLabel('Gegeven 2', { exact: true }).fill('PAT-20417');
    await form.getByLabel('Ontvangen op', { exact: true }).fill('27-02-2026');
    await form.getByLabel('Ontvangen op', { exact: true }).blur();
    await shot(portal, 'requests-1-portal-form');
    const submitted = portal.waitForResponse(
      (r) => r.url().endsWith('/api/v1/portal/requests') && r.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'Verzoek indienen' }).click();
    const response = await submitted;
    assert.equal(response.status(), 201, await response.text());
    const request = (await response.json()) as Detail;
    assert.equal(request.dueAt, dueAt);
    assert.equal(request.customerDeadline, '2026-03-27');
    // tasks per system of its services: its own systems and the sub-processors holding its data
    assert.ok(request.taskList.length >= 2, `tasks: ${request.taskList.map((x) => x.title).join(', ')}`);
    assert.ok(request.taskList.some((x) => x.kind === 'processor'));
    await portal.waitForURL(new RegExp(`/portal/requests/${request.id}$`));
    await portal.getByRole('heading', { level: 1, name: `${request.reference} · Inzage` }).waitFor();
    const progress = portal.getByRole('table', { name: /Voortgang per systeem \(0 van \d+ klaar\)/ });
    for (const task of request.taskList) {
      await progress.getByText(task.title, { exact: true }).waitFor();
    }
    assert.match((await portal.locator('main').textContent()) ?? '', /nog 14 dagen 13 uur/);
    await portal.getByText('27 mrt 2026').waitFor();
    await portal.getByRole('button', { name: 'Verzoek annuleren' }).waitFor();
    await shot(portal, 'requests-2-portal-detail');

    // ---- staff work the tasks -----------------------------------------------------------------------------
    const staffSession = await journey.signIn(t, 'petra@contict.nl', password, new RegExp(`^${base}/$`));
    if (!staffSession) {
      return;
    }
    const staff = staffSession.page;
    await resize(staff);
    current = staff;
    // the dashboard card lists the open request with its countdown
    const card = staff.getByRole('region', { name: 'Openstaande verzoeken van betrokkenen' });
    await card.getByRole('link', { name: request.reference }).waitFor();
    assert.match((await card.textContent()) ?? '', /nog 14 dagen 13 uur/);
    await shot(staff, 'requests-3-dashboard');

    await staff.getByRole('link', { name: 'Verzoeken', exact: true }).click();
    await staff.waitForURL(/\/requests$/);
    const list = staff.getByRole('table', { name: 'Verzoeken van betrokkenen', exact: true });
    await list.getByRole('link', { name: request.reference }).waitFor();
    await shot(staff, 'requests-4-list');
    await list.getByRole('link', { name: request.reference }).click();
    await staff.waitForURL(new RegExp(`/requests/${request.id}$`));
    await staff
      .getByRole('heading', { level: 1, name: `${request.reference} · ${portalCustomer}` })
      .waitFor();

    // the identities are masked until someone asks to see them (and that look is audited)
    const identities = staff.getByRole('region', { name: 'Betrokkene' });
    assert.equal(await identities.getByText(personEmail).count(), 0);
    await identities.getByRole('button', { name: 'Gegevens van de betrokkene tonen' }).click();
    await identities.getByText(personEmail).waitFor();
    await identities.getByText('PAT-20417').waitFor();

    const tasks = staff.getByRole('table', { name: 'Taken per systeem' });
    for (const [index, task] of request.taskList.entries()) {
      // evidence: a note, and for the first task a small file too
      await tasks.getByRole('button', { name: `Bewijs toevoegen: ${task.title}` }).click();
      const dialog = staff.getByRole('dialog', { name: `Bewijs toevoegen: ${task.title}` });
      await dialog.getByLabel('Notitie', { exact: true }).fill(`Gezocht op e-mailadres in ${task.title}.`);
      if (index === 0) {
        const chooser = staff.waitForEvent('filechooser');
        await dialog.getByRole('button', { name: /Bestand/ }).click();
        await (await chooser).setFiles({
          name: 'zoekresultaat.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('systeem,gevonden\nCRM,ja\n'),
        });
        await dialog.getByText('zoekresultaat.csv').waitFor();
        await shot(staff, 'requests-5-evidence', false);
      }
      const added = staff.waitForResponse((r) => r.url().endsWith(`/tasks/${task.id}/evidence`));
      await dialog.getByRole('button', { name: 'Toevoegen' }).click();
      assert.equal((await added).status(), 200);
      await dialog.waitFor({ state: 'hidden' });
      const evidence = staff.getByRole('list', { name: `Bewijs bij ${task.title}` });
      await evidence.getByText(`Gezocht op e-mailadres in ${task.title}.`).waitFor();
      if (index === 0) {
        await evidence.getByRole('link', { name: /zoekresultaat\.csv/ }).waitFor();
      }

      // the outcome completes the task
      await dismissNotifications(staff);
      await tasks.getByLabel(`Uitkomst van ${task.title}`, { exact: true }).click();
      await staff
        .getByRole('option', { name: index === 0 ? 'Gevonden' : 'Niet gevonden', exact: true })
        .click();
      await tasks
        .getByLabel(`Toelichting bij ${task.title}`, { exact: true })
        .fill(index === 0 ? 'Eén klantrecord.' : '');
      const saved = staff.waitForResponse(
        (r) => r.url().endsWith(`/tasks/${task.id}`) && r.request().method() === 'PATCH',
      );
      await tasks.getByRole('button', { name: `Uitkomst vastleggen: ${task.title}` }).click();
      assert.equal((await saved).status(), 200);
      await tasks.getByRole('button', { name: `Heropenen: ${task.title}` }).waitFor();
    }
    // the evidence file downloads as it was uploaded
    const firstTask = request.taskList[0]!;
    const evidenceDownload = staff.waitForEvent('download');
    await staff
      .getByRole('list', { name: `Bewijs bij ${firstTask.title}` })
      .getByRole('link', { name: /zoekresultaat\.csv/ })
      .click();
    const evidenceFile = await evidenceDownload;
    assert.equal(fs.readFileSync((await evidenceFile.path())!, 'utf8'), 'systeem,gevonden\nCRM,ja\n');
    await shot(staff, 'requests-6-tasks-done');

    // all tasks done: complete
    const complete = staff.getByRole('button', { name: 'Afronden', exact: true });
    assert.equal(await complete.isEnabled(), true);
    await complete.click();
    const confirm = staff.getByRole('dialog', { name: 'Verzoek afronden' });
    const completed = staff.waitForResponse((r) => r.url().endsWith(`/requests/${request.id}/complete`));
    await confirm.getByRole('button', { name: 'Afronden' }).click();
    const completion = await completed;
    assert.equal(completion.status(), 200, await completion.text());
    const done = (await completion.json()) as Detail;
    assert.equal(done.status, 'completed');
    assert.ok(done.package, 'an access request ends in an export package');
    await staff.getByRole('link', { name: 'Exportpakket downloaden' }).waitFor();
    await shot(staff, 'requests-7-completed');

    // ---- the customer downloads the package ----------------------------------------------------------------
    current = portal;
    await portal.reload();
    await portal.getByRole('heading', { level: 1, name: `${request.reference} · Inzage` }).waitFor();
    await portal.getByText('Afgerond', { exact: true }).first().waitFor();
    assert.equal(await portal.getByRole('button', { name: 'Verzoek annuleren' }).count(), 0);
    await portal
      .getByRole('table', { name: /Voortgang per systeem \(\d+ van \d+ klaar\)/ })
      .getByText('Eén klantrecord.')
      .waitFor();
    // internal evidence stays with us
    assert.equal(await portal.getByText('zoekresultaat.csv').count(), 0);
    await shot(portal, 'requests-8-portal-completed');
    const download = portal.waitForEvent('download');
    await portal.getByRole('link', { name: 'Exportpakket downloaden' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), done.package.fileName);
    const bytes = fs.readFileSync((await file.path())!);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the package is a zip');

    assert.deepEqual(portalSession.problems, []);
    assert.deepEqual(staffSession.problems, []);
    failure.done();
  });

  test('staff take in a request received by phone, for one service, and put it on hold: the countdown pauses', async (t) => {
    const { base } = journey;
    const session = await journey.signIn(t, 'petra@contict.nl', password, new RegExp(`^${base}/$`));
    if (!session) {
      return;
    }
    const { page, problems } = session;
    await resize(page);
    const failure = shotOnFailure(t, () => page, 'requests-intake-failure');
    await page.goto(`${base}/requests`);
    await page.getByRole('link', { name: 'Nieuw verzoek' }).click();
    await page.waitForURL(/\/requests\/new$/);
    const form = page.getByRole('form', { name: 'Nieuw verzoek' });
    await form.getByRole('combobox', { name: 'Klant', exact: true }).fill('Tandarts');
    await page.getByRole('option', { name: portalCustomer, exact: true }).click();
    await form.getByRole('radio', { name: 'telefonisch', exact: true }).check();
    // Dutch time, typed the Dutch way
    await form.getByLabel('Ontvangen op', { exact: true }).fill('02-03-2026 09:30');
    await form.getByLabel('Ontvangen op', { exact: true }).blur();
    await form.getByRole('radio', { name: 'Wissing', exact: true }).check();
    await form.getByLabel('Gegeven 1', { exact: true }).fill('+31 6 12345678');
    // a phone number: the kind follows
    await form.getByLabel('Soort gegeven 1', { exact: true }).click();
    await page.getByRole('option', { name: 'Telefoonnummer', exact: true }).click();
    // only VoIP is in scope
    await form.getByRole('checkbox', { name: 'Cloud', exact: true }).uncheck();
    await form.getByLabel('Toelichting', { exact: true }).fill('Belde op 2 maart; wil uit alle systemen.');
    await shot(page, 'requests-9-intake-form');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/requests') && r.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    const response = await created;
    assert.equal(response.status(), 201, await response.text());
    const request = (await response.json()) as Detail & {
      scope: string[];
      channel: string;
      receivedAt: string;
    };
    assert.deepEqual(request.scope, ['voip']);
    assert.equal(request.channel, 'phone');
    assert.equal(new Date(request.receivedAt).toISOString(), '2026-03-02T08:30:00.000Z');
    assert.ok(request.taskList.every((task) => !task.title.startsWith('Cloud')));
    await page.waitForURL(new RegExp(`/requests/${request.id}$`));

    // waiting for the customer: the countdown shows paused
    await page.getByRole('button', { name: 'Wacht op klant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Wachten op de klant' });
    await dialog.getByRole('button', { name: 'In de wacht zetten' }).click();
    await dialog.getByText('Geef een reden op.').waitFor();
    await dialog.getByLabel('Reden').fill('Welk telefoonnummer hoort bij de betrokkene?');
    await dialog.getByRole('button', { name: 'In de wacht zetten' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Gepauzeerd').first().waitFor();
    await page.getByRole('button', { name: 'Hervatten' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Afronden', exact: true }).isDisabled(), true);
    await shot(page, 'requests-10-on-hold');

    // the list: filter on status, the paused countdown
    await page.getByRole('link', { name: 'Terug naar verzoeken' }).click();
    const list = page.getByRole('table', { name: 'Verzoeken van betrokkenen', exact: true });
    await list.getByRole('link', { name: request.reference }).waitFor();
    await page.getByRole('combobox', { name: 'Status', exact: true }).click();
    await page.getByRole('option', { name: 'Wacht op klant', exact: true }).click();
    await list.getByRole('link', { name: request.reference }).waitFor();
    assert.equal(await list.getByRole('row').count(), 2);
    assert.match((await list.textContent()) ?? '', /Gepauzeerd/);
    await shot(page, 'requests-11-list-on-hold');
    assert.deepEqual(problems, []);
    failure.done();
  });
  test('a request filed over OpenDSR shows its signed receipt and status callbacks to staff', async (t) => {
    const { base } = journey;
    const token = await createCustomerToken(journey.ctx, {
      name: 'OpenDSR',
      customerId,
      role: 'customer-admin',
    });
    const subjectRequestId = randomUUID();
    const filed = await fetch(`${base}/opendsr/v2/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        regulation: 'gdpr',
        subject_request_id: subjectRequestId,
        subject_request_type: 'erasure',
        subject_identities: [
          { identity_type: 'email', identity_value: 'opendsr.persoon@example.nl', identity_format: 'raw' },
        ],
        submitted_time: new Date(Date.parse(now) - 3_600_000).toISOString(),
        status_callback_urls: ['https://controller.example/opendsr/callbacks'],
      }),
    });
    assert.equal(filed.status, 201, await filed.clone().text());
    assert.ok(filed.headers.get('x-opendsr-signature'));
    const session = await journey.signIn(t, 'petra@contict.nl', password, new RegExp(`^${base}/$`));
    if (!session) {
      return;
    }
    const { page, problems } = session;
    await resize(page);
    const failure = shotOnFailure(t, () => page, 'requests-opendsr-failure');
    await page.goto(`${base}/requests`);
    const list = page.getByRole('table', { name: 'Verzoeken van betrokkenen', exact: true });
    const link = list.getByRole('row').filter({ hasText: 'Wissing' }).first().getByRole('link');
    await link.click();
    const log = page.getByRole('table', { name: 'OpenDSR-berichten' });
    await log.getByRole('cell', { name: 'Ontvangstbevestiging' }).waitFor();
    assert.match(
      (await page.getByText(/subject_request_id/).textContent()) ?? '',
      new RegExp(subjectRequestId),
    );
    // a state change calls the controller back: the callback waits for the job, shown as such
    await page.getByRole('button', { name: 'In behandeling nemen' }).click();
    await log.getByRole('cell', { name: 'Statusmelding' }).waitFor();
    await log.getByText('Wacht op aflevering').waitFor();
    await shot(page, 'requests-12-opendsr-log');
    assert.deepEqual(problems, []);
    failure.done();
  });
});
