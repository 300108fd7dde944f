import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPool } from './pool.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('runPool keeps at most `limit` calls in flight and visits every item once', async () => {
  let inFlight = 0;
  let peak = 0;
  const seen: number[] = [];
  await runPool(
    Array.from({ length: 20 }, (_, i) => i),
    3,
    async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick(item % 4);
      seen.push(item);
      inFlight -= 1;
    },
  );
  assert.equal(peak, 3);
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    Array.from({ length: 20 }, (_, i) => i),
  );
});

test('runPool takes no new items after the signal is aborted', async () => {
  const controller = new AbortController();
  const started: number[] = [];
  await runPool(
    Array.from({ length: 10 }, (_, i) => i),
    2,
    async (item) => {
      started.push(item);
      if (item === 3) {
        controller.abort();
      }
      await tick(1);
    },
    controller.signal,
  );
  assert.ok(started.length <= 5, `started ${started.join(',')}`);
  assert.ok(!started.includes(9));
});

test('runPool with no items resolves at once', async () => {
  await runPool([], 3, async () => assert.fail('no call expected'));
});
