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

// Two 32-bit murmur3-style lanes seeded from the run key. add() only stores the byte; finish() reads the value
// four bytes at a time through a word view and mixes both lanes in one tight loop (a per-byte mixing step with
// its state in object fields cost about as much as all detection work for a finding).
export const HASH_BUFFER = 256;

export class KeyedHasher {
  h1 = 0;
  h2 = 0;
  private a = 0;
  private b = 0;
  private n = 0;
  private total = 0;
  // Callers may write up to HASH_BUFFER bytes here and call hashBuffer() instead of add() per byte.
  readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  private readonly k0: number;
  private readonly k1: number;
  private readonly k2: number;
  private readonly k3: number;

  constructor(key: Uint32Array) {
    this.k0 = key[0]!;
    this.k1 = key[1]!;
    this.k2 = key[2]!;
    this.k3 = key[3]!;
    this.words = new Uint32Array(HASH_BUFFER / 4 + 1);
    this.bytes = new Uint8Array(this.words.buffer);
  }

  begin(type: number): void {
    this.a = (this.k0 ^ Math.imul(type + 1, 0x9e3779b1)) >>> 0;
    this.b = (this.k1 ^ Math.imul(type + 1, 0x85ebca77)) >>> 0;
    this.n = 0;
    this.total = 0;
  }

  hashBuffer(type: number, length: number): void {
    this.begin(type);
    this.n = length;
    this.finish();
  }

  add(byte: number): void {
    if (this.n === HASH_BUFFER) {
      this.mixWords(HASH_BUFFER / 4);
      this.n = 0;
    }
    this.bytes[this.n++] = byte;
  }

  private mixWords(count: number): void {
    const words = this.words;
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < count; i++) {
      const w = words[i]!;
      let k = Math.imul(w, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      a ^= k;
      a = (a << 13) | (a >>> 19);
      a = (Math.imul(a, 5) + 0xe6546b64) | 0;
      let j = Math.imul(w ^ 0x5bd1e995, 0x85ebca6b);
      j = (j << 17) | (j >>> 15);
      b ^= Math.imul(j, 0xc2b2ae35);
      b = (b << 11) | (b >>> 21);
      b = (Math.imul(b, 9) + 0x38b34ae5) | 0;
    }
    this.a = a;
    this.b = b;
    this.total += count * 4;
  }

  finish(): void {
    const n = this.n;
    const full = n >>> 2;
    const rest = n & 3;
    if (rest > 0) {
      // Zero the unused bytes of the last word so stale bytes from an earlier value do not leak in.
      const bytes = this.bytes;
      for (let i = n; i < (full + 1) * 4; i++) {
        bytes[i] = 0;
      }
      this.words[full] = this.words[full]! | (rest << 30);
    }
    this.mixWords(rest > 0 ? full + 1 : full);
    const length = this.total - (rest > 0 ? 4 - rest : 0);
    let h1 = fmix32((this.a ^ length ^ this.k2) >>> 0);
    const h2 = fmix32((this.b ^ length ^ this.k3 ^ h1) >>> 0);
    h1 = fmix32((h1 ^ Math.imul(h2, 0x27d4eb2f)) >>> 0);
    // (0, 0) marks an empty slot in DistinctSet.
    this.h1 = h1 === 0 && h2 === 0 ? 1 : h1;
    this.h2 = h2;
  }
}

// Slots of four words [h1, h2, id + 1, unused]: one probe touches one cache line (keys and ids in two arrays
// cost two cache misses per lookup once the set outgrew the caches).
export class DistinctSet {
  size = 0;
  isSaturated = false;
  lastWasNew = false;
  private slots: Int32Array;
  private mask: number;

  constructor(
    private readonly maxSize: number,
    initialCapacity = 1024,
  ) {
    this.slots = new Int32Array(initialCapacity * 4);
    this.mask = initialCapacity - 1;
  }

