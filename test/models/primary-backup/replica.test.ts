import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RecordedEffects, type GuardParams } from '../../../models/kernel/step.ts';
import type { DoViewChange } from '../../../models/primary-backup/messages.ts';
import {
  commit,
  countVote,
  handOffView,
  hasQuorum,
  initialServer,
  install,
  majority,
  nextView,
  quorumView,
  record,
  serve,
  startViewChange,
  type ServerContext,
  type ServerGuard,
  type ServerMessage,
} from '../../../models/primary-backup/replica.ts';
import { entry } from './helpers.ts';

/** The correct protocol's answers to the guards a step asks by name. */
function honest(guard: ServerGuard, params?: GuardParams): boolean {
  if (guard === 'isDuplicate') {
    const { entry: e, done } = params as { entry: { r: number }; done?: { r: number } };
    return done !== undefined && done.r >= e.r;
  }
  const { length, members, acked } = params as {
    length: number;
    members: readonly number[];
    acked: readonly number[];
  };
  return members.every((m) => (acked[m] ?? 0) >= length);
}

/** Effects that record what a step did, answering guards as the correct protocol does. */
const recorded = () => new RecordedEffects<ServerMessage, ServerGuard>(honest);

/** A vote for view `view` from `from`, reporting its last installed view and log. */
const vote = (
  from: number,
  view: number,
  normal: number,
  log = [entry()],
  committed = 0,
): DoViewChange => ({ type: 'DoViewChange', view, normal, log, committed, from });

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

describe('server steps', () => {
  it('starts view 0 with every server, server 0 master, nothing logged', () => {
    expect(initialServer(2, 3)).toMatchObject({ view: 0, promised: 0, members: [0, 1, 2] });
  });

  it('prefers the log of the latest installed view to a longer, older one', () => {
    const out = recorded();
    let c = startViewChange(initialServer(1, 5), out); // view 1; its own report: view 0, no log
    c = countVote(c, vote(2, 1, 0, [entry(1), entry(2)]));
    expect(hasQuorum(c)).toBe(false);
    c = countVote(c, vote(3, 1, 4, [entry(1)], 1));
    expect(hasQuorum(c)).toBe(true);
    c = install(c, quorumView(c), out);

    expect(c).toMatchObject({ view: 1, members: [1, 2, 3], log: [entry(1)], committed: 1 });
    const start = { type: 'StartView', view: 1, members: [1, 2, 3], log: [entry(1)], committed: 1 };
    expect(out.sent.filter((s) => s.msg.type === 'StartView')).toEqual([
      { to: 2, msg: start },
      { to: 3, msg: start },
    ]);
  });

  it('hands a view whose lowest member is another server to that server, and stops collecting', () => {
    const out = recorded();
    let c = startViewChange(initialServer(2, 3), out);
    c = countVote(c, vote(0, 2, 0, []));
    c = handOffView(c, out);

    expect(out.sent.at(-1)).toEqual({
      to: 0,
      msg: { type: 'StartView', view: 2, members: [0, 2], log: [], committed: 0 },
    });
    expect(c).toMatchObject({ promised: 2, view: 0, votes: [], best: null });
  });

  it('executes committed entries once, in log order, and updates the duplicate table', () => {
    const out = recorded();
    const log = [entry(1), entry(2, 'read')];
    let c: ServerContext = { ...initialServer(1, 3), log };
    c = commit(c, 1, out);
    c = commit(c, 1, out);
    c = commit(c, 5, out);

    expect(c).toMatchObject({ committed: 2, store: { x: 1 } });
    expect(c.table).toEqual({ c0: { r: 2, value: 1 } });
    expect(out.observed).toEqual([
      { kind: 'apply', op: 'c0.1' },
      { kind: 'apply', op: 'c0.2' },
    ]);
    expect(out.sent).toEqual([]);
  });

  it('answers a retry from the duplicate table unless isDuplicate says otherwise', () => {
    const executed: ServerContext = {
      ...initialServer(0, 3),
      log: [entry(1)],
      committed: 1,
      table: { c0: { r: 1, value: 1 } },
    };
    const retry = { client: 'c0', r: 1, f: 'incr', key: 'x', from: 3 } as const;
    const out = recorded();
    const answered = serve(record(executed, retry, true), out);
    expect(answered.log).toEqual([entry(1)]);
    expect(out.sent).toEqual([{ to: 3, msg: { type: 'Reply', r: 1, value: 1, view: 0 } }]);

    const forgetful = new RecordedEffects<ServerMessage, ServerGuard>((g, p) =>
      g === 'isDuplicate' ? false : honest(g, p),
    );
    const again = serve(record(executed, retry, true), forgetful);
    expect(again.log).toEqual([entry(1), entry(1)]);
    expect(forgetful.sent.map((s) => [s.to, s.msg.type])).toEqual([
      [1, 'Update'],
      [2, 'Update'],
    ]);
  });
});
