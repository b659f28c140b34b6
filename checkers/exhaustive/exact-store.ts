import { canonicalWorld } from '../../models/kernel/fingerprint.ts';
import type { System } from '../../models/kernel/system.ts';
import type { World } from '../../models/kernel/world.ts';

/**
 * The exact store for small models: full canonical worlds in a `Set`, so no two distinct states
 * can ever be confused (no fingerprint collisions), at the cost of memory and of a JS `Set`'s
 * 16,777,216-entry limit.
 */
export class ExactStore {
  private readonly seen = new Set<string>();
  private chars = 0;

  /** @param system the system whose worlds are stored. */
  constructor(private readonly system: System) {}

  /** Adds a world (or its canonical key); true if it was not there before. */
  add(w: World | string): boolean {
    const key = typeof w === 'string' ? w : canonicalWorld(this.system, w);
    if (this.seen.has(key)) return false;
    if (this.seen.size >= 16_777_215)
      throw new RangeError('the exact store is full (16,777,215 states): use fingerprints');
    this.seen.add(key);
    this.chars += key.length;
    return true;
  }

  /** How many worlds are stored. */
  get size(): number {
    return this.seen.size;
  }

  /** Approximate bytes held (two per character, plus the Set's own slot). */
  get bytes(): number {
    return this.chars * 2 + this.seen.size * 16;
  }
}