  // Returns a dense id (0, 1, 2, …) for the key, or -1 when the set is full and the key is new.
  add(h1: number, h2: number): number {
    const slots = this.slots;
    const a = h1 | 0;
    const b = h2 | 0;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = slot * 4;
      const id = slots[at + 2]!;
      if (id === 0) {
        break;
      }
      if (slots[at] === a && slots[at + 1] === b) {
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
    const at = slot * 4;
    slots[at] = a;
    slots[at + 1] = b;
    this.size++;
    slots[at + 2] = this.size;
    this.lastWasNew = true;
    if (this.size * 2 > this.mask) {
      this.grow();
    }
    return this.size - 1;
  }

  get capacity(): number {
    return this.mask + 1;
  }

  // The top `bits` bits of the key's home slot: keys looked up in order of region walk the table in order.
  regionOf(h1: number, h2: number, bits: number): number {
    // The table has 2^L slots, L = 32 - clz32(mask); callers use it only when L ≥ bits.
    return ((h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask) >>> (32 - Math.clz32(this.mask) - bits);
  }

  forEach(visit: (h1: number, h2: number, id: number) => void): void {
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 4) {
      const id = slots[at + 2]!;
      if (id !== 0) {
        visit(slots[at]! >>> 0, slots[at + 1]! >>> 0, id - 1);
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
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = new Int32Array(capacity * 4);
    const mask = capacity - 1;
    for (let from = 0; from < old.length; from += 4) {
      const id = old[from + 2]!;
      if (id === 0) {
        continue;
      }
      const a = old[from]!;
      const b = old[from + 1]!;
      let s = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
      while (slots[s * 4 + 2] !== 0) {
        s = (s + 1) & mask;
      }
      slots[s * 4] = a;
      slots[s * 4 + 1] = b;
      slots[s * 4 + 2] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

export function foldKey(h1: number, h2: number): number {
  return (h1 ^ Math.imul(h2, 0x9e3779b1)) >>> 0 || 1;
}

// Per-type distinct counting keeps the full 64-bit keyed hash (two 32-bit lanes side by side, 8 bytes a slot).
// A 32-bit fold lost about n²/2^33 values — at 40,000 values one run in six counted one too few; with 64 bits the
// chance is about n²/2^65, nil at any size the exact set holds before it hands over to HyperLogLog.
//
// A large set (hundreds of thousands of IP addresses or phone numbers) no longer fits in the CPU caches, and one
// random probe per finding cost more than all detection work for that finding. So once the table is large, keys
// are collected in a pending buffer and inserted in batches, sorted by slot: the slot is the top bits of the
// first lane, so a batch walks the table from start to end instead of jumping at random.
const DIRECT_SLOTS = 1 << 15;
const PENDING_KEYS = 1 << 18;
const RADIX_BITS = 10;

export class CompactSet {
  private count = 0;
  // Called for every new key refused because the set is full (the caller's HyperLogLog takes over).
  onOverflow: ((a: number, b: number) => void) | null = null;
  private saturated = false;
  // Written by the look-ahead reads in flush() so the compiler keeps them.
  touched = 0;
  // pairs [a, b]; an empty slot is (0, 0)
  private keys: Uint32Array;
  private mask: number;
  private shift: number;
  private pending: Uint32Array | null = null;
  private sorted: Uint32Array | null = null;
  private pendingCount = 0;
  private readonly bucketStarts = new Int32Array((1 << RADIX_BITS) + 1);

  constructor(
    private readonly maxSize: number,
    initialCapacity = 1024,
  ) {
    this.keys = new Uint32Array(initialCapacity * 2);
    this.mask = initialCapacity - 1;
    this.shift = 32 - Math.log2(initialCapacity);
  }

  get isSaturated(): boolean {
    this.flush();
    return this.saturated;
  }

  set isSaturated(value: boolean) {
    this.flush();
    this.saturated = value;
  }

  add(h1: number, h2: number): void {
    const a = h1 >>> 0;
    const b = a === 0 && h2 >>> 0 === 0 ? 1 : h2 >>> 0;
    if (this.mask < DIRECT_SLOTS) {
      this.insert(a, b);
      return;
    }
    let pending = this.pending;
    if (!pending) {
      pending = new Uint32Array(PENDING_KEYS * 2);
      this.pending = pending;
      this.sorted = new Uint32Array(PENDING_KEYS * 2);
    }
    const n = this.pendingCount;
    pending[n * 2] = a;
    pending[n * 2 + 1] = b;
    this.pendingCount = n + 1;
    // A batch adds at most 1/8 of the table's slots, so the region being filled never runs far past the load
    // factor before the table grows (sorted inserts into a small table otherwise pile up in one region).
    if (n + 1 === PENDING_KEYS || n + 1 > (this.mask + 1) >>> 3) {
      this.flush();
    }
  }

  // Inserts the pending keys ordered by their top RADIX_BITS bits (a counting sort), i.e. by table region.
  flush(): void {
    const n = this.pendingCount;
    if (n === 0) {
      return;
    }
    this.pendingCount = 0;
    const pending = this.pending!;
    const sorted = this.sorted!;
    const starts = this.bucketStarts;
    const shift = 32 - RADIX_BITS;
    starts.fill(0);
    for (let i = 0; i < n; i++) {
      starts[(pending[i * 2]! >>> shift) + 1]!++;
    }
    for (let r = 1; r < starts.length; r++) {
      starts[r]! += starts[r - 1]!;
    }
    for (let i = 0; i < n; i++) {
      const a = pending[i * 2]!;
      const at = starts[a >>> shift]!++;
      sorted[at * 2] = a;
      sorted[at * 2 + 1] = pending[i * 2 + 1]!;
    }
    // Touch the slot eight keys ahead while inserting, so several cache misses are in flight at once.
    let touched = 0;
    for (let i = 0; i < n; i++) {
      if (i + 8 < n) {
        touched ^= this.keys[(sorted[(i + 8) * 2]! >>> this.shift) * 2]!;
      }
      this.insert(sorted[i * 2]!, sorted[i * 2 + 1]!);
    }
    this.touched = touched;
  }

  private insert(a: number, b: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let slot = a >>> this.shift;
    for (;;) {
      const ka = keys[slot * 2]!;
      const kb = keys[slot * 2 + 1]!;
      if (ka === 0 && kb === 0) {
        break;
      }
      if (ka === a && kb === b) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (this.count >= this.maxSize) {
      this.saturated = true;
      this.onOverflow?.(a, b);
      return;
    }
    keys[slot * 2] = a;
    keys[slot * 2 + 1] = b;
    this.count++;
    // Grows at three quarters full, not half: keys arrive sorted by slot, so probe runs stay short, and the sets
    // are what a scan's memory is bounded by (a million keys: 16 MB instead of 32). 576,000 keys: 84 → 70 ns each.
    if (this.count * 4 > mask * 3) {
      this.grow();
    }
  }

  // Pairs from exportKeys() of another set. They arrive in slot order, i.e. sorted by their first word, and
  // sorted keys inserted into a small table pile up in its first slots; so the table is first sized for all.
  addAll(pairs: Uint32Array): void {
    this.flush();
    const total = Math.min(this.count + pairs.length / 2, this.maxSize);
    while (total * 4 > this.mask * 3) {
      this.grow();
    }
    for (let i = 0; i < pairs.length; i += 2) {
      const a = pairs[i]! >>> 0;
      const b = pairs[i + 1]! >>> 0;
      this.insert(a, a === 0 && b === 0 ? 1 : b);
    }
  }

  // pairs, as add() takes them
  exportKeys(): Uint32Array {
    this.flush();
    const out = new Uint32Array(this.count * 2);
    let n = 0;
    this.forEachKey((a, b) => {
      out[n++] = a;
      out[n++] = b;
    });
    return out;
  }

  forEachKey(visit: (a: number, b: number) => void): void {
    this.flush();
    const keys = this.keys;
    for (let i = 0; i < keys.length; i += 2) {
      if (keys[i] !== 0 || keys[i + 1] !== 0) {
        visit(keys[i]!, keys[i + 1]!);
      }
    }
  }

  get size(): number {
    this.flush();
    return this.count;
  }

  // Old slots are visited in order and land in order in the doubled table, so growing is sequential too.
  private grow(): void {
    const old = this.keys;
    const capacity = old.length; // twice the slots: old.length holds two words per slot
    const keys = new Uint32Array(capacity * 2);
    const mask = capacity - 1;
    const shift = this.shift - 1;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i]!;
      const b = old[i + 1]!;
      if (a === 0 && b === 0) {
        continue;
      }
      let slot = a >>> shift;
      while (keys[slot * 2] !== 0 || keys[slot * 2 + 1] !== 0) {
        slot = (slot + 1) & mask;
      }
      keys[slot * 2] = a;
      keys[slot * 2 + 1] = b;
    }
    this.keys = keys;
    this.mask = mask;
    this.shift = shift;
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
const GRAPH_BATCH = 1 << 16;
const GRAPH_SORT_SLOTS = 1 << 15;
const GRAPH_REGION_BITS = 10;
const GRAPH_CACHE = 1 << 16;

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
  // Identifiers are collected over many records and then looked up in one batch, sorted by table region, so a
  // batch walks the node table in order instead of paying a cache and TLB miss per identifier (the table of a
  // large leak holds megabytes); the records are then linked in their original order.
  private readonly batchH1 = new Int32Array(GRAPH_BATCH);
  private readonly batchH2 = new Int32Array(GRAPH_BATCH);
  private readonly batchKinds = new Uint8Array(GRAPH_BATCH);
  private readonly batchIds = new Int32Array(GRAPH_BATCH);
  // 1 when add() already found the node id in the cache below.
  private readonly batchKnown = new Uint8Array(GRAPH_BATCH);
  // The same identifiers come back row after row (a subscriber's IMSI, IMEI and ICCID in every call of a CDR): a
  // direct-mapped cache of 65,536 recent identifiers and their node ids (768 KB, against 8 MB of node table for a
  // large CDR) answers most look-ups without a probe into the node table: 63 % on the bench's CDR, which then
  // scans about 5 % faster. Ids never change, so an entry is never stale.
  private readonly cacheH1 = new Int32Array(GRAPH_CACHE);
  private readonly cacheH2 = new Int32Array(GRAPH_CACHE);
  private readonly cacheIds = new Int32Array(GRAPH_CACHE);
  private readonly batchOrder = new Int32Array(GRAPH_BATCH);
  private readonly regionStarts = new Int32Array((1 << GRAPH_REGION_BITS) + 1);
  private batchCount = 0;
  // Ends (exclusive) of the records completed in the batch.
  private readonly recordEnds = new Int32Array(GRAPH_BATCH);
  private recordCount = 0;
  // The batch starts with the rest of a record that had more than RECORD_CAP identifiers: never linked.
  private isHeadOverflow = false;

  constructor(maxNodes: number, typeCount: number) {
    this.nodes = new DistinctSet(maxNodes);
    for (let k = 0; k < typeCount * 2; k++) {
      this.hll.push(new HyperLogLog());
    }
  }

  get isSaturated(): boolean {
    this.settle();
    return this.nodes.isSaturated;
  }

  add(type: number, h1: number, h2: number, personKind: number): void {
    // Small tables live in the cache and need no batching; a batch adds at most 1/8 of the table's slots so the
    // regions filled first do not run far past the load factor before the table grows.
    const limit = Math.min(GRAPH_BATCH, Math.max(2 * RECORD_CAP, this.nodes.capacity >>> 3));
    if (this.batchCount >= limit) {
      this.flushBatch(false);
    }
    const n = this.batchCount;
    this.batchH1[n] = h1;
    this.batchH2[n] = h2;
    this.batchKinds[n] = type * 2 + (personKind === PERSON_SHARED ? 1 : 0);
    const slot = h2 & (GRAPH_CACHE - 1);
    const cached = this.cacheIds[slot]!;
    if (cached !== 0 && this.cacheH1[slot] === (h1 | 0) && this.cacheH2[slot] === (h2 | 0)) {
      this.batchIds[n] = cached - 1;
      this.batchKnown[n] = 1;
    } else {
      this.batchKnown[n] = 0;
    }
    this.batchCount = n + 1;
  }

  // Ends the current record; it is linked when its batch is looked up.
  startRecord(): void {
    const last = this.recordCount > 0 ? this.recordEnds[this.recordCount - 1]! : 0;
    if (this.batchCount > last) {
      this.recordEnds[this.recordCount++] = this.batchCount;
    } else if (this.recordCount === 0 && this.batchCount === 0) {
      this.isHeadOverflow = false;
    }
  }

  // Looks up the completed records of the batch (all of it when isAll; the caller has ended the record), links
  // them, and keeps the open record for the next batch.
  private flushBatch(isAll: boolean): void {
    const n = this.batchCount;
    if (n === 0) {
      return;
    }
    let upto = isAll ? n : this.recordCount > 0 ? this.recordEnds[this.recordCount - 1]! : 0;
    let isOpenOverflow = false;
    if (!isAll && n - upto > RECORD_CAP) {
      // One record larger than RECORD_CAP: as before, its identifiers count but are not linked.
      upto = n;
      isOpenOverflow = true;
    }
    if (upto === 0) {
      return;
    }
    this.lookUp(upto);
    let start = 0;
    for (let r = 0; r < this.recordCount; r++) {
      const end = this.recordEnds[r]!;
      if (!(r === 0 && this.isHeadOverflow)) {
        this.linkRecord(start, end);
      }
      start = end;
    }
    if (this.recordCount > 0) {
      this.isHeadOverflow = false;
    }
    if (isOpenOverflow || (isAll && start < n)) {
      // Inserted above without linking.
      this.isHeadOverflow = isOpenOverflow;
    }
    const rest = n - upto;
    if (rest > 0) {
      this.batchH1.copyWithin(0, upto, n);
      this.batchH2.copyWithin(0, upto, n);
      this.batchKinds.copyWithin(0, upto, n);
      this.batchIds.copyWithin(0, upto, n);
      this.batchKnown.copyWithin(0, upto, n);
    }
    this.batchCount = rest;
    this.recordCount = 0;
  }

  // Node ids for batch entries [0, n) not already known from the cache, inserted in order of table region when the
  // table is large.
  private lookUp(n: number): void {
    const order = this.batchOrder;
    const nodes = this.nodes;
    const known = this.batchKnown;
    let m = 0;
    if (nodes.capacity >= GRAPH_SORT_SLOTS && n > 64) {
      const starts = this.regionStarts;
      starts.fill(0);
      for (let i = 0; i < n; i++) {
        if (known[i] === 0) {
          starts[nodes.regionOf(this.batchH1[i]!, this.batchH2[i]!, GRAPH_REGION_BITS) + 1]!++;
          m++;
        }
      }
      for (let r = 1; r < starts.length; r++) {
        starts[r]! += starts[r - 1]!;
      }
      for (let i = 0; i < n; i++) {
        if (known[i] === 0) {
          order[starts[nodes.regionOf(this.batchH1[i]!, this.batchH2[i]!, GRAPH_REGION_BITS)]!++] = i;
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (known[i] === 0) {
          order[m++] = i;
        }
      }
    }
    for (let k = 0; k < m; k++) {
      const i = order[k]!;
      const kind = this.batchKinds[i]!;
      const h1 = this.batchH1[i]!;
      const h2 = this.batchH2[i]!;
      const id = this.addNode(kind, h1, h2);
      this.batchIds[i] = id;
      if (id >= 0) {
        const slot = h2 & (GRAPH_CACHE - 1);
        this.cacheH1[slot] = h1;
        this.cacheH2[slot] = h2;
        this.cacheIds[slot] = id + 1;
      }
      if (nodes.isSaturated) {
        this.fillHll();
        this.hll[kind]!.add(h1 >>> 0, h2 >>> 0);
      }
    }
  }

  // Links the identifiers of one record whose type occurs with a single value in it.
  private linkRecord(start: number, end: number): void {
    const ids = this.batchIds;
    const kinds = this.batchKinds;
    let valid = 0;
    for (let i = start; i < end; i++) {
      if (ids[i]! >= 0) {
        valid++;
      }
    }
    if (valid < 2 || valid > RECORD_CAP) {
      return;
    }
    let anchor = -1;
    for (let i = start; i < end; i++) {
      const id = ids[i]!;
      if (id < 0) {
        continue;
      }
      const kind = kinds[i]!;
      let isSingle = true;
      for (let j = start; j < end; j++) {
        if (kinds[j] === kind && ids[j]! >= 0 && ids[j] !== id) {
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

  // Ends the open record and looks up everything still batched.
  private settle(): void {
    this.startRecord();
    this.flushBatch(true);
  }

  exportGraph(): PersonGraphExport {
    this.settle();
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
    this.settle();
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
    this.settle();
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

  // Distinct person identifiers per type (exact while the node set is not full).
  countNodesByType(typeCount: number): Float64Array {
    this.settle();
    const counts = new Float64Array(typeCount);
    const n = this.nodes.size;
    for (let id = 0; id < n; id++) {
      counts[this.nodeKinds[id]! >> 1]!++;
    }
    return counts;
  }

  // Estimated distinct person identifiers of one type once the node set is full.
  estimateType(type: number): number {
    this.fillHll();
    const union = new HyperLogLog();
    union.merge(this.hll[type * 2]!.registers);
    union.merge(this.hll[type * 2 + 1]!.registers);
    return union.estimate();
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
