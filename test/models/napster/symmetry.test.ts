import { expect, it } from 'vitest';
import { Symmetrizer } from '../../../checkers/exhaustive/symmetry.ts';
import type { JsonObject } from '../../../models/kernel/json.ts';
import { System } from '../../../models/kernel/system.ts';
import { napsterProtocol as protocol } from '../../../models/napster/model.ts';
import { napsterSymmetry } from '../../../models/napster/symmetry.ts';
import { strayImage, symmetryTests } from '../../helpers/symmetry.ts';

/** A login of peer `peer`. */
const login = (peer: number) => ({ peer, op: 'login' as const });
/** A search of peer `peer` for “a”. */
const search = (peer: number) => ({ peer, op: 'search' as const, keyword: 'a' });
/** A download of a.mp3 by peer `peer`. */
const get = (peer: number) => ({ peer, op: 'get' as const, file: 'a.mp3' });

/** One central index (or a one-server replicated one), no faults, one send per request. */
const small = { indexes: 1, crashes: 0, timeouts: 0, attempts: 1 };

/** p0 and p1 share a.mp3; each logs in and searches for “a”. */
const twins = {
  ...small,
  peers: 2,
  files: [['a.mp3'], ['a.mp3']],
  calls: [login(0), search(0), login(1), search(1)],
};

/** p0 and p1 share a.mp3 and log in; p2 searches for it and downloads it from one of them. */
const sources = {
  ...small,
  peers: 3,
  files: [['a.mp3'], ['a.mp3'], ['b.mp3']],
  calls: [login(0), login(1), search(2), get(2)],
};

/** Three index servers, p0 and p1 share a.mp3 and log in. */
const logins = {
  peers: 2,
  indexes: 3,
  files: [['a.mp3'], ['a.mp3']],
  calls: [login(0), login(1)],
  crashes: 0,
  timeouts: 0,
  attempts: 2,
};

// p0 and p1 (same shared files, same calls) are interchangeable: the reachable set is closed under
// swapping them (names in request ids, clients, duplicate tables and view logs included), and
// `--symmetry` stores one state per orbit.
/** p0, p1 and p2 share a.mp3 and log in: a class of three (the configuration places names). */
const triplets = {
  ...small,
  peers: 3,
  files: [['a.mp3'], ['a.mp3'], ['a.mp3']],
  calls: [login(0), login(1), login(2)],
};

symmetryTests(protocol, [
  { variant: 'central-index', params: twins, orbits: 1641 },
  { variant: 'central-index', params: triplets, orbits: 94 },
  { variant: 'replicated-index', params: triplets, orbits: 229 },
  // p1 and p2 alike, p0 not (it searches and finds them): a class that fixes p0.
  {
    variant: 'central-index',
    params: {
      ...small,
      peers: 3,
      files: [['b.mp3'], ['a.mp3'], ['a.mp3']],
      calls: [login(0), search(0), login(1), login(2)],
    },
    orbits: 5259,
  },
  // An early timer: a request sent twice, or given up before its answer.
  { variant: 'central-index', params: { ...logins, timeouts: 1 }, orbits: 80 },
  { variant: 'replicated-index', params: twins, orbits: 2213 },
  // An early timer: a peer's retry goes to every server, and the backups hold it (clients named).
  { variant: 'replicated-index', params: { ...logins, timeouts: 1 }, orbits: 4390 },
  // Two early timers, two servers: views installed with the twins' requests in their logs.
  { variant: 'replicated-index', params: { ...logins, indexes: 2, timeouts: 2 }, orbits: 6211 },
  // A third peer's search lists both, in peer order again after the swap.
  {
    variant: 'replicated-index',
    params: {
      ...small,
      indexes: 3,
      peers: 3,
      files: sources.files,
      calls: [login(0), login(1), search(2)],
    },
    orbits: 7313,
  },
]);

