import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { createUser } from '../../src/server/modules/accounts/accounts.usecases.ts';
import { addDemoCustomers } from '../../src/server/modules/customers/customers.demo.ts';
import {
  agreementServices,
  agreements,
  customers,
} from '../../src/server/modules/customers/customers.table.ts';
import { getCustomer } from '../../src/server/modules/customers/customers.usecases.ts';
import { type Journey, shot, shotOnFailure, startJourney } from './journey.ts';

// Issue 8, "done when", from the staff side: an incident at the VoIP sub-processor finds every customer taking
// VoIP with its data types and person counts and a 24-hour countdown; staff phone one, send the written notices
// (they reach a real SMTP server), the customer confirms receipt in the portal, and an update follows as version 2.

const password = 'correct horse battery staple';
const contactPassword = 'bolletjes bakken vanaf vijf uur';
const title = 'Inbraak op het telefonieplatform van Enreach';
const minute = 60_000;
// Wednesday 10 June 2026, 10:00 in the Netherlands; discovered at 09:15, so the 24 hours run to 11 June 09:15.
const now = '2026-06-10T08:00:00Z';
// typed as the app writes instants (dd-MM-yyyy HH:mm, 24-hour), whatever the browser's own locale
const discoveredLocal = '10-06-2026 09:15';
const discoveredAt = '2026-06-10T07:15:00.000Z';
const dueAt = '2026-06-11T07:15:00.000Z';
// the demo customer whose privacy contact signs in to the portal (it takes Cloud and VoIP)
const portalCustomer = 'Tandartspraktijk Hengelo';

type Affected = {
  customerId: string;
  legalName: string;
  included: boolean;
  status: string;
  dueAt: string;
  dataTypes: string[];
  personsMin: number | null;
  personsMax: number | null;
};

const count = new Intl.NumberFormat('nl-NL');
// as the table shows the estimate (Annex 3, question 3): one number, or minimum–maximum
const persons = (a: Affected) =>
  a.personsMin === a.personsMax
    ? count.format(a.personsMin ?? 0)
    : `${a.personsMin === null ? '?' : count.format(a.personsMin)}–${
        a.personsMax === null ? '?' : count.format(a.personsMax)
      }`;

// The cells of a table row by column title ("Soorten gegevens" → its text).
async function cellsOf(table: Locator, row: Locator) {
  const titles = await table.locator('thead th').allInnerTexts();
  const cells = await row.locator('td').allInnerTexts();
  return (name: string) => {
    const index = titles.findIndex((t) => t.trim().startsWith(name));
    assert.ok(index >= 0, `a column "${name}" among ${titles.join(' | ')}`);
    return cells[index]?.trim() ?? '';
  };
}

// A date-time field: type it, then leave it (closing its calendar).
async function fillDateTime(input: Locator, text: string) {
  await input.fill(text);
  await input.press('Tab');
}

