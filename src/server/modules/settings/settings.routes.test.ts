import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, errorOf, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { ensureProcessorProfile } from './settings.usecases.ts';

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

for (const engine of testEngines()) {
  describe(`processor profile and settings (${engine})`, () => {
    let t: TestApp;
    let admin: Record<string, string>;
    before(async () => {
      t = await createTestApp(engine);
      await ensureProcessorProfile(t.ctx);
      admin = (await t.signInAs('admin')).headers;
    });
    after(() => t.close());

    test('a fresh install knows the processor party of the agreement', async () => {
      const { headers } = await t.signInAs('staff');
      const profile = (await t.app.inject({ url: '/api/v1/processor', headers })).json();
      assert.equal(profile.legalName, 'Contict');
      assert.equal(profile.city, 'Almelo');
      assert.equal(profile.country, 'NL');
      assert.equal(profile.hasLogo, false);
    });

    test('an admin edits the profile; the change is audited with before and after', async () => {
      const body = {
        legalName: 'Contict B.V.',
        kvkNumber: '12345678',
        street: 'Bornsestraat 1',
        postalCode: '7601 GA',
        city: 'Almelo',
        country: 'nl',
        privacyContactName: 'Femke Jansen',
        privacyContactEmail: 'privacy@contict.nl',
        privacyContactPhone: '+31 546 000 000',
        breachPhone: '+31 546 000 001',
      };
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/processor',
        headers: admin,
        payload: body,
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().country, 'NL');
      const events = (
        await t.app.inject({ url: '/api/v1/audit/events?action=processor.updated', headers: admin })
      ).json();
      assert.equal(events.total, 1);
      assert.equal(events.items[0].before.legalName, 'Contict');
      assert.equal(events.items[0].after.legalName, 'Contict B.V.');
    });

    test('a KvK number that is not 8 digits is refused, naming the field, and nothing changes', async () => {
      const current = (await t.app.inject({ url: '/api/v1/processor', headers: admin })).json();
      const { hasLogo, updatedAt, ...body } = current;
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/processor',
        headers: admin,
        payload: { ...body, kvkNumber: '1234' },
      });
      assert.equal(response.statusCode, 400);
      assert.equal(errorOf(response).field, 'body.kvkNumber');
      assert.equal(
        (await t.app.inject({ url: '/api/v1/processor', headers: admin })).json().kvkNumber,
        '12345678',
      );
    });

    test('a logo is uploaded, served as an image, and refused when too large or not an image', async () => {
      const ok = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/processor/logo',
        headers: admin,
        payload: { dataUrl: `data:image/png;base64,${png.toString('base64')}` },
      });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().hasLogo, true);
      const served = await t.app.inject({ url: '/api/v1/processor/logo', headers: admin });
      assert.equal(served.headers['content-type'], 'image/png');
      assert.deepEqual(served.rawPayload, png);

      const big = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/processor/logo',
        headers: admin,
        payload: { dataUrl: `data:image/png;base64,${Buffer.alloc(600 * 1024).toString('base64')}` },
      });
      assert.equal(big.statusCode, 400);
      assert.equal(errorOf(big).field, 'body.dataUrl');
      const html = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/processor/logo',
        headers: admin,
        payload: { dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      });
      assert.equal(errorOf(html).code, 'processor.logo_type');
    });

    test('settings have defaults, validate their ranges, and shorten the idle timeout when changed', async () => {
      const defaults = (await t.app.inject({ url: '/api/v1/settings', headers: admin })).json();
      assert.deepEqual(defaults, {
        sessionIdleMinutes: 120,
        sessionAbsoluteHours: 12,
        loginMaxAttempts: 5,
        loginLockoutMinutes: 15,
        portalSessionIdleMinutes: 30,
        portalSessionAbsoluteHours: 8,
        portalRequireTwoFactor: false,
        publicSubprocessorList: false,
        requestRetentionDays: 90,
        scanUploadLimitMb: 2048,
      });
      const bad = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings',
        headers: admin,
        payload: { ...defaults, sessionIdleMinutes: 0 },
      });
      assert.equal(errorOf(bad).field, 'body.sessionIdleMinutes');
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings',
        headers: admin,
        payload: { ...defaults, sessionIdleMinutes: 10 },
      });
      assert.equal(saved.json().sessionIdleMinutes, 10);
      const { headers } = await t.signInAs('staff');
      t.clock.advance(11 * 60_000);
      assert.equal((await t.app.inject({ url: '/api/v1/dashboard', headers })).statusCode, 401);
    });
  });
}
