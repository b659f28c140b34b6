import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { DoViewChange } from '../../../models/primary-backup/messages.ts';
import {
  initialServer,
  majority,
  nextView,
  ServerStep,
  type Decisions,
  type ServerContext,
} from '../../../models/primary-backup/replica.ts';
import { entry } from './helpers.ts';

const honest: Decisions = {
  isDuplicate: (e, done) => done !== undefined && done.r >= e.r,
  allAcked: (length, members, acked) => members.every((m) => (acked[m] ?? 0) >= length),
};

/** A vote for view `view` from `from`, reporting its last installed view and log. */
const vote = (from: number, view: number, normal: number, log = [entry()], committed = 0) =>
  ({ type: 'DoViewChange', view, normal, log, committed, from }) as DoViewChange;

describe('majority and view numbers', () => {
  it('counts a majority of the servers', () => {
    expect([2, 3, 4, 5].map(majority)).toEqual([2, 2, 3, 3]);
  });

  it('gives each server its own view numbers, above the promised one', () => {
    expect([0, 1, 2].map((self) => nextView(0, self, 3))).toEqual([3, 1, 2]);
    expect(nextView(4, 1, 3)).toBe(7);
  });

  test.prop([fc.nat(100), fc.integer({ min: 2, max: 7 }), fc.nat(6)])(
    'nextView is the smallest number above the promise that is the server’s own',
    (promised, n, s) => {
      const self = s % n;
      const v = nextView(promised, self, n);
      expect(v).toBeGreaterThan(promised);
      expect(v % n).toBe(self);
      expect(v - promised).toBeLessThanOrEqual(n);
    },
  );
});

describe('ServerStep', () => {
  it('starts view 0 with every server, server 0 master, nothing logged', () => {
    expect(initialServer(2, 3)).toMatchObject({ view: 0, promised: 0, members: [0, 1, 2] });
  });

  it('prefers the log of the latest installed view to a longer, older one', () => {
    const s = new ServerStep(initialServer(1, 5), honest);
    s.startViewChange(); // proposes view 1; its own report: view 0, nothing logged
    s.countVote(vote(2, 1, 0, [entry(1), entry(2)]));
    s.countVote(vote(3, 1, 4, [entry(1)], 1));

    expect(s.context).toMatchObject({ view: 1, members: [1, 2, 3], log: [entry(1)] });
    expect(s.context.committed).toBe(1);
    expect(s.effects).toContainEqual({
      type: 'send',
      params: {
        to: [2, 3],
        msg: { type: 'StartView', view: 1, members: [1, 2, 3], log: [entry(1)], committed: 1 },
      },
    });
  });

  it('hands a view whose lowest member is another server to that server, and stops collecting', () => {
    const s = new ServerStep(initialServer(2, 3), honest);
    s.startViewChange();
    s.countVote(vote(0, 2, 0, []));

    expect(s.effects.at(-1)).toEqual({
      type: 'send',
      params: {
        to: 0,
        msg: { type: 'StartView', view: 2, members: [0, 2], log: [], committed: 0 },
      },
    });
    expect(s.context).toMatchObject({ promised: 2, view: 0, votes: [], best: null });
  });

  it('executes committed entries once, in log order, and updates the duplicate table', () => {
    const log = [entry(1), entry(2, 'read')];
    const context: ServerContext = { ...initialServer(1, 3), log };
    const s = new ServerStep(context, honest);
    s.commit(1);
    s.commit(1);
    s.commit(5);

    expect(s.context).toMatchObject({ committed: 2, store: { x: 1 } });
    expect(s.context.table).toEqual({ c0: { r: 2, value: 1 } });
    expect(s.effects).toEqual([
      { type: 'observe', params: { kind: 'apply', op: 'c0.1' } },
      { type: 'observe', params: { kind: 'apply', op: 'c0.2' } },
    ]);
  });
});
