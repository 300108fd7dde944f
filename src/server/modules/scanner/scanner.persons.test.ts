import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CompactSet,
  createRunKey,
  DistinctSet,
  findIntersectingFamilyWeight,
  KeyedHasher,
  PERSON_SHARED,
  PERSON_STRICT,
  PersonGraph,
} from './scanner.persons.ts';
import { T_BSN, T_EMAIL, T_IMEI, T_IMSI, T_PHONE } from './scanner.types.ts';

function hashOf(hasher: KeyedHasher, type: number, text: string): [number, number] {
  hasher.begin(type);
  for (let i = 0; i < text.length; i++) {
    hasher.add(text.charCodeAt(i));
  }
  hasher.finish();
  return [hasher.h1, hasher.h2];
}

describe('keyed hashes', () => {
  test('the same value hashes alike within a run and differently in another run', () => {
    const a = new KeyedHasher(createRunKey());
    const b = new KeyedHasher(createRunKey());
    assert.deepEqual(hashOf(a, T_BSN, '111222333'), hashOf(a, T_BSN, '111222333'));
    assert.notDeepEqual(hashOf(a, T_BSN, '111222333'), hashOf(b, T_BSN, '111222333'));
    assert.notDeepEqual(hashOf(a, T_BSN, '111222333'), hashOf(a, T_PHONE, '111222333'));
  });
});

describe('keyed hashes, buffered', () => {
  test('hashBuffer() gives the same hash as add() per byte, also for values longer than its buffer', () => {
    const hasher = new KeyedHasher(createRunKey());
    for (const text of [
      '',
      '1',
      '06123',
      'nl91abna0417164300',
      'x'.repeat(255),
      'y'.repeat(256),
      'z'.repeat(700),
    ]) {
      const [a1, a2] = hashOf(hasher, T_EMAIL, text);
      if (text.length <= 256) {
        for (let i = 0; i < text.length; i++) {
          hasher.bytes[i] = text.charCodeAt(i);
        }
        hasher.hashBuffer(T_EMAIL, text.length);
        assert.deepEqual([hasher.h1, hasher.h2], [a1, a2], text);
      }
      assert.notDeepEqual(hashOf(hasher, T_EMAIL, `${text}!`), [a1, a2]);
    }
    // Stale bytes of a longer earlier value do not leak into a shorter one.
    assert.deepEqual(hashOf(hasher, T_EMAIL, 'abcdefgh'), hashOf(hasher, T_EMAIL, 'abcdefgh'));
    hashOf(hasher, T_EMAIL, 'abcdefgh');
    const short = hashOf(hasher, T_EMAIL, 'abcde');
    hashOf(hasher, T_EMAIL, 'zzzzzzzz');
    assert.deepEqual(hashOf(hasher, T_EMAIL, 'abcde'), short);
  });
});

describe('distinct counting', () => {
  test('a large set inserts in sorted batches and stays exact, up to its cap', () => {
    const hasher = new KeyedHasher(createRunKey());
    const keys: [number, number][] = [];
    for (let i = 0; i < 60_000; i++) {
      keys.push(hashOf(hasher, T_EMAIL, `u${i}@example.nl`));
    }
    const set = new CompactSet(1_000_000);
    for (let round = 0; round < 3; round++) {
      for (const [h1, h2] of keys) {
        set.add(h1, h2);
      }
    }
    assert.equal(set.size, 60_000);
    assert.equal(set.isSaturated, false);
    // Merging exported keys (which come out sorted by slot) into another set.
    const merged = new CompactSet(1_000_000);
    merged.addAll(set.exportKeys());
    merged.addAll(set.exportKeys());
    assert.equal(merged.size, 60_000);
    let overflow = 0;
    const capped = new CompactSet(50_000);
    capped.onOverflow = () => {
      overflow++;
    };
    for (const [h1, h2] of keys) {
      capped.add(h1, h2);
    }
    assert.equal(capped.size, 50_000);
    assert.equal(capped.isSaturated, true);
    assert.equal(overflow, 10_000);
  });

  test('counts exactly, then falls back to a HyperLogLog estimate within a few percent', () => {
    const hasher = new KeyedHasher(createRunKey());
    const set = new DistinctSet(1000);
    for (let i = 0; i < 500; i++) {
      const [h1, h2] = hashOf(hasher, T_EMAIL, `user${i % 250}@example.nl`);
      set.add(h1, h2);
    }
    assert.equal(set.size, 250);
    assert.equal(set.isSaturated, false);
    const graph = new PersonGraph(1000, 17);
    for (let i = 0; i < 20_000; i++) {
      const [h1, h2] = hashOf(hasher, T_EMAIL, `user${i}@example.nl`);
      graph.add(T_EMAIL, h1, h2, PERSON_STRICT);
      graph.startRecord();
    }
    const bounds = graph.computeBounds();
    assert.equal(bounds.isApproximate, true);
    assert.ok(Math.abs(bounds.max - 20_000) < 20_000 * 0.05, String(bounds.max));
  });
});

