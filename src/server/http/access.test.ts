import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { createTestApp, type TestApp } from '../../../test/fixtures/test-app.ts';
import { customerRoles, type Role, roles, staffRoles } from '../../shared/roles.ts';
import { createFixedClock } from '../clock.ts';
import { testEngines } from '../db/test-database.ts';
import { createCustomerToken } from '../modules/accounts/accounts.usecases.ts';
import { type Access, registerAccessControl } from './access.ts';

const noId = '00000000-0000-4000-8000-000000000000';
const fill = (url: string) => url.replace(/:token/, 'x'.repeat(43)).replace(/:[A-Za-z]+/g, noId);

function describeAccess(access: Access): Expected {
  if ('public' in access) {
    return everyone;
  }
  if (access.scope === 'self') {
    assert.deepEqual(
      [...access.roles].sort(),
      [...roles].sort(),
      'self routes are open to every signed-in person',
    );
    return self;
  }
  if (access.scope === 'customer') {
    return access.roles.length === customerRoles.length ? portal : portalAdmin;
  }
  return [...access.roles].sort();
}

const staffRolesOf = (expected: Expected): readonly Role[] =>
  expected === self ? roles : Array.isArray(expected) ? expected : [];
const customerRolesOf = (expected: Expected): readonly Role[] =>
  expected === self || expected === portal ? roles : expected === portalAdmin ? ['customer-admin'] : [];

