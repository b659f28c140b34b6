import { describe, expect, it } from 'vitest';
import { activePaths, coverageLines } from '../../../checkers/exhaustive/coverage.ts';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { findProtocol } from '../../../models/index.ts';

describe('coverage', () => {
  it('lists the dotted paths of a state value', () => {
    expect(activePaths({ viewChange: { coordinating: 'collecting' } })).toEqual([
      'viewChange',
      'viewChange.coordinating',
      'viewChange.coordinating.collecting',
    ]);
  });

  it('leaves out states an unguarded eventless transition always leaves (they never rest)', () => {
    const vs = findProtocol('virtual-synchrony')!;
    const r = runExhaustive(vs, vs.variants[0]!, { nodes: 3, maxStates: 20_000 });
    const states = r.coverage[0]!.states.map((s) => s.state);
    expect(states).not.toContain('start');
    expect(states).not.toContain('viewChange.coordinating.installing');
    expect(states).toContain('viewChange.coordinating.collecting');
  });

  it('prints what was never exercised', () => {
    const line = coverageLines([
      {
        role: 'member',
        states: [
          { state: 'a', visited: true },
          { state: 'b', visited: false },
        ],
        transitions: [{ state: 'a', event: 'Ping', fired: false }],
      },
    ]);
    expect(line).toEqual(['member: states 1/2, transitions 0/1 (never: state b, a on Ping)']);
  });
});