it('puts together the peers that share the same files and get the same calls', () => {
  const size = (params: JsonObject, variant = 'central-index') =>
    Symmetrizer.of(
      new System(
        protocol,
        protocol.variants.find((v) => v.name === variant)!,
        params,
      ),
    ).size;
  expect(size(twins)).toBe(2);
  // The bounded configurations: p0 and p1 share different files and get different calls.
  expect(size(protocol.bounded(1))).toBe(1);
  expect(size(protocol.bounded(2))).toBe(1);
  // Different files, or different calls: nothing to swap.
  expect(size({ ...twins, files: [['a.mp3'], ['b.mp3']] })).toBe(1);
  expect(size({ ...twins, calls: [login(0), search(0), login(1)] })).toBe(1);
  // The same files in another order log in with another argument.
  expect(
    size({
      ...twins,
      files: [
        ['a.mp3', 'b.mp3'],
        ['b.mp3', 'a.mp3'],
      ],
    }),
  ).toBe(1);
  // Three alike: all three (the configuration says where peers begin).
  expect(
    napsterSymmetry.classes(new System(protocol, protocol.variants[0]!, triplets).config),
  ).toEqual([[1, 2, 3]]);
  // p1 and p2 alike, p0 not: p1 and p2.
  expect(
    size({ ...sources, files: [['b.mp3'], ['a.mp3'], ['a.mp3']], calls: [login(1), login(2)] }),
  ).toBe(2);
  // Three alike, one of them downloading what they share: none (it would pick the lowest other).
  expect(size({ ...triplets, calls: [...triplets.calls, get(0)] })).toBe(1);
  // A crash budget: none (both may give up in one expiry, recorded in node order).
  expect(size({ ...logins, crashes: 1 })).toBe(1);
  // A third peer downloads what they share: none (it picks the lowest listed peer).
  expect(size(sources)).toBe(1);
  // Each downloads what only the twins share: from the other one, which the swap keeps.
  expect(size({ ...twins, calls: [...twins.calls, get(0), get(1)] })).toBe(2);
});

it('renames peer indices and names wherever they appear', () => {
  // One index server (node 0), peers p0..p2 at nodes 1..3: swap p0 and p1.
  const perm = [0, 2, 1, 3];
  const config = protocol.configure({
    ...small,
    peers: 3,
    files: [['a.mp3'], ['a.mp3'], ['b.mp3']],
    calls: [],
  });
  const { renameContext, renameMessage } = napsterSymmetry;
  const renameObservation = napsterSymmetry.renameObservation!;
  expect(
    renameMessage({ type: 'Request', client: 'p0', r: 1, f: 'login', key: 'a.mp3' }, perm, config),
  ).toEqual({ type: 'Request', client: 'p1', r: 1, f: 'login', key: 'a.mp3' });
  expect(
    renameMessage({ type: 'File', file: 'a.mp3', data: 'a.mp3 from p1' }, perm, config),
  ).toEqual({
    type: 'File',
    file: 'a.mp3',
    data: 'a.mp3 from p0',
  });
  const hits = [
    { peer: 1, file: 'a.mp3' },
    { peer: 2, file: 'a.mp3' },
    { peer: 2, file: 'ab.mp3' },
  ];
  // Hits stay in peer then file order.
  expect(renameMessage({ type: 'Reply', r: 1, value: hits, view: 0 }, perm, config)).toEqual({
    type: 'Reply',
    r: 1,
    value: [
      { peer: 1, file: 'a.mp3' },
      { peer: 1, file: 'ab.mp3' },
      { peer: 2, file: 'a.mp3' },
    ],
    view: 0,
  });
  expect(
    renameContext({ self: 0, store: { '1/a.mp3': 1, '3/b.mp3': 1, '2/a.mp3': 1 } }, perm, config),
  ).toEqual({ self: 0, store: { '1/a.mp3': 1, '2/a.mp3': 1, '3/b.mp3': 1 } });
  const entry = { client: 'p1', r: 2, f: 'logout', key: '', at: 2 };
  expect(
    renameContext(
      {
        self: 0,
        n: 1,
        log: [entry],
        requests: [],
        table: { p0: { r: 1, value: 0 } },
        store: {},
        best: null,
      },
      perm,
      config,
    ),
  ).toEqual({
    self: 0,
    n: 1,
    log: [{ ...entry, client: 'p0', at: 1 }],
    requests: [],
    table: { p1: { r: 1, value: 0 } },
    store: {},
    best: null,
  });
  expect(renameObservation({ node: 1, kind: 'found', q: 'p0.2', hits }, perm, config)).toEqual({
    node: 1,
    kind: 'found',
    q: 'p1.2',
    hits: [
      { peer: 1, file: 'a.mp3' },
      { peer: 1, file: 'ab.mp3' },
      { peer: 2, file: 'a.mp3' },
    ],
  });
  expect(
    renameObservation(
      { node: 0, kind: 'install', view: 1, members: [0], log: ['p0.1', 'p2.1'] },
      perm,
      config,
    ),
  ).toEqual({ node: 0, kind: 'install', view: 1, members: [0], log: ['p1.1', 'p2.1'] });
  expect(renameObservation({ node: 0, kind: 'apply', op: 'p1.3' }, perm, config)).toEqual({
    node: 0,
    kind: 'apply',
    op: 'p0.3',
  });
  expect(
    renameObservation(
      { node: 3, kind: 'got', file: 'a.mp3', peer: 2, data: 'a.mp3 from p1' },
      perm,
      config,
    ),
  ).toEqual({ node: 3, kind: 'got', file: 'a.mp3', peer: 1, data: 'a.mp3 from p0' });
});

