/**
 * Shortens a reused list to `length` by popping. Setting `list.length = 0` makes V8 drop the
 * list's storage, so the next pushes allocate it again: on lists refilled at every step (a world's
 * enabled moves) that was most of what the step allocated. Popping keeps the storage.
 */
export function truncate(list: unknown[], length = 0): void {
  while (list.length > length) list.pop();
}
