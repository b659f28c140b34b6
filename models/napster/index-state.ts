/**
 * The Napster index as a replicated state machine: which peer shares which file, changed by
 * logins and logouts and read by searches. One pure `Apply` (models/primary-backup/replica.ts)
 * that the central index runs alone and the primary-backup group replicates.
 *
 * The store maps `peer/file` to 1 for every file a logged-in peer shares (peer: the requester's
 * node index, the entry's `at`). A login's argument (`key`) is its file list joined by commas, a
 * search's is its keyword; a search answers the hits, every registered file whose name contains
 * the keyword, in peer then file order.
 */
import type { Apply, Store } from '../primary-backup/replica.ts';
import type { Hit } from './messages.ts';

/** The request argument of a login sharing `files`. */
export function fileList(files: readonly string[]): string {
  return files.join(',');
}

/** Whether a file name matches a search keyword (Napster matched words of the file name). */
export function matches(file: string, keyword: string): boolean {
  return file.includes(keyword);
}

/** The store's key for `peer` sharing `file`. */
function entryKey(peer: number, file: string): string {
  return `${peer}/${file}`;
}

/** The registrations a store holds, in peer then file order. */
export function registrations(store: Store): Hit[] {
  return Object.keys(store)
    .map((k) => {
      const slash = k.indexOf('/');
      return { peer: Number(k.slice(0, slash)), file: k.slice(slash + 1) };
    })
    .sort((a, b) => a.peer - b.peer || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A store holding exactly `hits`, its keys in order (so equal indexes are equal JSON). */
function storeOf(hits: readonly Hit[]): Store {
  return Object.fromEntries(hits.map((h) => [entryKey(h.peer, h.file), 1]));
}

/** Drops every file `peer` registered. */
export function unregister(store: Store, peer: number): Store {
  return storeOf(registrations(store).filter((h) => h.peer !== peer));
}

/** Registers `peer` as sharing `files` (replacing what it registered before). */
export function register(store: Store, peer: number, files: readonly string[]): Store {
  const kept = registrations(store).filter((h) => h.peer !== peer);
  const added = files.map((file) => ({ peer, file }));
  const all = [...kept, ...added].sort(
    (a, b) => a.peer - b.peer || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  return storeOf(all);
}

/** The hits for `keyword`: every registered file whose name contains it. */
export function lookup(store: Store, keyword: string): Hit[] {
  return registrations(store).filter((h) => matches(h.file, keyword));
}

/** The index's state machine: `login` registers, `logout` unregisters, `search` looks up. */
export const applyIndex: Apply = (store, e) => {
  if (e.f === 'login') {
    const files = e.key === '' ? [] : e.key.split(',');
    return { store: register(store, e.at, files), value: 0 };
  }
  if (e.f === 'logout') return { store: unregister(store, e.at), value: 0 };
  return { store, value: lookup(store, e.key) };
};
