/**
 * Shortens a reused list to `length` by popping. Setting `list.length = 0` makes V8 drop the
 * list's storage, so the next pushes allocate it again: on lists refilled at every step (a world's
 * enabled moves) that was most of what the step allocated. Popping keeps the storage.
 */
export function truncate(list: unknown[], length = 0): void {
  while (list.length > length) list.pop();
}

/**
 * `list` with `item` added, in a new array of exactly that length. A pushed-to array keeps room to
 * grow (17 slots after its first push): a table that keeps many short lists for good (the memo's
 * per-snapshot lists) would hold several times their size in spare room, which the garbage
 * collector copies along. (`concat` allocates the exact length.)
 */
export function appended<T>(list: readonly T[] | null, item: T): T[] {
  return list === null ? [item] : list.concat([item]);
}
