// Every deadline in art28 is computed from an injected clock (decisions.md "Time and deadlines"), so tests can pin
// instants at month ends, leap days and DST changes.
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

export function createFixedClock(
  start: Date | string,
): Clock & { set: (d: Date | string) => void; advance: (ms: number) => void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
