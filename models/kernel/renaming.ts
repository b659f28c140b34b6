import type { Json } from './json.ts';

/**
 * A node index renamed by `perm` (perm[old] = new); anything else (a name, -1 for none, an index
 * outside the renaming) as it is. For a protocol's `Symmetry` functions.
 */
export function renameNode(value: Json, perm: readonly number[]): Json {
  return typeof value === 'number' && value >= 0 ? (perm[value] ?? value) : value;
}

/** A list with one entry per node, each moved to its node's new index under `perm`. */
export function movedByNode<T>(values: readonly T[], perm: readonly number[]): T[] {
  const moved = values.slice();
  values.forEach((v, q) => (moved[perm[q] ?? q] = v));
  return moved;
}