// Who may call what. Every API route must be listed here: adding a route without deciding its roles fails this test.
// 'self' = any signed-in person on their own account; 'portal' = any customer contact, 'portal-admin' = only a
// customer-admin, both scoped to the contact's own customer (tenant-isolation.test.ts proves that part).
const everyone = 'public';
const self = 'self';
const portal = 'portal';
const portalAdmin = 'portal-admin';
type Expected = typeof everyone | typeof self | typeof portal | typeof portalAdmin | Role[];
const staff = [...staffRoles];
const readers = ['admin', 'privacy-officer', 'auditor'];
const admin = ['admin'];
const writers = ['admin', 'privacy-officer', 'staff'];
const matrix: Record<string, Expected> = {
  'GET /api/health': everyone,
  'GET /api/openapi.json': everyone,
  'GET /api/v1/setup': everyone,
  'POST /api/v1/setup': everyone,
  'POST /api/v1/auth/login': everyone,
  'GET /api/v1/auth/session': everyone,
  'POST /api/v1/auth/login/two-factor': everyone,
  'POST /api/v1/auth/password-reset': everyone,
  'POST /api/v1/auth/password-reset/confirm': everyone,
  'GET /api/v1/auth/invites/:token': everyone,
  'POST /api/v1/auth/invites/:token/accept': everyone,
  'POST /api/v1/auth/logout': self,
  'PATCH /api/v1/account': self,
  'PUT /api/v1/account/password': self,
  'GET /api/v1/account/two-factor': self,
  'POST /api/v1/account/two-factor/setup': self,
  'POST /api/v1/account/two-factor/enable': self,
  'POST /api/v1/account/two-factor/recovery-codes': self,
  'POST /api/v1/account/two-factor/disable': self,
  'GET /api/v1/account/sessions': self,
  'DELETE /api/v1/account/sessions/:sessionId': self,
  'POST /api/v1/account/sessions/sign-out-everywhere': self,
  'POST /api/v1/users/:id/two-factor/reset': admin,
  'GET /api/v1/customers/:customerId/portal-accounts': staff,
  'POST /api/v1/customers/:customerId/invites': writers,
  'DELETE /api/v1/customers/:customerId/invites/:inviteId': writers,
  'DELETE /api/v1/customers/:customerId/portal-users/:userId': writers,
  'GET /api/v1/portal/accounts': portal,
  'POST /api/v1/portal/invites': portalAdmin,
  'DELETE /api/v1/portal/invites/:inviteId': portalAdmin,
  'DELETE /api/v1/portal/users/:userId': portalAdmin,
  'GET /api/v1/portal/overview': portal,
  'GET /api/v1/portal/customer': portal,
  'POST /api/v1/portal/agreements/:agreementId/dpas/:dpaId/sign': portalAdmin,
  'GET /api/v1/portal/agreements/:agreementId/dpas/:dpaId/signatures/:signatureId/file': portal,
  'GET /api/v1/portal/record': portal,
  'GET /api/v1/portal/subprocessors': portal,
  'POST /api/v1/portal/subprocessors/:partyId/consent': portalAdmin,
  'GET /api/v1/public/subprocessors': everyone,
  'GET /api/v1/subprocessors': staff,
  'GET /api/v1/incidents': staff,
  'POST /api/v1/incidents': writers,
  'GET /api/v1/incidents/:incidentId': staff,
  'POST /api/v1/incidents/:incidentId/status': writers,
  'GET /api/v1/incidents/:incidentId/customers': staff,
  'POST /api/v1/incidents/:incidentId/impact': writers,
  'PUT /api/v1/incidents/:incidentId/customers/:customerId': writers,
  'POST /api/v1/incidents/:incidentId/customers/:customerId/calls': writers,
  'GET /api/v1/breach-obligations': staff,
  'PUT /api/v1/incidents/:incidentId': writers,
  'POST /api/v1/incidents/:incidentId/notices': writers,
  'GET /api/v1/users/assignable': writers,
  'GET /api/v1/requests': staff,
  'POST /api/v1/requests': writers,
  'GET /api/v1/requests/:requestId': staff,
  'POST /api/v1/requests/:requestId/identities': writers,
  'POST /api/v1/requests/:requestId/status': writers,
  'POST /api/v1/requests/:requestId/complete': writers,
  'POST /api/v1/requests/:requestId/lift': writers,
  'PATCH /api/v1/requests/:requestId/tasks/:taskId': writers,
  'POST /api/v1/requests/:requestId/tasks/:taskId/reopen': writers,
  'POST /api/v1/requests/:requestId/tasks/:taskId/send': writers,
  'POST /api/v1/requests/:requestId/tasks/:taskId/evidence': writers,
  'GET /api/v1/requests/:requestId/evidence/:evidenceId': staff,
  'GET /api/v1/requests/:requestId/package': staff,
  'GET /api/v1/portal/requests': portal,
  'POST /api/v1/portal/requests': portal,
  'GET /api/v1/portal/requests/:requestId': portal,
  'POST /api/v1/portal/requests/:requestId/cancel': portal,
  'POST /api/v1/portal/requests/:requestId/lift': portal,
  'GET /api/v1/portal/requests/:requestId/package': portal,
  'GET /api/v1/requests/:requestId/opendsr': staff,
  'GET /api/v1/portal/tokens': portalAdmin,
  'POST /api/v1/portal/tokens': portalAdmin,
  'POST /api/v1/portal/tokens/:tokenId/revoke': portalAdmin,
  // OpenDSR v2.0 (issue 9): discovery, status and the certificate are public; requests take a customer's token
  'GET /opendsr/v2/discovery': everyone,
  'GET /opendsr/v2/status': everyone,
  'GET /opendsr/v2/cert.pem': everyone,
  'POST /opendsr/v2/requests': portal,
  'GET /opendsr/v2/requests/:subjectRequestId': portal,
  'DELETE /opendsr/v2/requests/:subjectRequestId': portal,
  'GET /api/v1/portal/breaches': portal,
  'GET /api/v1/portal/breaches/:noticeId/ap-form': portal,
  'GET /api/v1/portal/breaches/:noticeId/pdf': portal,
  'GET /api/v1/incidents/:incidentId/customers/:customerId/notices/:noticeId/pdf': staff,
  'POST /api/v1/incidents/:incidentId/updates': writers,
  'POST /api/v1/portal/breaches/:noticeId/acknowledge': portal,
  'GET /api/v1/portal/breaches/:noticeId/messages': portal,
  'POST /api/v1/portal/breaches/:noticeId/messages': portal,
  'GET /api/v1/incidents/:incidentId/customers/:customerId/messages': staff,
  'POST /api/v1/incidents/:incidentId/customers/:customerId/messages': writers,
  'GET /api/v1/customers/:customerId/headcounts': staff,
  'PUT /api/v1/customers/:customerId/headcounts': writers,
  'GET /api/v1/incidents/:incidentId/scans': staff,
  'POST /api/v1/incidents/:incidentId/scans': writers,
  'POST /api/v1/incidents/:incidentId/scans/server-path': ['admin', 'privacy-officer'],
  'POST /api/v1/incidents/:incidentId/scans/:scanId/accept': writers,
  'POST /api/v1/incidents/:incidentId/scans/:scanId/dismiss': writers,
  'POST /api/v1/incidents/:incidentId/scans/:scanId/cancel': writers,
  'DELETE /api/v1/incidents/:incidentId/scans/:scanId/file': writers,
  'GET /api/v1/scan-roots': ['admin', 'privacy-officer'],
  'GET /api/v1/subprocessors/transfer-rules': staff,
  'GET /api/v1/subprocessors/alerts': staff,
  'GET /api/v1/subprocessors/:partyId': staff,
  'PUT /api/v1/subprocessors/:partyId': ['admin', 'privacy-officer'],
  'PUT /api/v1/subprocessors/:partyId/flow-down-file': ['admin', 'privacy-officer'],
  'GET /api/v1/subprocessors/:partyId/flow-down-file': staff,
  'GET /api/v1/subprocessor-proposals': staff,
  'POST /api/v1/subprocessor-proposals': ['admin', 'privacy-officer'],
  'GET /api/v1/subprocessor-proposals/:proposalId': staff,
  'POST /api/v1/subprocessor-proposals/:proposalId/withdraw': ['admin', 'privacy-officer'],
  'GET /api/v1/customers/:customerId/subprocessors': staff,
  'POST /api/v1/customers/:customerId/subprocessors/:partyId/answer': writers,
  'POST /api/v1/customers/:customerId/subprocessors/:partyId/assessment': ['admin', 'privacy-officer'],
  'POST /api/v1/customers/:customerId/subprocessors/:partyId/withdrawal': ['admin', 'privacy-officer'],
  'GET /api/v1/portal/instructions': portal,
  'POST /api/v1/portal/instructions': portal,
  'GET /api/v1/portal/instructions/:instructionId/attachments/:attachmentId': portal,
  'POST /api/v1/portal/contacts': portalAdmin,
  'PUT /api/v1/portal/contacts/:contactId': portalAdmin,
  'DELETE /api/v1/portal/contacts/:contactId': portalAdmin,
  'GET /api/v1/users': admin,
  'POST /api/v1/users': admin,
  'PATCH /api/v1/users/:id': admin,
  'GET /api/v1/tokens': admin,
  'POST /api/v1/tokens': admin,
  'DELETE /api/v1/tokens/:id': admin,
  'GET /api/v1/audit/events': readers,
  'GET /api/v1/audit/events.csv': readers,
  'GET /api/v1/audit/verifications/latest': readers,
  'POST /api/v1/audit/verify': readers,
  'GET /api/v1/processor': staff,
  'PUT /api/v1/processor': admin,
  'GET /api/v1/processor/logo': staff,
  'PUT /api/v1/processor/logo': admin,
  'DELETE /api/v1/processor/logo': admin,
  'GET /api/v1/settings': staff,
  'PUT /api/v1/settings': admin,
  'GET /api/v1/dashboard': staff,
  'GET /api/v1/customers': staff,
  'POST /api/v1/customers': writers,
  'POST /api/v1/customers/import': writers,
  'GET /api/v1/customers/:customerId': staff,
  'PATCH /api/v1/customers/:customerId': writers,
  'POST /api/v1/customers/:customerId/contacts': writers,
  'PUT /api/v1/customers/:customerId/contacts/:contactId': writers,
  'DELETE /api/v1/customers/:customerId/contacts/:contactId': writers,
  'POST /api/v1/customers/:customerId/agreements': writers,
  'POST /api/v1/customers/:customerId/agreements/:agreementId/notice': writers,
  'POST /api/v1/customers/:customerId/agreements/:agreementId/services': writers,
  'PATCH /api/v1/customers/:customerId/agreements/:agreementId/services/:serviceId': writers,
  'POST /api/v1/customers/:customerId/agreements/:agreementId/dpas': writers,
  'POST /api/v1/customers/:customerId/agreements/:agreementId/dpas/:dpaId/send': writers,
  'POST /api/v1/customers/:customerId/agreements/:agreementId/dpas/:dpaId/signatures': writers,
  'GET /api/v1/customers/:customerId/agreements/:agreementId/dpas/:dpaId/signatures/:signatureId/file': staff,
  'GET /api/v1/customers/:customerId/record': staff,
  'GET /api/v1/customers/:customerId/instructions': staff,
  'POST /api/v1/customers/:customerId/instructions': writers,
  'POST /api/v1/customers/:customerId/instructions/:instructionId/flag': writers,
  'POST /api/v1/customers/:customerId/instructions/:instructionId/answer': writers,
  'GET /api/v1/customers/:customerId/instructions/:instructionId/attachments/:attachmentId': staff,
  'GET /api/v1/customers/:customerId/documents': staff,
  'POST /api/v1/customers/:customerId/documents': writers,
  'GET /api/v1/customers/:customerId/documents/:documentId/file': staff,
  'GET /api/v1/documents/outdated': staff,
  'GET /api/v1/documents/templates/:kind/:language': staff,
  'POST /api/v1/documents/templates/:kind/:language/validate': staff,
  'PUT /api/v1/documents/templates/:kind/:language': admin,
  'GET /api/v1/portal/documents': portal,
  'GET /api/v1/portal/documents/:documentId/file': portal,
  'GET /api/v1/register': staff,
  'GET /api/v1/register/versions': staff,
  'GET /api/v1/register/export': staff,
  'POST /api/v1/register/import': writers,
  'GET /api/v1/register/entries/:id': staff,
  'GET /api/v1/register/entries/:id/history': staff,
  'POST /api/v1/register/entries': writers,
  'PUT /api/v1/register/entries/:id': writers,
  'POST /api/v1/register/entries/:id/retire': writers,
  'GET /api/v1/register/service-lines': staff,
  'POST /api/v1/register/service-lines': writers,
  'PUT /api/v1/register/service-lines/:code': writers,
  'POST /api/v1/register/service-lines/:code/retire': writers,
  'GET /api/v1/register/operations': staff,
  'POST /api/v1/register/operations': writers,
  'PUT /api/v1/register/operations/:code': writers,
  'POST /api/v1/register/operations/:code/retire': writers,
  'GET /api/v1/register/parties': staff,
  'POST /api/v1/register/parties': writers,
  'PUT /api/v1/register/parties/:id': writers,
  'POST /api/v1/register/parties/:id/retire': writers,
  'GET /api/v1/mail/settings': staff,
  'PUT /api/v1/mail/settings': admin,
  'POST /api/v1/mail/test': admin,
  'GET /api/v1/mail/messages': staff,
  'GET /api/v1/mail/messages/:id': staff,
  'POST /api/v1/mail/messages/:id/send': ['admin', 'privacy-officer'],
  'POST /api/v1/mail/outbox/send': ['admin', 'privacy-officer'],
} as Record<string, Expected>;

