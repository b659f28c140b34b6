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

/**
 * Equal lists kept once: a table that keeps many lists for good (the memo's sends and
 * observations: a few hundred distinct ones among tens of thousands of outcomes) shares one copy
 * of each content. Lists are found by a 32-bit hash of their content, the content deciding.
 */
export class ListPool<L> {
  private readonly byHash = new Map<number, L[]>();

  /** @param same whether two lists have the same content */
  constructor(private readonly same: (a: L, b: L) => boolean) {}

  /**
   * The pooled list with the content of `list`, whose content hash is `hash`; if there is none,
   * `keep(list)` (a copy to keep, when `list` is scratch), pooled from now on.
   */
  shared(hash: number, list: L, keep: (list: L) => L): L {
    let bucket = this.byHash.get(hash);
    if (bucket === undefined) {
      bucket = [];
      this.byHash.set(hash, bucket);
    } else {
      for (let i = 0; i < bucket.length; i++) if (this.same(bucket[i]!, list)) return bucket[i]!;
    }
    const kept = keep(list);
    bucket.push(kept);
    return kept;
  }
}

/** Whether two lists of integers hold the same values in the same order. */
export function sameInts(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