describe('person bounds', () => {
  const hasher = new KeyedHasher(createRunKey());
  const add = (graph: PersonGraph, type: number, value: string, kind = PERSON_STRICT) => {
    const [h1, h2] = hashOf(hasher, type, value);
    graph.add(type, h1, h2, kind);
  };

  test('a CDR row links the subscriber identifiers but not caller and callee', () => {
    const graph = new PersonGraph(10_000, 17);
    add(graph, T_PHONE, '31611111111');
    add(graph, T_PHONE, '31622222222');
    add(graph, T_IMSI, '204080000000001');
    add(graph, T_IMEI, '350000000000001');
    graph.startRecord();
    // Two callers, one callee: at least 3 people (three mobile numbers), at most 4 identifiers' worth.
    add(graph, T_PHONE, '31633333333');
    add(graph, T_PHONE, '31622222222');
    graph.startRecord();
    assert.deepEqual(graph.computeBounds(), { min: 3, max: 5, isApproximate: false });
  });

  test('identifiers seen again in later batches link to the same people (the recent-identifier cache)', () => {
    const graph = new PersonGraph(100_000, 17);
    const subscribers = 2000;
    // 20 calls per subscriber, in an order that spreads them over many look-up batches.
    for (let call = 0; call < 20 * subscribers; call++) {
      const i = (call * 7919) % subscribers;
      add(graph, T_IMSI, `2040800${String(i).padStart(8, '0')}`);
      add(graph, T_IMEI, `3500000${String(i).padStart(8, '0')}`);
      add(graph, T_PHONE, `316${String(i).padStart(8, '0')}`);
      graph.startRecord();
    }
    const exported = graph.exportGraph();
    assert.equal(exported.kinds.length, 3 * subscribers);
    const components = new Set<string>();
    for (let id = 0; id < exported.kinds.length; id++) {
      components.add(`${exported.roots[id * 2]}:${exported.roots[id * 2 + 1]}`);
    }
    assert.equal(
      components.size,
      subscribers,
      'one person per subscriber: all three identifiers linked, nothing more',
    );
    assert.deepEqual(graph.computeBounds(), { min: subscribers, max: 3 * subscribers, isApproximate: false });
  });

  test('linking raises min above the largest single-type count', () => {
    const graph = new PersonGraph(10_000, 17);
    // A = {BSN1, phone1}, B = {BSN2, IMSI2}, C = {phone3, IMSI3}: 2 BSNs, 2 phones, 2 IMSIs, but C
    // shares a one-per-person type with both A and B, so there are at least 3 people.
    add(graph, T_BSN, '111222333');
    add(graph, T_PHONE, '31611111111');
    graph.startRecord();
    add(graph, T_BSN, '123456782');
    add(graph, T_IMSI, '204080000000002');
    graph.startRecord();
    add(graph, T_PHONE, '31633333333');
    add(graph, T_IMSI, '204080000000003');
    graph.startRecord();
    assert.deepEqual(graph.computeBounds(), { min: 3, max: 6, isApproximate: false });
  });

  test('a landline next to a mobile number does not count as a second person', () => {
    const graph = new PersonGraph(10_000, 17);
    add(graph, T_BSN, '111222333');
    add(graph, T_PHONE, '31611111111');
    add(graph, T_PHONE, '31201234567', PERSON_SHARED);
    graph.startRecord();
    assert.deepEqual(graph.computeBounds(), { min: 1, max: 3, isApproximate: false });
  });

  test('the intersecting-family search finds a triangle of masks', () => {
    const weights = new Map([
      [0b011, 10],
      [0b110, 10],
      [0b101, 10],
      [0b001, 5],
    ]);
    assert.equal(findIntersectingFamilyWeight(weights), 30);
  });
});
