/**
 * Calls `worker` for every item with at most `limit` calls in flight, in the items' order. Stops taking new items
 * once `signal` is aborted (the calls in flight finish or see the same signal). `worker` handles its own errors.
 */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (!signal?.aborted && next < items.length) {
      const index = next;
      next += 1;
      await worker(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(limit, items.length)) }, lane));
}
