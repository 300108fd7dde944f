import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import {
  checkKeyPair,
  createSelfSigned,
  ensureSigner,
  installConfiguredKey,
  processorDomain,
  verifySignature,
} from './requests.signing.ts';
import { opendsrKeys } from './requests.table.ts';

test('a self-signed certificate names the processor domain and verifies what its key signs', () => {
  assert.equal(processorDomain('https://privacy.contict.nl:8443/x'), 'privacy.contict.nl');
  const { certificatePem, privateKeyPem } = createSelfSigned(
    'privacy.contict.nl',
    new Date('2026-03-02T09:00:00Z'),
  );
  const certificate = new X509Certificate(certificatePem);
  assert.equal(certificate.checkHost('privacy.contict.nl'), 'privacy.contict.nl');
  assert.equal(certificate.checkHost('other.example'), undefined);
  assert.ok(checkKeyPair(certificatePem, privateKeyPem));
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  });
  assert.throws(() => checkKeyPair(certificatePem, other.toString()), /does not belong to the certificate/);
  assert.throws(() => checkKeyPair('junk', privateKeyPem), /PEM X\.509 certificate/);
});

for (const engine of testEngines()) {
  describe(`OpenDSR signing key (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    test('a configured pair replaces the self-signed one; one for another domain is refused', async () => {
      const env = { dataKey: t.dataKey, publicUrl: 'http://localhost', clock: t.clock };
      const first = await ensureSigner(t.db, env);
      assert.equal(first.source, 'self-signed');
      const [stored] = await t.db.select().from(opendsrKeys);
      assert.ok(!stored!.privateKeySealed.includes('PRIVATE KEY'), 'the private key is sealed');

      const wrong = createSelfSigned('elders.example', t.clock.now());
      await assert.rejects(
        installConfiguredKey(t.db, env, {
          certificatePem: wrong.certificatePem,
          privateKeyPem: wrong.privateKeyPem,
        }),
        /not issued for localhost/,
      );
      const issued = createSelfSigned('localhost', t.clock.now());
      await installConfiguredKey(t.db, env, {
        certificatePem: issued.certificatePem,
        privateKeyPem: issued.privateKeyPem,
      });
      const signer = await ensureSigner(t.db, env);
      assert.equal(signer.source, 'configured');
      assert.equal(signer.certificatePem, issued.certificatePem.trim());
      assert.ok(verifySignature(issued.certificatePem, '{"a":1}', signer.sign('{"a":1}')));
      const served = await t.app.inject({ url: '/opendsr/v2/cert.pem' });
      assert.equal(served.body, issued.certificatePem.trim());
    });
  });
}
