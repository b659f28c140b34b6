import {
  canonicalWorld,
  componentSums,
  worldFingerprint,
  type Fingerprint,
} from '../../models/kernel/fingerprint.ts';
import { canonicalJson } from '../../models/kernel/json.ts';
import type { Symmetry } from '../../models/kernel/protocol.ts';
import type { System } from '../../models/kernel/system.ts';
import type { World } from '../../models/kernel/world.ts';
import { UsageError } from '../usage-error.ts';

/** Every permutation of `items`. */
function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

/**
 * Symmetry reduction. The group is every renaming of nodes that permutes each declared class of
 * interchangeable nodes among itself and maps the configuration's client inputs onto themselves.
 * A world's representative is the least fingerprint (or canonical string, in exact mode) over the
 * whole group: a function of the orbit alone, so the number of stored states is the number of
 * orbits whatever the exploration order (Stateright keeps the first representative it meets,
 * which depends on the order).
 */
export class Symmetrizer {
  private readonly perms: { perm: number[]; inputs: number[] }[];
  private readonly snapMemo = new Map<number, number>();
  private readonly eventMemo = new Map<number, number>();
  private readonly scratch: Fingerprint = { hi: 0, lo: 0 };

  private constructor(
    private readonly sys: System,
    private readonly symmetry: Symmetry,
  ) {
    const n = sys.n;
    const classes = symmetry.classes(sys.config).filter((c) => c.length > 1);
    let perms: number[][] = [Array.from({ length: n }, (_, i) => i)];
    for (const cls of classes) {
      perms = perms.flatMap((base) =>
        permutations(cls).map((image) => {
          const p = base.slice();
          cls.forEach((from, k) => (p[from] = image[k]!));
          return p;
        }),
      );
    }
    const inputs = sys.config.inputs.map((i) => `${i.node}|${canonicalJson(i.event)}`);
    this.perms = perms.flatMap((perm) => {
      const mapped = sys.config.inputs.map((i) =>
        inputs.indexOf(`${perm[i.node]}|${canonicalJson(i.event)}`),
      );
      return mapped.every((j) => j >= 0) ? [{ perm, inputs: mapped }] : [];
    });
  }

  /** The symmetrizer of a system; a usage error if its protocol declares no symmetry. */
  static of(sys: System): Symmetrizer {
    if (sys.protocol.symmetry === undefined)
      throw new UsageError(`protocol ${sys.protocol.name} declares no node symmetry`);
    return new Symmetrizer(sys, sys.protocol.symmetry);
  }

  /** How many renamings the group has (1: no reduction). */
  get size(): number {
    return this.perms.length;
  }

  /** The orbit's least fingerprint, written into `out`. */
  fingerprint(w: World, out: Fingerprint): Fingerprint {
    worldFingerprint(w, out);
    for (let p = 1; p < this.perms.length; p++) {
      const fp = worldFingerprint(this.apply(w, p), this.scratch);
      const hi = fp.hi >>> 0;
      const bestHi = out.hi >>> 0;
      if (hi < bestHi || (hi === bestHi && fp.lo >>> 0 < out.lo >>> 0)) {
        out.hi = fp.hi;
        out.lo = fp.lo;
      }
    }
    return out;
  }

  /** The orbit's least canonical string (exact mode). */
  canonicalKey(w: World): string {
    let best = canonicalWorld(this.sys, w);
    for (let p = 1; p < this.perms.length; p++) {
      const key = canonicalWorld(this.sys, this.apply(w, p));
      if (key < best) best = key;
    }
    return best;
  }

  /** Every world of `w`'s orbit (the group applied), for tests and brute-force checks. */
  orbit(w: World): World[] {
    return this.perms.map((_, p) => this.apply(w, p));
  }

  /** `w` with nodes renamed by the group's `p`-th renaming. */
  private apply(w: World, p: number): World {
    const { perm, inputs: inputPerm } = this.perms[p]!;
    const n = this.sys.n;
    const kind = this.sys.config.network;
    const locals = new Array<number>(n);
    const status = new Array<World['status'][number]>(n);
    const digests = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const to = perm[i]!;
      locals[to] = w.locals[i]! < 0 ? -1 : this.snapshot(w.locals[i]!, p, to);
      status[to] = w.status[i]!;
      digests[to] = w.digests[i]!;
    }
    const channels = new Array<readonly number[]>(n * n);
    for (let f = 0; f < n; f++) {
      for (let t = 0; t < n; t++) {
        const ch = w.channels[f * n + t]!;
        const renamed = ch.length === 0 ? ch : ch.map((id) => this.event(id, p));
        channels[perm[f]! * n + perm[t]!] =
          kind === 'fifo' ? renamed : renamed.slice().sort((a, b) => a - b);
      }
    }
    let partition = 0;
    for (let i = 0; i < n; i++) if ((w.partition >>> i) & 1) partition |= 1 << perm[i]!;
    if (partition !== 0 && (partition & 1) === 0) partition = ((1 << n) - 1) & ~partition;
    let inputs = 0;
    for (let i = 0; i < inputPerm.length; i++)
      if ((w.inputs >>> i) & 1) inputs |= 1 << inputPerm[i]!;
    const renamed = {
      locals,
      status,
      channels,
      partition,
      used: w.used,
      order: w.order,
      inputs,
      history: w.history,
      digests,
    };
    return { ...renamed, ...componentSums(this.sys.hashes, renamed) };
  }

  private snapshot(id: number, p: number, node: number): number {
    const key = id * this.perms.length + p;
    let out = this.snapMemo.get(key);
    if (out === undefined) {
      const context = this.sys.table.snapshotView(id).context;
      out = this.sys.table.renamed(
        id,
        node,
        this.symmetry.renameContext(context, this.perms[p]!.perm),
      );
      this.snapMemo.set(key, out);
    }
    return out;
  }

  private event(id: number, p: number): number {
    const key = id * this.perms.length + p;
    let out = this.eventMemo.get(key);
    if (out === undefined) {
      const e = this.sys.table.event(id);
      const perm = this.perms[p]!.perm;
      out = this.sys.table.eventId(
        e.from < 0 ? e.from : perm[e.from]!,
        this.symmetry.renameMessage(e.payload, perm),
      );
      this.eventMemo.set(key, out);
    }
    return out;
  }
}
