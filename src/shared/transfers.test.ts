import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isKnownCountry } from './eea.ts';
import { classifyLocation, type TransferFacts, transferRules } from './transfers.ts';

const none: TransferFacts = {
  dpfCertified: false,
  dpfCheckedOn: null,
  dpfRecertifyBy: null,
  pipedaCovered: false,
  transferMechanism: null,
  sccModule: null,
  tiaCompletedOn: null,
};
const day = '2026-11-29';

describe('transfer classification (GDPR Chapter V, seed 6.1)', () => {
  test('inside the EEA: no transfer, no extra consent — the EU 27 and Iceland, Liechtenstein, Norway', () => {
    for (const country of ['NL', 'de', 'IS', 'LI', 'NO']) {
      const c = classifyLocation(country, none, day);
      assert.deepEqual([c.zone, c.needsTransferConsent, c.problem], ['eea', false, null], country);
    }
    assert.equal(transferRules.eea.countries.length, 30);
  });

  test('Switzerland and the UK are adequate but outside the EEA: clause 6.1 still asks the customer', () => {
    for (const country of ['CH', 'GB', 'JP', 'BR']) {
      const c = classifyLocation(country, none, day);
      assert.deepEqual([c.zone, c.needsTransferConsent, c.problem], ['adequacy', true, null], country);
    }
  });

  test('the UK decision runs until 27 December 2031, and not a day longer', () => {
    assert.equal(classifyLocation('GB', none, '2031-12-27').zone, 'adequacy');
    const after = classifyLocation('GB', none, '2031-12-28');
    assert.equal(after.zone, 'third-country');
    assert.match(after.problem!, /no transfer mechanism/);
  });

  test('the US is adequate only for an organisation on the DPF List, until its re-certification date', () => {
    assert.match(classifyLocation('US', none, day).problem!, /Data Privacy Framework/);
    const certified = { ...none, dpfCertified: true, dpfRecertifyBy: '2027-01-31' };
    assert.equal(classifyLocation('US', certified, day).zone, 'adequacy');
    assert.match(classifyLocation('US', certified, day).basis!, /2023\/1795 \(DPF\)/);
    assert.equal(classifyLocation('US', certified, '2027-02-01').zone, 'third-country', 'lapsed');
  });

  test('Canada is adequate only for recipients under PIPEDA', () => {
    assert.equal(classifyLocation('CA', none, day).zone, 'third-country');
    assert.equal(classifyLocation('CA', { ...none, pipedaCovered: true }, day).zone, 'adequacy');
  });

  test('a third country needs a mechanism; SCC and BCR also a transfer impact assessment, Art. 49 not', () => {
    const scc = { ...none, transferMechanism: 'scc' as const };
    assert.match(classifyLocation('IN', scc, day).problem!, /module/);
    assert.match(
      classifyLocation('IN', { ...scc, sccModule: '3' }, day).problem!,
      /transfer impact assessment/,
    );
    const lawful = classifyLocation('IN', { ...scc, sccModule: '3', tiaCompletedOn: '2026-10-01' }, day);
    assert.deepEqual([lawful.zone, lawful.problem], ['third-country', null]);
    assert.match(lawful.basis!, /module 3/);
    const bcr = classifyLocation('IN', { ...none, transferMechanism: 'bcr' }, day);
    assert.match(bcr.problem!, /transfer impact assessment/);
    const art49 = classifyLocation('IN', { ...none, transferMechanism: 'art49' }, day);
    assert.equal(art49.problem, null);
    assert.match(art49.basis!, /Art\. 49/);
  });

  test('country codes are ISO 3166-1 alpha-2, without withdrawn or reserved ones', () => {
    assert.ok(isKnownCountry('us') && isKnownCountry('AX'));
    for (const bad of ['XX', 'UK', 'EU', 'YU', 'ZZ']) {
      assert.equal(isKnownCountry(bad), false, bad);
    }
    assert.equal(transferRules.countries.length, 249);
  });
});
