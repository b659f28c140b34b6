import { describe, expect, it } from 'vitest';
import { runRandom } from '../../../checkers/random.ts';
import { configure, ipMulticastProtocol } from '../../../models/ip-multicast/model.ts';
import { randomBreaks } from '../../helpers/liveness.ts';

const base = ipMulticastProtocol.definition.bounded(3);
const parse = (changes: object) =>
  ipMulticastProtocol.paramsSchema.safeParse({ ...base, ...changes });
const messages = (changes: object) => {
  const parsed = parse(changes);
  return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
};

describe('the configuration', () => {
  it('lays out routers, the source, the members and the directory', () => {
    const config = configure(base);
    expect(config.nodes.map((n) => n.name)).toEqual(['r0', 'r1', 'r2', 'src', 'h0', 'h1', 'sdr']);
    expect(config.nodes[1]!.input).toMatchObject({ upstream: 0, children: [], firstHop: false });
    expect(config.nodes[0]!.input).toMatchObject({ upstream: 3, children: [1, 2], firstHop: true });
  });
});

describe('the parameters schema', () => {
  it('accepts every bounded configuration', () => {
    for (let n = 3; n <= 5; n++) {
      expect(
        ipMulticastProtocol.paramsSchema.safeParse(ipMulticastProtocol.definition.bounded(n))
          .success,
      ).toBe(true);
    }
  });

  it('refuses bad groups, TTLs, thresholds and graphs with a clear message', () => {
    expect(messages({ group: '240.1.2.3' })).toMatch(/not a class-D group address/);
    expect(messages({ group: 'x' })).toMatch(/not a dotted-quad/);
    expect(messages({ sends: [256] })).toMatch(/TTL is at most 255/);
    expect(messages({ sends: [-1] })).toMatch(/TTL is at least 0/);
    expect(messages({ links: [{ a: 0, b: 1, threshold: 7 }] })).toMatch(/threshold must be one of/);
    expect(messages({ links: [{ a: 0, b: 1, threshold: 1 }] })).toMatch(/not connected/);
    expect(messages({ links: [{ a: 0, b: 0, threshold: 1 }] })).toMatch(/to itself/);
    expect(messages({ joins: [5] })).toMatch(/needs a member host/);
  });
});

describe('the variants and liveness', () => {
  it('has DVMRP and four mutants, each breaking a promised property', () => {
    expect(ipMulticastProtocol.variants.map((v) => [v.name, v.breaks])).toEqual([
      ['dvmrp', undefined],
      ['no-rpf-check', 'link-once'],
      ['ignored-prune', 'pruned-branch-silent'],
      ['ttl-not-compared', 'scoped-delivery'],
      ['flooded-graft-ack', 'member-delivery'],
    ]);
  });

  it('finds the flooded-graft-ack livelock at random as a run that never quiesces', () => {
    const v = ipMulticastProtocol.variants.find((x) => x.name === 'flooded-graft-ack')!;
    const result = runRandom(ipMulticastProtocol, v, {
      runs: ipMulticastProtocol.defaultRuns,
      seed: 1,
    });
    expect(result.trace?.violation?.property).toBe(randomBreaks(ipMulticastProtocol, v));
    expect(result.trace?.violation?.loop).toBeDefined();
  });

  it('checks member delivery under weak fairness too (a liveness property)', () => {
    const live = ipMulticastProtocol.properties.filter(
      (p) => p.kind === 'quiescence' && p.liveness === true,
    );
    expect(live.map((p) => p.name)).toEqual(['member-delivery']);
  });
});
