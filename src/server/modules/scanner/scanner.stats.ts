import type { FindingSink } from './scanner.detectors.ts';
import {
  CompactSet,
  foldKey,
  HyperLogLog,
  PERSON_NONE,
  PersonGraph,
  type PersonGraphExport,
} from './scanner.persons.ts';
import {
  C_MEDIUM,
  CONFIDENCES,
  type Finding,
  PII_TYPES,
  type PiiType,
  type ScanSummary,
  TYPE_COUNT,
  type TypeSummary,
} from './scanner.types.ts';

export interface FindingBatch {
  file: string;
  count: number;
  types: Uint8Array;
  confidences: Uint8Array;
  offsets: Float64Array;
  lengths: Uint32Array;
  values: string[] | null;
}

export interface StatsExport {
  counts: Float64Array;
  distinctKeys: Uint32Array[];
  distinctSaturated: boolean[];
  hll: Uint8Array[];
  graph: PersonGraphExport;
}

const BATCH_SIZE = 4096;

function createBatch(file: string, withValues: boolean): FindingBatch {
  return {
    file,
    count: 0,
    types: new Uint8Array(BATCH_SIZE),
    confidences: new Uint8Array(BATCH_SIZE),
    offsets: new Float64Array(BATCH_SIZE),
    lengths: new Uint32Array(BATCH_SIZE),
    values: withValues ? [] : null,
  };
}

export function expandBatch(batch: FindingBatch): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < batch.count; i++) {
    const finding: Finding = {
      file: batch.file,
      type: PII_TYPES[batch.types[i]!]!,
      offset: batch.offsets[i]!,
      length: batch.lengths[i]!,
      confidence: CONFIDENCES[batch.confidences[i]!]!,
    };
    if (batch.values) {
      finding.value = batch.values[i]!;
    }
    out.push(finding);
  }
  return out;
}

// One per worker (or one for an in-process run): counts by type and confidence, distinct values as keyed
// hashes, the person graph, and findings batched for the caller when it asked for them.
export class ScanStats implements FindingSink {
  readonly counts = new Float64Array(TYPE_COUNT * 3);
  private readonly distinct: CompactSet[] = [];
  private readonly hll: HyperLogLog[] = [];
  readonly graph: PersonGraph;
  private batch: FindingBatch | null = null;
  private readonly ready: FindingBatch[] = [];
  private file = '';
  private isUtf8 = true;
  private readonly decoder = new TextDecoder('utf-8');
  private readonly latin1 = new TextDecoder('latin1');

  constructor(
    maxExactDistinct: number,
    private readonly isCollecting: boolean,
    private readonly withValues: boolean,
  ) {
    for (let t = 0; t < TYPE_COUNT; t++) {
      const set = new CompactSet(maxExactDistinct);
      const hll = new HyperLogLog();
      // Keys refused by a full set go to the HyperLogLog, which is first seeded from the set.
      set.onOverflow = (a, b) => {
        this.fillHll(t);
        hll.addKey(foldKey(a, b));
      };
      this.distinct.push(set);
      this.hll.push(hll);
    }
    this.graph = new PersonGraph(maxExactDistinct * 2, TYPE_COUNT);
  }

  setFile(file: string, isUtf8: boolean): void {
    this.flushBatch();
    this.graph.startRecord();
    this.file = file;
    this.isUtf8 = isUtf8;
  }

