import { describe, expect, it } from 'vitest';
import { runRandom } from '../../../checkers/random.ts';
import { publishSubscribeProtocol } from '../../../models/publish-subscribe/model.ts';
import { randomBreaks } from '../../helpers/liveness.ts';

const protocol = publishSubscribeProtocol;
const params = {
  subscribers: 2,
  publishers: 1,
  edges: 2,
  publications: [{ publisher: 0, topic: 'a' as const }],
  requests: [{ subscriber: 1, op: 'subscribe' as const, topic: 'b' as const }],
  drops: 1,
  crashes: 1,
  timeouts: 0,
};

describe('publish-subscribe protocol definition', () => {
  it('has one correct variant and the five mutants, each breaking a promised property', () => {
    const names = protocol.properties.map((p) => p.name);
    expect(protocol.variants.filter((v) => v.breaks === undefined).map((v) => v.name)).toEqual([
      'cdn-tree',
    ]);
    for (const m of protocol.variants.filter((v) => v.breaks !== undefined)) {
      expect(names).toContain(m.breaks);
    }
  });

  it('lays out publishers, the origin, the edges and the subscribers over lossy FIFO links', () => {
    const config = protocol.configure(params);
    expect(config.network).toBe('fifo');
    expect(config.nodes.map((n) => `${n.name}:${n.role}`)).toEqual([
      'p0:publisher',
      'o:origin',
      'e0:edge',
      'e1:edge',
      's0:subscriber',
      's1:subscriber',
    ]);
    // Subscribers spread over the edges; every node knows the origin and the edges.
    expect(config.nodes[5]!.input).toMatchObject({
      edge: 3,
      origin: 1,
      edges: [2, 3],
      patience: 2,
    });
    expect(config.inputs).toEqual([
      { node: 0, event: { type: 'publish', topic: 'a', id: 'm0' } },
      { node: 5, event: { type: 'subscribe', topic: 'b' } },
    ]);
    expect(config.faults).toEqual({ drop: 1, crash: 1, timeout: 0 });
  });

  it('refuses parameters that cannot run, with a clear message', () => {
    const refuse = (p: object) => {
      const parsed = protocol.paramsSchema.safeParse({ ...params, ...p });
      return parsed.success ? null : parsed.error.issues.map((i) => i.message).join('; ');
    };
    expect(refuse({ crashes: 2 })).toContain('crashes must be fewer than edges');
    expect(refuse({ publications: [{ publisher: 3, topic: 'a' }] })).toContain('needs a publisher');
    expect(refuse({ requests: [{ subscriber: 2, op: 'subscribe', topic: 'a' }] })).toContain(
      'needs a subscriber',
    );
    expect(refuse({ edges: 1 })).not.toBeNull();
    expect(refuse({ requests: [{ subscriber: 0, op: 'subscribe', topic: 'z' }] })).not.toBeNull();
  });
});

describe('the correct variant under loss, crashes and early timers', () => {
  it('holds for 500 random scenarios of 1 to 3 subscribers', () => {
    const result = runRandom(protocol, protocol.variants[0]!, { runs: 500, seed: 5 });
    expect(result.trace?.violation ?? null).toBeNull();
  });
});

describe('liveness', () => {
  it('checks eventual delivery under weak fairness too (a liveness property)', () => {
    const live = protocol.properties.filter((p) => p.kind === 'quiescence' && p.liveness === true);
    expect(live.map((p) => p.name)).toEqual(['eventual-delivery']);
  });

  it('finds the ack-storm livelock at random as a run that never quiesces', () => {
    const v = protocol.variants.find((x) => x.name === 'ack-storm')!;
    expect(v.breaks).toBe('eventual-delivery');
    const result = runRandom(protocol, v, { runs: protocol.defaultRuns, seed: 1 });
    expect(result.trace?.violation?.property).toBe(randomBreaks(protocol, v));
    expect(result.trace?.violation?.loop).toBeDefined();
  });
});