async function apiGet<T>(page: Page, base: string, url: string): Promise<T> {
  const response = await page.request.get(`${base}/api/v1${url}`);
  assert.equal(response.status(), 200, `${url}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe('breaches in Chromium: an incident at the VoIP sub-processor, from registration to update (issue 8)', () => {
  let journey: Journey;
  let voip: Map<string, string>;
  let contact: { name: string; email: string };
  let ictLead: { name: string; email: string; phone: string | null };

  before(async () => {
    journey = await startJourney({ now, smtp: true });
    const { ctx, db } = journey;
    await createUser(ctx, {
      email: 'petra@contict.nl',
      name: 'Petra Pauw',
      role: 'privacy-officer',
      password,
    });
    // the demo loader (what `art28 customers demo` does): forty customers, with headcounts per service
    await addDemoCustomers(ctx);
    // who takes VoIP, read from the agreements themselves rather than from the impact computation under test
    const rows = await db
      .selectDistinct({ id: customers.id, legalName: customers.legalName })
      .from(customers)
      .innerJoin(agreements, eq(agreements.customerId, customers.id))
      .innerJoin(
        agreementServices,
        and(eq(agreementServices.agreementId, agreements.id), eq(agreementServices.serviceLineCode, 'voip')),
      );
    voip = new Map(rows.map((r) => [r.id, r.legalName]));
    const chosen = rows.find((r) => r.legalName === portalCustomer);
    assert.ok(chosen, `${portalCustomer} takes VoIP`);
    const detail = await getCustomer(ctx, chosen.id);
    const privacy = detail.contacts.find((c) => c.roles.includes('privacy-contact'));
    const lead = detail.contacts.find((c) => c.roles.includes('ict-lead'));
    assert.ok(privacy && lead);
    contact = { name: privacy.name, email: privacy.email };
    ictLead = { name: lead.name, email: lead.email, phone: lead.phone };
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

  test('staff register the incident, see the customers taking VoIP, phone one, notify all and send an update; the customer confirms in the portal', async (t) => {
    const { base } = journey;
    const staffSession = await journey.signIn(t, 'petra@contict.nl', password, new RegExp(`^${base}/$`));
    if (!staffSession) {
      return;
    }
    const staff = staffSession.page;
    let current = staff;
    const failure = shotOnFailure(t, () => current, 'breaches-failure');

    // (2) register the incident at Enreach/Routit for VoIP
    await staff.getByRole('link', { name: 'Datalekken' }).first().click();
    await staff.waitForURL(/\/breaches$/);
    await staff.getByRole('link', { name: 'Nieuw incident' }).click();
    const form = staff.getByRole('form', { name: 'Nieuw incident' });
    await form.waitFor();
    await form.getByLabel('Titel').fill(title);
    await form
      .getByLabel('Omschrijving')
      .fill(
        'Onbevoegden hebben met een gestolen beheerdersaccount ingelogd op het VoIP-platform van Enreach.',
      );
    await form.getByLabel('Hoe is het ontdekt?').fill('Melding van Enreach/Routit aan onze servicedesk.');
    await fillDateTime(form.getByLabel('Ontdekt op'), discoveredLocal);
    await fillDateTime(form.getByLabel('Begonnen op'), '09-06-2026 22:00');
    await fillDateTime(form.getByLabel('Geëindigd op'), '10-06-2026 06:30');
    await form.getByRole('checkbox', { name: 'Vertrouwelijkheid' }).check();
    await form.getByRole('checkbox', { name: 'Ingezien', exact: true }).check();
    await form.getByRole('checkbox', { name: 'Gekopieerd', exact: true }).check();
    await form.getByLabel('Getroffen systemen').fill('Broadworks-platform (gespreksgegevens en voicemail)');
    await form.getByLabel('Getroffen diensten').click();
    await staff.getByRole('option', { name: 'VoIP', exact: true }).click();
    await staff.keyboard.press('Escape');
    await form.getByLabel('Betrokken sub-verwerkers').click();
    await staff.getByRole('option', { name: 'Enreach/Routit', exact: true }).click();
    await staff.keyboard.press('Escape');
    await form
      .getByLabel('Oorzaak', { exact: true })
      .fill('Een beheerderswachtwoord zonder tweestapsverificatie.');
    await form.getByRole('radio', { name: 'Niet versleuteld' }).check();
    await form
      .getByLabel('Genomen maatregelen')
      .fill('Het account is geblokkeerd en alle beheerderswachtwoorden zijn vervangen.');
    // the field another change adds (Annex 3: likely consequences); fill it when the form has it
    const consequences = form.getByLabel(/gevolgen/i);
    if ((await consequences.count()) > 0) {
      await consequences.fill('Bellers en gespreksgegevens kunnen bekend zijn geworden bij onbevoegden.');
    }
    await form.getByRole('radio', { name: 'Hoog' }).check();
    await form.getByRole('radio', { name: 'Ja, (waarschijnlijk) meldplichtig' }).check();
    await form
      .getByLabel('Onderbouwing')
      .fill('Gespreksgegevens van klanten en hun bellers zijn ingezien en mogelijk gekopieerd.');
    await shot(staff, 'breaches-1-form');
    const created = staff.waitForResponse(
      (r) => r.url().endsWith('/api/v1/incidents') && r.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'Incident vastleggen' }).click();
    const createdResponse = await created;
    assert.equal(createdResponse.status(), 201, await createdResponse.text());
    const incident = (await createdResponse.json()) as {
      id: string;
      reference: string;
      discoveredAt: string;
      dueAt: string;
    };
    assert.equal(incident.discoveredAt, discoveredAt, 'the time entered is Dutch time');
    assert.equal(incident.dueAt, dueAt, 'discovery + 24 hours');
    await staff.waitForURL(new RegExp(`/breaches/${incident.id}$`));
    await staff.getByRole('heading', { level: 1, name: `${incident.reference} · ${title}` }).waitFor();

    // (3) the customers taking VoIP, each with data types and persons as the server computed them
    const affected = async () =>
      (await apiGet<{ items: Affected[] }>(staff, base, `/incidents/${incident.id}/customers`)).items;
    const computed = await affected();
    assert.deepEqual(
      new Set(computed.map((a) => a.customerId)),
      new Set(voip.keys()),
      'the server finds exactly the customers taking VoIP',
    );
    assert.ok(computed.every((a) => a.included && a.dueAt === dueAt && a.dataTypes.length > 0));
    const table = staff.getByRole('table', { name: 'Getroffen klanten' });
    await table.getByRole('link', { name: portalCustomer, exact: true }).waitFor();
    assert.equal(await table.locator('tbody tr').count(), voip.size, 'one row per customer taking VoIP');
    // the incident's counts, as the figure under their label ("Gebeld" → "1")
    const countOf = async (label: string, expected: string) => {
      const figure = staff
        .locator('dt', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]');
      await figure.filter({ hasText: new RegExp(`^${expected}$`) }).waitFor();
    };
    const rowOf = (name: string) =>
      table.getByRole('row').filter({ has: staff.getByRole('link', { name, exact: true }) });
    for (const a of computed) {
      const cell = await cellsOf(table, rowOf(a.legalName));
      assert.equal(cell('Soorten gegevens'), a.dataTypes.join('; '), `${a.legalName}: data types`);
      assert.equal(cell('Aantal personen'), persons(a), `${a.legalName}: persons`);
      assert.equal(cell('Stand'), 'Nog bellen', `${a.legalName}: status`);
      assert.match(cell('Termijn'), /^nog 23 uur 15 min/, `${a.legalName}: countdown`);
    }
    assert.ok(
      computed.some((a) => a.personsMin !== null && a.personsMin > 0),
      'the demo headcounts give person counts',
    );
    // why a customer is counted in: for staff, in Dutch, naming the service (not its code)
    await table.getByRole('button', { name: `Details: ${portalCustomer}` }).click();
    await table.getByText('art28: neemt VoIP af; gegevens bij Enreach/Routit').waitFor();
    // the success message stays clear of the table and its buttons
    const toast = staff.getByText(`${incident.reference} vastgelegd`, { exact: false });
    if ((await toast.count()) > 0) {
      const box = await toast.first().boundingBox();
      assert.ok(box && box.y < 160, `the notification sits at the top, not over the table (y=${box?.y})`);
    }
    // the countdown to discovery + 24 hours, for the incident as a whole
    const deadline = staff.getByText('Termijn klanten informeren (artikel 8.1)').locator('..');
    assert.match((await deadline.textContent()) ?? '', /nog 23 uur 15 min/);
    // at 1280 px beside the navigation the columns fit: nothing to scroll sideways for
    await staff.setViewportSize({ width: 1280, height: 900 });
    const overflow = await table.evaluate((el) => {
      const viewport = el.closest('.mantine-ScrollArea-viewport') ?? el.parentElement!;
      return el.getBoundingClientRect().width - viewport.getBoundingClientRect().width;
    });
    assert.ok(overflow <= 1, `the table fits at 1280 px (${overflow} px too wide)`);
    await staff.setViewportSize({ width: 1360, height: 900 });
    await shot(staff, 'breaches-2-affected');

    // (4) ten minutes later: the ICT lead of one customer is phoned and reached
    await journey.advance(10 * minute);
    await staff.getByRole('button', { name: `Bellen vastleggen: ${portalCustomer}` }).click();
    const call = staff.getByRole('dialog', { name: `Bellen vastleggen: ${portalCustomer}` });
    assert.equal(await call.getByLabel('Gesproken met').inputValue(), ictLead.name);
    assert.equal(await call.getByLabel('Telefoonnummer').inputValue(), ictLead.phone);
    assert.equal(
      await call.getByLabel('Gebeld op').inputValue(),
      '10-06-2026 10:10',
      'now, in Dutch time, 24-hour',
    );
    await call
      .getByLabel('Notitie (optioneel)')
      .fill('Uitgelegd wat er is gebeurd; schriftelijke melding volgt.');
    await shot(staff, 'breaches-3-call', false);
    await call.getByRole('button', { name: 'Gesprek vastleggen' }).click();
    await call.waitFor({ state: 'detached' });
    const phoned = rowOf(portalCustomer);
    await phoned.getByText('Gebeld', { exact: true }).waitFor();
    assert.match(
      (await cellsOf(table, phoned))('ICT-verantwoordelijke'),
      /1 gesprek · Bereikt · 10-06-2026 10:10/,
    );
    await countOf('Gebeld', '1');
    const afterCall = (await affected()).find((a) => a.legalName === portalCustomer);
    assert.equal(afterCall?.status, 'phoned');

    // (5) half an hour after discovery + 45 min: the written notices to every customer still waiting
    await journey.advance(20 * minute);
    await staff.getByRole('button', { name: `Schriftelijke melding versturen (${voip.size})` }).click();
    const notice = staff.getByRole('dialog', { name: 'Schriftelijke melding versturen (artikel 8.1)' });
    assert.equal(
      await notice.getByRole('radio', { name: `Alle klanten die nog wachten (${voip.size})` }).isChecked(),
      true,
    );
    await shot(staff, 'breaches-4-notice', false);
    const sent = staff.waitForResponse(
      (r) => r.url().endsWith(`/incidents/${incident.id}/notices`) && r.request().method() === 'POST',
    );
    await notice.getByRole('button', { name: `Verstuur aan ${voip.size} klanten` }).click();
    const sentResponse = await sent;
    assert.equal(sentResponse.status(), 200, await sentResponse.text());
    await notice.waitFor({ state: 'detached' });
    await staff.getByText(`Melding verstuurd aan ${voip.size} klanten.`).waitFor();
    await rowOf(portalCustomer).getByText('Melding verstuurd', { exact: true }).waitFor();
    await countOf('Melding verstuurd', String(voip.size));
    // the call still counts once the written notice went out
    await countOf('Gebeld', '1');

    // the notice reaches the mail server, for the privacy contact and the ICT lead alike
    // (what else reached this address is the portal invitation, sent before the incident)
    const aboutIncident = (to: string) =>
      journey.smtp.received.filter(
        (m) => m.envelopeTo.includes(to) && m.subject.includes(incident.reference),
      );
    await journey.deliverMail();
    const [noticeMail, ...moreNotices] = aboutIncident(contact.email);
    assert.ok(noticeMail, `the SMTP server received the notice for ${contact.email}`);
    assert.equal(moreNotices.length, 0);
    assert.equal(noticeMail.subject, `Melding datalek ${incident.reference}: ${title}`);
    assert.match(noticeMail.text, /Melding van een datalek \(artikel 8\.1 verwerkersovereenkomst\)/);
    assert.match(noticeMail.text, /gestolen beheerdersaccount/);
    assert.match(noticeMail.text, /http:\/\/localhost\/portal\/breaches/);
    const mine = (await affected()).find((a) => a.legalName === portalCustomer)!;
    assert.ok(
      mine.dataTypes.every((d) => noticeMail.text.includes(d)),
      'the notice names the data types',
    );
    assert.equal(aboutIncident(ictLead.email).length, 1);
    assert.ok(
      journey.smtp.received.filter((m) => m.subject.includes(incident.reference)).length >= voip.size,
      'every customer taking VoIP was written to (ICT lead and privacy contact)',
    );

    // (6) the privacy contact signs in to the portal and confirms receipt
    const portalSession = await journey.signIn(t, contact.email, contactPassword);
    assert.ok(portalSession);
    const portal = portalSession.page;
    current = portal;
    await portal.getByRole('link', { name: 'Datalekken' }).click();
    await portal.waitForURL(/\/portal\/breaches$/);
    const card = portal.getByRole('article', { name: title });
    await card.getByText('Ontvangen', { exact: true }).waitFor();
    await card.getByText('Versie 1: eerste melding').waitFor();
    await card
      .getByText(/gestolen beheerdersaccount/)
      .first()
      .waitFor();
    await shot(portal, 'breaches-5-portal-notice');
    const acknowledged = portal.waitForResponse(
      (r) => /\/portal\/breaches\/[^/]+\/acknowledge$/.test(r.url()) && r.request().method() === 'POST',
    );
    await card.getByRole('button', { name: 'Ontvangst bevestigen' }).click();
    assert.equal((await acknowledged).status(), 200);
    await card
      .getByRole('status')
      .filter({ hasText: new RegExp(`Ontvangst bevestigd op .* door ${contact.name}`) })
      .waitFor();

    // (7) staff see the confirmation, and send an update
    current = staff;
    await journey.advance(20 * minute);
    await staff.reload();
    await rowOf(portalCustomer).getByText('Bevestigd door klant', { exact: true }).waitFor();
    assert.match((await cellsOf(table, rowOf(portalCustomer)))('Stand'), /Bevestigd op 10-06-2026/);
    await shot(staff, 'breaches-6-acknowledged');
    await staff.getByRole('button', { name: 'Update versturen' }).click();
    const update = staff.getByRole('dialog', { name: 'Update versturen (artikel 8.2)' });
    const changes =
      'Enreach heeft bevestigd dat alleen gespreksgegevens van de afgelopen week zijn ingezien.';
    await update.getByLabel('Wat is er veranderd?').fill(changes);
    await shot(staff, 'breaches-7-update', false);
    await update.getByRole('button', { name: `Verstuur aan ${voip.size} klanten` }).click();
    await update.waitFor({ state: 'detached' });
    await staff.getByText(`Update verstuurd aan ${voip.size} klanten.`).waitFor();

    await journey.deliverMail();
    const updates = aboutIncident(contact.email);
    assert.equal(updates.length, 2, 'the notice and now the update');
    assert.equal(updates[1]!.subject, `Update 1 — Melding datalek ${incident.reference}: ${title}`);
    assert.match(updates[1]!.text, /Wat is er veranderd: Enreach heeft bevestigd/);

    // the portal shows the update as version 2, still confirmed
    current = portal;
    await portal.reload();
    const updated = portal.getByRole('article', { name: title });
    await updated.getByText('Versie 2: update').waitFor();
    await updated.getByText(changes).waitFor();
    await updated.getByText(/versie 2, verzonden/).waitFor();
    await shot(portal, 'breaches-8-portal-update');

    assert.deepEqual(staffSession.problems, [], 'no errors on the staff side');
    assert.deepEqual(portalSession.problems, [], 'no errors in the portal');
    failure.done();
  });
});
