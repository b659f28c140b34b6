import { describe, expect, it } from 'vitest';
import { RecordedEffects } from '../../../models/kernel/step.ts';
import {
  abortTxn,
  commitTxn,
  compatibleModes,
  coversMode,
  queueRequest,
  readWithoutLock,
  serveWaiting,
  unlockTxn,
  type CompatibleParams,
  type CoversParams,
  type Operation,
  type ServerContext,
  type ServerEffects,
  type ServerGuard,
  type ServerMessage,
} from '../../../models/two-phase-locking/data-manager.ts';
import {
  waitDie,
  waitForGraph,
  woundWait,
  type DeadlockPolicy,
} from '../../../models/two-phase-locking/deadlock-policies.ts';

const DETECTOR = 9;

/** Freezes a value and everything in it, so a step that mutates its input throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const field of Object.values(value)) deepFreeze(field);
  }
  return value;
}

/** The guards of the correct lock manager under `policy`, some replaced. */
type Rules = Partial<Record<ServerGuard, (params: never) => boolean>>;

/**
 * A server holding x and y, nothing locked, under `policy` with `rules` replaced; `run` applies a
 * step to its state (frozen, so a step must not mutate it) and returns what it sent and observed
 * as short strings.
 */
function server(policy: DeadlockPolicy = waitForGraph, rules: Rules = {}) {
  const guards: Record<ServerGuard, (params: never) => boolean> = {
    compatible: (p: CompatibleParams) => compatibleModes(p.mode, p.held),
    covers: (p: CoversParams) => coversMode(p.held, p.mode),
    queuesBehindWaiters: () => true,
    holdsLocks: () => true,
    keepsFirstImage: () => true,
    dies: (p) => policy.dies(null, p),
    wounds: (p) => policy.wounds(null, p),
    reportsWaits: () => policy.reportsWaits(null),
    ...rules,
  };
  const it = {
    s: deepFreeze<ServerContext>({
      detector: DETECTOR,
      store: { x: null, y: null },
      holders: [],
      waiting: [],
      undo: [],
      wounded: [],
      deferred: [],
    }),
    run(step: (s: ServerContext, out: ServerEffects) => ServerContext): string[] {
      const out = new RecordedEffects<ServerMessage, ServerGuard>((name, params) =>
        guards[name](params as never),
      );
      it.s = deepFreeze(step(it.s, out));
      return [
        ...out.observed.map((o) => `${o.kind} ${JSON.stringify({ ...o, kind: undefined })}`),
        ...out.sent.map((m) => `→${m.to} ${JSON.stringify(m.msg)}`),
      ];
    },
    /** A new request: queued, then the queue is served. */
    request(op: Operation): string[] {
      return it.run((s, out) => serveWaiting(queueRequest(s, op), out));
    },
  };
  return it;
}

/** Transaction `txn` (timestamp `ts`, client node `ts`) asks for `op` on `item`. */
function op(txn: string, ts: number, kind: 'r' | 'w', item: string, value: string | null = null) {
  return { txn, ts, client: ts, item, op: kind, value };
}

