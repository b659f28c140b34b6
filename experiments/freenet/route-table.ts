/**
 * A node's routing table for the simulator (fast-state.ts): key to node, least recently used first,
 * with each key's position parsed once. The LRU order is a `Map`'s insertion order (a touch is a
 * delete and a set); the nodes and positions sit in dense arrays, in no particular order, for
 * `candidate` to scan.
 */
import { positionOf } from '../../models/freenet/keys.ts';

/** Key to node, least recently used first. */
export class RouteTable {
  /** Key to its slot in the arrays; the map's order is the LRU order. */
  private readonly slots = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Each slot's node (read by the candidate scan; changed only here). */
  readonly nodes: number[] = [];
  /** Each slot's key position. */
  readonly positions: number[] = [];

  /** How many keys are routed. */
  get size(): number {
    return this.slots.size;
  }

  /** Routes `key` to `node`, most recently used (no eviction). */
  set(key: string, node: number): void {
    const slot = this.slots.get(key);
    if (slot === undefined) {
      this.slots.set(key, this.keys.length);
      this.keys.push(key);
      this.nodes.push(node);
      this.positions.push(positionOf(key));
    } else {
      this.slots.delete(key);
      this.slots.set(key, slot);
      this.nodes[slot] = node;
    }
  }

  /** Drops the least recently used key: the last slot moves into its place. */
  dropOldest(): void {
    const key = this.slots.keys().next().value;
    if (key === undefined) return;
    const slot = this.slots.get(key)!;
    this.slots.delete(key);
    const last = this.keys.length - 1;
    if (slot !== last) {
      const moved = this.keys[last]!;
      this.keys[slot] = moved;
      this.nodes[slot] = this.nodes[last]!;
      this.positions[slot] = this.positions[last]!;
      this.slots.set(moved, slot); // an existing key: its LRU place is kept
    }
    this.keys.pop();
    this.nodes.pop();
    this.positions.pop();
  }

  /** The entries `[key, node]`, least recently used first. */
  entries(): (readonly [string, number])[] {
    return Array.from(this.slots, ([key, slot]) => [key, this.nodes[slot]!] as const);
  }

  /** An independent copy. */
  clone(): RouteTable {
    const copy = new RouteTable();
    for (const [key, slot] of this.slots) copy.slots.set(key, slot);
    copy.keys.push(...this.keys);
    copy.nodes.push(...this.nodes);
    copy.positions.push(...this.positions);
    return copy;
  }
}
