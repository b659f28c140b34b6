/**
 * Hashing for fingerprints. Every interned snapshot and event gets a 64-bit content hash (two
 * 32-bit halves) when it is first seen; world fingerprints combine those with integer mixing, so the
 * explorers never build strings, and equal worlds get equal fingerprints in any process (the
 * hashes depend on content, never on interning order), which lets parallel workers share a store.
 */

/** Two independently seeded 32-bit hashes of a string (murmur-style multiply-xorshift). */
export function hashText(text: string): [hi: number, lo: number] {
  let h1 = TEXT_SEEDS[0];
  let h2 = TEXT_SEEDS[1];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return textHashFinish(h1, h2);
}

/** `hashText`'s two starting states (canonical-hash.ts runs the same hash over text it never builds). */
export const TEXT_SEEDS: readonly [number, number] = [0xdeadbeef, 0x41c6ce57];

/** `hashText`'s last round, from the two running states. */
export function textHashFinish(h1: number, h2: number): [hi: number, lo: number] {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h2 | 0, h1 | 0];
}

/** One round of mixing `x` into the running 32-bit hash `h` (murmur3's block step). */
export function mix(h: number, x: number): number {
  let k = Math.imul(x, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3's finalizer: spreads every input bit over the output. */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The multiplier of the per-node history digests (a rolling polynomial hash, mod 2^32). */
export const DIGEST_BASE = 0x01000193;

/** A 64-bit value as 16 hex digits. */
export function hex64(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}
