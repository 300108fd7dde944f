import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { createAgreement, serviceLineLookup } from '../customers/customers.usecases.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { seedProcessorProfile } from '../settings/settings.schemas.ts';
import { ensureProcessorProfile, updateProcessorProfile } from '../settings/settings.usecases.ts';

// pdftotext (poppler-utils; .ci/run installs it) reads what a person would read in the file.
function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'art28-doc-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

type Doc = {
  id: string;
  kind: string;
  format: string;
  fileSha256: string;
  inputsSha256: string;
  dpaVersion: number;
};

for (const engine of testEngines()) {
  describe(`documents (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    let cloudCustomer: string;
    let voipCustomer: string;
    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await updateProcessorProfile(t.ctx, { ...seedProcessorProfile, kvkNumber: '08123456' });
      await seedRegister(t.ctx);
      staff = await t.bearerFor('privacy-officer');
      for (const [code, name] of [
        ['cloud', 'Bakkerij Bolletje B.V.'],
        ['voip', 'Slagerij Worst B.V.'],
      ] as const) {
        const { customer } = await t.buildCustomer({ legalName: name });
        await createAgreement(t.ctx, serviceLineLookup, customer.id, {
          reference: `OVK-${code}`,
          startDate: '2026-01-01',
          services: [{ serviceLineCode: code, startDate: '2026-01-01', endDate: null }],
        });
        if (code === 'cloud') {
          cloudCustomer = customer.id;
        } else {
          voipCustomer = customer.id;
        }
      }
    });
    after(() => t.close());

    const generate = (customerId: string, body: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${customerId}/documents`,
        headers: staff,
        payload: body,
      });
    const download = async (customerId: string, id: string) => {
      const response = await t.app.inject({
        url: `/api/v1/customers/${customerId}/documents/${id}/file`,
        headers: staff,
      });
      assert.equal(response.statusCode, 200);
      return response;
    };

    test('the DPA PDF holds the customer, its agreement and only its own Annex 1 rows; the same inputs give the same file', async () => {
      const first = await generate(cloudCustomer, { kind: 'dpa', format: 'pdf' });
      assert.equal(first.statusCode, 201, first.body);
      const doc = first.json<Doc>();
      assert.equal(doc.dpaVersion, 1);
      const file = await download(cloudCustomer, doc.id);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.match(
        String(file.headers['content-disposition']),
        /verwerkersovereenkomst-Bakkerij-Bolletje-BV-v1\.pdf/,
      );
      const text = pdfText(file.rawPayload);
      assert.match(text, /Bakkerij Bolletje B\.V\./);
      assert.match(text, /OVK-cloud/);
      assert.match(text, /Pagina 1 van \d+/);
      assert.match(text, /Vertrouwelijk/);
      assert.match(text, /Cloud/);
      assert.doesNotMatch(text, /Slagerij Worst/, 'nothing of the other customer');

      const again = (await generate(cloudCustomer, { kind: 'dpa', format: 'pdf' })).json<Doc>();
      assert.equal(again.inputsSha256, doc.inputsSha256);
      assert.equal(
        again.fileSha256,
        doc.fileSha256,
        're-generating with the same inputs gives the same file',
      );

      const word = await generate(cloudCustomer, { kind: 'dpa', format: 'docx', language: 'en' });
      assert.equal(word.statusCode, 201, word.body);
      const docx = await download(cloudCustomer, word.json<Doc>().id);
      assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK', 'a Word file is a zip');

      const list = await t.app.inject({
        url: `/api/v1/customers/${cloudCustomer}/documents`,
        headers: staff,
      });
      assert.equal(list.json().items.length, 3);
    });

    test('the record of processing as PDF, stored and on the fly', async () => {
      const response = await t.app.inject({
        url: `/api/v1/customers/${voipCustomer}/record?format=pdf`,
        headers: staff,
      });
      assert.equal(response.statusCode, 200);
      const text = pdfText(response.rawPayload);
      assert.match(text, /Slagerij Worst B\.V\./);
      assert.doesNotMatch(text, /Bakkerij Bolletje/);
    });

    test('a customer without an agreement: the answer names what is missing, nothing is stored', async () => {
      const { customer } = await t.buildCustomer({ legalName: 'Zonder Overeenkomst B.V.' });
      const response = await generate(customer.id, { kind: 'dpa', format: 'pdf' });
      assert.equal(response.statusCode, 422);
      assert.equal(errorOf(response).code, 'documents.data_missing');
      assert.match(errorOf(response).message, /agreement/i);
      const list = await t.app.inject({ url: `/api/v1/customers/${customer.id}/documents`, headers: staff });
      assert.equal(list.json().items.length, 0);
      const other = await generate('00000000-0000-4000-8000-000000000000', { kind: 'dpa', format: 'pdf' });
      assert.equal(other.statusCode, 404);
    });

    test('a register change marks exactly the affected customers’ documents as outdated', async () => {
      await generate(voipCustomer, { kind: 'dpa', format: 'pdf' });
      const none = await t.app.inject({ url: '/api/v1/documents/outdated', headers: staff });
      assert.deepEqual(none.json().items, [], 'fresh documents are up to date');

      const register = await t.app.inject({ url: '/api/v1/register', headers: staff });
      const cloudEntry = (register.json().entries as { id: string; serviceLine: string }[]).find(
        (e) => e.serviceLine === 'cloud',
      )!;
      const retired = await t.app.inject({
        method: 'POST',
        url: `/api/v1/register/entries/${cloudEntry.id}/retire`,
        headers: staff,
      });
      assert.equal(retired.statusCode, 200, retired.body);

      const outdated = await t.app.inject({ url: '/api/v1/documents/outdated', headers: staff });
      const items = outdated.json().items as { customerId: string; reasons: string[]; document: Doc }[];
      assert.deepEqual(
        [...new Set(items.map((i) => i.customerId))],
        [cloudCustomer],
        'only the customer taking Cloud: its Annex 1 changed',
      );
      assert.ok(items.every((i) => i.reasons.includes('register')));
    });

    test('an admin edits the template: an unknown placeholder is refused with its line; a valid one is versioned and used', async () => {
      const admin = await t.bearerFor('admin');
      const current = await t.app.inject({ url: '/api/v1/documents/templates/dpa/nl', headers: staff });
      assert.equal(current.json().version, 0, 'the template shipped with art28');
      const body: string = current.json().body;
      const broken = `${body}\n\nDit is {{klant.naam}}.\n`;
      const line = broken.split('\n').findIndex((l) => l.includes('{{klant.naam}}')) + 1;

      const check = await t.app.inject({
        method: 'POST',
        url: '/api/v1/documents/templates/dpa/nl/validate',
        headers: staff,
        payload: { body: broken },
      });
      assert.deepEqual(
        check.json().issues.map((i: { line: number }) => i.line),
        [line],
      );
      assert.match(check.json().issues[0].message, /klant\.naam/);

      const refused = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/documents/templates/dpa/nl',
        headers: admin,
        payload: { body: broken },
      });
      assert.equal(refused.statusCode, 400);
      assert.match(errorOf(refused).message, new RegExp(`line ${line}`));
      assert.equal(
        (
          await t.app.inject({
            method: 'PUT',
            url: '/api/v1/documents/templates/dpa/nl',
            headers: staff,
            payload: { body },
          })
        ).statusCode,
        403,
        'only admins edit templates',
      );

      const edited = body.replace(/\n/, '\n\nDeze versie is opgesteld voor {{customer.legalName}}.\n');
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/documents/templates/dpa/nl',
        headers: admin,
        payload: { body: edited, note: 'zin toegevoegd' },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().version, 1);

      const doc = (await generate(voipCustomer, { kind: 'dpa', format: 'pdf' })).json<
        Doc & { templateVersion: number }
      >();
      assert.equal(doc.templateVersion, 1);
      assert.match(
        pdfText((await download(voipCustomer, doc.id)).rawPayload),
        /opgesteld voor Slagerij Worst B\.V\./,
      );
    });
  });
}
