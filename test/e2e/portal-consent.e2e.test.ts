import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import type { Ctx } from '../../src/server/context.ts';
import {
  addContact,
  createAgreement,
  createCustomer,
  getCustomer,
  sendDpa,
  serviceLineLookup,
  signDpa,
} from '../../src/server/modules/customers/customers.usecases.ts';
import { createParty } from '../../src/server/modules/register/register.usecases.ts';
import {
  profileFieldsSchema,
  proposalFieldsSchema,
} from '../../src/server/modules/subprocessors/subprocessors.schemas.ts';
import {
  createProposal,
  saveProfile,
} from '../../src/server/modules/subprocessors/subprocessors.usecases.ts';
import { type Journey, shot, shotOnFailure, startJourney } from './journey.ts';

const password = 'bolletjes bakken vanaf vijf uur';
const tinyPdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1').toString(
  'base64',
);
const party = 'Wolkje Analytics';

// A customer taking Cloud, with DPA version 1 sent and signed by the processor (as in portal.e2e.test.ts).
async function buildCustomer(ctx: Ctx, name: string, kvk: string) {
  const customer = await createCustomer(ctx, {
    legalName: name,
    kvkNumber: kvk,
    street: 'Marktstraat 1',
    postalCode: '7607 AB',
    city: 'Almelo',
    country: 'NL',
    locale: 'nl',
  });
  await addContact(ctx, customer.id, {
    name: `Contact ${kvk}`,
    email: `contact-${kvk}@example.nl`,
    phone: '+31 546 123 456',
    roles: ['signatory', 'ict-lead', 'privacy-contact'],
  });
  const agreement = await createAgreement(ctx, serviceLineLookup, customer.id, {
    reference: `OVK-${kvk}`,
    startDate: '2026-01-01',
    services: [{ serviceLineCode: 'cloud', startDate: '2026-01-01', endDate: null }],
  });
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
  return customer;
}

