import { randomBytes } from 'node:crypto';

// Values are never stored: every finding is reduced to a 64-bit keyed hash (two 32-bit lanes seeded from a
// random per-run key). The key lives only in memory for one run, so the sets cannot be matched against
// anything after the run and no copy of the leaked data is created.

export function createRunKey(): Uint32Array {
  return new Uint32Array(randomBytes(16).buffer.slice(0, 16));
}

function fmix32(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

// Two 32-bit murmur3-style lanes seeded from the run key; bytes are packed four to a word so a value costs one
// mixing round per four bytes.
export class KeyedHasher {
  h1 = 0;
  h2 = 0;
  private a = 0;
  private b = 0;
  private word = 0;
  private pending = 0;
  private length = 0;
  private readonly k0: number;
  private readonly k1: number;
  private readonly k2: number;
  private readonly k3: number;

  constructor(key: Uint32Array) {
    this.k0 = key[0]!;
    this.k1 = key[1]!;
    this.k2 = key[2]!;
    this.k3 = key[3]!;
  }

  begin(type: number): void {
    this.a = (this.k0 ^ Math.imul(type + 1, 0x9e3779b1)) >>> 0;
    this.b = (this.k1 ^ Math.imul(type + 1, 0x85ebca77)) >>> 0;
    this.word = 0;
    this.pending = 0;
    this.length = 0;
  }

  add(byte: number): void {
    this.word = (this.word << 8) | byte;
    this.pending++;
    if (this.pending === 4) {
      this.mix(this.word);
      this.word = 0;
      this.pending = 0;
      this.length += 4;
    }
  }

  private mix(w: number): void {
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let j = Math.imul(w ^ 0x5bd1e995, 0x85ebca6b);
    j = (j << 17) | (j >>> 15);
    let b = this.b ^ Math.imul(j, 0xc2b2ae35);
    b = (b << 11) | (b >>> 21);
    this.b = (Math.imul(b, 9) + 0x38b34ae5) | 0;
  }

  finish(): void {
    if (this.pending > 0) {
      this.mix(this.word | (this.pending << 24));
      this.length += this.pending;
    }
    let h1 = fmix32((this.a ^ this.length ^ this.k2) >>> 0);
    const h2 = fmix32((this.b ^ this.length ^ this.k3 ^ h1) >>> 0);
    h1 = fmix32((h1 ^ Math.imul(h2, 0x27d4eb2f)) >>> 0);
    // (0, 0) marks an empty slot in DistinctSet.
    this.h1 = h1 === 0 && h2 === 0 ? 1 : h1;
    this.h2 = h2;
  }
}

export class DistinctSet {
  size = 0;
  isSaturated = false;
  lastWasNew = false;
  private keys: Uint32Array;
  private ids: Int32Array;
  private mask: number;

  constructor(
    private readonly maxSize: number,
    initialCapacity = 1024,
  ) {
    this.keys = new Uint32Array(initialCapacity * 2);
    this.ids = new Int32Array(initialCapacity);
    this.mask = initialCapacity - 1;
  }

  // Returns a dense id (0, 1, 2, …) for the key, or -1 when the set is full and the key is new.
  add(h1: number, h2: number): number {
    const keys = this.keys;
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask;
    for (;;) {
      const id = this.ids[slot]!;
      if (id === 0) {
        break;
      }
      if (keys[slot * 2] === h1 && keys[slot * 2 + 1] === h2) {
        this.lastWasNew = false;
        return id - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.size >= this.maxSize) {
      this.isSaturated = true;
      this.lastWasNew = false;
      return -1;
    }
    keys[slot * 2] = h1;
    keys[slot * 2 + 1] = h2;
    this.size++;
    this.ids[slot] = this.size;
    this.lastWasNew = true;
    if (this.size * 2 > this.mask) {
      this.grow();
    }
    return this.size - 1;
  }

  forEach(visit: (h1: number, h2: number, id: number) => void): void {
    for (let slot = 0; slot <= this.mask; slot++) {
      const id = this.ids[slot]!;
      if (id !== 0) {
        visit(this.keys[slot * 2]!, this.keys[slot * 2 + 1]!, id - 1);
      }
    }
  }

  exportKeys(): Uint32Array {
    const out = new Uint32Array(this.size * 2);
    this.forEach((h1, h2, id) => {
      out[id * 2] = h1;
      out[id * 2 + 1] = h2;
    });
    return out;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    const capacity = (this.mask + 1) * 2;
    this.keys = new Uint32Array(capacity * 2);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < oldIds.length; slot++) {
      const id = oldIds[slot]!;
      if (id === 0) {
        continue;
      }
      const h1 = oldKeys[slot * 2]!;
      const h2 = oldKeys[slot * 2 + 1]!;
      let s = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask;
      while (this.ids[s] !== 0) {
        s = (s + 1) & this.mask;
      }
      this.keys[s * 2] = h1;
      this.keys[s * 2 + 1] = h2;
      this.ids[s] = id;
    }
  }
}

export function foldKey(h1: number, h2: number): number {
  return (h1 ^ Math.imul(h2, 0x9e3779b1)) >>> 0 || 1;
}

// Per-type distinct counting keeps the full 64-bit keyed hash (two 32-bit lanes side by side, 8 bytes a slot).
// A 32-bit fold lost about n²/2^33 values — at 40,000 values one run in six counted one too few; with 64 bits the
// chance is about n²/2^65, nil at any size the exact set holds before it hands over to HyperLogLog.
export class CompactSet {
  size = 0;
  isSaturated = false;
  // pairs [a, b]; an empty slot is (0, 0)
  private keys: Uint32Array;
  private mask: number;

  constructor(
    private readonly maxSize: number,
    initialCapacity = 1024,
  ) {
    this.keys = new Uint32Array(initialCapacity * 2);
    this.mask = initialCapacity - 1;
  }

  add(h1: number, h2: number): void {
    const a = h1 >>> 0;
    const b = a === 0 && h2 >>> 0 === 0 ? 1 : h2 >>> 0;
    const keys = this.keys;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    for (;;) {
      const ka = keys[slot * 2]!;
      const kb = keys[slot * 2 + 1]!;
      if (ka === 0 && kb === 0) {
        break;
      }
      if (ka === a && kb === b) {
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.size >= this.maxSize) {
      this.isSaturated = true;
      return;
    }
    keys[slot * 2] = a;
    keys[slot * 2 + 1] = b;
    this.size++;
    if (this.size * 2 > this.mask) {
      this.grow();
    }
  }

  // pairs, as add() takes them
  exportKeys(): Uint32Array {
    const out = new Uint32Array(this.size * 2);
    let n = 0;
    this.forEachKey((a, b) => {
      out[n++] = a;
      out[n++] = b;
    });
    return out;
  }

  forEachKey(visit: (a: number, b: number) => void): void {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i += 2) {
      if (keys[i] !== 0 || keys[i + 1] !== 0) {
        visit(keys[i]!, keys[i + 1]!);
      }
    }
  }

  private grow(): void {
    const old = this.keys;
    const capacity = old.length; // twice the slots: old.length holds two words per slot
    this.keys = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i]!;
      const b = old[i + 1]!;
      if (a === 0 && b === 0) {
        continue;
      }
      let slot = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
      while (this.keys[slot * 2] !== 0 || this.keys[slot * 2 + 1] !== 0) {
        slot = (slot + 1) & this.mask;
      }
      this.keys[slot * 2] = a;
      this.keys[slot * 2 + 1] = b;
    }
  }
}

