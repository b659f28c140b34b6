import type { System } from './system.ts';
import type { World } from './world.ts';

/**
 * A 64-bit hash of a string as 16 hex digits (two independently seeded 32-bit lanes, murmur-style
 * mixing). Deterministic across runs and machines.
 */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * The canonical serialization of a world: node snapshots and messages by content (never by interned
 * id, which depends on exploration order), bags sorted, plus status, partition, fault budgets used
 * and inputs consumed. Equal worlds give equal strings in any run. History is not included: it is
 * what properties read, not state that steps depend on.
 */
export function canonicalWorld(sys: System, w: World): string {
  const { table } = sys;
  const fifo = sys.config.network === 'fifo';
  const locals = w.locals.map((id) => (id < 0 ? null : table.snapshotKey(id)));
  const channels = w.channels.map((ch) => {
    const keys = ch.map((id) => table.event(id).key);
    return fifo ? keys : keys.sort();
  });
  return JSON.stringify([locals, w.status, channels, w.partition, w.used, w.inputs]);
}

/** The fingerprint of a world: `hash64` of its canonical serialization. */
export function fingerprint(sys: System, w: World): string {
  return hash64(canonicalWorld(sys, w));
}