describe('portal in Chromium: consent to a new sub-processor (seed 3.4, 5.1, 6.1)', () => {
  let journey: Journey;
  let partyId: string;
  const users = { bakkerAdmin: '', slagerAdmin: '', slagerMember: '' };

  before(async () => {
    journey = await startJourney();
    const { ctx } = journey;
    const buildPortalUser = (
      customerId: string,
      email: string,
      name: string,
      role: 'customer-admin' | 'customer-member',
    ) => journey.addPortalUser(customerId, { email, name, role, password });
    const bakker = await buildCustomer(ctx, 'Bakkerij Bolletje B.V.', '12345678');
    const slager = await buildCustomer(ctx, 'Slagerij Worst B.V.', '87654321');
    users.bakkerAdmin = await buildPortalUser(
      bakker.id,
      'sander@bolletje.nl',
      'Sander Bol',
      'customer-admin',
    );
    users.slagerAdmin = await buildPortalUser(slager.id, 'piet@worst.nl', 'Piet Worst', 'customer-admin');
    users.slagerMember = await buildPortalUser(slager.id, 'mies@worst.nl', 'Mies Worst', 'customer-member');

    // A sub-processor in the US (certified under the Data Privacy Framework, so adequacy applies) and Ireland,
    // proposed for Cloud: every customer taking Cloud is asked, and needs to consent to the transfer (6.1) too.
    const created = await createParty(ctx, {
      name: party,
      legalName: 'Wolkje Analytics Inc.',
      country: 'US',
    });
    partyId = created.id;
    const today = DateTime.now().setZone('Europe/Amsterdam').toISODate()!;
    await saveProfile(
      ctx,
      partyId,
      profileFieldsSchema.parse({
        servicesNl: 'Monitoring en analyse van de prestaties van uw cloudomgeving.',
        servicesEn: 'Monitoring and performance analysis of your cloud environment.',
        locations: [
          { country: 'US', kind: 'processing' },
          { country: 'IE', kind: 'storage' },
        ],
        dpfCertified: true,
        dpfCheckedOn: today,
      }),
    );
    await createProposal(
      ctx,
      { publicUrl: 'http://localhost' },
      proposalFieldsSchema.parse({
        kind: 'add',
        partyId,
        serviceLineCodes: ['cloud'],
        reason:
          'Wij vervangen onze eigen monitoring door een gespecialiseerde dienst die storingen eerder ziet.',
        effectiveFrom: DateTime.fromISO(today).plus({ days: 30 }).toISODate()!,
        windowDays: 21,
      }),
    );
  });
  after(async () => {
    await journey.close();
  });

  test('a customer-admin sees the open request, gives consent with the transfer consent, and it becomes active', async (t) => {
    const session = await journey.signIn(t, users.bakkerAdmin, password);
    if (!session) {
      return;
    }
    const { page, problems } = session;
    const failure = shotOnFailure(t, () => page, 'portal-consent-failure');

    // the overview lists the request among the open items and links to it
    const item = page.getByText(`Uw toestemming wordt gevraagd voor sub-verwerker ${party}`);
    await item.waitFor();
    await shot(page, 'portal-consent-1-overview');
    await page.getByRole('link', { name: new RegExp(`Beantwoorden: .*${party}`) }).click();
    await page.waitForURL(/\/portal\/subprocessors#request-/);

    // the request: what, why, where (with the ground), from when, and a countdown
    const card = page.getByRole('article', { name: party });
    await card.waitFor();
    await card.getByText('Monitoring en analyse van de prestaties').waitFor();
    await card.getByText(/gespecialiseerde dienst/).waitFor();
    await card.getByText('Verenigde Staten (US)').waitFor();
    await card.getByText(/adequaatheidsbesluit \(EU\) 2023\/1795/).waitFor();
    await card.getByText('Ierland (IE)').waitFor();
    assert.match((await card.textContent()) ?? '', /nog \d+ dagen/);
    await shot(page, 'portal-consent-2-request');

    // give: the exact consequence, and the transfer consent of clause 6.1 as a separate, required checkbox
    await card.getByRole('button', { name: 'Toestemming geven' }).click();
    const dialog = page.getByRole('dialog', { name: `Toestemming geven voor ${party}` });
    await dialog.waitFor();
    await dialog
      .getByText(/artikel 6\.1/)
      .first()
      .waitFor();
    const consentBox = dialog.getByLabel(
      /Ik geef uitdrukkelijk schriftelijke toestemming voor verwerking buiten de EER in Verenigde Staten/,
    );
    await dialog.getByRole('button', { name: 'Toestemming geven' }).click();
    await dialog.getByText(/Zonder deze toestemming kunnen wij/).waitFor();
    assert.equal(await consentBox.getAttribute('aria-invalid'), 'true');
    await shot(page, 'portal-consent-3-give-modal', false);
    await consentBox.check();
    const answered = page.waitForResponse(
      (r) => r.url().endsWith(`/portal/subprocessors/${partyId}/consent`) && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'Toestemming geven' }).click();
    const response = await answered;
    assert.equal(response.status(), 200, await response.text());
    const body = (await response.json()) as {
      state: string;
      active: boolean;
      transferConsentGiven: boolean;
      documentId: string | null;
    };
    assert.equal(body.state, 'given');
    assert.equal(body.active, true);
    assert.equal(body.transferConsentGiven, true);
    assert.ok(body.documentId, 'the answer is stored as a declaration');

    // the result is announced; the request is gone and the sub-processor is active
    const result = page.getByRole('status').filter({ hasText: `Uw toestemming voor ${party} is vastgelegd` });
    await result.waitFor();
    await page.getByText('Er staan geen verzoeken om toestemming voor u open.').waitFor();
    assert.equal(await page.getByRole('article', { name: party }).count(), 0);
    const row = page.getByRole('row').filter({ hasText: party });
    await row.getByText('Actief').waitFor();
    await shot(page, 'portal-consent-4-given');

    // the declaration is stored with the customer's documents, and the link downloads it
    const declaration = await page.request.get(
      `${journey.base}${await result.getByRole('link', { name: 'Verklaring downloaden (PDF)' }).getAttribute('href')}`,
    );
    assert.equal(declaration.status(), 200);
    assert.match(declaration.headers()['content-type'] ?? '', /application\/pdf/);
    await result.getByRole('link', { name: 'Naar Documenten' }).click();
    await page.waitForURL(/\/portal\/documents$/);
    await page.getByText('Verklaring Sub-verwerker').first().waitFor();
    await shot(page, 'portal-consent-5-documents');

    // and the overview no longer lists the request
    await page.goto(`${journey.base}/portal`);
    await page.getByRole('heading', { name: /Openstaande acties/ }).waitFor();
    await page.getByText(/Versie 1 van de verwerkersovereenkomst/).waitFor();
    assert.equal(
      await page.getByText(`Uw toestemming wordt gevraagd voor sub-verwerker ${party}`).count(),
      0,
    );
    assert.deepEqual(problems, []);
    failure.done();
  });

  test('objecting needs a reason; a member sees the request but cannot answer', async (t) => {
    // a customer-member reads the request, without the buttons
    const member = await journey.signIn(t, users.slagerMember, password);
    if (!member) {
      return;
    }
    await member.page.goto(`${journey.base}/portal/subprocessors`);
    const memberCard = member.page.getByRole('article', { name: party });
    await memberCard.getByText('Alleen een beheerder van uw organisatie kan antwoorden.').waitFor();
    assert.equal(await memberCard.getByRole('button').count(), 0);
    await shot(member.page, 'portal-consent-6-member');
    await member.page.context().close();

    const admin = await journey.signIn(t, users.slagerAdmin, password);
    assert.ok(admin);
    const { page, problems } = admin;
    const failure = shotOnFailure(t, () => page, 'portal-consent-failure-object');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/consent')) {
        posts.push(r.url());
      }
    });
    await page.goto(`${journey.base}/portal/subprocessors`);
    const card = page.getByRole('article', { name: party });
    await card.getByRole('button', { name: 'Bezwaar maken' }).click();
    const dialog = page.getByRole('dialog', { name: `Bezwaar maken tegen ${party}` });
    await dialog.getByText(/niet op onredelijke gronden/).waitFor();
    const reason = dialog.getByLabel('Reden van uw bezwaar');

    // no reason, or only spaces: refused before anything is sent
    await dialog.getByRole('button', { name: 'Bezwaar maken' }).click();
    await dialog.getByText('Vermeld de reden van uw bezwaar', { exact: false }).waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    await reason.fill('   ');
    await dialog.getByRole('button', { name: 'Bezwaar maken' }).click();
    await dialog.getByText('Vermeld de reden van uw bezwaar', { exact: false }).waitFor();
    assert.deepEqual(posts, [], 'nothing was sent without a reason');
    await shot(page, 'portal-consent-7-object-no-reason', false);

    // nor does the server take one (400 on body.reason)
    const session = await page.request.get(`${journey.base}/api/v1/auth/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const direct = await page.request.post(`${journey.base}/api/v1/portal/subprocessors/${partyId}/consent`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { decision: 'object', transferConsent: false },
    });
    assert.equal(direct.status(), 400, await direct.text());
    assert.equal(((await direct.json()) as { error: { field?: string } }).error.field, 'body.reason');

    // still open; with a reason the objection is recorded
    await page.getByRole('article', { name: party }).waitFor();
    await reason.fill('Ons beleid staat verwerking van klantgegevens in de Verenigde Staten niet toe.');
    await dialog.getByRole('button', { name: 'Bezwaar maken' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Uw bezwaar tegen ${party} is vastgelegd` })
      .waitFor();
    await page.getByRole('row').filter({ hasText: party }).getByText('Bezwaar gemaakt').waitFor();
    await shot(page, 'portal-consent-8-objected');
    assert.deepEqual(problems, []);
    failure.done();
  });
});
