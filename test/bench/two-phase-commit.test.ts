import { describe, expect, it } from 'vitest';
import { consistency, twoPhaseCommitProtocol as protocol } from '../../bench/two-phase-commit.ts';
import { runExhaustive } from '../../checkers/exhaustive/search.ts';
import type { Variant } from '../../models/kernel/protocol.ts';

const obs = (node: number, kind: string) => ({ node, kind });

describe('the benchmark two-phase commit', () => {
  it('commit-consistency holds on a history where all commit, fails where one aborts', () => {
    const context = { nodes: 3, up: [true, true, true] };
    expect(consistency.check([obs(1, 'committed'), obs(2, 'committed')], context)).toBeNull();
    expect(consistency.check([obs(1, 'committed'), obs(2, 'aborted')], context)).toMatchObject({
      property: 'commit-consistency',
      nodes: [1, 2],
    });
  });

  it('holds exhaustively, with the pinned counts', () => {
    const r = runExhaustive(protocol, protocol.variants[0]!, { params: { rms: 3 } });
    expect([r.distinct, r.transitions, r.complete]).toEqual([162, 864, true]);
  });

  it('catches a manager that commits without waiting for every vote', () => {
    const base = protocol.variants[0]!;
    const tm = base.roles['tm']!;
    const hasty: Variant = {
      ...base,
      name: 'hasty',
      roles: {
        ...base.roles,
        tm: { ...tm, machine: tm.machine.provide({ guards: { allPrepared: () => true } }) },
      },
    };
    const r = runExhaustive(protocol, hasty, { params: { rms: 2 } });
    expect(r.trace?.violation?.property).toBe('commit-consistency');
  });
});
