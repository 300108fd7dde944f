import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../../test/fixtures/test-app.ts';
import { addDemoCustomers } from '../modules/customers/customers.demo.ts';
import { seedRegister } from '../modules/register/register.usecases.ts';
import { ensureProcessorProfile } from '../modules/settings/settings.usecases.ts';

// Every connection to the embedded database shares PGlite's one session. Page loads fire several requests at once
// while a write runs in a transaction; each request must get its own rows back (see pglite-queue.ts).
test('parallel requests next to a write transaction all get their own answers on the embedded database', async () => {
  const t = await createTestApp('pglite');
  try {
    await ensureProcessorProfile(t.ctx);
    await seedRegister(t.ctx);
    await addDemoCustomers(t.ctx);
    const { headers } = await t.signInAs('admin');
    const ids = (await t.app.inject({ url: '/api/v1/customers?limit=10', headers }))
      .json<{ items: { id: string }[] }>()
      .items.map((c) => c.id);
    const statuses: number[] = [];
    for (let round = 0; round < 20; round++) {
      const id = ids[round % ids.length]!;
      const reads = [
        '/api/v1/auth/session',
        `/api/v1/customers/${id}`,
        `/api/v1/customers/${id}/record`,
        '/api/v1/register',
        '/api/v1/processor',
        `/api/v1/customers/${id}/instructions`,
      ];
      const responses = await Promise.all([
        t.app.inject({
          method: 'PATCH',
          url: '/api/v1/account',
          headers,
          payload: { locale: round % 2 ? 'en' : 'nl' },
        }),
        ...reads.map((url) => t.app.inject({ url, headers })),
      ]);
      statuses.push(...responses.map((r) => r.statusCode));
    }
    assert.deepEqual(
      statuses.filter((s) => s !== 200),
      [],
    );
  } finally {
    await t.close();
  }
});
