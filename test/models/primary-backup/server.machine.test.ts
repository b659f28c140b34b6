import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../models/kernel/action.ts';
import type { Move } from '../../../models/kernel/world.ts';
import {
  crash,
  deliver,
  entry,
  from,
  inFlight,
  invoke,
  node,
  normalCase,
  observed,
  protocol,
  request,
  run,
  server,
  small,
  system,
  timeout,
} from './helpers.ts';

const update: Payload = { type: 'Update', view: 0, entry: entry() };

/** The nodes whose timer would do something now. */
function timers(sys: ReturnType<typeof system>, w: ReturnType<typeof run>): number[] {
  const out: Move[] = [];
  sys.timeouts(w, out);
  return out.map((m) => m.a);
}

describe('the master in the normal case', () => {
  it('starts as master of view 0 with every server; the others are slaves', () => {
    const sys = system();
    const w = sys.initial();

    expect([0, 1, 2].map((i) => node(sys, w, i).state)).toEqual(['master', 'slave', 'slave']);
    expect(server(sys, w, 1)).toMatchObject({ view: 0, members: [0, 1, 2], log: [] });
  });

  it('sends the update to the slaves and waits for both acknowledgements', () => {
    const sys = system();
    const w = run(sys, ...normalCase().slice(0, 5));

    expect(server(sys, w, 0)).toMatchObject({ log: [entry()], committed: 0, acked: [0, 1, 0] });
    expect(inFlight(sys, w, 0, 3)).toEqual([]);
    expect(observed(w, 'apply')).toEqual([]);
  });

  it('executes, replies and tells the slaves to commit once every slave acknowledged', () => {
    const sys = system();
    const w = run(sys, ...normalCase());

    expect(server(sys, w, 0)).toMatchObject({ committed: 1, store: { x: 1 } });
    expect(server(sys, w, 0).table).toEqual({ c0: { r: 1, value: 1 } });
    expect(inFlight(sys, w, 0, 3)).toEqual([{ type: 'Reply', r: 1, value: 1, view: 0 }]);
    expect(inFlight(sys, w, 0, 1)).toEqual([{ type: 'Commit', view: 0, upTo: 1 }]);
    expect(observed(w, 'apply')).toEqual([{ node: 0, kind: 'apply', op: 'c0.1' }]);
  });

  it('lets slaves execute on commit, and the client observe the answer', () => {
    const sys = system();
    const commit = { type: 'Commit', view: 0, upTo: 1 };
    const reply = { type: 'Reply', r: 1, value: 1, view: 0 };
    const w = run(sys, ...normalCase(), deliver(0, 1, commit), deliver(0, 3, reply));

    expect(server(sys, w, 1)).toMatchObject({ committed: 1, store: { x: 1 } });
    expect(observed(w, 'apply', 'ok', 'invoke')).toEqual([
      { node: 3, kind: 'invoke', op: 'c0.1', f: 'incr', key: 'x' },
      { node: 0, kind: 'apply', op: 'c0.1' },
      { node: 1, kind: 'apply', op: 'c0.1' },
      { node: 3, kind: 'ok', op: 'c0.1', value: 1, view: 0 },
    ]);
  });
});

describe('the duplicate-request table', () => {
  it('answers a retry of an executed request from the table, without executing it again', () => {
    const sys = system();
    const w = run(sys, ...normalCase(), timeout(3), deliver(3, 0, request()));

    expect(inFlight(sys, w, 0, 3)).toEqual([
      { type: 'Reply', r: 1, value: 1, view: 0 },
      { type: 'Reply', r: 1, value: 1, view: 0 },
    ]);
    expect(inFlight(sys, w, 0, 1)).toEqual([{ type: 'Commit', view: 0, upTo: 1 }]);
    expect(observed(w, 'apply')).toHaveLength(1);
  });

  it('is what the no-duplicate-table mutant skips: the retry is appended and sent again', () => {
    const sys = system('no-duplicate-table');
    const w = run(sys, ...normalCase(), timeout(3), deliver(3, 0, request()));

    expect(server(sys, w, 0).log).toEqual([entry(), entry()]);
    expect(inFlight(sys, w, 0, 1)).toEqual([{ type: 'Commit', view: 0, upTo: 1 }, update]);
  });
});

