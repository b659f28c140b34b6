import {
  canonicalWorld,
  channelHash,
  componentSums,
  HASH,
  nodeHash,
  worldFingerprint,
  type Fingerprint,
} from '../../models/kernel/fingerprint.ts';
import { canonicalJson } from '../../models/kernel/json.ts';
import type { Symmetry } from '../../models/kernel/protocol.ts';
import { KERNEL_KINDS, type HistoryDigests, type System } from '../../models/kernel/system.ts';
import { observationHash } from '../../models/kernel/local-table.ts';
import type { HistoryList } from '../../models/kernel/observation.ts';
import type { Observation } from '../../models/kernel/spec.ts';
import type { World } from '../../models/kernel/world.ts';
import { UsageError } from '../usage-error.ts';
import { guardedSymmetry } from '../../models/kernel/model-error.ts';

/** Every permutation of `items`. */
function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

/** A renaming: `perm[old] = new` for nodes, and the image of each client input. */
interface Renaming {
  readonly perm: readonly number[];
  readonly inputs: readonly number[];
  /** Its number in this symmetrizer's registry (the memo key). */
  readonly index: number;
}

/**
 * Symmetry reduction. The group is every renaming of nodes that permutes each declared class of
 * interchangeable nodes among itself and maps the configuration's client inputs onto themselves.
 * A world's representative is a function of its orbit alone, so the number of stored states is the
 * number of orbits whatever the exploration order (Stateright keeps the first representative it
 * meets, which depends on the order).
 *
 * When the group is every permutation within each class (no class member has a client input), the
 * representative is found without trying all N! renamings: each node gets a signature that renaming
 * does not change (its machine state value, status, history digest, and the message types on its
 * channels in and out); the representative minimises first the class-wise signature sequence, which
 * sorting achieves, then the fingerprint among the renamings that sort (those that permute nodes of
 * equal signature): N log N plus the ties. Otherwise every renaming of the group is tried.
 */
export class Symmetrizer {
  /** The whole group, when it is enumerated (null: sorted by signatures instead). */
  private readonly group: Renaming[] | null;
  /** The classes with more than one node, each in ascending order. */
  private readonly classes: readonly (readonly number[])[];
  private readonly registry = new Map<string, Renaming>();
  /** The identity renaming alone. */
  private readonly identity: readonly Renaming[];
  private readonly snapMemo: Map<number, number>[] = [];
  private readonly eventMemo: Map<number, number>[] = [];
  private readonly valueMemo = new Map<number, number>();
  private readonly typeMemo = new Map<number, number>();
  private readonly scratch: Fingerprint = { hi: 0, lo: 0 };
  private readonly inputKeys: readonly string[];
  /**
   * Whether a renamed world's history digests are recomputed from its history: its observations
   * name nodes (the protocol renames them), or the global order is kept (salted with the observer's
   * index). Otherwise each node's digest moves with it unchanged.
   */
  private readonly rereads: boolean;
  /** Per renaming, the digests each history cell gives renamed (`System.historyDigests`). */
  private readonly digestMemo: WeakMap<HistoryList, HistoryDigests>[] = [];
  /** Per renaming, the content hash of each observation renamed. */
  private readonly hashMemo: ((o: Observation) => number)[] = [];
  /** The digests of an empty history, under any renaming: every node's 0. */
  private readonly noHistory: HistoryDigests;
  /** Per history cell, each node's digest of its observations' kinds alone (a renaming keeps it). */
  private readonly kindMemo = new WeakMap<HistoryList, number[]>();
  private readonly channelScratch: number[] = [];
  /** What `worldFingerprint` reads of a world, filled in by `renamedFingerprint`. */
  private readonly worldScratch: Pick<
    World,
    'sumHi' | 'sumLo' | 'partition' | 'inputs' | 'order' | 'used'
  > & { -readonly [K in 'sumHi' | 'sumLo' | 'partition' | 'inputs' | 'order' | 'used']: World[K] } =
    { sumHi: 0, sumLo: 0, partition: 0, inputs: 0, order: 0, used: [] };