// HyperLogLog (Flajolet et al. 2007) with 2^12 registers: ~1.6 % standard error, used once an exact set is
// full so memory stays bounded on inputs with tens of millions of distinct values.
const HLL_BITS = 12;
const HLL_SIZE = 1 << HLL_BITS;

export class HyperLogLog {
  readonly registers = new Uint8Array(HLL_SIZE);

  add(h1: number, h2: number): void {
    const index = h1 >>> (32 - HLL_BITS);
    const rank = Math.clz32(h2) + 1;
    if (rank > this.registers[index]!) {
      this.registers[index] = rank;
    }
  }

  addKey(key: number): void {
    this.add(key, fmix32((key ^ 0x5bd1e995) >>> 0));
  }

  merge(registers: Uint8Array): void {
    for (let i = 0; i < HLL_SIZE; i++) {
      if (registers[i]! > this.registers[i]!) {
        this.registers[i] = registers[i]!;
      }
    }
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < HLL_SIZE; i++) {
      const r = this.registers[i]!;
      sum += 2 ** -r;
      if (r === 0) {
        zeros++;
      }
    }
    const alpha = 0.7213 / (1 + 1.079 / HLL_SIZE);
    const raw = (alpha * HLL_SIZE * HLL_SIZE) / sum;
    if (raw <= 2.5 * HLL_SIZE && zeros > 0) {
      return Math.round(HLL_SIZE * Math.log(HLL_SIZE / zeros));
    }
    return Math.round(raw);
  }
}

