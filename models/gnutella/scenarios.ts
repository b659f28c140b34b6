/**
 * The Gnutella scenarios fast-check generates (connected topologies, shares, searches, pings,
 * joining servents, failures) and the bounded configurations the exhaustive engine explores.
 */
import * as fc from 'fast-check';
import { drawn, lengths } from '../kernel/params.ts';
import type { ScenarioBounds } from '../kernel/protocol.ts';
import { RANGES, type GnutellaParams } from './params.ts';

const KEYS = ['song', 'talk'] as const;

/** Faults: none in most runs (so discovery is checked), else a crash and a leave. */
const FAULTS = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  {
    arbitrary: fc.record({
      crash: fc.integer(RANGES.crash),
      leave: fc.integer(RANGES.leave),
    }),
    weight: 1,
  },
);

/** The scenarios for a servent-count range (one run in four has a servent joining later). */
export function scenarios({ minNodes, maxNodes }: ScenarioBounds): fc.Arbitrary<GnutellaParams> {
  return fc
    .tuple(fc.integer({ min: minNodes, max: maxNodes }), fc.nat({ max: 3 }))
    .chain(([n, joiner]) => scenario(n, joiner === 0 ? 1 : 0));
}

/** A scenario with `n` servents at the start and `joining` joining ones. */
function scenario(n: number, joining: number): fc.Arbitrary<GnutellaParams> {
  const all = n + joining;
  const at = fc.nat(all - 1);
  const ttl = fc.oneof(fc.constant(Math.min(all, 7)), drawn(RANGES.ttl, n));
  return fc
    .record({
      servents: fc.constant(n),
      edges: fc
        .tuple(
          fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat(i))),
          fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), lengths(RANGES.extraEdges, n)),
        )
        .map(([parents, extra]) => [
          ...parents.map((p, i) => [p, i + 1] as const),
          ...extra.filter(([a, b]) => a !== b),
        ]),
      shares: fc.array(
        fc.record({ node: at, key: fc.constantFrom(...KEYS) }),
        lengths(RANGES.shares, n),
      ),
      firewalled: fc.oneof(fc.constant([]), fc.tuple(at)),
      // One leaf (for the ultrapeer variant): the last servent, a leaf of the spanning tree, so the
      // ultrapeers stay connected without it.
      leaves: fc.constantFrom([], [n - 1]),
      classes: fc.array(fc.nat(1), { minLength: all, maxLength: all }),
      cache: fc.record({ maxAge: fc.integer(RANGES.maxAge), repeat: fc.integer(RANGES.repeat) }),
      flow: fc.record({ credit: fc.integer(RANGES.credit), queue: fc.integer(RANGES.queue) }),
      searches: fc.array(
        fc.record({ node: at, key: fc.constantFrom(...KEYS), ttl }),
        lengths(RANGES.searches, n),
      ),
      pings: fc.array(fc.record({ node: at, ttl }), lengths(RANGES.pings, n)),
      // Never the last servent, which may be a leaf.
      joins: fc.array(
        fc.record({ known: fc.nat(Math.max(0, n - 2)), ping: fc.constantFrom(0, 2) }),
        {
          minLength: joining,
          maxLength: joining,
        },
      ),
      faults: FAULTS,
    })
    .map(({ joins, faults, ...p }) => ({
      ...p,
      ...(joins.length > 0 ? { joins } : {}),
      ...(faults !== undefined ? { faults } : {}),
    }));
}

/**
 * The bounded configuration. At 4 servents: a square 0-1-2-3-0 with the diagonal 1-3, so a Query
 * from 0 reaches 1 and 3 twice (duplicates to drop) and 2 along two paths; servent 2 shares
 * `song` behind a firewall (its hit makes 0 send a Push back along the hit's path), servent 0
 * searches for `song` with TTL 3 (every simple path from 0 to 2 is at most 3 long, so the hit is
 * due), and servent 2 pings its neighbours (TTL 1). In the ultrapeer variant 2 is a leaf of 1 and 3; in the capacity-matching variant 1 is a modem
 * (class 0), so it does not answer 2's Ping. Extra servents hang off 3 in a chain. Below 4, churn instead: a triangle (a line at 2
 * servents) whose last servent shares `song`, a servent joining off servent 0 that pings (TTL 1)
 * and searches with TTL 3, and a budget of one crash and one leave; the last servent is a leaf in
 * the ultrapeer variant; servent 0 is a modem (class 0), so it does not answer the joiner's Ping in
 * the capacity-matching variant. The caching variants take the default `cache` (entries expire
 * after 1 tick; each ping and search is repeated twice, a tick apart), so the second repeat
 * comes after the first answers have expired.
 */
export function bounded(nodes: number): GnutellaParams {
  if (nodes < 4) {
    return {
      servents: nodes,
      edges: [
        ...Array.from({ length: nodes - 1 }, (_, i) => [i, i + 1] as const),
        ...(nodes === 3 ? [[0, 2] as const] : []),
      ],
      shares: [{ node: nodes - 1, key: 'song' }],
      firewalled: [],
      leaves: [nodes - 1],
      classes: [0],
      searches: [{ node: nodes, key: 'song', ttl: 3 }],
      joins: [{ known: 0, ping: 1 }],
      faults: { crash: 1, leave: 1 },
    };
  }
  const chain = Array.from({ length: nodes - 4 }, (_, i) => [i === 0 ? 3 : i + 3, i + 4] as const);
  return {
    servents: nodes,
    edges: [[0, 1], [1, 2], [2, 3], [3, 0], [1, 3], ...chain],
    shares: [{ node: 2, key: 'song' }],
    firewalled: [2],
    leaves: [2],
    classes: [1, 0],
    searches: [{ node: 0, key: 'song', ttl: 3 }],
    pings: [{ node: 2, ttl: 1 }],
  };
}