  add(
    type: number,
    offset: number,
    length: number,
    confidence: number,
    h1: number,
    h2: number,
    personKind: number,
    buf: Uint8Array,
    start: number,
  ): void {
    this.counts[type * 3 + confidence]!++;
    if (confidence >= C_MEDIUM) {
      // A person identifier is a node of the person graph, which also gives its type's distinct count; only
      // other values (IP, MAC, postcode, service numbers, …) need a set of their own.
      if (personKind !== PERSON_NONE) {
        this.graph.add(type, h1, h2, personKind);
      } else {
        this.distinct[type]!.add(h1, h2);
      }
    }
    if (!this.isCollecting) {
      return;
    }
    let batch = this.batch;
    if (!batch) {
      batch = createBatch(this.file, this.withValues);
      this.batch = batch;
    }
    const i = batch.count;
    batch.types[i] = type;
    batch.confidences[i] = confidence;
    batch.offsets[i] = offset;
    batch.lengths[i] = length;
    if (batch.values) {
      const bytes = buf.subarray(start, start + length);
      batch.values.push(this.isUtf8 ? this.decoder.decode(bytes) : this.latin1.decode(bytes));
    }
    batch.count++;
    if (batch.count === BATCH_SIZE) {
      this.flushBatch();
    }
  }

  startRecord(): void {
    this.graph.startRecord();
  }

  private readonly isHllFilled: boolean[] = [];

  private fillHll(type: number): void {
    if (this.isHllFilled[type]) {
      return;
    }
    this.isHllFilled[type] = true;
    const hll = this.hll[type]!;
    this.distinct[type]!.forEachKey((a, b) => {
      hll.addKey(foldKey(a, b));
    });
  }

  flushBatch(): void {
    if (this.batch && this.batch.count > 0) {
      this.ready.push(this.batch);
    }
    this.batch = null;
  }

  takeBatches(): FindingBatch[] {
    return this.ready.splice(0, this.ready.length);
  }

  get pendingBatches(): number {
    return this.ready.length;
  }

  exportStats(): StatsExport {
    this.distinct.forEach((set, t) => {
      if (set.isSaturated) {
        this.fillHll(t);
      }
    });
    return {
      counts: this.counts,
      distinctKeys: this.distinct.map((d) => d.exportKeys()),
      distinctSaturated: this.distinct.map((d) => d.isSaturated),
      hll: this.hll.map((h) => h.registers),
      graph: this.graph.exportGraph(),
    };
  }

  mergeStats(other: StatsExport): void {
    for (let i = 0; i < this.counts.length; i++) {
      this.counts[i]! += other.counts[i]!;
    }
    other.distinctKeys.forEach((keys, t) => {
      const set = this.distinct[t]!;
      set.addAll(keys);
      if (other.distinctSaturated[t]) {
        set.isSaturated = true;
      }
    });
    other.hll.forEach((registers, t) => {
      this.hll[t]!.merge(registers);
    });
    this.graph.mergeGraph(other.graph);
  }

  summarize(): Pick<ScanSummary, 'types' | 'persons' | 'lowConfidence' | 'isApproximate'> {
    const types: Partial<Record<PiiType, TypeSummary>> = {};
    const lowConfidence: Partial<Record<PiiType, number>> = {};
    const bounds = this.graph.computeBounds();
    const isGraphFull = this.graph.isSaturated;
    const personCounts = this.graph.countNodesByType(TYPE_COUNT);
    let isApproximate = false;
    for (let t = 0; t < TYPE_COUNT; t++) {
      const name = PII_TYPES[t]!;
      const low = this.counts[t * 3]!;
      const count = this.counts[t * 3 + 1]! + this.counts[t * 3 + 2]!;
      if (low > 0) {
        lowConfidence[name] = low;
      }
      if (count === 0) {
        continue;
      }
      // Person identifiers and other values of one type are disjoint (the person kind follows from the value).
      const set = this.distinct[t]!;
      if (set.isSaturated) {
        this.fillHll(t);
      }
      const others = set.isSaturated ? this.hll[t]!.estimate() : set.size;
      const persons = isGraphFull ? this.graph.estimateType(t) : personCounts[t]!;
      isApproximate ||= set.isSaturated || (isGraphFull && persons > 0);
      types[name] = { count, distinct: others + persons };
    }
    return {
      types,
      lowConfidence,
      persons: { min: bounds.min, max: bounds.max },
      isApproximate: isApproximate || bounds.isApproximate,
    };
  }
}
