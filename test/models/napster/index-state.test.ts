import { describe, expect, it } from 'vitest';
import {
  applyIndex,
  fileList,
  lookup,
  register,
  registrations,
  unregister,
} from '../../../models/napster/index-state.ts';

const entry = (f: string, key: string, at: number) => ({ client: `p${at}`, r: 1, f, key, at });

describe('the index state machine', () => {
  it('registers a login’s files, replacing the peer’s earlier ones, in peer then file order', () => {
    let store = register({}, 4, ['b.mp3']);
    store = register(store, 3, ['b.mp3', 'a.mp3']);
    expect(registrations(store)).toEqual([
      { peer: 3, file: 'a.mp3' },
      { peer: 3, file: 'b.mp3' },
      { peer: 4, file: 'b.mp3' },
    ]);
    expect(Object.keys(store)).toEqual(['3/a.mp3', '3/b.mp3', '4/b.mp3']);
    expect(registrations(register(store, 3, ['c.mp3'])).filter((h) => h.peer === 3)).toEqual([
      { peer: 3, file: 'c.mp3' },
    ]);
    expect(registrations(unregister(store, 3))).toEqual([{ peer: 4, file: 'b.mp3' }]);
  });

  it('answers a search with every registered file containing the keyword', () => {
    const store = register(register({}, 3, ['a.mp3', 'ab.mp3']), 4, ['b.mp3']);
    expect(lookup(store, 'b')).toEqual([
      { peer: 3, file: 'ab.mp3' },
      { peer: 4, file: 'b.mp3' },
    ]);
    expect(lookup(store, 'zz')).toEqual([]);
  });

  it('applies login, logout and search entries, the requester being the entry’s node', () => {
    const login = applyIndex({}, entry('login', fileList(['a.mp3', 'b.mp3']), 3));
    expect(login.value).toBe(0);
    expect(applyIndex(login.store, entry('search', 'a', 4)).value).toEqual([
      { peer: 3, file: 'a.mp3' },
    ]);
    const logout = applyIndex(login.store, entry('logout', '', 3));
    expect(logout.store).toEqual({});
    expect(applyIndex({}, entry('login', '', 3)).store).toEqual({});
  });
});
