import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  buildTenants,
  checkIsolationCases,
  type IsolationCase,
  type Tenants,
} from '../../../test/fixtures/tenants.ts';
import { createTestApp, type TestApp } from '../../../test/fixtures/test-app.ts';
import { testEngines } from '../db/test-database.ts';
import { createCustomerToken } from '../modules/accounts/accounts.usecases.ts';

const v1 = '/api/v1';
// B's own API token and a request B's controller filed over OpenDSR, made in before() below
const bOwn = { tokenId: '', subjectRequestId: '' };

// A's customer-admin aims at B's data through every customer-scoped route. Ids in the path, ids in the body and
// mixes of A's and B's ids (A's agreement with B's DPA) answer 404; lists and writes without foreign ids answer
// about A only. No portal route takes an id as a list filter yet; one that does gets a case with B's id there.
// A new customer-scoped route without a case here fails the first test.
const cases: IsolationCase[] = [
  // --- portal accounts (accounts module)
  {
    route: 'GET /api/v1/portal/accounts',
    label: 'lists only A’s accounts and invites',
    request: () => ({ method: 'GET', url: `${v1}/portal/accounts` }),
    expect: 'own',
  },
  {
    route: 'POST /api/v1/portal/invites',
    label: 'invite naming B’s contact',
    request: (b) => ({
      method: 'POST',
      url: `${v1}/portal/invites`,
      payload: {
        email: 'intruder@example.nl',
        name: 'Intruder',
        role: 'customer-admin',
        contactId: b.contactId,
      },
    }),
    expect: 'not_found',
  },
  {
    route: 'DELETE /api/v1/portal/invites/:inviteId',
    label: 'revoke B’s invite',
    request: (b) => ({ method: 'DELETE', url: `${v1}/portal/invites/${b.inviteId}` }),
    expect: 'not_found',
  },
  {
    route: 'DELETE /api/v1/portal/users/:userId',
    label: 'remove B’s portal user',
    request: (b) => ({ method: 'DELETE', url: `${v1}/portal/users/${b.userId}` }),
    expect: 'not_found',
  },
  // --- a customer's own API tokens (accounts module)
  {
    route: 'GET /api/v1/portal/tokens',
    label: 'lists only A’s tokens',
    request: () => ({ method: 'GET', url: `${v1}/portal/tokens` }),
    expect: 'own',
  },
  {
    route: 'POST /api/v1/portal/tokens',
    label: 'a token made by A is A’s, whatever the body says',
    request: (b) => ({
      method: 'POST',
      url: `${v1}/portal/tokens`,
      payload: { name: 'Indringer', customerId: b.customerId },
    }),
    expect: 'own',
  },
  {
    route: 'POST /api/v1/portal/tokens/:tokenId/revoke',
    label: 'revoke B’s token',
    request: () => ({ method: 'POST', url: `${v1}/portal/tokens/${bOwn.tokenId}/revoke` }),
    expect: 'not_found',
  },
  // --- OpenDSR (requests module): A as controller aims at B's subject_request_id
  {
    route: 'GET /opendsr/v2/requests/:subjectRequestId',
    label: 'read B’s OpenDSR request',
    request: () => ({ method: 'GET', url: `/opendsr/v2/requests/${bOwn.subjectRequestId}` }),
    expect: 'not_found',
  },
  {
    route: 'DELETE /opendsr/v2/requests/:subjectRequestId',
    label: 'cancel B’s OpenDSR request',
    request: () => ({ method: 'DELETE', url: `/opendsr/v2/requests/${bOwn.subjectRequestId}` }),
    expect: 'not_found',
  },
  {
    // after the two above: from here on A has its own request under the same id
    route: 'POST /opendsr/v2/requests',
    label: 'B’s subject_request_id sent by A makes A’s own request',
    request: () => ({
      method: 'POST',
      url: '/opendsr/v2/requests',
      payload: {
        regulation: 'gdpr',
        subject_request_id: bOwn.subjectRequestId,
        subject_request_type: 'erasure',
        subject_identities: [
          { identity_type: 'controller_customer_id', identity_value: 'R-1', identity_format: 'raw' },
        ],
        submitted_time: '2026-03-01T12:00:00Z',
      },
    }),
    expect: 'own',
  },
  // --- breaches
  {
    route: 'GET /api/v1/portal/breaches',
    label: 'only A’s own notices of an incident that touched both',
    request: () => ({ method: 'GET', url: `${v1}/portal/breaches` }),
    expect: 'own',
  },
  {
    route: 'POST /api/v1/portal/breaches/:noticeId/acknowledge',
    label: 'acknowledge B’s notice',
    request: (b) => ({ method: 'POST', url: `${v1}/portal/breaches/${b.noticeId}/acknowledge` }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/breaches/:noticeId/messages',
    label: 'the question thread of B’s notice',
    request: (b) => ({ method: 'GET', url: `${v1}/portal/breaches/${b.noticeId}/messages` }),
    expect: 'not_found',
  },
  {
    route: 'POST /api/v1/portal/breaches/:noticeId/messages',
    label: 'ask a question in B’s thread',
    request: (b) => ({
      method: 'POST',
      url: `${v1}/portal/breaches/${b.noticeId}/messages`,
      payload: { body: 'Vraag van een indringer' },
    }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/requests',
    label: 'only A’s own data subject requests',
    request: () => ({ method: 'GET', url: `${v1}/portal/requests` }),
    expect: 'own',
  },
  {
    route: 'POST /api/v1/portal/requests',
    label: 'a request filed by A lands with A, whatever the body says',
    request: (b) => ({
      method: 'POST',
      url: `${v1}/portal/requests`,
      payload: {
        customerId: b.customerId,
        rightType: 'erasure',
        identities: [{ type: 'customer_reference', value: 'R-1' }],
      },
    }),
    expect: 'own',
  },
  {
    route: 'GET /api/v1/portal/requests/:requestId',
    label: 'B’s request',
    request: (b) => ({ method: 'GET', url: `${v1}/portal/requests/${b.requestId}` }),
    expect: 'not_found',
  },
  {
    route: 'POST /api/v1/portal/requests/:requestId/cancel',
    label: 'cancel B’s request',
    request: (b) => ({ method: 'POST', url: `${v1}/portal/requests/${b.requestId}/cancel`, payload: {} }),
    expect: 'not_found',
  },
  {
    route: 'POST /api/v1/portal/requests/:requestId/lift',
    label: 'lift B’s request',
    request: (b) => ({
      method: 'POST',
      url: `${v1}/portal/requests/${b.requestId}/lift`,
      payload: { reason: 'Opgeheven door een indringer' },
    }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/requests/:requestId/package',
    label: 'download B’s export package',
    request: (b) => ({ method: 'GET', url: `${v1}/portal/requests/${b.requestId}/package` }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/breaches/:noticeId/ap-form',
    label: 'B’s notice as an AP form',
    request: (b) => ({ method: 'GET', url: `${v1}/portal/breaches/${b.noticeId}/ap-form` }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/breaches/:noticeId/pdf',
    label: 'B’s notice as a PDF',
    request: (b) => ({ method: 'GET', url: `${v1}/portal/breaches/${b.noticeId}/pdf` }),
    expect: 'not_found',
  },
  // --- documents
  {
    route: 'GET /api/v1/portal/documents',
    label: 'lists only A’s documents',
    request: () => ({ method: 'GET', url: `${v1}/portal/documents` }),
    expect: 'own',
  },
  {
    route: 'GET /api/v1/portal/documents/:documentId/file',
    label: 'download B’s document',
    request: (b) => ({ method: 'GET', url: `${v1}/portal/documents/${b.documentId}/file` }),
    expect: 'not_found',
  },
  // --- portal
  {
    route: 'GET /api/v1/portal/overview',
    label: 'only A’s agreements and open items',
    request: () => ({ method: 'GET', url: `${v1}/portal/overview` }),
    expect: 'own',
  },
  {
    route: 'GET /api/v1/portal/customer',
    label: 'A’s own customer',
    request: () => ({ method: 'GET', url: `${v1}/portal/customer` }),
    expect: 'own',
  },
  {
    route: 'POST /api/v1/portal/agreements/:agreementId/dpas/:dpaId/sign',
    label: 'sign B’s DPA',
    request: (b) => ({
      method: 'POST',
      url: `${v1}/portal/agreements/${b.agreementId}/dpas/${b.dpaId}/sign`,
      payload: { signerName: 'Intruder', signerRole: 'Directeur' },
    }),
    expect: 'not_found',
  },
  {
    route: 'POST /api/v1/portal/agreements/:agreementId/dpas/:dpaId/sign',
    label: 'sign B’s DPA under A’s agreement',
    request: (b, a) => ({
      method: 'POST',
      url: `${v1}/portal/agreements/${a.agreementId}/dpas/${b.dpaId}/sign`,
      payload: { signerName: 'Intruder', signerRole: 'Directeur' },
    }),
    expect: 'not_found',
  },
  {
    route: 'POST /api/v1/portal/agreements/:agreementId/dpas/:dpaId/sign',
    label: 'sign A’s DPA under B’s agreement',
    request: (b, a) => ({
      method: 'POST',
      url: `${v1}/portal/agreements/${b.agreementId}/dpas/${a.dpaId}/sign`,
      payload: { signerName: 'Intruder', signerRole: 'Directeur' },
    }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/agreements/:agreementId/dpas/:dpaId/signatures/:signatureId/file',
    label: 'B’s signed PDF',
    request: (b) => ({
      method: 'GET',
      url: `${v1}/portal/agreements/${b.agreementId}/dpas/${b.dpaId}/signatures/${b.signatureId}/file`,
    }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/agreements/:agreementId/dpas/:dpaId/signatures/:signatureId/file',
    label: 'B’s signed PDF under A’s agreement and DPA',
    request: (b, a) => ({
      method: 'GET',
      url: `${v1}/portal/agreements/${a.agreementId}/dpas/${a.dpaId}/signatures/${b.signatureId}/file`,
    }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/record',
    label: 'A’s record (JSON)',
    request: () => ({ method: 'GET', url: `${v1}/portal/record` }),
    expect: 'own',
  },
  {
    route: 'GET /api/v1/portal/record',
    label: 'A’s record (CSV)',
    request: () => ({ method: 'GET', url: `${v1}/portal/record?format=csv` }),
    expect: 'own',
  },
  {
    route: 'GET /api/v1/portal/subprocessors',
    label: 'the sub-processors of A’s services and A’s own consent requests',
    request: () => ({ method: 'GET', url: `${v1}/portal/subprocessors` }),
    expect: 'own',
  },
  {
    route: 'POST /api/v1/portal/subprocessors/:partyId/consent',
    label: 'consent to the sub-processor only B was asked about',
    request: (b) => ({
      method: 'POST',
      url: `${v1}/portal/subprocessors/${b.consentPartyId}/consent`,
      payload: { decision: 'give', transferConsent: true },
    }),
    expect: 'not_found',
  },
  {
    route: 'POST /api/v1/portal/subprocessors/:partyId/consent',
    label: 'object to the sub-processor only B was asked about',
    request: (b) => ({
      method: 'POST',
      url: `${v1}/portal/subprocessors/${b.consentPartyId}/consent`,
      payload: { decision: 'object', reason: 'Wij willen dit niet' },
    }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/instructions',
    label: 'only A’s instructions',
    request: () => ({ method: 'GET', url: `${v1}/portal/instructions` }),
    expect: 'own',
  },
  {
    route: 'POST /api/v1/portal/instructions',
    label: 'a new instruction lands with A',
    request: () => ({
      method: 'POST',
      url: `${v1}/portal/instructions`,
      payload: { text: 'Verwijder de back-ups van vorig jaar.' },
    }),
    expect: 'own',
  },
  {
    route: 'GET /api/v1/portal/instructions/:instructionId/attachments/:attachmentId',
    label: 'B’s attachment',
    request: (b) => ({
      method: 'GET',
      url: `${v1}/portal/instructions/${b.instructionId}/attachments/${b.attachmentId}`,
    }),
    expect: 'not_found',
  },
  {
    route: 'GET /api/v1/portal/instructions/:instructionId/attachments/:attachmentId',
    label: 'B’s attachment under A’s instruction',
    request: (b, a) => ({
      method: 'GET',
      url: `${v1}/portal/instructions/${a.instructionId}/attachments/${b.attachmentId}`,
    }),
    expect: 'not_found',
  },
  {
    route: 'POST /api/v1/portal/contacts',
    label: 'a new contact lands with A',
    request: () => ({
      method: 'POST',
      url: `${v1}/portal/contacts`,
      payload: { name: 'Nieuwe Collega', email: 'collega@tenant-a.example', roles: ['billing'] },
    }),
    expect: 'own',
  },
  {
    route: 'PUT /api/v1/portal/contacts/:contactId',
    label: 'change B’s contact',
    request: (b) => ({
      method: 'PUT',
      url: `${v1}/portal/contacts/${b.contactId}`,
      payload: {
        name: 'Overgenomen',
        email: 'intruder@example.nl',
        phone: '+31 546 123 456',
        roles: ['billing'],
      },
    }),
    expect: 'not_found',
  },
  {
    route: 'DELETE /api/v1/portal/contacts/:contactId',
    label: 'remove B’s contact',
    request: (b) => ({ method: 'DELETE', url: `${v1}/portal/contacts/${b.contactId}` }),
    expect: 'not_found',
  },
];

for (const engine of testEngines()) {
  describe(`tenant isolation (${engine})`, () => {
    let t: TestApp;
    let tenants: Tenants;
    before(async () => {
      t = await createTestApp(engine);
      tenants = await buildTenants(t);
      const bToken = await createCustomerToken(t.ctx, {
        name: 'B controller',
        customerId: tenants.b.customerId,
        role: 'customer-admin',
      });
      bOwn.tokenId = bToken.token.id;
      bOwn.subjectRequestId = randomUUID();
      const filed = await t.app.inject({
        method: 'POST',
        url: '/opendsr/v2/requests',
        headers: { authorization: `Bearer ${bToken.secret}` },
        payload: {
          regulation: 'gdpr',
          subject_request_id: bOwn.subjectRequestId,
          subject_request_type: 'access',
          subject_identities: [
            { identity_type: 'email', identity_value: 'persoon@tenant-b.example', identity_format: 'raw' },
          ],
          submitted_time: '2026-03-01T12:00:00Z',
        },
      });
      assert.equal(filed.statusCode, 201, filed.body);
    });
    after(() => t.close());

    test('every customer-scoped route keeps customer A out of customer B’s data, and B is unchanged', async () => {
      await checkIsolationCases(t, tenants, cases);
      // the writes without foreign ids went to A
      const detail = (
        await t.app.inject({ url: `${v1}/customers/${tenants.a.customerId}`, headers: tenants.admin })
      ).json<{ contacts: { email: string }[] }>();
      assert.ok(detail.contacts.some((c) => c.email === 'collega@tenant-a.example'));
      const instructions = (
        await t.app.inject({
          url: `${v1}/customers/${tenants.a.customerId}/instructions`,
          headers: tenants.admin,
        })
      ).json<{ items: { channel: string }[] }>().items;
      assert.ok(instructions.some((i) => i.channel === 'portal'));
    });
  });
}
