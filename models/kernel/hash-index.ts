/**
 * Ids by a 32-bit content hash, in an open-addressing table (linear probing, doubling at half
 * full): no `Map` entry per id, no closure per look-up. Among ids whose hashes collide the content
 * decides: a look-up walks the ids filed under its hash (`first`, then `next`, `id`) and checks
 * each itself.
 */
export class HashIndex {
  /** Per slot, an id + 1 (0: empty). */
  private ids = new Int32Array(64);
  /** Per slot, the hash its id was filed under. */
  private hashes = new Int32Array(64);
  private mask = 63;
  private count = 0;

  /** The first slot holding an id filed under `hash`, or -1. */
  first(hash: number): number {
    return this.scan(hash & this.mask, hash);
  }

  /** The next slot after `slot` holding an id filed under `hash`, or -1. */
  next(slot: number, hash: number): number {
    return this.scan((slot + 1) & this.mask, hash);
  }

  /** The id in `slot`. */
  id(slot: number): number {
    return this.ids[slot]! - 1;
  }

  /** Files `id` under `hash`. */
  add(hash: number, id: number): void {
    if (2 * (this.count + 1) > this.ids.length) this.grow();
    this.put(hash, id + 1);
    this.count++;
  }

  private scan(from: number, hash: number): number {
    const { ids, hashes, mask } = this;
    for (let slot = from; ; slot = (slot + 1) & mask) {
      if (ids[slot] === 0) return -1;
      if (hashes[slot] === hash) return slot;
    }
  }

  private put(hash: number, entry: number): void {
    let slot = hash & this.mask;
    while (this.ids[slot] !== 0) slot = (slot + 1) & this.mask;
    this.ids[slot] = entry;
    this.hashes[slot] = hash;
  }

  private grow(): void {
    const { ids, hashes } = this;
    this.ids = new Int32Array(2 * ids.length);
    this.hashes = new Int32Array(2 * ids.length);
    this.mask = this.ids.length - 1;
    for (let slot = 0; slot < ids.length; slot++)
      if (ids[slot] !== 0) this.put(hashes[slot]!, ids[slot]!);
  }
}