  private constructor(
    private readonly sys: System,
    private readonly symmetry: Symmetry,
  ) {
    this.classes = symmetry
      .classes(sys.config)
      .filter((c) => c.length > 1)
      .map((c) => [...c].sort((a, b) => a - b));
    this.inputKeys = sys.config.inputs.map((i) => `${i.node}|${canonicalJson(i.event)}`);
    this.rereads = symmetry.renameObservation !== undefined || sys.globalKinds !== null;
    this.noHistory = { list: null, digests: new Array<number>(sys.n).fill(0), order: 0 };
    this.identity = [this.renaming(Array.from({ length: sys.n }, (_, i) => i))];
    const inClass = new Set(this.classes.flat());
    const full = sys.config.inputs.every((i) => !inClass.has(i.node));
    this.group = full ? null : this.enumerate();
  }

  /** The symmetrizer of a system; a usage error if its protocol declares no symmetry. */
  static of(sys: System): Symmetrizer {
    if (sys.protocol.symmetry === undefined)
      throw new UsageError(`protocol ${sys.protocol.name} declares no node symmetry`);
    // Its hooks are the model's code: one that throws is a ModelError naming it.
    return new Symmetrizer(sys, guardedSymmetry(sys.protocol.name, sys.protocol.symmetry));
  }

  /** How many renamings the group has (1: no reduction). */
  get size(): number {
    if (this.group !== null) return this.group.length;
    return this.classes.reduce((product, c) => product * factorial(c.length), 1);
  }

  /** The orbit's representative fingerprint, written into `out`. */
  fingerprint(w: World, out: Fingerprint): Fingerprint {
    let first = true;
    for (const r of this.candidates(w)) {
      const fp = r.index === 0 ? worldFingerprint(w, this.scratch) : this.renamedFingerprint(w, r);
      if (first || less(fp, out)) {
        out.hi = fp.hi;
        out.lo = fp.lo;
        first = false;
      }
    }
    return out;
  }

  /** The orbit's representative canonical string (exact mode). */
  canonicalKey(w: World): string {
    let best: string | null = null;
    for (const r of this.candidates(w)) {
      const key = canonicalWorld(this.sys, r.index === 0 ? w : this.apply(w, r));
      if (best === null || key < best) best = key;
    }
    return best!;
  }

  /** Every world of `w`'s orbit (the whole group applied), for tests and brute-force checks. */
  orbit(w: World): World[] {
    return (this.group ?? this.enumerate()).map((r) => this.apply(w, r));
  }

  /** The renamings the representative is chosen among: the group, or those sorting signatures. */
  private candidates(w: World): readonly Renaming[] {
    if (this.group !== null) return this.group;
    // No class of two or more: only the identity, and no signatures to compute.
    if (this.classes.length === 0) return this.identity;
    const n = this.sys.n;
    const sig = this.signatures(w);
    // Per class: its nodes ordered by signature, and the runs of equal signatures (the ties).
    let perms: number[][] = [Array.from({ length: n }, (_, i) => i)];
    for (const cls of this.classes) {
      const order = [...cls].sort((a, b) => sig[a]! - sig[b]! || a - b);
      const runs: number[][] = [];
      for (let k = 0; k < order.length; k++) {
        if (k > 0 && sig[order[k]!] === sig[order[k - 1]!]) runs[runs.length - 1]!.push(k);
        else runs.push([k]);
      }
      perms = perms.flatMap((base) => {
        let images: number[][] = [base.slice()];
        for (const run of runs) {
          images = images.flatMap((p) =>
            permutations(run).map((slots) => {
              const q = p.slice();
              // The node at sorted position run[j] goes to the class's slot slots[j].
              run.forEach((pos, j) => (q[order[pos]!] = cls[slots[j]!]!));
              return q;
            }),
          );
        }
        return images;
      });
    }
    return perms.map((perm) => this.renaming(perm));
  }

