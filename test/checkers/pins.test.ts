import { describe, expect, it } from 'vitest';
import { comparePin } from '../../checkers/pins.ts';
import { findProtocol } from '../../models/index.ts';

const protocol = findProtocol('total-order')!;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;
const exhaustive = { engine: 'exhaustive', seed: 1, nodes: 3 } as const;
const sequencer = { complete: true, distinct: 4931, transitions: 14414, depth: 24 };

describe('comparePin', () => {
  it("agrees with the manifest's pin for a correct variant", () => {
    const pin = comparePin(protocol, variant('sequencer'), exhaustive, {
      ...sequencer,
      traceLength: null,
    });
    expect(pin).toEqual({
      pinned: '4931 states, 14414 transitions, depth 24',
      found: '4931 states, 14414 transitions, depth 24',
      matches: true,
    });
  });

  it('reports a drift in any pinned figure', () => {
    const pin = comparePin(protocol, variant('sequencer'), exhaustive, {
      ...sequencer,
      transitions: 14415,
      traceLength: null,
    });
    expect(pin?.matches).toBe(false);
    expect(pin?.found).toBe('4931 states, 14415 transitions, depth 24');
  });

  it("compares a mutant's counterexample length", () => {
    const found = { ...sequencer, complete: false };
    const same = comparePin(protocol, variant('lamport-no-wait'), exhaustive, {
      ...found,
      traceLength: 4,
    });
    const longer = comparePin(protocol, variant('lamport-no-wait'), exhaustive, {
      ...found,
      traceLength: 5,
    });
    expect([same?.matches, longer?.matches, longer?.pinned]).toEqual([true, false, '4 actions']);
  });

  it('has nothing to compare for other engines, node counts, symmetry, DFS or a cut-off search', () => {
    const figures = { ...sequencer, traceLength: null };
    const v = variant('sequencer');
    expect(comparePin(protocol, v, { ...exhaustive, engine: 'random' }, figures)).toBeNull();
    expect(comparePin(protocol, v, { ...exhaustive, nodes: 4 }, figures)).toBeNull();
    expect(comparePin(protocol, v, { ...exhaustive, symmetry: true }, figures)).toBeNull();
    expect(comparePin(protocol, v, { ...exhaustive, strategy: 'dfs' }, figures)).toBeNull();
    expect(comparePin(protocol, v, exhaustive, { ...figures, complete: false })).toBeNull();
  });

  it('compares only states and transitions for a parallel run (its depth is not breadth-first)', () => {
    const pin = comparePin(
      protocol,
      variant('sequencer'),
      { ...exhaustive, workers: 2 },
      {
        ...sequencer,
        depth: sequencer.depth + 3,
        traceLength: null,
      },
    );
    expect(pin).toMatchObject({ matches: true, pinned: '4931 states, 14414 transitions' });
  });
});
