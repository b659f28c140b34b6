import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { centralIndex } from '../../../models/napster/index.machine.ts';
import { peer } from '../../../models/napster/peer.machine.ts';

type Action = { type: string; params?: unknown };

/** Runs `events` through a machine from `input`; returns the last snapshot and every action. */
function run(machine: typeof peer | typeof centralIndex, input: object, events: object[]) {
  let [snapshot, actions] = initialTransition(machine, input as never) as [
    AnyMachineSnapshot,
    Action[],
  ];
  const all = [...actions];
  for (const event of events) {
    [snapshot, actions] = transition(machine, snapshot as never, event as never) as [
      AnyMachineSnapshot,
      Action[],
    ];
    all.push(...actions);
  }
  return { snapshot, actions, all };
}
const sends = (actions: Action[]) => actions.filter((a) => a.type === 'send').map((a) => a.params);
const observed = (actions: Action[]) =>
  actions.filter((a) => a.type === 'observe').map((a) => a.params);

// Peer p1 (node 4) of three index servers; p0 is node 3.
const p1 = { self: 4, name: 'p1', files: ['b.mp3'], indexes: 3, attempts: 2 };
const hits = [{ peer: 3, file: 'a.mp3' }];
const reply = (r: number, value: unknown, from = 0) => ({ type: 'Reply', r, value, view: 0, from });

describe('a peer', () => {
  it('searches the index, then downloads a listed file directly from the peer holding it', () => {
    const { snapshot, all } = run(peer, p1, [
      { type: 'search', keyword: 'a', from: -1 },
      reply(1, hits),
      { type: 'get', file: 'a.mp3', from: -1 },
      { type: 'File', file: 'a.mp3', data: 'a.mp3 from p0', from: 3 },
    ]);
    expect(sends(all)).toEqual([
      { to: 0, msg: { type: 'Request', client: 'p1', r: 1, f: 'search', key: 'a' } },
      { to: 3, msg: { type: 'Get', file: 'a.mp3' } },
    ]);
    expect(observed(all).map((o) => (o as { kind: string }).kind)).toEqual([
      'search',
      'found',
      'get',
      'got',
    ]);
    expect(snapshot.value).toBe('idle');
  });

  it('retries an unanswered request to the index, then gives up', () => {
    const { all, snapshot } = run(peer, p1, [
      { type: 'search', keyword: 'a', from: -1 },
      { type: 'timeout', from: -1 },
      { type: 'timeout', from: -1 },
    ]);
    expect(sends(all).map((s) => (s as { to: unknown }).to)).toEqual([0, [0]]);
    expect(observed(all).at(-1)).toMatchObject({ kind: 'failed', op: 'search', servers: [0] });
    expect(snapshot.value).toBe('idle');
  });

  it('retries to every index server when the index is replicated', () => {
    const replicated = peer.provide({ guards: { replicatedIndex: () => true } });
    const { all } = run(replicated, p1, [
      { type: 'search', keyword: 'a', from: -1 },
      { type: 'timeout', from: -1 },
    ]);
    expect(sends(all).map((s) => (s as { to: unknown }).to)).toEqual([0, [0, 1, 2]]);
  });

  it('serves its files while logged in, and refuses them before and after', () => {
    const get = { type: 'Get', file: 'b.mp3', from: 3 };
    expect(sends(run(peer, p1, [get]).actions)).toEqual([
      { to: 3, msg: { type: 'Unavailable', file: 'b.mp3' } },
    ]);
    const loggedIn = run(peer, p1, [{ type: 'login', from: -1 }, reply(1, 0), get]);
    expect(sends(loggedIn.actions)).toEqual([
      { to: 3, msg: { type: 'File', file: 'b.mp3', data: 'b.mp3 from p1' } },
    ]);
    const out = run(peer, p1, [
      { type: 'login', from: -1 },
      reply(1, 0),
      { type: 'logout', from: -1 },
      get,
    ]);
    expect(sends(out.actions)).toEqual([{ to: 3, msg: { type: 'Unavailable', file: 'b.mp3' } }]);
  });

  it('skips a download no search listed, and fails one the peer refuses', () => {
    const skipped = run(peer, p1, [{ type: 'get', file: 'a.mp3', from: -1 }]);
    expect(observed(skipped.all)).toEqual([{ kind: 'noSource', file: 'a.mp3' }]);
    const refused = run(peer, p1, [
      { type: 'search', keyword: 'a', from: -1 },
      reply(1, hits),
      { type: 'get', file: 'a.mp3', from: -1 },
      { type: 'Unavailable', file: 'a.mp3', from: 3 },
    ]);
    expect(observed(refused.all).at(-1)).toEqual({
      kind: 'getFailed',
      file: 'a.mp3',
      peer: 3,
      reason: 'unavailable',
    });
  });
});

describe('the central index', () => {
  const request = (f: string, key: string, r: number, from: number) => ({
    type: 'Request',
    client: `p${from - 3}`,
    r,
    f,
    key,
    from,
  });

  it('registers logins, drops logouts and answers searches', () => {
    const { actions } = run(centralIndex, { self: 0, n: 3 }, [
      request('login', 'a.mp3', 1, 3),
      request('login', 'ab.mp3', 1, 4),
      request('logout', '', 2, 4),
      request('search', 'a', 1, 5),
    ]);
    expect(sends(actions)).toEqual([
      { to: 5, msg: { type: 'Reply', r: 1, value: [{ peer: 3, file: 'a.mp3' }], view: 0 } },
    ]);
  });

  it('keeps a peer’s files after its logout when the mutant forgets', () => {
    const forgetful = centralIndex.provide({ guards: { dropsEntries: () => false } });
    const { actions } = run(forgetful, { self: 0, n: 1 }, [
      request('login', 'a.mp3', 1, 3),
      request('logout', '', 2, 3),
      request('search', 'a', 1, 4),
    ]);
    expect(sends(actions)).toEqual([
      { to: 4, msg: { type: 'Reply', r: 1, value: [{ peer: 3, file: 'a.mp3' }], view: 0 } },
    ]);
  });

  it('leaves the spares idle', () => {
    const { snapshot, actions } = run(centralIndex, { self: 1, n: 3 }, [
      request('search', 'a', 1, 4),
    ]);
    expect(snapshot.value).toBe('spare');
    expect(actions).toEqual([]);
  });
});