describe('lock manager: strict 2PL', () => {
  it('grants shared locks together and answers reads with the stored value', () => {
    const dm = server();
    expect(dm.request(op('t0', 0, 'r', 'x'))).toEqual([
      'grant {"txn":"t0","item":"x","mode":"S"}',
      'fetch {"txn":"t0","item":"x","value":null}',
      '→0 {"type":"ReadOk","txn":"t0","item":"x","value":null}',
    ]);
    dm.request(op('t1', 1, 'r', 'x'));
    expect(dm.s.holders.map((h) => `${h.txn}:${h.mode}`)).toEqual(['t0:S', 't1:S']);
    expect(dm.s.waiting).toEqual([]);
  });

  it('makes a conflicting write wait, reports the wait once, and serves it on commit', () => {
    const dm = server();
    dm.request(op('t0', 0, 'r', 'x'));
    expect(dm.request(op('t1', 1, 'w', 'x', 'v1'))).toEqual([
      'wait {"txn":"t1","item":"x","mode":"X","holders":["t0"]}',
      `→${DETECTOR} {"type":"WaitsFor","txn":"t1","ts":1,"client":1,"item":"x","holders":["t0"]}`,
    ]);
    expect(dm.s.waiting).toMatchObject([{ txn: 't1', blocked: true, reported: ['t0'] }]);
    expect(dm.run((s, out) => serveWaiting(s, out))).toEqual([]);
    expect(dm.run((s, out) => serveWaiting(commitTxn(s, 't0', out), out))).toEqual([
      'release {"txn":"t0","item":"x"}',
      'grant {"txn":"t1","item":"x","mode":"X"}',
      'install {"txn":"t1","item":"x","value":"v1"}',
      `→${DETECTOR} {"type":"Unblocked","txn":"t1","item":"x"}`,
      '→1 {"type":"WriteOk","txn":"t1","item":"x"}',
    ]);
    expect(dm.s.store).toEqual({ x: 'v1', y: null });
    expect(dm.s.waiting).toEqual([]);
  });

  it('upgrades the only shared holder, and restores before-images on abort', () => {
    const dm = server();
    dm.request(op('t0', 0, 'r', 'x'));
    dm.request(op('t0', 0, 'w', 'x', 'a'));
    dm.request(op('t0', 0, 'w', 'x', 'b'));
    expect(dm.s.holders).toEqual([{ txn: 't0', item: 'x', mode: 'X', ts: 0, client: 0 }]);
    expect(dm.s.undo).toEqual([{ txn: 't0', item: 'x', value: null }]);
    expect(dm.s.store).toEqual({ x: 'b', y: null });
    dm.run((s, out) => abortTxn(s, 't0', out));
    expect(dm.s).toMatchObject({ store: { x: null }, holders: [], undo: [] });
  });

  it('drops an aborted transaction’s waiting request', () => {
    const dm = server();
    dm.request(op('t0', 0, 'w', 'x', 'a'));
    dm.request(op('t1', 1, 'r', 'x'));
    expect(dm.run((s, out) => abortTxn(s, 't1', out))).toEqual([
      `→${DETECTOR} {"type":"Unblocked","txn":"t1","item":"x"}`,
    ]);
    expect(dm.s.waiting).toEqual([]);
  });

  it('reports a wait again when the holders it waits for change', () => {
    const dm = server();
    dm.request(op('t0', 0, 'r', 'x'));
    dm.request(op('t1', 1, 'r', 'x'));
    dm.request(op('t2', 2, 'w', 'x', 'v'));
    expect(dm.run((s, out) => serveWaiting(commitTxn(s, 't0', out), out))).toEqual([
      'release {"txn":"t0","item":"x"}',
      `→${DETECTOR} {"type":"WaitsFor","txn":"t2","ts":2,"client":2,"item":"x","holders":["t1"]}`,
    ]);
  });
});