  /** Each node's signature: a hash of what a renaming leaves unchanged. */
  private signatures(w: World): number[] {
    const n = this.sys.n;
    const sig = new Array<number>(n);
    const digests =
      this.symmetry.renameObservation === undefined ? w.digests : this.kindDigests(w.history);
    for (let i = 0; i < n; i++) {
      let h = mix(w.status[i]! + 1, digests[i]! | 0);
      h = mix(h, w.locals[i]! < 0 ? -1 : this.valueHash(w.locals[i]!));
      let inbound = 0;
      let outbound = 0;
      for (let j = 0; j < n; j++) {
        for (const id of w.channels[j * n + i]!) inbound = (inbound + this.typeHash(id)) | 0;
        for (const id of w.channels[i * n + j]!) outbound = (outbound + this.typeHash(id)) | 0;
      }
      sig[i] = mix(mix(h, inbound), outbound) >>> 0;
    }
    return sig;
  }

  /**
   * Each node's digest of the kinds of its observations, in order: what a renaming that rewrites
   * observations' fields leaves unchanged.
   */
  private kindDigests(history: HistoryList | null): readonly number[] {
    const n = this.sys.n;
    if (history === null) return this.noHistory.digests;
    let out = this.kindMemo.get(history);
    if (out === undefined) {
      // From the nearest cell of the list worked out already.
      const pending: HistoryList[] = [];
      let known: HistoryList | null = history;
      while (known !== null && !this.kindMemo.has(known)) {
        pending.push(known);
        known = known.rest;
      }
      out = known === null ? new Array<number>(n).fill(0) : this.kindMemo.get(known)!.slice();
      for (let i = pending.length - 1; i >= 0; i--) {
        const o = pending[i]!.last;
        out[o.node] = mix(out[o.node]!, stringHash(o.kind));
      }
      this.kindMemo.set(history, out);
    }
    return out;
  }

  /** The content hash of an observation renamed by `perm`, memoized per observation. */
  private observationHasher(perm: readonly number[]): (o: Observation) => number {
    const rename = this.symmetry.renameObservation;
    const memo = new WeakMap<Observation, number>();
    return (o) => {
      let h = memo.get(o);
      if (h === undefined) {
        // The kernel's own observations name no node but their observer: the hook is not asked.
        const own = rename === undefined || KERNEL_KINDS.has(o.kind);
        h = observationHash(own ? o : rename(o, perm, this.sys.config));
        memo.set(o, h);
      }
      return h;
    };
  }

  /** The history digests and global order of `w` renamed by `r` (indexed by the new nodes). */
  private renamedDigests(w: World, r: Renaming): HistoryDigests {
    const history = w.history;
    const memo = this.digestMemo[r.index]!;
    if (history === null) return this.noHistory;
    let out = memo.get(history);
    if (out === undefined) {
      // From the nearest cell of the list renamed already (the parent world's, mostly).
      let known: HistoryList | null = history;
      while (known !== null && !memo.has(known)) known = known.rest;
      const start = known === null ? null : memo.get(known)!;
      out = this.sys.historyDigests(history, r.perm, this.hashMemo[r.index]!, start);
      memo.set(history, out);
    }
    return out;
  }

  /** A hash of a snapshot's machine state value (renaming changes only the context). */
  private valueHash(id: number): number {
    let h = this.valueMemo.get(id);
    if (h === undefined) {
      h = stringHash(JSON.stringify(this.sys.table.snapshotView(id).value));
      this.valueMemo.set(id, h);
    }
    return h;
  }

  /** A hash of a message's type (renaming changes only node indices inside it). */
  private typeHash(id: number): number {
    let h = this.typeMemo.get(id);
    if (h === undefined) {
      h = stringHash(this.sys.table.event(id).payload.type);
      this.typeMemo.set(id, h);
    }
    return h;
  }

