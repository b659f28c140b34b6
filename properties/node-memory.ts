import type { Observation } from '../models/kernel/spec.ts';

/** Whether `o` ends its node's incarnation: a crash or a leave (it restarts or rejoins empty). */
export function endsIncarnation(o: Observation): boolean {
  return o.kind === 'crash' || o.kind === 'leave';
}

/**
 * A record of per-node memories after `o`: each forgets `o.node`'s entries if `o` ends its
 * incarnation. The record itself when nothing changed, so a monitor's state stays shared.
 */
export function forgetIn<T extends Record<keyof T, NodeMemory<unknown>>>(
  memories: T,
  o: Observation,
): T {
  if (!endsIncarnation(o)) return memories;
  let out: T | null = null;
  for (const name of Object.keys(memories) as (keyof T)[]) {
    const after = memories[name].after(o);
    if (after === memories[name]) continue;
    out ??= { ...memories };
    out[name] = after as T[keyof T];
  }
  return out ?? memories;
}

/**
 * The entries of one node after a new slot is appended: the same array for the same entries, slot
 * and primitive value, so worlds that reach the same per-node entries by different interleavings
 * share them (a breadth-first level of Freenet's monitor states took a quarter less memory).
 * Keyed weakly by the entries before, so what hangs off an array lives as long as it does; a node's
 * first entries (appended to nothing) are kept in a table of at most `FIRSTS` arrays, the only part
 * that outlives a search.
 */
const appendedTo = new WeakMap<readonly unknown[], Map<string, readonly unknown[]>>();
const firsts = new Map<string, readonly unknown[]>();
const FIRSTS = 4096;

function appended(entries: readonly unknown[], slot: string, value: unknown): readonly unknown[] {
  const t = typeof value;
  if (t !== 'string' && t !== 'number' && t !== 'boolean') return [...entries, slot, value];
  // The slot's length first: no two (slot, value) pairs share a key.
  const key = `${slot.length}:${slot}${t[0]!}${String(value)}`;
  let next: Map<string, readonly unknown[]> | undefined = firsts;
  if (entries.length > 0) {
    next = appendedTo.get(entries);
    if (next === undefined) appendedTo.set(entries, (next = new Map()));
  }
  let out = next.get(key);
  if (out !== undefined) return out;
  out = [...entries, slot, value];
  if (next !== firsts || firsts.size < FIRSTS) next.set(key, out);
  return out;
}

/**
 * What a checker remembers per node, forgotten when the node does: a crash or a leave ends the
 * incarnation (it restarts or rejoins with an empty state), so a property about "this node before"
 * must not hold the next incarnation to it. Persistent: every change returns a new memory that
 * shares the other nodes' entries, so a property monitor's state can be shared by many worlds.
 */
export class NodeMemory<V> {
  /**
   * Per node, its entries as one flat array, slot then value, in the order the slots were first
   * set (a few entries per node: a short array costs a fraction of a Map, and monitor states are
   * kept per queued world).
   */
  private constructor(private readonly nodes: readonly (readonly unknown[] | undefined)[]) {}

  /** The memory with nothing in it. */
  static empty<V>(): NodeMemory<V> {
    return new NodeMemory<V>([]);
  }

  /** This memory without `o.node`'s entries if `o` ends its incarnation, else this memory. */
  after(o: Observation): NodeMemory<V> {
    if (!endsIncarnation(o) || this.nodes[o.node] === undefined) return this;
    return this.with(o.node, undefined);
  }

  /** The entry `slot` of `node`. */
  get(node: number, slot: string): V | undefined {
    const entries = this.nodes[node];
    if (entries === undefined) return undefined;
    for (let i = 0; i < entries.length; i += 2) {
      if (entries[i] === slot) return entries[i + 1] as V;
    }
    return undefined;
  }

  /** This memory with the entry `slot` of `node` set (a slot set again keeps its place). */
  set(node: number, slot: string, value: V): NodeMemory<V> {
    const entries = this.nodes[node] ?? [];
    for (let i = 0; i < entries.length; i += 2) {
      if (entries[i] !== slot) continue;
      if (entries[i + 1] === value) return this;
      const out = entries.slice();
      out[i + 1] = value;
      return this.with(node, out);
    }
    return this.with(node, appended(entries, slot, value));
  }

  /** This memory without the entry `slot` of `node`. */
  delete(node: number, slot: string): NodeMemory<V> {
    const entries = this.nodes[node];
    if (entries === undefined) return this;
    for (let i = 0; i < entries.length; i += 2) {
      if (entries[i] !== slot) continue;
      const out = entries.slice();
      out.splice(i, 2);
      return this.with(node, out);
    }
    return this;
  }

  /** The first remaining entry, by node then the order its slot was first set (deterministic). */
  first(): { node: number; slot: string; value: V } | undefined {
    for (let node = 0; node < this.nodes.length; node++) {
      const entries = this.nodes[node];
      if (entries === undefined || entries.length === 0) continue;
      return { node, slot: entries[0] as string, value: entries[1] as V };
    }
    return undefined;
  }

  private with(node: number, entries: readonly unknown[] | undefined): NodeMemory<V> {
    const nodes = this.nodes.slice();
    while (nodes.length <= node) nodes.push(undefined);
    nodes[node] = entries;
    return new NodeMemory(nodes);
  }
}
