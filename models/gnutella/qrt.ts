/**
 * Query routing tables (LimeWire's Query Routing Protocol, in miniature): a servent hashes the keys
 * it shares into a small table of slots; a neighbour holding the table sends a Query's last hop
 * only where the key's slot is set. Two keys in one slot are a false positive (a wasted message),
 * never a false negative.
 */

/** Slots in a table (QRP uses 65,536; a small network needs few). */
export const QRT_SLOTS = 16;

/** The slot `key` hashes to (FNV-1a, 32 bits, modulo the slots). */
export function slotOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h % QRT_SLOTS;
}

/** The table of a servent sharing `keys`: the slots they hash to, ascending. */
export function tableOf(keys: readonly string[]): number[] {
  return [...new Set(keys.map(slotOf))].sort((a, b) => a - b);
}
