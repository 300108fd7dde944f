import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { sendNotices, sendUpdate } from '../../src/server/modules/breaches/breaches.notices.ts';
import { incidentFieldsSchema } from '../../src/server/modules/breaches/breaches.schemas.ts';
import {
  adjustAffectedCustomer,
  registerIncident,
  saveHeadcounts,
} from '../../src/server/modules/breaches/breaches.usecases.ts';
import {
  addContact,
  createAgreement,
  createCustomer,
  serviceLineLookup,
} from '../../src/server/modules/customers/customers.usecases.ts';
import { type Journey, shot, shotOnFailure, startJourney } from './journey.ts';

const password = 'bolletjes bakken vanaf vijf uur';
const title = 'Map met klantgegevens was openbaar leesbaar';

describe('portal in Chromium: a data breach notice (seed clause 8)', () => {
  let journey: Journey;
  const email = 'mies@bolletje.nl';
  const otherEmail = 'piet@worst.nl';

  before(async () => {
    journey = await startJourney();
    const { ctx } = journey;
    const customer = await createCustomer(ctx, {
      legalName: 'Bakkerij Bolletje B.V.',
      kvkNumber: '12345678',
      street: 'Marktstraat 1',
      postalCode: '7607 AB',
      city: 'Almelo',
      country: 'NL',
      locale: 'nl',
    });
    await addContact(ctx, customer.id, {
      name: 'Sander Bol',
      email: 'sander@bolletje.nl',
      phone: '+31 546 123 456',
      roles: ['signatory', 'ict-lead', 'privacy-contact'],
    });
    await createAgreement(ctx, serviceLineLookup, customer.id, {
      reference: 'OVK-12345678',
      startDate: '2026-01-01',
      services: [{ serviceLineCode: 'cloud', startDate: '2026-01-01', endDate: null }],
    });
    // any portal user may confirm receipt: a member, not the admin
    await journey.addPortalUser(customer.id, { email, name: 'Mies Bol', role: 'customer-member', password });

    // a second customer, not affected: its users see no notice
    const other = await createCustomer(ctx, {
      legalName: 'Slagerij Worst B.V.',
      kvkNumber: '87654321',
      street: 'Marktstraat 2',
      postalCode: '7607 AB',
      city: 'Almelo',
      country: 'NL',
      locale: 'nl',
    });
    await journey.addPortalUser(other.id, {
      email: otherEmail,
      name: 'Piet Worst',
      role: 'customer-admin',
      password,
    });

    // the incident, its impact on this customer, the first notice (8.1) and one update (8.2)
    await saveHeadcounts(ctx, customer.id, [{ serviceLineCode: 'cloud', persons: 250, unit: 'klanten' }]);
    const now = DateTime.utc();
    const incident = await registerIncident(
      ctx,
      incidentFieldsSchema.parse({
        title,
        summary:
          'Een map met klantgegevens in de cloudopslag was door een verkeerde instelling van buitenaf leesbaar.',
        discoveredAt: now.minus({ hours: 3 }).toISO(),
        occurredFrom: now.minus({ days: 2 }).toISO(),
        occurredTo: now.minus({ hours: 2 }).toISO(),
        aspects: ['confidentiality'],
        actions: ['read', 'copied'],
        affectedSystems: 'Cloudopslag (bestandsmap klantenservice)',
        serviceLineCodes: ['cloud'],
        rootCause: 'Een toegangsregel stond na onderhoud verkeerd ingesteld.',
        encryption: 'none',
        measuresTaken: 'De map is direct afgesloten en de toegangsregel hersteld.',
        measuresPlanned: 'Wij controleren voortaan elke wijziging van toegangsregels automatisch.',
        severity: 'high',
        notifiable: true,
        decisionReasoning: 'Namen en adressen van klanten waren in te zien.',
      }),
    );
    await adjustAffectedCustomer(ctx, incident.id, customer.id, {
      included: true,
      reasoning: 'De bakkerij bewaart haar klantbestand in deze map.',
      dataTypes: ['Naam', 'Adres', 'E-mailadres'],
      subjectsGroup: 'Klanten van de bakkerij',
      vulnerableGroup: true,
      personsMin: 120,
      personsMax: 250,
      contactsKnown: 'yes',
    });
    await sendNotices(ctx, { publicUrl: 'http://localhost' }, incident.id, {});
    await sendUpdate(ctx, { publicUrl: 'http://localhost' }, incident.id, {
      changes: 'Uit de logbestanden blijkt dat de map twee keer is ingezien vanaf één extern adres.',
    });
  });
  after(async () => {
    await journey.close();
  });

  test('a portal user sees the notice with the seven answers and the countdown, and confirms receipt', async (t) => {
    const session = await journey.signIn(t, email, password);
    if (!session) {
      return;
    }
    const { context, page, problems } = session;
    const failure = shotOnFailure(t, () => page, 'portal-breaches-failure');

    // the menu leads to the page
    await page.getByRole('link', { name: 'Datalekken' }).click();
    await page.waitForURL(/\/portal\/breaches$/);
    const card = page.getByRole('article', { name: title });
    await card.waitFor();

    // the seven Annex 3 questions, with the latest answers
    for (const question of [
      'Wat is er gebeurd?',
      'Welke typen persoonsgegevens zijn betrokken?',
      'Hoeveel personen zijn betrokken (minimaal – maximaal)?',
      'Welke groep personen is betrokken?',
      'Zijn de contactgegevens van de betrokkenen bekend?',
      'Wat is de oorzaak?',
      'Op welke datum of in welke periode vond het lek plaats?',
    ]) {
      await card.getByText(question, { exact: true }).waitFor();
    }
    assert.equal(await card.locator('ol > li').count(), 7);
    await card
      .getByText(/van buitenaf leesbaar/)
      .first()
      .waitFor();
    await card.getByText('E-mailadres', { exact: true }).waitFor();
    await card.getByText('120 – 250 personen').waitFor();
    await card.getByText('Klanten van de bakkerij').waitFor();
    await card.getByText(/Kwetsbare groep/).waitFor();
    await card.getByText(/toegangsregel stond na onderhoud/).waitFor();
    await card.getByText('Niet versleuteld').waitFor();
    await card.getByText('Ontvangen', { exact: true }).waitFor();

    // the update in the timeline, and the customer's own 72 hours as information with a countdown
    await card.getByText('Versie 2: update').waitFor();
    await card.getByText(/twee keer is ingezien/).waitFor();
    await card.getByText(/artikel 33 AVG geeft u 72 uur/).waitFor();
    await card.getByText(/Wij melden nooit namens u \(artikel 8\.3\)/).waitFor();
    assert.match((await card.textContent()) ?? '', /nog 2 dagen \d+ uur/);
    await card.getByRole('button', { name: 'Meldformulier AP (JSON)' }).waitFor();
    await shot(page, 'portal-breaches-1-notice');

    // confirm receipt: the result is announced and the status changes
    const acknowledged = page.waitForResponse(
      (r) => /\/portal\/breaches\/[^/]+\/acknowledge$/.test(r.url()) && r.request().method() === 'POST',
    );
    await card.getByRole('button', { name: 'Ontvangst bevestigen' }).click();
    const response = await acknowledged;
    assert.equal(response.status(), 200, await response.text());
    await card
      .getByRole('status')
      .filter({ hasText: /Ontvangst bevestigd op .* door Mies Bol/ })
      .waitFor();
    await card.getByText('Ontvangst bevestigd', { exact: true }).waitFor();
    assert.equal(await card.getByRole('button', { name: 'Ontvangst bevestigen' }).count(), 0);

    // the download is the AP form as JSON
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Meldformulier AP (JSON)' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^datalek-.+-v2-meldformulier\.json$/);
    const form = JSON.parse(fs.readFileSync(await file.path(), 'utf8')) as {
      '5_persons': { group: string; min: number; max: number; vulnerableGroups: boolean };
    };
    assert.deepEqual(form['5_persons'], {
      group: 'Klanten van de bakkerij',
      min: 120,
      max: 250,
      vulnerableGroups: true,
    });

    // and it stays so after a reload
    await page.reload();
    await page
      .getByRole('article', { name: title })
      .getByText('Ontvangst bevestigd', { exact: true })
      .waitFor();
    await shot(page, 'portal-breaches-2-acknowledged');

    assert.deepEqual(problems, []);
    failure.done();
    await context.close();
  });

  test('a user of a customer the breach does not affect sees the empty state', async (t) => {
    const session = await journey.signIn(t, otherEmail, password);
    if (!session) {
      return;
    }
    const { context, page, problems } = session;
    await page.goto(`${journey.base}/portal/breaches`);
    await page.getByText('Er zijn geen datalekken aan u gemeld').waitFor();
    assert.equal(await page.getByRole('article').count(), 0);
    assert.equal(await page.getByText(title).count(), 0);
    await shot(page, 'portal-breaches-3-empty');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