test('a route that does not declare its access stops the server from starting', () => {
  const app = Fastify();
  registerAccessControl(app, { db: null as never, clock: createFixedClock('2026-01-01T00:00:00Z') });
  assert.throws(
    () => app.get('/api/v1/forgotten', async () => 'open'),
    /GET \/api\/v1\/forgotten does not declare its access/,
  );
});

for (const engine of testEngines()) {
  describe(`role matrix (${engine})`, () => {
    let t: TestApp;
    const headers: Partial<Record<Role, Record<string, string>>> = {};
    before(async () => {
      t = await createTestApp(engine);
      for (const role of staffRoles) {
        headers[role] = (await t.signInAs(role)).headers;
      }
    });
    after(() => t.close());

    test('the matrix lists exactly the routes the API has', () => {
      const declared = t.app.declaredRoutes
        .filter((r) => !r.url.startsWith('/api/docs'))
        .map((r) => `${r.method} ${r.url}`);
      assert.deepEqual([...declared].sort(), Object.keys(matrix).sort());
      for (const route of t.app.declaredRoutes) {
        const expected = matrix[`${route.method} ${route.url}`];
        if (expected && route.url !== '/api/docs') {
          assert.deepEqual(
            describeAccess(route.access),
            Array.isArray(expected) ? [...expected].sort() : expected,
            `${route.method} ${route.url}`,
          );
        }
      }
    });

    test('without a session or token every non-public route answers 401', async () => {
      for (const [key, roles] of Object.entries(matrix)) {
        if (roles === everyone) {
          continue;
        }
        const [method, url] = key.split(' ') as [string, string];
        const response = await t.app.inject({
          method: method as 'GET',
          url: fill(url),
        });
        assert.equal(response.statusCode, 401, key);
      }
    });

    test('each role is refused with 403 where the matrix does not list it, with a session and with a token', async () => {
      for (const role of staffRoles) {
        const bearer = await t.bearerFor(role);
        for (const [key, expected] of Object.entries(matrix)) {
          if (expected === everyone || staffRolesOf(expected).includes(role)) {
            continue;
          }
          const [method, url] = key.split(' ') as [string, string];
          for (const h of [headers[role]!, bearer]) {
            const response = await t.app.inject({
              method: method as 'GET',
              url: fill(url),
              headers: h,
              payload: method === 'GET' || method === 'DELETE' ? undefined : {},
            });
            assert.equal(response.statusCode, 403, `${role} ${key}`);
          }
        }
      }
    });

    test('customer contacts get 403 on every staff route and customer-members on admin-only portal routes', async () => {
      const { customer } = await t.buildCustomer();
      for (const role of customerRoles) {
        const session = (await t.signInPortal(customer.id, role)).headers;
        for (const [key, expected] of Object.entries(matrix)) {
          if (expected === everyone || customerRolesOf(expected).includes(role)) {
            continue;
          }
          const [method, url] = key.split(' ') as [string, string];
          const response = await t.app.inject({
            method: method as 'GET',
            url: fill(url),
            headers: session,
            payload: method === 'GET' || method === 'DELETE' ? undefined : {},
          });
          assert.equal(response.statusCode, 403, `${role} ${key}`);
        }
      }
    });

    test('a customer’s own API token gets 403 on every staff route', async () => {
      const { customer } = await t.buildCustomer();
      const { secret } = await createCustomerToken(t.ctx, {
        name: 'controller',
        customerId: customer.id,
        role: 'customer-admin',
      });
      for (const [key, expected] of Object.entries(matrix)) {
        if (!Array.isArray(expected)) {
          continue;
        }
        const [method, url] = key.split(' ') as [string, string];
        const response = await t.app.inject({
          method: method as 'GET',
          url: fill(url),
          headers: { authorization: `Bearer ${secret}` },
          payload: method === 'GET' || method === 'DELETE' ? undefined : {},
        });
        assert.equal(response.statusCode, 403, `customer token ${key}`);
      }
    });

    test('an auditor reads but cannot write anywhere', async () => {
      const writes = Object.entries(matrix).filter(
        ([key, expected]) =>
          !key.startsWith('GET') && Array.isArray(expected) && expected.includes('auditor'),
      );
      assert.deepEqual(
        writes.map(([k]) => k).sort(),
        ['POST /api/v1/audit/verify', 'POST /api/v1/documents/templates/:kind/:language/validate'],
        'besides its own account, the auditor only triggers read-only checks (the audit chain, a template)',
      );
    });
  });
}
