import { describe, expect, it } from 'vitest';
import { runRandom } from '../../../checkers/random.ts';
import {
  bounded,
  configure,
  overlayMulticastProtocol,
} from '../../../models/overlay-multicast/model.ts';
import { randomBreaks } from '../../helpers/liveness.ts';

const base = bounded(3);
const messages = (changes: object) => {
  const parsed = overlayMulticastProtocol.paramsSchema.safeParse({ ...base, ...changes });
  return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
};

describe('the configuration', () => {
  it('lays out the initial group (converged), the joiners (dormant) and the bootstrap node', () => {
    const config = configure(base);
    expect(config.nodes.map((n) => n.name)).toEqual(['m0', 'm1', 'm2', 'm3', 'boot']);
    expect(config.nodes[1]!.input).toMatchObject({
      self: 1,
      boot: 4,
      cost: [1, 0, 2, 3],
      initial: { members: [0, 1, 2], neighbours: [0, 2] },
    });
    expect(config.nodes[3]!.input).toMatchObject({ initial: null, packets: 0 });
    expect(config.nodes[0]!.input).toMatchObject({ packets: 3 });
    expect(config.inputs).toEqual([
      { node: 3, event: { type: 'join' } },
      { node: 1, event: { type: 'crash' } },
    ]);
    expect(config.network).toBe('fifo');
  });
});

describe('the parameters schema', () => {
  it('accepts every bounded configuration', () => {
    for (let n = 2; n <= 4; n++) expect(messages(bounded(n))).toBe('ok');
  });

  it('refuses bad underlays, too many members and bad departures with a clear message', () => {
    expect(messages({ underlay: 'mesh' })).toMatch(
      /unknown underlay "mesh": one of star, dumbbell, line/,
    );
    expect(messages({ members: 4, joiners: 1 })).toMatch(
      /5 members \(4 \+ 1 joiners\) but the line underlay has 4 edge routers/,
    );
    expect(messages({ crashes: [0] })).toMatch(/source \(member 0\) neither leaves nor crashes/);
    expect(messages({ crashes: [7] })).toMatch(/every leave and crash needs a member/);
    expect(messages({ leaves: [1], crashes: [1] })).toMatch(/a member leaves or crashes once/);
    expect(messages({ degree: 0 })).not.toBe('ok');
  });
});

describe('the variants and the liveness property', () => {
  const protocol = overlayMulticastProtocol;

  it('has Narada and four mutants, each breaking a promised property', () => {
    expect(protocol.variants.map((v) => [v.name, v.breaks])).toEqual([
      ['narada', undefined],
      ['no-path-check', 'loop-free-routes'],
      ['reattach-to-descendant', 'mesh-connected'],
      ['probe-on-answer', 'settled-delivery'],
      ['forward-to-sender', 'no-backward-forwarding'],
    ]);
  });

  it('checks settled delivery under weak fairness too (a liveness property)', () => {
    const live = protocol.properties.filter((p) => p.kind === 'quiescence' && p.liveness === true);
    expect(live.map((p) => p.name)).toEqual(['settled-delivery']);
  });

  it('finds the livelock of probe-on-answer at random as a run that never quiesces', () => {
    const v = protocol.variants.find((x) => x.name === 'probe-on-answer')!;
    const result = runRandom(protocol, v, { runs: protocol.defaultRuns, seed: 1 });
    expect(result.ok).toBe(false);
    expect(result.trace?.violation?.property).toBe(randomBreaks(protocol, v));
    expect(result.trace?.violation?.loop).toBeDefined();
  });
});
