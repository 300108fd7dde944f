import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  consentOf,
  createsCycle,
  emptyFacts,
  listedInDpa,
  type PairInput,
  type StoredConsent,
} from './subprocessors.models.ts';

const party = { id: 'p1', name: 'CloudVault', legalName: null };
const stored = (patch: Partial<StoredConsent>): StoredConsent => ({
  id: 'c1',
  state: 'asked',
  proposalId: 'x',
  askedAt: new Date('2026-03-02T09:00:00Z'),
  respondBy: new Date('2026-04-01T21:59:59.999Z'),
  escalatedAt: null,
  answeredAt: null,
  answeredBy: null,
  method: null,
  transferConsentGiven: false,
  objectionReason: null,
  objectionReasonable: null,
  objectionOutcome: null,
  documentId: null,
  ...patch,
});
const pair = (patch: Partial<PairInput>): PairInput => ({
  party,
  facts: emptyFacts,
  serviceLines: ['cloud'],
  stored: null,
  dpaConsentOn: null,
  today: '2026-03-10',
  ...patch,
});
const named = { ...emptyFacts, namedInAgreement: true };
const inUs = { ...emptyFacts, locations: [{ country: 'US', kind: 'both' as const }], dpfCertified: true };

describe('the consent rule (seed 3.4, 5.1, 6.1)', () => {
  test('the agreement’s sub-processors: consented by the customer’s signature on the DPA, from its effective date', () => {
    const signed = consentOf(pair({ facts: named, dpaConsentOn: '2025-01-06' }));
    assert.deepEqual(
      [signed.state, signed.basis, signed.since, signed.active],
      ['given', 'dpa', '2025-01-06', true],
    );
    const unsigned = consentOf(pair({ facts: named }));
    assert.deepEqual(
      [unsigned.state, unsigned.active, unsigned.reason],
      ['by-signature', false, 'dpa-not-signed'],
    );
    assert.ok(listedInDpa(unsigned), 'the DPA to be signed lists it: signing is the consent');
  });

  test('any other sub-processor: not active until asked and answered; silence changes nothing', () => {
    assert.equal(consentOf(pair({})).reason, 'not-asked');
    const late = consentOf(
      pair({ stored: stored({ escalatedAt: new Date('2026-04-02T04:15:00Z') }), today: '2026-05-01' }),
    );
    assert.deepEqual([late.state, late.active, late.reason], ['asked', false, 'asked']);
    assert.equal(listedInDpa(late), false);
  });

  test('outside the EEA: consent to the sub-processor without consent to the transfer is not enough', () => {
    const given = stored({ state: 'given', answeredAt: new Date('2026-03-05T10:00:00Z') });
    const without = consentOf(pair({ facts: inUs, stored: given }));
    assert.deepEqual([without.active, without.reason], [false, 'transfer-consent-missing']);
    const withTransfer = consentOf(pair({ facts: inUs, stored: { ...given, transferConsentGiven: true } }));
    assert.deepEqual([withTransfer.active, withTransfer.transferRequired], [true, true]);
  });

  test('a transfer without a lawful ground blocks the sub-processor even with every consent', () => {
    const lapsed = { ...inUs, dpfRecertifyBy: '2026-03-01' };
    const view = consentOf(
      pair({
        facts: lapsed,
        stored: stored({ state: 'given', transferConsentGiven: true }),
        today: '2026-03-10',
      }),
    );
    assert.deepEqual([view.active, view.reason], [false, 'transfer-basis-missing']);
    assert.match(view.reasonDetail!, /Data Privacy Framework/);
  });

  test('an objection or a withdrawal overrides the DPA signature; a cancelled request falls back to it', () => {
    const signedNamed = { facts: named, dpaConsentOn: '2025-01-06' };
    assert.equal(consentOf(pair({ ...signedNamed, stored: stored({ state: 'withdrawn' }) })).active, false);
    assert.equal(
      consentOf(pair({ ...signedNamed, stored: stored({ state: 'objected' }) })).reason,
      'objected',
    );
    assert.equal(consentOf(pair({ ...signedNamed, stored: stored({ state: 'cancelled' }) })).active, true);
  });

  test('the chain of sub-processors has any depth but no loop', () => {
    const parentOf = new Map<string, string | null>([
      ['b', 'a'],
      ['c', 'b'],
    ]);
    assert.equal(createsCycle('d', 'c', parentOf), false, 'd under c under b under a');
    assert.equal(createsCycle('a', 'c', parentOf), true, 'a under its own grandchild');
    assert.equal(createsCycle('a', 'a', parentOf), true, 'a under itself');
  });
});
