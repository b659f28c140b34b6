import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { gnutellaProtocol, type GnutellaParams } from '../../../models/gnutella/model.ts';
import { candidates } from '../../../models/gnutella/walk.machine.ts';
import { descriptorsSent } from '../../../properties/gnutella-cost.ts';
import { walkMessages } from '../../../properties/random-walk.ts';
import { costRange } from './cost.ts';
import { deliver, historyOf, steps } from '../kernel/helpers.ts';
import { System } from '../../../models/kernel/system.ts';
import { firstViolation } from '../../../checkers/evaluate.ts';

/** A line 0-1-2-3-4 with the chord 1-3; copies at 1 (next door) and 4; a search with TTL 4. */
const near: GnutellaParams = {
  servents: 5,
  edges: [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [1, 3],
  ],
  shares: [
    { node: 1, key: 'song' },
    { node: 4, key: 'song' },
  ],
  firewalled: [],
  searches: [{ node: 0, key: 'song', ttl: 4 }],
  walkers: { k: 2, checkEvery: 2 },
};

/**
 * The bounded square (servent 0 searches with TTL 3 for the copy at 2, behind a firewall) without
 * its Ping: two walkers checking back every 2 steps (the default). With the Ping, whose four
 * descriptors interleave with every walker step, the search has over a million states.
 */
const square: GnutellaParams = { ...gnutellaProtocol.definition.bounded(4), pings: [] };

const variant = (name: string) => gnutellaProtocol.variants.find((v) => v.name === name)!;

describe('k random walkers', () => {
  it('go to a neighbour but the one they came from; biased, to the best-connected of those', () => {
    const degrees = [
      [1, 3],
      [2, 2],
      [3, 3],
    ] as const;
    expect(candidates([1, 2, 3], degrees, { from: 2 }, false)).toEqual([1, 3]);
    expect(candidates([1, 2, 3], degrees, { from: 1 }, true)).toEqual([3]);
    expect(candidates([2], degrees, { from: 2 }, false)).toEqual([2]);
  });

  it.each([
    ['random-walk', 44104, 62878, 29, 7],
    ['random-walk-biased', 19240, 27336, 27, 11],
  ])(
    '%s explores the square exhaustively to pinned counts',
    (name, distinct, transitions, depth, hit) => {
      const r = runExhaustive(gnutellaProtocol, variant(name), { params: square });
      expect([r.complete, r.trace, r.distinct, r.transitions, r.depth]).toEqual([
        true,
        null,
        distinct,
        transitions,
        depth,
      ]);
      expect(r.witnesses.map((w) => [w.property, w.depth])).toEqual([['query-hit', hit]]);
      const dfs = runExhaustive(gnutellaProtocol, variant(name), {
        params: square,
        strategy: 'dfs',
      });
      expect([dfs.complete, dfs.distinct, dfs.transitions]).toEqual([true, distinct, transitions]);
    },
  );

  it('walkers that ignore a stop are caught, with a trace that replays', () => {
    const r = runExhaustive(gnutellaProtocol, variant('walkers-never-stop'), { params: square });
    const trace = r.trace!;
    expect(trace.violation?.property).toBe('walker-stops');
    expect(trace.actions).toHaveLength(13);
    const replayed = replay(trace, traceSystem(trace, undefined, gnutellaProtocol));
    expect(replayed.divergence).toBeNull();
    expect(replayed.violation?.property).toBe('walker-stops');
  });

  describe('a walker back at a requester that left and joined again since', () => {
    /**
     * The line 0-1-2: servent 1 searches, sends its walker to 2, leaves and joins again (forgetting
     * the search); 2 takes the walker and, its only neighbour gone, sends it back to 1 with Hops 1,
     * to arrive at 1 with Hops 2: a check-back. (A random run of walkers-never-stop, seed 19, found
     * this: the servent sent a WalkCheck to itself, outside the links, and the run stopped with an
     * internal error.)
     */
    const line: GnutellaParams = {
      servents: 3,
      edges: [
        [0, 1],
        [1, 2],
      ],
      shares: [{ node: 0, key: 'song' }],
      firewalled: [0],
      leaves: [],
      classes: [0, 0, 0, 0],
      cache: { maxAge: 1, repeat: 0 },
      flow: { credit: 1, queue: 1 },
      searches: [{ node: 1, key: 'song', ttl: 4 }],
      pings: [],
      joins: [{ known: 0, ping: 0 }],
      faults: { crash: 0, leave: 1 },
    };
    const guid = '0001000000000000ff00000000000000';
    const back = (name: string) => {
      const sys = new System(gnutellaProtocol, variant(name), line);
      const w = steps(
        sys,
        sys.initial(),
        { type: 'input', node: 1, event: { type: 'search', id: 'q0', key: 'song', ttl: 4 } },
        { type: 'choose', node: 1, event: { type: 'walk', to: 2 } },
        { type: 'leave', node: 1 },
        { type: 'join', node: 1 },
        deliver(1, 2, { type: 'Query', guid, ttl: 4, hops: 0, key: 'song' }),
        deliver(1, 2, { type: 'Disconnect' }),
        deliver(2, 1, { type: 'Query', guid, ttl: 3, hops: 1, key: 'song' }),
      );
      return { sys, w };
    };

    it('is told stop there, by itself: the walker ends', () => {
      const { sys, w } = back('random-walk');
      const last = historyOf(w).slice(-2);
      expect(last).toEqual([
        { node: 1, kind: 'answered', guid, go: false },
        { node: 1, kind: 'walk-end', guid, why: 'forgotten' },
      ]);
      expect(firstViolation(sys, [w])).toBeNull();
    });

    it('walks on in walkers-never-stop, which walker-stops catches', () => {
      const { sys, w } = back('walkers-never-stop');
      // Its one candidate left (it came from 2), the walker goes on to 0 at once.
      expect(historyOf(w).at(-1)).toMatchObject({ node: 1, kind: 'walk', guid, to: [0] });
      expect(firstViolation(sys, [w])?.message).toBe(
        `node 1 sent walker ${guid} on after its requester answered stop`,
      );
    });
  });

  it('with a copy next door, send 2-4 messages where flooding with TTL 4 sends 10-11', () => {
    const all = (h: Parameters<typeof walkMessages>[0]) => descriptorsSent(h).total;
    expect(costRange('gnutella', near, [], all)).toEqual({ min: 10, max: 11 });
    expect(costRange('random-walk', near, [], walkMessages)).toEqual({ min: 2, max: 4 });
    expect(costRange('random-walk-biased', near, [], walkMessages)).toEqual({ min: 2, max: 4 });
  });

  it('in the square, where one flood covers all in 9-12 descriptors, may cost more (6-22)', () => {
    const all = (h: Parameters<typeof walkMessages>[0]) => descriptorsSent(h).total;
    expect(costRange('gnutella', square, [], all)).toEqual({ min: 9, max: 12 });
    expect(costRange('random-walk', square, [], walkMessages)).toEqual({ min: 6, max: 22 });
    expect(costRange('random-walk-biased', square, [], walkMessages)).toEqual({ min: 10, max: 22 });
  });

  it('refuses more walkers or a longer check-back interval than the schema allows', () => {
    const messages = (walkers: object) => {
      const parsed = gnutellaProtocol.paramsSchema.safeParse({ ...near, walkers });
      return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
    };
    expect(messages({ k: 4, checkEvery: 7 })).toBe('ok');
    expect(messages({ k: 5, checkEvery: 1 })).toMatch(/4/);
    expect(messages({ k: 0, checkEvery: 1 })).toMatch(/1/);
  });
});
