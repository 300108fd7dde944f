import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, errorOf, type TestApp } from '../../test/fixtures/test-app.ts';
import { readJournal } from './db/migrate.ts';
import { testEngines } from './db/test-database.ts';

for (const engine of testEngines()) {
  describe(`http basics (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(engine);
    });
    after(() => t.close());

    test('health reports the engine and the migration level', async () => {
      const body = (await t.app.inject({ url: '/api/health' })).json();
      const journal = readJournal();
      assert.equal(body.engine, engine);
      assert.equal(body.migration.level, journal.entries.length);
      assert.equal(body.migration.latest, journal.entries.at(-1)?.tag);
      assert.equal(body.migration.pending, 0);
    });

    test('the OpenAPI document describes the versioned API and Swagger UI is served', async () => {
      const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
      assert.match(spec.openapi, /^3\./);
      assert.ok(spec.paths['/api/v1/auth/login'].post.requestBody);
      assert.ok(spec.paths['/api/v1/users/{id}'].patch);
      // every $ref in the document resolves to a schema in components
      const refs = [...JSON.stringify(spec).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
        (m) => m[1]!,
      );
      assert.ok(refs.length > 20);
      const missing = [...new Set(refs)].filter((name) => !spec.components?.schemas?.[name]);
      assert.deepEqual(missing, [], 'schemas the document refers to but does not define');
      const docs = await t.app.inject({ url: '/api/docs/' });
      assert.equal(docs.statusCode, 200);
      assert.match(docs.body, /swagger/i);
    });

    test('unknown API routes answer 404 in the error format, with the request id', async () => {
      const response = await t.app.inject({ url: '/api/v1/nothing-here' });
      assert.equal(response.statusCode, 404);
      const error = errorOf(response);
      assert.equal(error.code, 'not_found');
      assert.equal(error.requestId, response.headers['x-request-id']);
    });

    test('malformed JSON, a wrong content type and an oversized body are client errors', async () => {
      const broken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": ',
      });
      assert.equal(broken.statusCode, 400);
      assert.equal(errorOf(broken).field, 'body');
      const text = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/xml' },
        payload: '<login/>',
      });
      assert.equal(text.statusCode, 415);
      const huge = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a'.repeat(3 * 1024 * 1024), password: 'x' }),
      });
      assert.equal(huge.statusCode, 413);
    });

    test('a missing field is named in the 400', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a@b.nl' },
      });
      assert.equal(response.statusCode, 400);
      assert.equal(errorOf(response).field, 'body.password');
    });

    test('security headers and a strict content security policy are set', async () => {
      const response = await t.app.inject({ url: '/api/health' });
      assert.match(String(response.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.ok(response.headers['strict-transport-security']);
    });

    test('an unexpected failure answers an opaque 500 with a request id', async () => {
      const { headers } = await t.signInAs('admin');
      await t.database.pool.end();
      const response = await t.app.inject({ url: '/api/v1/dashboard', headers });
      assert.equal(response.statusCode, 500);
      const error = errorOf(response);
      assert.equal(error.code, 'internal_error');
      assert.ok(!/pool|pg|sql/i.test(error.message), 'no internals leak');
      assert.ok(error.requestId);
    });
  });
}