describe('lock manager: the fair queue', () => {
  it('makes a reader wait behind an earlier upgrade instead of overtaking it', () => {
    const dm = server();
    dm.request(op('t0', 0, 'r', 'x'));
    dm.request(op('t1', 1, 'r', 'x'));
    dm.request(op('t0', 0, 'w', 'x', 'a'));
    dm.run((s, out) => serveWaiting(abortTxn(s, 't1', out), out));
    expect(dm.s.holders.map((h) => `${h.txn}:${h.mode}`)).toEqual(['t0:X']);
    // The same, with t1's restart reading again before t0's upgrade can be served.
    const again = server();
    again.request(op('t0', 0, 'r', 'x'));
    again.request(op('t1', 1, 'r', 'x'));
    again.request(op('t2', 2, 'r', 'x'));
    again.request(op('t0', 0, 'w', 'x', 'a'));
    again.run((s, out) => serveWaiting(abortTxn(s, 't1', out), out));
    expect(again.request(op('t1#2', 1, 'r', 'x'))).toEqual([
      'wait {"txn":"t1#2","item":"x","mode":"S","holders":["t0"]}',
      `→${DETECTOR} {"type":"WaitsFor","txn":"t1#2","ts":1,"client":1,"item":"x","holders":["t0"]}`,
    ]);
    expect(again.run((s, out) => serveWaiting(abortTxn(s, 't2', out), out))).toContain(
      'grant {"txn":"t0","item":"x","mode":"X"}',
    );
  });

  it('puts a conversion ahead of earlier new requests, and FIFO among the rest', () => {
    const dm = server();
    dm.request(op('t0', 0, 'r', 'x'));
    dm.request(op('t1', 1, 'r', 'x'));
    dm.request(op('t2', 2, 'w', 'x', 'a'));
    expect(dm.request(op('t0', 0, 'w', 'x', 'b'))).toEqual([
      'wait {"txn":"t0","item":"x","mode":"X","holders":["t1"]}',
      `→${DETECTOR} {"type":"WaitsFor","txn":"t0","ts":0,"client":0,"item":"x","holders":["t1"]}`,
    ]);
    const served = dm.run((s, out) => serveWaiting(commitTxn(s, 't1', out), out));
    expect(served).toContain('grant {"txn":"t0","item":"x","mode":"X"}');
    expect(served).not.toContain('grant {"txn":"t2","item":"x","mode":"X"}');
    expect(dm.s.waiting.map((r) => r.txn)).toEqual(['t2']);
  });

  it('barging-waiters: a compatible newcomer overtakes an earlier conflicting waiter', () => {
    const dm = server(waitForGraph, { queuesBehindWaiters: () => false });
    dm.request(op('t0', 0, 'r', 'x'));
    dm.request(op('t1', 1, 'w', 'x', 'a'));
    expect(dm.request(op('t2', 2, 'r', 'x'))).toContain('grant {"txn":"t2","item":"x","mode":"S"}');
  });

  it('wound-wait wounds a younger request ahead; wait-die dies for an older one ahead', () => {
    const ww = server(woundWait);
    ww.request(op('t2', 2, 'r', 'x'));
    ww.request(op('t1', 1, 'w', 'x', 'a'));
    expect(ww.request(op('t0', 0, 'r', 'x'))).toEqual([
      'wait {"txn":"t0","item":"x","mode":"S","holders":["t1"]}',
      '→1 {"type":"Wound","txn":"t1"}',
    ]);
    const wd = server(waitDie);
    wd.request(op('t2', 2, 'r', 'x'));
    wd.request(op('t0', 0, 'w', 'x', 'a'));
    expect(wd.request(op('t1', 1, 'r', 'x'))).toEqual(['→1 {"type":"Die","txn":"t1"}']);
    expect(wd.s.deferred).toEqual([{ txn: 't1', client: 1, blockers: ['t0'] }]);
  });

  it('a waiter that dies after waiting (its blockers grew) says so with withdraw', () => {
    // Not reachable under wait-die itself (a waiter only waits for younger ones, and those it
    // waits for never grow older): a rule that dies once it waits for two shows the observation.
    const dm = server(waitForGraph, { dies: (p: { holders: number[] }) => p.holders.length > 1 });
    dm.request(op('t0', 0, 'r', 'x'));
    dm.request(op('t2', 2, 'w', 'x', 'a'));
    dm.request(op('t1', 1, 'r', 'x'));
    expect(dm.request(op('t0', 0, 'w', 'x', 'b'))).toContain('withdraw {"txn":"t1","item":"x"}');
  });
});

describe('lock manager: deadlock policies', () => {
  it('wait-die: a younger requester dies and restarts once the older holder is gone', () => {
    const dm = server(waitDie);
    dm.request(op('t0', 0, 'w', 'x', 'a'));
    expect(dm.request(op('t1', 1, 'r', 'x'))).toEqual(['→1 {"type":"Die","txn":"t1"}']);
    expect(dm.s.deferred).toEqual([{ txn: 't1', client: 1, blockers: ['t0'] }]);
    expect(dm.run((s, out) => commitTxn(s, 't0', out))).toEqual([
      'release {"txn":"t0","item":"x"}',
      '→1 {"type":"Retry","txn":"t1"}',
    ]);
    // An older requester waits instead, and reports nothing.
    dm.request(op('t1#2', 1, 'w', 'x', 'b'));
    expect(dm.request(op('t0', 0, 'r', 'x'))).toEqual([
      'wait {"txn":"t0","item":"x","mode":"S","holders":["t1#2"]}',
    ]);
  });

  it('wait-die: an attempt that asks again after dying keeps one deferred entry', () => {
    const dm = server(waitDie);
    dm.request(op('t0', 0, 'w', 'x', 'a'));
    dm.request(op('t1', 1, 'r', 'x'));
    const before = dm.s;
    // What the die-as-busy client does: the same request again, refused the same way.
    expect(dm.request(op('t1', 1, 'r', 'x'))).toEqual(['→1 {"type":"Die","txn":"t1"}']);
    expect(dm.s).toEqual(before);
  });

  it('wound-wait: an older requester wounds a younger holder once, and waits', () => {
    const dm = server(woundWait);
    dm.request(op('t1', 1, 'w', 'x', 'a'));
    expect(dm.request(op('t0', 0, 'w', 'x', 'b'))).toEqual([
      'wait {"txn":"t0","item":"x","mode":"X","holders":["t1"]}',
      '→1 {"type":"Wound","txn":"t1"}',
    ]);
    expect(dm.s.wounded).toEqual(['t1']);
    // A younger requester just waits, for the holder and for t0's request ahead of it.
    expect(dm.request(op('t2', 2, 'r', 'x'))).toEqual([
      'wait {"txn":"t2","item":"x","mode":"S","holders":["t0","t1"]}',
    ]);
    // The wounded holder's abort ends its wound and lets the oldest waiter in.
    dm.run((s, out) => serveWaiting(abortTxn(s, 't1', out), out));
    expect(dm.s.wounded).toEqual([]);
    expect(dm.s.holders.map((h) => `${h.txn}:${h.mode}`)).toEqual(['t0:X']);
  });
});

