import type { Observation } from '../models/kernel/spec.ts';

/**
 * What a checker remembers per node, forgotten when the node does: a crash or a leave ends the
 * incarnation (it restarts or rejoins with an empty state), so a property about "this node before"
 * must not hold the next incarnation to it.
 */
export class NodeMemory<V> {
  private readonly nodes = new Map<number, Map<string, V>>();

  /** Forgets `o.node`'s entries if `o` ends its incarnation; returns whether it did. */
  forgetOn(o: Observation): boolean {
    if (o.kind !== 'crash' && o.kind !== 'leave') return false;
    this.nodes.delete(o.node);
    return true;
  }

  /** The entry `slot` of `node`. */
  get(node: number, slot: string): V | undefined {
    return this.nodes.get(node)?.get(slot);
  }

  /** Sets the entry `slot` of `node`. */
  set(node: number, slot: string, value: V): void {
    let entries = this.nodes.get(node);
    if (entries === undefined) this.nodes.set(node, (entries = new Map()));
    entries.set(slot, value);
  }

  /** Removes the entry `slot` of `node`. */
  delete(node: number, slot: string): void {
    this.nodes.get(node)?.delete(slot);
  }

  /** The first remaining entry, by node then insertion order of its slots (deterministic). */
  first(): { node: number; slot: string; value: V } | undefined {
    for (const node of [...this.nodes.keys()].sort((a, b) => a - b)) {
      for (const [slot, value] of this.nodes.get(node)!) return { node, slot, value };
    }
    return undefined;
  }
}