describe('suspicion', () => {
  it('has no reason in a healthy group, even with a request in progress', () => {
    const sys = system();

    expect(timers(sys, sys.initial())).toEqual([]);
    expect(timers(sys, run(sys, ...normalCase().slice(0, 3)))).toEqual([3]);
  });

  it('arms at a slave that receives a client retry, until it sees the request executed', () => {
    const sys = system();
    const retried = run(sys, invoke(3), timeout(3), deliver(3, 1, request()));
    expect(timers(sys, retried)).toEqual([1, 3]);

    const w = from(
      sys,
      retried,
      deliver(3, 0, request()),
      deliver(3, 0, request()),
      deliver(0, 1, update),
      deliver(0, 2, update),
      deliver(1, 0, { type: 'Ack', view: 0, length: 1 }),
      deliver(2, 0, { type: 'Ack', view: 0, length: 1 }),
      deliver(0, 1, { type: 'Commit', view: 0, upTo: 1 }),
    );
    expect(server(sys, w, 1).requests).toEqual([]);
    expect(timers(sys, w)).toEqual([3]);
  });
});

describe('fail-over', () => {
  /** c0's increment reached both slaves, unacknowledged; the master crashes; c0 retries to all. */
  const failing = () => [
    invoke(3),
    deliver(3, 0, request()),
    deliver(0, 1, update),
    deliver(0, 2, update),
    crash(0),
    timeout(3),
    deliver(3, 1, request()),
    deliver(3, 2, request()),
  ];

  it('lets a suspecting slave collect a majority of promises and lead the new view', () => {
    const sys = system();
    let w = run(sys, ...failing(), timeout(1));
    expect(node(sys, w, 1).state).toBe('viewchange.collecting');
    expect(inFlight(sys, w, 1, 2)).toEqual([{ type: 'StartViewChange', view: 1 }]);

    w = from(sys, w, deliver(1, 2, { type: 'StartViewChange', view: 1 }));
    const promise = { type: 'DoViewChange', view: 1, normal: 0, log: [entry()], committed: 0 };
    expect(inFlight(sys, w, 2, 1)).toEqual([promise]);

    w = from(sys, w, deliver(2, 1, promise));
    expect(node(sys, w, 1).state).toBe('master');
    expect(server(sys, w, 1)).toMatchObject({ view: 1, members: [1, 2], log: [entry()] });
    expect(observed(w, 'install')).toEqual([
      { node: 1, kind: 'install', view: 1, members: [1, 2], log: ['c0.1'] },
    ]);
    const start = { type: 'StartView', view: 1, members: [1, 2], log: [entry()], committed: 0 };
    expect(inFlight(sys, w, 1, 2)).toEqual([start]);
  });

  it('commits the survivors’ log in the new view and answers the client there', () => {
    const sys = system();
    const start = { type: 'StartView', view: 1, members: [1, 2], log: [entry()], committed: 0 };
    const w = run(
      sys,
      ...failing(),
      timeout(1),
      deliver(1, 2, { type: 'StartViewChange', view: 1 }),
      deliver(2, 1, { type: 'DoViewChange', view: 1, normal: 0, log: [entry()], committed: 0 }),
      deliver(1, 2, start),
      deliver(2, 1, { type: 'Ack', view: 1, length: 1 }),
      deliver(1, 3, { type: 'Reply', r: 1, value: 1, view: 1 }),
    );

    expect(node(sys, w, 2).state).toBe('slave');
    expect(observed(w, 'ok')).toEqual([{ node: 3, kind: 'ok', op: 'c0.1', value: 1, view: 1 }]);
    expect(observed(w, 'apply')).toEqual([{ node: 1, kind: 'apply', op: 'c0.1' }]);
  });

  it('makes the lowest promiser master even when another server collected the promises', () => {
    const sys = system();
    const svc = { type: 'StartViewChange', view: 2 };
    let w = run(sys, ...failing(), timeout(2), deliver(2, 1, svc));
    const promise = { type: 'DoViewChange', view: 2, normal: 0, log: [entry()], committed: 0 };
    expect(inFlight(sys, w, 1, 2)).toEqual([promise]);

    w = from(sys, w, deliver(1, 2, promise));
    const start = { type: 'StartView', view: 2, members: [1, 2], log: [entry()], committed: 0 };
    expect(node(sys, w, 2).state).toBe('viewchange.promised');
    expect(inFlight(sys, w, 2, 1)).toEqual([start]);

    w = from(sys, w, deliver(2, 1, start));
    expect(node(sys, w, 1).state).toBe('master');
    expect(inFlight(sys, w, 1, 2)).toEqual([start]);
    w = from(sys, w, deliver(1, 2, start));
    expect(node(sys, w, 2).state).toBe('slave');
    expect(inFlight(sys, w, 2, 1)).toEqual([{ type: 'Ack', view: 2, length: 1 }]);
  });

  it('ignores the old master’s updates once a newer view is promised', () => {
    const sys = system();
    const w = run(
      sys,
      invoke(3),
      timeout(3),
      deliver(3, 1, request()),
      timeout(1),
      deliver(3, 0, request()),
      deliver(1, 2, { type: 'StartViewChange', view: 1 }),
      deliver(0, 2, update),
    );

    expect(server(sys, w, 2)).toMatchObject({ promised: 1, log: [] });
    expect(inFlight(sys, w, 2, 0)).toEqual([]);
  });

  it('starts a view from the freshest log among the promises, not the coordinator’s own', () => {
    const sys = system();
    const promise = { type: 'DoViewChange', view: 2, normal: 0, log: [entry()], committed: 0 };
    // Server 2 never received the update; server 1 holds it.
    const w = run(
      sys,
      invoke(3),
      deliver(3, 0, request()),
      deliver(0, 1, update),
      crash(0),
      timeout(3),
      deliver(3, 2, request()),
      timeout(2),
      deliver(2, 1, { type: 'StartViewChange', view: 2 }),
      deliver(1, 2, promise),
    );

    expect(inFlight(sys, w, 2, 1)).toEqual([
      { type: 'StartView', view: 2, members: [1, 2], log: [entry()], committed: 0 },
    ]);
  });
});