  /** The registered renaming for `perm` (with its input images), registering it on first use. */
  private renaming(perm: readonly number[]): Renaming {
    const key = perm.join(',');
    let r = this.registry.get(key);
    if (r === undefined) {
      // The k-th of identical inputs at a node maps to the k-th at its image (the kernel hands
      // identical inputs over in order).
      const keys = this.inputKeys;
      const inputs = this.sys.config.inputs.map((i, j) => {
        const rank = keys.slice(0, j).filter((k) => k === keys[j]).length;
        const image = `${perm[i.node]}|${canonicalJson(i.event)}`;
        let seen = 0;
        for (let k = 0; k < keys.length; k++) if (keys[k] === image && seen++ === rank) return k;
        return -1;
      });
      r = { perm, inputs, index: this.registry.size };
      this.registry.set(key, r);
      this.snapMemo.push(new Map());
      this.eventMemo.push(new Map());
      this.digestMemo.push(new WeakMap());
      this.hashMemo.push(this.observationHasher(perm));
    }
    return r;
  }

  /** Every renaming of the group: class-wise permutations that map the inputs onto themselves. */
  private enumerate(): Renaming[] {
    let perms: number[][] = [Array.from({ length: this.sys.n }, (_, i) => i)];
    for (const cls of this.classes) {
      perms = perms.flatMap((base) =>
        permutations(cls).map((image) => {
          const p = base.slice();
          cls.forEach((from, k) => (p[from] = image[k]!));
          return p;
        }),
      );
    }
    return perms.map((p) => this.renaming(p)).filter((r) => r.inputs.every((j) => j >= 0));
  }

  /**
   * The fingerprint `apply(w, r)` would have, computed without building that world: the same
   * component hashes summed at their renamed places (a bag's hash does not depend on its order).
   */
  private renamedFingerprint(w: World, r: Renaming): Fingerprint {
    const { perm, inputs: inputPerm } = r;
    const n = this.sys.n;
    const src = this.sys.hashes;
    let sumHi = 0;
    let sumLo = 0;
    const history = this.rereads ? this.renamedDigests(w, r) : null;
    for (let i = 0; i < n; i++) {
      const local = w.locals[i]! < 0 ? -1 : this.snapshot(w.locals[i]!, r, perm[i]!);
      const digest = history === null ? w.digests[i]! : history.digests[perm[i]!]!;
      nodeHash(src, perm[i]!, local, w.status[i]!, digest);
      sumHi = (sumHi + HASH.hi) | 0;
      sumLo = (sumLo + HASH.lo) | 0;
    }
    const renamed = this.channelScratch;
    for (let f = 0; f < n; f++) {
      for (let t = 0; t < n; t++) {
        const ch = w.channels[f * n + t]!;
        if (ch.length === 0) continue; // an empty channel hashes to 0 wherever it is
        renamed.length = ch.length;
        for (let k = 0; k < ch.length; k++) renamed[k] = this.event(ch[k]!, r);
        channelHash(src, perm[f]! * n + perm[t]!, renamed);
        sumHi = (sumHi + HASH.hi) | 0;
        sumLo = (sumLo + HASH.lo) | 0;
      }
    }
    const partition = renamedPartition(w.partition, perm, n);
    const inputs = renamedInputs(w.inputs, inputPerm);
    const view = this.worldScratch;
    view.sumHi = sumHi;
    view.sumLo = sumLo;
    view.partition = partition;
    view.inputs = inputs;
    view.order = history === null ? w.order : history.order;
    view.used = w.used;
    return worldFingerprint(view as World, this.scratch);
  }

