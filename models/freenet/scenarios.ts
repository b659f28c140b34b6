/**
 * The Freenet scenarios fast-check generates (connected topologies, workloads, joins, failures,
 * forgers) and the bounded configurations the exhaustive engine explores.
 */
import * as fc from 'fast-check';
import { drawn, lengths } from '../kernel/params.ts';
import type { ScenarioBounds } from '../kernel/protocol.ts';
import { RANGES, type FreenetParams } from './params.ts';

const KEYS = ['ksk:alpha', 'ssk:alice/doc', 'chk:a', 'chk:b'] as const;
/** Signers: mostly the rightful one; sometimes a forger (another description or owner). */
const SIGNER = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.constantFrom('ksk:other', 'owner:mallory'), weight: 1 },
);

/** The scenarios for a node-count range (one run in four has a node joining later). */
export function scenarios({ minNodes, maxNodes }: ScenarioBounds): fc.Arbitrary<FreenetParams> {
  return fc
    .tuple(fc.integer({ min: minNodes, max: maxNodes }), fc.nat({ max: 3 }))
    .chain(([n, joiner]) => {
      const joining = joiner === 0 && n > Math.max(2, minNodes) ? 1 : 0;
      return scenario(n - joining, joining);
    });
}

/** Faults: none in most runs, else a crash, a leave and timers. */
const FAULTS = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  {
    arbitrary: fc.record({
      crash: fc.integer(RANGES.crash),
      leave: fc.integer(RANGES.leave),
      timeout: fc.integer(RANGES.timeout),
    }),
    weight: 2,
  },
);

/** A scenario with `n` nodes at the start and `joining` joining ones. */
function scenario(n: number, joining: number): fc.Arbitrary<FreenetParams> {
  const all = n + joining;
  const at = fc.nat(all - 1);
  const htl = fc.oneof(fc.constant(all), drawn(RANGES.htl, all));
  const requestHtl = fc.oneof(
    { arbitrary: fc.constant(all), weight: 3 },
    { arbitrary: drawn(RANGES.htl, all), weight: 1 },
  );
  const insert = fc
    .record({ node: at, key: fc.constantFrom(...KEYS), data: fc.constantFrom('a', 'b'), htl })
    .chain((i) =>
      i.key.startsWith('chk:')
        ? fc.constant({ ...i, key: `chk:${i.data}` })
        : SIGNER.map((signer) => (signer === undefined ? i : { ...i, signer })),
    );
  return fc
    .record({
      nodes: fc.constant(n),
      edges: fc
        .tuple(
          fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat(i))),
          fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), lengths(RANGES.extraEdges, all)),
        )
        .map(([parents, extra]) => [
          ...parents.map((p, i) => [p, i + 1] as const),
          ...extra.filter(([a, b]) => a !== b),
        ]),
      capacity: fc.oneof(
        fc.constant(RANGES.capacity.max),
        fc.constant(RANGES.capacity.max),
        fc.integer({ min: RANGES.capacity.min, max: 2 }),
      ),
      inserts: fc.array(insert, lengths(RANGES.inserts, all)),
      // None, or one (RANGES.corrupt).
      corrupt: fc.oneof(fc.constant([]), fc.tuple(at)),
      requests: fc.array(
        fc.record({ node: at, key: fc.constantFrom(...KEYS), htl: requestHtl }),
        lengths(RANGES.requests, all),
      ),
      // Requests mostly ask for an inserted key, so that discovery is exercised.
      asks: fc.array(fc.nat(2), { minLength: 2, maxLength: 2 }),
      joins: fc.array(fc.record({ seed: fc.nat(n - 1), htl: fc.constant(all) }), {
        minLength: joining,
        maxLength: joining,
      }),
      faults: FAULTS,
    })
    .map(({ joins, faults, asks, ...p }) => ({
      ...p,
      requests: p.requests.map((r, k) =>
        asks[k]! > 0 ? { ...r, key: p.inserts[asks[k]! % p.inserts.length]!.key } : r,
      ),
      ...(joins.length > 0 ? { joins } : {}),
      ...(faults !== undefined ? { faults } : {}),
    }));
}

/**
 * The bounded configuration. At 4 nodes: a triangle 0-2-3 (so loops happen) with node 1, the
 * closest to `ksk:alpha`, a leaf off 3 (so greedy routing from 2 hits a dead end and must
 * backtrack). Node 0 holds the key (an insert with HTL 0); node 1 inserts other data under it,
 * which routes 1-3-0 and collides; node 2 requests it, along 2-3-(1)-0 and back through 3. Node 3
 * inserts `chk:t` (closest to node 2) with HTL 3: the key goes 3-2-0, all clear, and the data
 * follows, through node 2, which corrupts and alters it: 0 must check it and drop it (a corrupt
 * forwarder; node 2 also forges the replies to requests that reach it). Extra nodes hang off node
 * 0 in a chain.
 * Below 4 nodes, churn and failures instead: a line whose first node inserts, one node joining off
 * the last one and requesting the key, and a budget of one crash and one leave.
 */
export function bounded(nodes: number): FreenetParams {
  if (nodes < 4) {
    return {
      nodes,
      edges: Array.from({ length: nodes - 1 }, (_, i) => [i, i + 1] as const),
      capacity: 8,
      inserts: [{ node: 0, key: 'ksk:alpha', data: 'b', htl: nodes + 1 }],
      requests: [{ node: nodes, key: 'ksk:alpha', htl: nodes + 1 }],
      corrupt: [],
      joins: [{ seed: nodes - 1, htl: 2 }],
      faults: { crash: 1, leave: 1 },
    };
  }
  const chain = Array.from({ length: nodes - 4 }, (_, i) => [i === 0 ? 0 : i + 3, i + 4] as const);
  return {
    nodes,
    edges: [[0, 2], [2, 3], [3, 0], [1, 3], ...chain],
    capacity: 8,
    inserts: [
      { node: 0, key: 'ksk:alpha', data: 'b', htl: 0 },
      { node: 1, key: 'ksk:alpha', data: 'a', htl: 3 },
      { node: 3, key: 'chk:t', data: 't', htl: 3 },
    ],
    requests: [{ node: 2, key: 'ksk:alpha', htl: nodes }],
    corrupt: [2],
  };
}
