import { expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { manifestTests } from '../../helpers/manifest.ts';
import { protocol, variant } from './helpers.ts';

// The manifest's pins (models/primary-backup/manifest.ts): its only bounded configuration, 3
// servers, explores 1.5 million states and is `slow`, so the slow tier runs it; `fast` ones here.
manifestTests(protocol, 'fast');

it('exercises every state and every declared transition of both roles', () => {
  const r = runExhaustive(protocol, variant('master-slaves'), { nodes: 3, maxStates: 200_000 });
  expect(
    r.coverage.map((c) => [
      c.role,
      c.states.filter((s) => !s.visited).map((s) => s.state),
      c.transitions.filter((t) => !t.fired).map((t) => `${t.state} ${t.event}`),
    ]),
  ).toEqual([
    ['server', [], []],
    ['client', [], []],
  ]);
});