// Person identifiers come in two kinds. STRICT ones (BSN, mobile number, e-mail, IBAN, IMSI, ICCID, IMEI,
// passport, card) are assumed to be at most one per person within one leak; SHARED ones (a landline) identify a
// person or household but a person may hold one next to a mobile number. Both count towards max and link
// records; only strict ones bound min.
export const PERSON_NONE = 0;
export const PERSON_STRICT = 1;
export const PERSON_SHARED = 2;

const RECORD_CAP = 256;

export interface PersonGraphExport {
  keys: Uint32Array;
  roots: Uint32Array;
  kinds: Uint8Array;
  hll: Uint8Array[];
  isSaturated: boolean;
}

// Union-find over distinct person identifiers. Within one record (a CSV row, a JSONL line, a JSON array
// element, one mail message) identifiers are linked only when their type occurs with a single value there: a
// CDR row with a caller and a callee number is two people, so its two numbers are not linked, while its
// IMSI, IMEI and ICCID (one each) are.
export class PersonGraph {
  private readonly nodes: DistinctSet;
  private parent = new Int32Array(1024);
  // type * 2 + (shared ? 1 : 0)
  private nodeKinds = new Uint8Array(1024);
  readonly hll: HyperLogLog[] = [];
  private readonly recordIds = new Int32Array(RECORD_CAP);
  private readonly recordKinds = new Uint8Array(RECORD_CAP);
  private recordSize = 0;
  private isRecordOverflow = false;

  constructor(maxNodes: number, typeCount: number) {
    this.nodes = new DistinctSet(maxNodes);
    for (let k = 0; k < typeCount * 2; k++) {
      this.hll.push(new HyperLogLog());
    }
  }

  get isSaturated(): boolean {
    return this.nodes.isSaturated;
  }

  add(type: number, h1: number, h2: number, personKind: number): void {
    const kind = type * 2 + (personKind === PERSON_SHARED ? 1 : 0);
    const id = this.addNode(kind, h1, h2);
    if (this.nodes.isSaturated) {
      this.fillHll();
      this.hll[kind]!.add(h1, h2);
    }
    if (id < 0) {
      return;
    }
    if (this.recordSize < RECORD_CAP) {
      this.recordIds[this.recordSize] = id;
      this.recordKinds[this.recordSize] = kind;
      this.recordSize++;
    } else {
      this.isRecordOverflow = true;
    }
  }

  private isHllFilled = false;

  // HyperLogLogs take over when the node set is full; they are seeded from the nodes seen so far.
  private fillHll(): void {
    if (this.isHllFilled) {
      return;
    }
    this.isHllFilled = true;
    this.nodes.forEach((h1, h2, id) => {
      this.hll[this.nodeKinds[id]!]!.add(h1, h2);
    });
  }

  // Ends the current record: links its single-valued identifiers.
  startRecord(): void {
    const n = this.recordSize;
    if (n > 1 && !this.isRecordOverflow) {
      let anchor = -1;
      for (let i = 0; i < n; i++) {
        const kind = this.recordKinds[i]!;
        const id = this.recordIds[i]!;
        let isSingle = true;
        for (let j = 0; j < n; j++) {
          if (this.recordKinds[j] === kind && this.recordIds[j] !== id) {
            isSingle = false;
            break;
          }
        }
        if (!isSingle) {
          continue;
        }
        if (anchor < 0) {
          anchor = id;
        } else {
          this.union(anchor, id);
        }
      }
    }
    this.recordSize = 0;
    this.isRecordOverflow = false;
  }

  exportGraph(): PersonGraphExport {
    this.startRecord();
    if (this.nodes.isSaturated) {
      this.fillHll();
    }
    const keys = this.nodes.exportKeys();
    const n = this.nodes.size;
    const roots = new Uint32Array(n * 2);
    for (let id = 0; id < n; id++) {
      const root = this.find(id);
      roots[id * 2] = keys[root * 2]!;
      roots[id * 2 + 1] = keys[root * 2 + 1]!;
    }
    return {
      keys,
      roots,
      kinds: this.nodeKinds.slice(0, n),
      hll: this.hll.map((h) => h.registers),
      isSaturated: this.nodes.isSaturated,
    };
  }

