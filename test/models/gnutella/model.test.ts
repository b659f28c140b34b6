import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { runRandom } from '../../../checkers/random.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { configure, flowBounded, gnutellaProtocol } from '../../../models/gnutella/model.ts';
import { randomBreaks } from '../../helpers/liveness.ts';
import type { CheckedProperty, History } from '../../../models/kernel/spec.ts';

const base = gnutellaProtocol.definition.bounded(4);
const messages = (changes: object) => {
  const parsed = gnutellaProtocol.paramsSchema.safeParse({ ...base, ...changes });
  return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
};

describe('the configuration', () => {
  it('gives each servent its connections and shares; a joiner starts outside', () => {
    const config = configure(gnutellaProtocol.definition.bounded(3));
    expect(config.nodes.map((n) => n.name)).toEqual(['s0', 's1', 's2', 's3']);
    expect(config.nodes[0]!.input).toMatchObject({ neighbours: [1, 2], shares: [], known: null });
    expect(config.nodes[2]!.input).toMatchObject({ shares: ['song'] });
    expect(config.nodes[3]).toMatchObject({ out: true, input: { known: 0, pingTtl: 1 } });
    expect(config.network).toBe('fifo');
    expect(config.faults).toEqual({ join: 1, crash: 1, leave: 1 });
  });
});

describe('the parameters schema', () => {
  it('accepts every bounded configuration', () => {
    for (let n = 2; n <= 5; n++) {
      expect(
        gnutellaProtocol.paramsSchema.safeParse(gnutellaProtocol.definition.bounded(n)).success,
      ).toBe(true);
    }
  });

  it('refuses TTLs out of range, with the range', () => {
    expect(messages({ searches: [{ node: 0, key: 'song', ttl: 0 }] })).toBe(
      'a TTL must be at least 1',
    );
    expect(messages({ pings: [{ node: 0, ttl: 8 }] })).toBe(
      'a TTL must be at most 7 (the Gnutella 0.4 norm)',
    );
  });

  it('refuses impossible topologies and sizes', () => {
    expect(
      messages({
        edges: [
          [0, 1],
          [2, 3],
        ],
        leaves: [],
      }),
    ).toBe('the topology must be connected');
    expect(
      messages({
        edges: [
          [0, 1],
          [1, 2],
          [2, 3],
          [3, 3],
        ],
      }),
    ).toMatch(/two distinct servents/);
    expect(
      messages({
        edges: [
          [0, 1],
          [1, 2],
          [2, 9],
        ],
      }),
    ).toMatch(/two distinct servents/);
    expect(messages({ servents: 9 })).toMatch(/8/);
    expect(messages({ joins: [{ known: 7, ping: 0 }] })).toMatch(/known host/);
    expect(messages({ searches: [{ node: 6, key: 'song', ttl: 2 }] })).toMatch(/name servents/);
    expect(messages({ shares: [{ node: 0, key: 'two words' }] })).toMatch(/a key is a word/);
  });

  it('refuses unknown parameters and fault kinds (connections are reliable: no drop)', () => {
    expect(messages({ topology: 'ring' })).toMatch(/topology/);
    expect(messages({ faults: { drop: 1 } })).toMatch(/drop/);
  });
});

describe('discovery within the horizon', () => {
  /**
   * The tempting property, "a query finds every copy within TTL hops", is false under asynchrony:
   * on a line 0-1-2-3 with the chord 0-2, a Query with TTL 2 from 0 may reach 2 first via 1 with
   * its TTL spent, drop the copy that comes directly from 0, and never reach 3, 2 hops away.
   */
  it('can miss a copy within TTL hops, which is why the property asks for every simple path', () => {
    const naive: CheckedProperty = {
      name: 'within-ttl-hops',
      statement: 'a query with TTL 2 from 0 finds the copy at 3',
      kind: 'quiescence',
      check: (h: History) =>
        h.some((o) => o.kind === 'query') && !h.some((o) => o.kind === 'hit')
          ? { property: 'within-ttl-hops', message: 'missed', nodes: [0], messages: [] }
          : null,
    };
    const params = {
      servents: 4,
      edges: [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 2],
      ],
      shares: [{ node: 3, key: 'song' }],
      firewalled: [],
      searches: [{ node: 0, key: 'song', ttl: 2 }],
    };
    const variant = gnutellaProtocol.variants[0]!;
    const held = runExhaustive(gnutellaProtocol, variant, { params });
    expect(held.trace).toBeNull();
    const missed = runExhaustive({ ...gnutellaProtocol, properties: [naive] }, variant, { params });
    expect(missed.trace?.violation?.property).toBe('within-ttl-hops');
  });
});

describe('flow control and liveness', () => {
  it('checks that walkers end under weak fairness too (a liveness property)', () => {
    const live = gnutellaProtocol.properties.filter(
      (p) => p.kind === 'quiescence' && p.liveness === true,
    );
    expect(live.map((p) => p.name)).toEqual(['walkers-end']);
    const flow = gnutellaProtocol.variants.filter((v) => v.bounded === flowBounded);
    expect(flow.map((v) => [v.name, v.breaks])).toEqual([
      ['flow-control', undefined],
      ['ignores-credit', 'credit-respected'],
      ['credits-credits', 'walkers-end'],
    ]);
  });

  it.each(['ignores-credit', 'credits-credits'])(
    'the random engine catches %s (a livelock as a run that never quiesces), replaying',
    (name) => {
      const variant = gnutellaProtocol.variants.find((v) => v.name === name)!;
      const found = runRandom(gnutellaProtocol, variant, {
        runs: gnutellaProtocol.defaultRuns,
        seed: 1,
      });
      const trace = found.trace!;
      expect(trace.violation?.property).toBe(randomBreaks(gnutellaProtocol, variant));
      const replayed = replay(trace, traceSystem(trace, undefined, gnutellaProtocol));
      expect(replayed.divergence).toBeNull();
      expect(replayed.violation?.property).toBe(trace.violation?.property);
    },
  );
});
