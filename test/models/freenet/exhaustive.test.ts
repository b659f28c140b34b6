import { expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { freenetProtocol } from '../../../models/freenet/model.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = freenetProtocol;

// The manifest's bounded configurations (models/freenet/manifest.ts), explored fully: each correct
// variant's pinned counts and each mutant's shortest counterexample, action by action.
manifestTests(protocol, 'fast');

it('exercises every declared transition of the node (joins, timers and leaves included)', () => {
  const r = runExhaustive(protocol, protocol.variants[0]!, { nodes: 2 });
  expect(r.coverage.map((c) => [c.role, c.transitions.filter((t) => !t.fired).length])).toEqual([
    ['node', 0],
  ]);
});