  mergeGraph(other: PersonGraphExport): void {
    const n = other.kinds.length;
    for (let id = 0; id < n; id++) {
      this.addNode(other.kinds[id]!, other.keys[id * 2]!, other.keys[id * 2 + 1]!);
    }
    for (let id = 0; id < n; id++) {
      const a = this.nodes.add(other.keys[id * 2]!, other.keys[id * 2 + 1]!);
      const b = this.nodes.add(other.roots[id * 2]!, other.roots[id * 2 + 1]!);
      if (a >= 0 && b >= 0) {
        this.union(a, b);
      }
    }
    if (other.isSaturated || this.nodes.isSaturated) {
      this.nodes.isSaturated = true;
      this.fillHll();
    }
    other.hll.forEach((registers, k) => {
      this.hll[k]?.merge(registers);
    });
  }

  // max: nothing linked, every distinct identifier is another person.
  // min: linked components that share a strict type must be different people (each person has one value of
  // it), so any set of components that pairwise share a strict type is a lower bound. The largest such set is
  // searched over component type masks: all components holding type T (at least the distinct count of T),
  // then grown with masks that intersect every mask already chosen.
  computeBounds(): { min: number; max: number; isApproximate: boolean } {
    this.startRecord();
    const n = this.nodes.size;
    if (this.nodes.isSaturated) {
      this.fillHll();
      let largest = 0;
      let total = 0;
      this.hll.forEach((h, kind) => {
        const e = h.estimate();
        total += e;
        if (kind % 2 === 0) {
          largest = Math.max(largest, e);
        }
      });
      return { min: largest, max: total, isApproximate: true };
    }
    const rootMask = new Map<number, number>();
    const strictCounts = new Map<number, number>();
    for (let id = 0; id < n; id++) {
      const kind = this.nodeKinds[id]!;
      const root = this.find(id);
      if (kind % 2 === 0) {
        const type = kind >> 1;
        strictCounts.set(type, (strictCounts.get(type) ?? 0) + 1);
        rootMask.set(root, (rootMask.get(root) ?? 0) | (1 << type));
      } else if (!rootMask.has(root)) {
        rootMask.set(root, 0);
      }
    }
    let largest = 0;
    for (const count of strictCounts.values()) {
      largest = Math.max(largest, count);
    }
    const weights = new Map<number, number>();
    for (const mask of rootMask.values()) {
      if (mask !== 0) {
        weights.set(mask, (weights.get(mask) ?? 0) + 1);
      }
    }
    return { min: Math.max(largest, findIntersectingFamilyWeight(weights)), max: n, isApproximate: false };
  }

  private addNode(kind: number, h1: number, h2: number): number {
    const id = this.nodes.add(h1, h2);
    if (id >= 0 && this.nodes.lastWasNew) {
      this.ensureCapacity(id + 1);
      this.parent[id] = id;
      this.nodeKinds[id] = kind;
    }
    return id;
  }

  private find(id: number): number {
    let root = id;
    while (this.parent[root] !== root) {
      root = this.parent[root]!;
    }
    let x = id;
    while (this.parent[x] !== root) {
      const next = this.parent[x]!;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) {
      if (ra < rb) {
        this.parent[rb] = ra;
      } else {
        this.parent[ra] = rb;
      }
    }
  }

  private ensureCapacity(size: number): void {
    if (size <= this.parent.length) {
      return;
    }
    let capacity = this.parent.length;
    while (capacity < size) {
      capacity *= 2;
    }
    const parent = new Int32Array(capacity);
    parent.set(this.parent);
    this.parent = parent;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.nodeKinds);
    this.nodeKinds = kinds;
  }
}

// Greedy maximum-weight pairwise-intersecting family of type masks (at most 2^17 distinct masks in theory,
// a few dozen in practice): start from every star "all masks holding type T", then add the heaviest masks
// that intersect everything chosen so far.
export function findIntersectingFamilyWeight(weights: Map<number, number>): number {
  const masks = [...weights.keys()].sort((a, b) => weights.get(b)! - weights.get(a)!);
  let best = 0;
  for (let t = 0; t < 32; t++) {
    const bit = 1 << t;
    const chosen = masks.filter((m) => (m & bit) !== 0);
    if (chosen.length === 0) {
      continue;
    }
    let weight = chosen.reduce((sum, m) => sum + weights.get(m)!, 0);
    for (const m of masks) {
      if ((m & bit) !== 0) {
        continue;
      }
      if (chosen.every((c) => (c & m) !== 0)) {
        chosen.push(m);
        weight += weights.get(m)!;
      }
    }
    best = Math.max(best, weight);
  }
  return best;
}