it('would be wrong for peers that share different files: swapping them leaves the reachable set', () => {
  const params = { ...twins, files: [['a.mp3'], ['b.mp3']] };
  const wrong = { ...protocol, symmetry: { ...napsterSymmetry, classes: () => [[1, 2]] } };
  const sys = new System(wrong, protocol.variants[0]!, params);
  expect(sys.config.nodes[1]!.name).toBe('p0');
  const stray = strayImage(sys);
  expect(stray).not.toBeNull();
  // The right classes: none here, so nothing to reduce, and the declared symmetry finds no stray.
  const right = new System(protocol, protocol.variants[0]!, params);
  expect(Symmetrizer.of(right).size).toBe(1);
});

it('would be wrong with a crash budget: both may give up in one expiry, p0 first in every run', () => {
  // The index crashes with both logins outstanding; at quiescence one expiry fires both peers'
  // timers in node order, and the global order (read by search-complete and the others) records
  // p0's `failed` before p1's. The swapped history, p1's first, is no run's.
  const params = { ...logins, crashes: 1 };
  const wrong = { ...protocol, symmetry: { ...napsterSymmetry, classes: () => [[3, 4]] } };
  const sys = new System(wrong, protocol.variants[0]!, params);
  expect(sys.config.nodes[3]!.name).toBe('p0');
  expect(strayImage(sys)).not.toBeNull();
});

it('would be wrong when a third peer downloads what the twins share: it picks the lower one', () => {
  const wrong = { ...protocol, symmetry: { ...napsterSymmetry, classes: () => [[1, 2]] } };
  const sys = new System(wrong, protocol.variants[0]!, sources);
  const stray = strayImage(sys);
  // p2 (node 3) fetching a.mp3 from p1 (node 2) while its hits list p0 (node 1) first:
  // sourceOf takes the lowest listed peer, p0, in every run.
  const snapshots = JSON.parse(stray!)[0] as string[];
  const [, , phase, context] = JSON.parse(snapshots[3]!) as [string, number, string, JsonObject];
  expect(phase).toBe('fetching');
  expect(context['source']).toBe(2);
  expect(context['hits']).toContainEqual({ peer: 1, file: 'a.mp3' });
});