describe('lock manager: the mutants’ rules', () => {
  it('non-two-phase releases each lock after its operation', () => {
    const dm = server(waitForGraph, { holdsLocks: () => false });
    expect(dm.request(op('t0', 0, 'r', 'x'))).toContain('release {"txn":"t0","item":"x"}');
    expect(dm.s.holders).toEqual([]);
  });

  it('a lock manager whose held locks always cover lets a shared holder write (no upgrade)', () => {
    const dm = server(waitForGraph, { covers: () => true });
    dm.request(op('t0', 0, 'r', 'x'));
    dm.request(op('t1', 1, 'r', 'x'));
    expect(dm.request(op('t0', 0, 'w', 'x', 'a'))).toEqual([
      'install {"txn":"t0","item":"x","value":"a"}',
      '→0 {"type":"WriteOk","txn":"t0","item":"x"}',
    ]);
    expect(dm.s.holders.map((h) => `${h.txn}:${h.mode}`)).toEqual(['t0:S', 't1:S']);
  });

  it('an undo log that keeps the last before-image restores the first write on abort', () => {
    const dm = server(waitForGraph, { keepsFirstImage: () => false });
    dm.request(op('t0', 0, 'w', 'x', 'a'));
    dm.request(op('t0', 0, 'w', 'x', 'b'));
    expect(dm.s.undo).toEqual([{ txn: 't0', item: 'x', value: 'a' }]);
    dm.run((s, out) => abortTxn(s, 't0', out));
    expect(dm.s.store).toEqual({ x: 'a', y: null });
  });

  it('read-without-lock reads under another’s exclusive lock', () => {
    const dm = server();
    dm.request(op('t0', 0, 'w', 'x', 'dirty'));
    expect(dm.run((s, out) => readWithoutLock(s, op('t1', 1, 'r', 'x'), out))).toEqual([
      'fetch {"txn":"t1","item":"x","value":"dirty"}',
      '→1 {"type":"ReadOk","txn":"t1","item":"x","value":"dirty"}',
    ]);
  });

  it('unlock (non-strict) releases locks but keeps the undo record', () => {
    const dm = server();
    dm.request(op('t0', 0, 'w', 'x', 'a'));
    dm.run((s, out) => unlockTxn(s, 't0', out));
    expect(dm.s).toMatchObject({ holders: [], undo: [{ txn: 't0', item: 'x', value: null }] });
  });

  it('exclusive-shared grants every lock', () => {
    const dm = server(waitForGraph, { compatible: () => true });
    dm.request(op('t0', 0, 'w', 'x', 'a'));
    expect(dm.request(op('t1', 1, 'w', 'x', 'b'))).toContain(
      'grant {"txn":"t1","item":"x","mode":"X"}',
    );
  });

  it('lock compatibility: only S with S', () => {
    expect(compatibleModes('S', ['S', 'S'])).toBe(true);
    expect(compatibleModes('S', ['X'])).toBe(false);
    expect(compatibleModes('X', ['S'])).toBe(false);
    expect(compatibleModes('X', [])).toBe(true);
  });
});