  /** `w` with nodes renamed by `r`. */
  private apply(w: World, r: Renaming): World {
    const { perm, inputs: inputPerm } = r;
    const n = this.sys.n;
    const kind = this.sys.config.network;
    const locals = new Array<number>(n);
    const status = new Array<World['status'][number]>(n);
    const digests = new Array<number>(n);
    const history = this.rereads ? this.renamedDigests(w, r) : null;
    for (let i = 0; i < n; i++) {
      const to = perm[i]!;
      locals[to] = w.locals[i]! < 0 ? -1 : this.snapshot(w.locals[i]!, r, to);
      status[to] = w.status[i]!;
      digests[to] = history === null ? w.digests[i]! : history.digests[to]!;
    }
    const channels = new Array<readonly number[]>(n * n);
    for (let f = 0; f < n; f++) {
      for (let t = 0; t < n; t++) {
        const ch = w.channels[f * n + t]!;
        const renamed = ch.length === 0 ? ch : ch.map((id) => this.event(id, r));
        channels[perm[f]! * n + perm[t]!] =
          kind === 'fifo' ? renamed : renamed.slice().sort((a, b) => a - b);
      }
    }
    const partition = renamedPartition(w.partition, perm, n);
    const inputs = renamedInputs(w.inputs, inputPerm);
    const renamed = {
      locals,
      status,
      channels,
      partition,
      used: w.used,
      order: history === null ? w.order : history.order,
      inputs,
      // The history itself is not renamed: the image is for its fingerprint and canonical string,
      // which read the digests.
      history: w.history,
      digests,
    };
    return { ...renamed, ...componentSums(this.sys.hashes, renamed) };
  }

  private snapshot(id: number, r: Renaming, node: number): number {
    const memo = this.snapMemo[r.index]!;
    let out = memo.get(id);
    if (out === undefined) {
      const context = this.sys.table.snapshotView(id).context;
      out = this.sys.table.renamed(
        id,
        node,
        this.symmetry.renameContext(context, r.perm, this.sys.config),
      );
      memo.set(id, out);
    }
    return out;
  }

  private event(id: number, r: Renaming): number {
    const memo = this.eventMemo[r.index]!;
    let out = memo.get(id);
    if (out === undefined) {
      const e = this.sys.table.event(id);
      out = this.sys.table.eventId(
        e.from < 0 ? e.from : r.perm[e.from]!,
        this.symmetry.renameMessage(e.payload, r.perm, this.sys.config),
      );
      memo.set(id, out);
    }
    return out;
  }
}

/** A partition mask with nodes renamed, normalised to the side without node 0 (as the kernel keeps it). */
function renamedPartition(partition: number, perm: readonly number[], n: number): number {
  let out = 0;
  for (let i = 0; i < n; i++) if ((partition >>> i) & 1) out |= 1 << perm[i]!;
  return out !== 0 && (out & 1) === 0 ? ((1 << n) - 1) & ~out : out;
}

/** The handed-over inputs mask with each input moved to its image. */
function renamedInputs(inputs: number, images: readonly number[]): number {
  let out = 0;
  for (let i = 0; i < images.length; i++) if ((inputs >>> i) & 1) out |= 1 << images[i]!;
  return out;
}

/** Whether fingerprint `a` is below `b` (unsigned, high half first). */
function less(a: Fingerprint, b: Fingerprint): boolean {
  const ah = a.hi >>> 0;
  const bh = b.hi >>> 0;
  return ah < bh || (ah === bh && a.lo >>> 0 < b.lo >>> 0);
}

/** n! */
function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Mixes `v` into hash `h` (murmur3's finalizer over their combination). */
function mix(h: number, v: number): number {
  let x = Math.imul(h ^ v, 0x85ebca6b) ^ Math.imul(v, 0xc2b2ae35);
  x ^= x >>> 13;
  x = Math.imul(x, 0x27d4eb2f);
  return (x ^ (x >>> 16)) | 0;
}

/** A 32-bit FNV-1a hash of a string. */
function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}
