import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadDataKey, seal, unseal } from './keys.ts';

test('a sealed value opens with its key only, and the envelope never shows the plaintext', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'art28-key-'));
  const { key } = loadDataKey({ envValue: undefined, dataDir: dir });
  const envelope = seal(key, 'jan.jansen@example.nl');
  assert.doesNotMatch(envelope, /jansen/);
  assert.notEqual(seal(key, 'jan.jansen@example.nl'), envelope, 'a fresh IV each time');
  assert.equal(unseal(key, envelope), 'jan.jansen@example.nl');
  const other = loadDataKey({ envValue: Buffer.alloc(32, 7).toString('base64'), dataDir: dir }).key;
  assert.throws(() => unseal(other, envelope));
});

test('the embedded default creates the key file once, readable by its owner only, and reuses it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'art28-key-'));
  const first = loadDataKey({ envValue: undefined, dataDir: dir });
  assert.equal(first.source, 'created');
  assert.equal(statSync(path.join(dir, 'data.key')).mode & 0o777, 0o600);
  const again = loadDataKey({ envValue: undefined, dataDir: dir });
  assert.equal(again.source, 'file');
  assert.deepEqual(again.key, first.key);
  assert.match(readFileSync(path.join(dir, 'data.key'), 'utf8'), /^[A-Za-z0-9+/=]+\n$/);
});

test('a data key of the wrong length stops start-up with the setting named', () => {
  assert.throws(() => loadDataKey({ envValue: 'c2hvcnQ=', dataDir: tmpdir() }), /ART28_DATA_KEY/);
});
