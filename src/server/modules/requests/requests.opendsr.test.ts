import assert from 'node:assert/strict';
import { createHash, createVerify, randomUUID, X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../../test/fixtures/test-app.ts';
import { testEngines } from '../../db/test-database.ts';
import { runJobNow } from '../../jobs/runtime.ts';
import { createCustomerToken } from '../accounts/accounts.usecases.ts';
import { addDemoCustomers } from '../customers/customers.demo.ts';
import { seedRegister } from '../register/register.usecases.ts';
import { ensureProcessorProfile } from '../settings/settings.usecases.ts';
import { isRfc3339 } from './requests.opendsr.ts';
import { eraseReceiptIdentities, privateTarget } from './requests.opendsr-callbacks.ts';
import { dsrRequests, opendsrMessages } from './requests.table.ts';

const person = 'Jan.Jansen@Example.nl';
type Detail = { id: string; agreements: { services: { serviceLineCode: string }[] }[] };
type SpecError = { error: { code: number; message: string; errors: { domain: string; reason: string }[] } };

// A controller's HTTP endpoint for status callbacks, in this process: what arrived, and what it answers.
function startController() {
  const received: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let answer = 200;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.statusCode = req.url === '/broken' ? 500 : answer;
      res.end();
    });
  });
  const ready = new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
  return {
    received,
    ready,
    setAnswer: (status: number) => {
      answer = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const verifies = (certificatePem: string, body: string, signature: string) =>
  createVerify('sha256')
    .update(body, 'utf8')
    .verify(new X509Certificate(certificatePem).publicKey, signature, 'base64');

// Issue 9 §5: an OpenDSR v2.0 client (the controller, our customer) with its own token discovers, creates, reads and
// cancels requests; every response and callback is signed with the certificate discovery points to.
for (const engine of testEngines()) {
  describe(`OpenDSR v2.0 processor (${engine})`, () => {
    let t: TestApp;
    let staff: Record<string, string>;
    let controller: Record<string, string>;
    let other: Record<string, string>;
    let customerId: string;
    let certificatePem: string;
    const endpoint = startController();
    let base: string;

    const opendsr = (headers: Record<string, string>, method: string, path: string, payload?: object) =>
      t.app.inject({
        method: method as 'GET',
        url: `/opendsr/v2${path}`,
        headers: payload ? { ...headers, 'content-type': 'application/json' } : headers,
        ...(payload ? { payload: JSON.stringify(payload) } : {}),
      });
    const signedBy = (response: LightMyRequestResponse) => {
      assert.equal(response.headers['x-opendsr-processor-domain'], 'localhost');
      const signature = response.headers['x-opendsr-signature'];
      assert.equal(typeof signature, 'string');
      assert.ok(verifies(certificatePem, response.body, signature as string), 'the signature verifies');
    };
    const newRequest = (overrides: Record<string, unknown> = {}) => ({
      regulation: 'gdpr',
      subject_request_id: randomUUID(),
      subject_request_type: 'access',
      subject_identities: [{ identity_type: 'email', identity_value: person, identity_format: 'raw' }],
      submitted_time: '2026-03-01T15:00:00Z',
      api_version: '2.0',
      ...overrides,
    });
    const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dsrRequests))[0]!.n;
    const messagesOf = (requestId: string) =>
      t.db.select().from(opendsrMessages).where(eq(opendsrMessages.requestId, requestId));
    const rowOf = async (subjectRequestId: string) =>
      (
        await t.db
          .select()
          .from(dsrRequests)
          .where(
            and(eq(dsrRequests.customerId, customerId), eq(dsrRequests.subjectRequestId, subjectRequestId)),
          )
      )[0]!;

    before(async () => {
      t = await createTestApp(engine, { now: '2026-03-02T09:00:00Z' });
      await ensureProcessorProfile(t.ctx);
      await seedRegister(t.ctx);
      await addDemoCustomers(t.ctx);
      staff = await t.bearerFor('admin');
      const all = (await t.app.inject({ url: '/api/v1/customers?limit=500', headers: staff })).json<{
        items: { id: string }[];
      }>().items;
      const withServices: string[] = [];
      for (const c of all) {
        const detail = (
          await t.app.inject({ url: `/api/v1/customers/${c.id}`, headers: staff })
        ).json<Detail>();
        if (detail.agreements.some((a) => a.services.length > 0)) {
          withServices.push(detail.id);
        }
      }
      customerId = withServices[0]!;
      const mine = await createCustomerToken(t.ctx, { name: 'OpenDSR', customerId, role: 'customer-admin' });
      controller = { authorization: `Bearer ${mine.secret}` };
      const theirs = await createCustomerToken(t.ctx, {
        name: 'OpenDSR',
        customerId: withServices[1]!,
        role: 'customer-admin',
      });
      other = { authorization: `Bearer ${theirs.secret}` };
      base = await endpoint.ready;
    });
    after(async () => {
      await endpoint.close();
      await t.close();
    });

    test('discovery lists identities, types and a certificate for our domain that verifies its signature', async () => {
      const discovery = await opendsr({}, 'GET', '/discovery');
      assert.equal(discovery.statusCode, 200, discovery.body);
      const body = discovery.json<{
        api_version: string;
        supported_identities: { identity_type: string; identity_format: string }[];
        supported_subject_request_types: string[];
        processor_certificate: string;
        extensions: Record<string, { extension_subject_request_types: string[] }>;
      }>();
      assert.equal(body.api_version, '2.0');
      assert.deepEqual(
        body.supported_identities.map((i) => `${i.identity_type}/${i.identity_format}`),
        ['email/raw', 'email/sha256', 'controller_customer_id/raw'],
      );
      assert.deepEqual(body.supported_subject_request_types.slice(0, 3), [
        'access',
        'portability',
        'erasure',
      ]);
      assert.deepEqual(body.extensions.localhost?.extension_subject_request_types, [
        'rectification',
        'restriction',
        'objection',
      ]);
      assert.equal(body.processor_certificate, 'http://localhost/opendsr/v2/cert.pem');
      const cert = await t.app.inject({ url: new URL(body.processor_certificate).pathname });
      assert.equal(cert.statusCode, 200);
      certificatePem = cert.body;
      const x509 = new X509Certificate(certificatePem);
      assert.equal(x509.checkHost('localhost'), 'localhost');
      signedBy(discovery);
      const status = await opendsr({}, 'GET', '/status');
      assert.equal(status.statusCode, 200);
      assert.equal(status.json<{ api_version: string }>().api_version, '2.0');
      signedBy(status);
      // the same key on every use: stored once, sealed
      assert.equal((await t.app.inject({ url: '/opendsr/v2/cert.pem' })).body, certificatePem);
    });

    test('a controller creates an access request, gets a signed receipt, reads it and cancels it', async () => {
      const sent = newRequest({ status_callback_urls: [`${base}/callbacks`] });
      const created = await opendsr(controller, 'POST', '/requests', sent);
      assert.equal(created.statusCode, 201, created.body);
      signedBy(created);
      const receipt = created.json<Record<string, string>>();
      assert.equal(receipt.controller_id, customerId);
      assert.equal(receipt.subject_request_id, sent.subject_request_id);
      assert.equal(receipt.received_time, '2026-03-02T09:00:00.000Z');
      assert.equal(Buffer.from(receipt.encoded_request!, 'base64').toString('utf8'), JSON.stringify(sent));
      const { processor_signature, ...unsigned } = receipt;
      assert.ok(verifies(certificatePem, JSON.stringify(unsigned), processor_signature!));

      const row = await rowOf(sent.subject_request_id);
      assert.equal(row.channel, 'opendsr');
      assert.equal(row.rightType, 'access');
      assert.equal(row.status, 'received');
      assert.equal(receipt.expected_completion_time, row.dueAt.toISOString());
      assert.deepEqual(row.callbackUrls, [`${base}/callbacks`]);
      assert.equal(row.customerReceivedOn, '2026-03-01');
      assert.deepEqual(
        row.identitiesMasked.map((i) => [i.type, i.format]),
        [['email', 'raw']],
      );
      const revealed = await t.app.inject({
        method: 'POST',
        url: `/api/v1/requests/${row.id}/identities`,
        headers: staff,
      });
      assert.equal(revealed.json<{ items: { value: string }[] }>().items[0]!.value, person.toLowerCase());
      // the receipt is kept as evidence, sealed: it holds the identities
      const stored = await messagesOf(row.id);
      assert.deepEqual(
        stored.map((m) => [m.kind, m.delivery]),
        [['receipt', 'none']],
      );
      assert.ok(!stored[0]!.body.includes(receipt.encoded_request!));
      assert.equal(stored[0]!.signature, created.headers['x-opendsr-signature']);

      const read = await opendsr(controller, 'GET', `/requests/${sent.subject_request_id}`);
      assert.equal(read.statusCode, 200, read.body);
      signedBy(read);
      assert.equal(read.json<{ request_status: string }>().request_status, 'pending');

      const cancelled = await opendsr(controller, 'DELETE', `/requests/${sent.subject_request_id}`);
      assert.equal(cancelled.statusCode, 202, cancelled.body);
      signedBy(cancelled);
      const cancel = cancelled.json<Record<string, string>>();
      assert.equal(cancel.subject_request_id, sent.subject_request_id);
      assert.equal(cancel.controller_id, customerId);
      assert.ok(cancel.processor_signature);
      assert.equal((await rowOf(sent.subject_request_id)).status, 'cancelled');
      const again = await opendsr(controller, 'DELETE', `/requests/${sent.subject_request_id}`);
      assert.equal(again.statusCode, 202);
      assert.equal(again.body, cancelled.body, 'cancelling twice answers the first receipt');
      const afterCancel = await opendsr(controller, 'GET', `/requests/${sent.subject_request_id}`);
      assert.equal(afterCancel.json<{ request_status: string }>().request_status, 'cancelled');
      assert.deepEqual((await messagesOf(row.id)).map((m) => [m.kind, m.delivery]).sort(), [
        ['callback', 'pending'],
        ['cancel_receipt', 'none'],
        ['receipt', 'none'],
      ]);
    });

    test('a repeated subject_request_id answers the first receipt and makes no second request', async () => {
      const sent = newRequest({
        subject_request_type: 'erasure',
        subject_identities: [
          { identity_type: 'email', identity_value: 'a'.repeat(64), identity_format: 'sha256' },
          { identity_type: 'controller_customer_id', identity_value: 'KL-0042', identity_format: 'raw' },
        ],
      });
      const first = await opendsr(controller, 'POST', '/requests', sent);
      assert.equal(first.statusCode, 201, first.body);
      const before = await count();
      const second = await opendsr(controller, 'POST', '/requests', sent);
      assert.equal(second.statusCode, 200, second.body);
      assert.equal(second.body, first.body);
      assert.equal(second.headers['x-opendsr-signature'], first.headers['x-opendsr-signature']);
      assert.equal(await count(), before);
      const row = await rowOf(sent.subject_request_id);
      assert.deepEqual(
        row.identitiesMasked.map((i) => [i.type, i.format]),
        [
          ['email', 'sha256'],
          ['customer_reference', 'raw'],
        ],
      );
      // the same id from another customer is that customer's own request
      const theirs = await opendsr(other, 'POST', '/requests', sent);
      assert.equal(theirs.statusCode, 201, theirs.body);
      assert.equal(await count(), before + 1);
    });

    test('another customer’s token finds nothing of ours and is refused on staff routes', async () => {
      const sent = newRequest();
      assert.equal((await opendsr(controller, 'POST', '/requests', sent)).statusCode, 201);
      for (const method of ['GET', 'DELETE']) {
        const response = await opendsr(other, method, `/requests/${sent.subject_request_id}`);
        assert.equal(response.statusCode, 404, `${method}: ${response.body}`);
        const error = response.json<SpecError>().error;
        assert.equal(error.code, 404);
        assert.equal(error.errors[0]!.domain, 'OpenDSR');
      }
      assert.equal((await rowOf(sent.subject_request_id)).status, 'received');
      for (const url of ['/api/v1/requests', '/api/v1/customers', `/api/v1/customers/${customerId}`]) {
        const response = await t.app.inject({ url, headers: controller });
        assert.equal(response.statusCode, 403, url);
      }
      const staffToken = await opendsr(staff, 'GET', `/requests/${sent.subject_request_id}`);
      assert.equal(staffToken.statusCode, 403, 'a staff token is no controller');
      assert.equal(staffToken.json<SpecError>().error.code, 403);
      const anonymous = await opendsr({}, 'POST', '/requests', sent);
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json<SpecError>().error.code, 401);
    });

    test('bodies that break the spec answer 400 in its format, store nothing and never echo an identity', async () => {
      const secret = 'geheim.persoon@example.nl';
      const identity = (overrides: Record<string, string>) => [
        { identity_type: 'email', identity_value: secret, identity_format: 'raw', ...overrides },
      ];
      const cases: [string, Record<string, unknown>, string][] = [
        ['bad uuid', { subject_request_id: 'not-a-uuid' }, 'subject_request_id'],
        ['uppercase uuid', { subject_request_id: randomUUID().toUpperCase() }, 'subject_request_id'],
        ['uuid v1', { subject_request_id: 'a7551968-d5d6-14b2-9831-815ac9017798' }, 'subject_request_id'],
        ['bad RFC 3339 time', { submitted_time: '2026-03-01 15:00' }, 'submitted_time'],
        ['impossible date', { submitted_time: '2026-02-30T10:00:00Z' }, 'submitted_time'],
        ['future time', { submitted_time: '2026-03-03T09:00:00Z' }, 'submitted_time'],
        [
          'unknown identity type',
          { subject_identities: identity({ identity_type: 'shoe_size' }) },
          'identity_type',
        ],
        ['md5', { subject_identities: identity({ identity_format: 'md5' }) }, 'identity_format'],
        ['sha1', { subject_identities: identity({ identity_format: 'sha1' }) }, 'identity_format'],
        ['bad sha256', { subject_identities: identity({ identity_format: 'sha256' }) }, 'identity_value'],
        ['bad e-mail', { subject_identities: identity({ identity_value: `x ${secret}` }) }, 'identity_value'],
        ['no identities', { subject_identities: [] }, 'subject_identities'],
        ['unknown type', { subject_request_type: 'forget_me' }, 'subject_request_type'],
        ['regulation', { regulation: 'lgpd' }, 'regulation'],
        ['callback ftp', { status_callback_urls: ['ftp://controller.example/cb'] }, 'status_callback_urls'],
        ['callback junk', { status_callback_urls: ['not a url'] }, 'status_callback_urls'],
        [
          'rectification without notes',
          { subject_request_type: 'rectification' },
          'extensions.localhost.notes',
        ],
      ];
      const before = await count();
      for (const [label, overrides, field] of cases) {
        const response = await opendsr(controller, 'POST', '/requests', {
          ...newRequest({ subject_identities: identity({}) }),
          ...overrides,
        });
        assert.equal(response.statusCode, 400, `${label}: ${response.body}`);
        const error = response.json<SpecError>().error;
        assert.equal(error.code, 400, label);
        assert.ok(error.errors.length > 0 && error.errors[0]!.domain === 'OpenDSR', label);
        assert.match(error.message, new RegExp(field.replace(/\./g, '\\.')), label);
        assert.ok(!response.body.includes(secret) && !response.body.includes('geheim'), `${label} echoes`);
      }
      const broken = await t.app.inject({
        method: 'POST',
        url: '/opendsr/v2/requests',
        headers: { ...controller, 'content-type': 'application/json' },
        payload: `{"subject_identities": [${secret}]}`,
      });
      assert.equal(broken.statusCode, 400);
      assert.ok(!broken.body.includes('geheim'), 'a JSON syntax error does not quote the body');
      const badId = await opendsr(controller, 'GET', '/requests/NOT-A-UUID');
      assert.equal(badId.statusCode, 400);
      assert.equal(badId.json<SpecError>().error.code, 400);
      assert.equal(await count(), before, 'nothing stored');
    });

    test('status changes are called back signed; a failing endpoint is retried, then marked failed', async () => {
      const sent = newRequest({ status_callback_urls: [`${base}/callbacks`, `${base}/broken`] });
      const created = await opendsr(controller, 'POST', '/requests', sent);
      assert.equal(created.statusCode, 201, created.body);
      const row = await rowOf(sent.subject_request_id);
      // what earlier tests queued goes out first: the cancellation above was called back too
      await runJobNow('requests.opendsr-callbacks', t.jobDeps);
      assert.ok(
        endpoint.received.some((r) => JSON.parse(r.body).request_status === 'cancelled'),
        'the cancellation was called back',
      );
      endpoint.received.length = 0;
      // the creation itself is answered by the receipt: nothing queued yet
      assert.equal((await messagesOf(row.id)).filter((m) => m.kind === 'callback').length, 0);

      const started = await t.app.inject({
        method: 'POST',
        url: `/api/v1/requests/${row.id}/status`,
        headers: staff,
        payload: { status: 'in_progress' },
      });
      assert.equal(started.statusCode, 200, started.body);
      const first = await runJobNow('requests.opendsr-callbacks', t.jobDeps);
      assert.deepEqual(first, { claimed: 2, delivered: 1, retrying: 1, failed: 0 });
      const arrived = endpoint.received.find((r) => r.url === '/callbacks')!;
      assert.equal(arrived.headers['x-opendsr-processor-domain'], 'localhost');
      assert.ok(verifies(certificatePem, arrived.body, arrived.headers['x-opendsr-signature'] as string));
      const callback = JSON.parse(arrived.body) as Record<string, string>;
      assert.equal(callback.controller_id, customerId);
      assert.equal(callback.status_callback_url, `${base}/callbacks`);
      assert.equal(callback.subject_request_id, sent.subject_request_id);
      assert.equal(callback.request_status, 'in_progress');
      assert.equal(callback.expected_completion_time, row.dueAt.toISOString());

      // nothing due until the backoff has passed
      assert.deepEqual(await runJobNow('requests.opendsr-callbacks', t.jobDeps), {
        claimed: 0,
        delivered: 0,
        retrying: 0,
        failed: 0,
      });
      const waits = [1, 5, 15, 60, 240, 720, 1440];
      for (const [index, minutes] of waits.entries()) {
        t.clock.advance(minutes * 60_000);
        const result = await runJobNow('requests.opendsr-callbacks', t.jobDeps);
        assert.equal((result as { claimed: number }).claimed, 1, `attempt ${index + 2}`);
      }
      const broken = (await messagesOf(row.id)).find((m) => m.url === `${base}/broken`)!;
      assert.equal(broken.delivery, 'failed');
      assert.equal(broken.attempts, 8);
      assert.equal(broken.lastResult, 'HTTP 500');
      t.clock.advance(86_400_000);
      assert.equal(
        ((await runJobNow('requests.opendsr-callbacks', t.jobDeps)) as { claimed: number }).claimed,
        0,
      );

      // staff see the log; the receipt without the request it quotes
      const log = await t.app.inject({ url: `/api/v1/requests/${row.id}/opendsr`, headers: staff });
      assert.equal(log.statusCode, 200, log.body);
      const items = log.json<{
        items: { kind: string; delivery: string; attempts: number; body: unknown }[];
      }>().items;
      assert.deepEqual(items.map((m) => [m.kind, m.delivery]).sort(), [
        ['callback', 'delivered'],
        ['callback', 'failed'],
        ['receipt', 'none'],
      ]);
      assert.ok(!log.body.includes(person.toLowerCase()));
      assert.ok(!log.body.includes(Buffer.from(JSON.stringify(sent)).toString('base64')));
      const portalLog = await t.app.inject({
        url: `/api/v1/requests/${row.id}/opendsr`,
        headers: controller,
      });
      assert.equal(portalLog.statusCode, 403);

      // the retention period erases what the receipt quotes; the hash of what was signed stays
      const [receiptRow] = (await messagesOf(row.id)).filter((m) => m.kind === 'receipt');
      await t.db.transaction((tx) => eraseReceiptIdentities(tx, t.dataKey, row.id));
      const [erased] = (await messagesOf(row.id)).filter((m) => m.kind === 'receipt');
      const kept = JSON.parse(erased!.body) as Record<string, string>;
      assert.equal(kept.encoded_request, undefined);
      assert.equal(kept.subject_request_id, sent.subject_request_id);
      assert.equal(kept.signed_body_sha256, createHash('sha256').update(created.body).digest('hex'));
      assert.equal(erased!.signature, receiptRow!.signature);
      const again = await opendsr(controller, 'POST', '/requests', sent);
      assert.equal(again.statusCode, 200, 'still no second request');
      assert.equal(again.json<Record<string, unknown>>().encoded_request, undefined);
    });

    test('a completed access request reads completed with its package; a rejection reads completed with the reason', async () => {
      const sent = newRequest({ status_callback_urls: [`${base}/callbacks`] });
      assert.equal((await opendsr(controller, 'POST', '/requests', sent)).statusCode, 201);
      const row = await rowOf(sent.subject_request_id);
      const staffCall = (method: string, url: string, payload?: object) =>
        t.app.inject({
          method: method as 'POST',
          url: `/api/v1${url}`,
          headers: staff,
          ...(payload ? { payload } : {}),
        });
      const detail = (await staffCall('GET', `/requests/${row.id}`)).json<{ taskList: { id: string }[] }>();
      assert.ok(detail.taskList.length > 0);
      for (const task of detail.taskList) {
        const done = await staffCall('PATCH', `/requests/${row.id}/tasks/${task.id}`, {
          outcome: 'not_found',
        });
        assert.equal(done.statusCode, 200, done.body);
      }
      const completed = await staffCall('POST', `/requests/${row.id}/complete`);
      assert.equal(completed.statusCode, 200, completed.body);
      const read = await opendsr(controller, 'GET', `/requests/${sent.subject_request_id}`);
      signedBy(read);
      const status = read.json<{ request_status: string; results_url: string; results_count: number }>();
      assert.equal(status.request_status, 'completed');
      assert.equal(status.results_url, `http://localhost/api/v1/portal/requests/${row.id}/package`);
      assert.equal(status.results_count, 1);
      const download = await t.app.inject({ url: new URL(status.results_url).pathname, headers: controller });
      assert.equal(download.statusCode, 200, 'the controller fetches the package with its token');
      assert.equal(download.headers['content-type'], 'application/zip');
      endpoint.received.length = 0;
      await runJobNow('requests.opendsr-callbacks', t.jobDeps);
      const statuses = endpoint.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
      assert.deepEqual(
        statuses.map((c) => c.request_status),
        ['in_progress', 'completed'],
        'the first task started the request, completion ended it',
      );
      assert.equal(statuses[1]!.results_url, status.results_url);
      const cannot = await opendsr(controller, 'DELETE', `/requests/${sent.subject_request_id}`);
      assert.equal(cannot.statusCode, 400);
      assert.equal(cannot.json<SpecError>().error.errors[0]!.reason, 'not_pending');

      const refused = newRequest({ subject_request_type: 'objection' });
      assert.equal((await opendsr(controller, 'POST', '/requests', refused)).statusCode, 201);
      const refusedRow = await rowOf(refused.subject_request_id);
      const rejected = await staffCall('POST', `/requests/${refusedRow.id}/status`, {
        status: 'rejected',
        reason: 'Wij verwerken geen gegevens van deze persoon.',
      });
      assert.equal(rejected.statusCode, 200, rejected.body);
      const answer = (await opendsr(controller, 'GET', `/requests/${refused.subject_request_id}`)).json<{
        request_status: string;
        results_url?: string;
        extensions: Record<string, { status: string; status_reason: string }>;
      }>();
      assert.equal(answer.request_status, 'completed');
      assert.equal(answer.results_url, undefined);
      assert.deepEqual(answer.extensions.localhost, {
        status: 'rejected',
        reference: refusedRow.reference,
        status_reason: 'Wij verwerken geen gegevens van deze persoon.',
      });
    });

    test('a callback to a private or local address is refused unless the operator allows it (SSRF)', async () => {
      // flush what earlier tests queued, so only this request's callback is due
      await runJobNow('requests.opendsr-callbacks', t.jobDeps);
      const sent = newRequest({ status_callback_urls: [`${base}/callbacks`] });
      assert.equal((await opendsr(controller, 'POST', '/requests', sent)).statusCode, 201);
      const row = await rowOf(sent.subject_request_id);
      endpoint.received.length = 0;
      assert.equal(
        (await opendsr(controller, 'DELETE', `/requests/${sent.subject_request_id}`)).statusCode,
        202,
      );
      const production = { ...t.jobDeps, allowPrivateCallbacks: false };
      const result = (await runJobNow('requests.opendsr-callbacks', production)) as { failed: number };
      assert.equal(result.failed, 1, 'refused at once, not retried');
      assert.equal(endpoint.received.length, 0, 'nothing was posted');
      const [callback] = (await messagesOf(row.id)).filter((m) => m.kind === 'callback');
      assert.equal(callback!.delivery, 'failed');
      assert.match(callback!.lastResult ?? '', /^refused: 127\.0\.0\.1 is a private or local address/);
      assert.equal(await privateTarget('https://10.1.2.3/cb'), '10.1.2.3');
      assert.equal(await privateTarget('https://[::1]/cb'), '::1');
      assert.equal(await privateTarget('https://[::ffff:192.168.1.5]/cb'), '::ffff:c0a8:105');
      assert.equal(await privateTarget('https://93.184.215.14/cb'), null);
    });

    test('RFC 3339 as the spec means it', () => {
      for (const good of ['2026-03-01T15:00:00Z', '2026-03-01T15:00:00.123+01:00', '2016-12-31T23:59:60Z']) {
        assert.ok(isRfc3339(good), good);
      }
      for (const bad of ['2026-03-01', '2026-03-01T15:00Z', '2026-13-01T15:00:00Z', '2026-03-01T15:00:00']) {
        assert.ok(!isRfc3339(bad), bad);
      }
    });
  });
}