describe('the reply-before-ack mutant', () => {
  it('loses an acknowledged increment at fail-over, which every history property sees', () => {
    const sys = system('reply-before-ack', {
      ...small,
      calls: [
        { client: 0, f: 'incr', key: 'x' },
        { client: 0, f: 'incr', key: 'x' },
      ],
    });
    const start = { type: 'StartView', view: 1, members: [1, 2], log: [], committed: 0 };
    const second = { type: 'Update', view: 1, entry: entry(2) };
    const w = run(
      sys,
      invoke(3),
      deliver(3, 0, request()), // replied at once, before any slave holds it
      deliver(0, 3, { type: 'Reply', r: 1, value: 1, view: 0 }),
      crash(0),
      invoke(3),
      timeout(3),
      deliver(3, 1, request(2)),
      timeout(1),
      deliver(1, 2, { type: 'StartViewChange', view: 1 }),
      deliver(2, 1, { type: 'DoViewChange', view: 1, normal: 0, log: [], committed: 0 }),
      deliver(1, 2, start),
      deliver(1, 2, second),
      deliver(2, 1, { type: 'Ack', view: 1, length: 0 }),
      deliver(2, 1, { type: 'Ack', view: 1, length: 1 }),
      deliver(1, 3, { type: 'Reply', r: 2, value: 1, view: 1 }),
    );
    const history = observed(w);
    const context = sys.propertyContext(w);

    expect(observed(w, 'ok').map((o) => [o.op, o.value])).toEqual([
      ['c0.1', 1],
      ['c0.2', 1],
    ]);
    expect(
      Object.fromEntries(
        protocol.properties.flatMap((p) =>
          p.kind === 'safety' ? [[p.name, p.check(history, context)?.message ?? null]] : [],
        ),
      ),
    ).toEqual({
      'no-missed-action': 'node 1 installed view 1 without c0.1, acknowledged to node 3 in view 0',
      'no-duplicate-action': null,
      'prefix-consistency': 'node 1 executed c0.2 as its action 1, node 0 executed c0.1',
      linearizability: 'not linearizable: c0.2 incr(x) → 1, with c0.1 incr(x) → 1',
    });
  });
});
