import { describe, expect, it } from 'vitest';
import {
  abort,
  commit,
  compatibleModes,
  request,
  unlock,
  type Request,
  type ServerContext,
} from '../../../models/two-phase-locking/data-manager.ts';
import { Outbox, type Guard } from '../../../models/two-phase-locking/outbox.ts';
import { waitDie, woundWait } from '../../../models/two-phase-locking/server.machine.ts';

const DETECTOR = 9;

/** A server holding x and y, nothing locked. */
function server(): ServerContext {
  return {
    detector: DETECTOR,
    store: { x: null, y: null },
    holders: [],
    waiting: [],
    undo: [],
    wounded: [],
    deferred: [],
  };
}

/** The correct variant's guards, with some replaced. */
function guards(overrides: Record<string, (params: never) => boolean> = {}): Guard {
  const base: Record<string, (params: never) => boolean> = {
    locksReads: () => true,
    compatible: (p: { mode: 'S' | 'X'; held: ('S' | 'X')[] }) => compatibleModes(p.mode, p.held),
    holdsLocks: () => true,
    dies: () => false,
    wounds: () => false,
    reportsWaits: () => true,
    ...overrides,
  };
  return (name, params) => base[name]!(params as never);
}

/** A request of transaction `txn` (timestamp `ts`, client node `ts`) for `op` on `item`. */
function req(
  txn: string,
  ts: number,
  op: 'r' | 'w',
  item: string,
  value: string | null = null,
): Request {
  return { txn, ts, client: ts, item, op, value, blocked: false, reported: null };
}

/** Runs one step and returns what it sent and observed, as short strings. */
function step(f: (out: Outbox) => void): string[] {
  const out = new Outbox();
  f(out);
  return out.effects.map((e) =>
    e.type === 'send'
      ? `→${String(e.params.to)} ${JSON.stringify(e.params.msg)}`
      : `${e.params.kind} ${JSON.stringify({ ...e.params, kind: undefined })}`,
  );
}

describe('lock manager: strict 2PL', () => {
  it('grants shared locks together and answers reads with the stored value', () => {
    const c = server();
    const g = guards();
    expect(step((out) => request(c, req('t0', 0, 'r', 'x'), out, g))).toEqual([
      'grant {"txn":"t0","item":"x","mode":"S"}',
      '→0 {"type":"ReadOk","txn":"t0","item":"x","value":null}',
    ]);
    step((out) => request(c, req('t1', 1, 'r', 'x'), out, g));
    expect(c.holders.map((h) => `${h.txn}:${h.mode}`)).toEqual(['t0:S', 't1:S']);
  });

  it('makes a conflicting write wait, reports the wait once, and serves it on commit', () => {
    const c = server();
    const g = guards();
    step((out) => request(c, req('t0', 0, 'r', 'x'), out, g));
    expect(step((out) => request(c, req('t1', 1, 'w', 'x', 'v1'), out, g))).toEqual([
      'wait {"txn":"t1","item":"x","mode":"X","holders":["t0"]}',
      `→${DETECTOR} {"type":"WaitsFor","txn":"t1","ts":1,"client":1,"item":"x","holders":["t0"]}`,
    ]);
    expect(step((out) => commit(c, 't0', out, g))).toEqual([
      'release {"txn":"t0","item":"x"}',
      'grant {"txn":"t1","item":"x","mode":"X"}',
      `→${DETECTOR} {"type":"Unblocked","txn":"t1","item":"x"}`,
      'install {"txn":"t1","item":"x","value":"v1"}',
      '→1 {"type":"WriteOk","txn":"t1","item":"x"}',
    ]);
    expect(c.store).toEqual({ x: 'v1', y: null });
    expect(c.waiting).toEqual([]);
  });

  it('upgrades the only shared holder, and restores before-images on abort', () => {
    const c = server();
    const g = guards();
    step((out) => request(c, req('t0', 0, 'r', 'x'), out, g));
    step((out) => request(c, req('t0', 0, 'w', 'x', 'a'), out, g));
    step((out) => request(c, req('t0', 0, 'w', 'x', 'b'), out, g));
    expect(c.holders).toEqual([{ txn: 't0', item: 'x', mode: 'X', ts: 0, client: 0 }]);
    expect(c.undo).toEqual([{ txn: 't0', item: 'x', value: null }]);
    step((out) => abort(c, 't0', out, g));
    expect(c).toMatchObject({ store: { x: null }, holders: [], undo: [] });
  });

  it('drops an aborted transaction’s waiting request', () => {
    const c = server();
    const g = guards();
    step((out) => request(c, req('t0', 0, 'w', 'x', 'a'), out, g));
    step((out) => request(c, req('t1', 1, 'r', 'x'), out, g));
    expect(step((out) => abort(c, 't1', out, g))).toEqual([
      `→${DETECTOR} {"type":"Unblocked","txn":"t1","item":"x"}`,
    ]);
    expect(c.waiting).toEqual([]);
  });
});

describe('lock manager: deadlock prevention', () => {
  it('wait-die: a younger requester dies and restarts once the older holder is gone', () => {
    const c = server();
    const g = guards({ dies: (p) => waitDie(null, p), reportsWaits: () => false });
    step((out) => request(c, req('t0', 0, 'w', 'x', 'a'), out, g));
    expect(step((out) => request(c, req('t1', 1, 'r', 'x'), out, g))).toEqual([
      '→1 {"type":"Die","txn":"t1"}',
    ]);
    expect(c.deferred).toEqual([{ txn: 't1', client: 1, blockers: ['t0'] }]);
    expect(step((out) => commit(c, 't0', out, g))).toEqual([
      'release {"txn":"t0","item":"x"}',
      '→1 {"type":"Retry","txn":"t1"}',
    ]);
    // An older requester waits instead.
    step((out) => request(c, req('t1#2', 1, 'w', 'x', 'b'), out, g));
    expect(step((out) => request(c, req('t0', 0, 'r', 'x'), out, g))).toEqual([
      'wait {"txn":"t0","item":"x","mode":"S","holders":["t1#2"]}',
    ]);
  });

  it('wound-wait: an older requester wounds a younger holder once, and waits', () => {
    const c = server();
    const g = guards({ wounds: (p) => woundWait(null, p), reportsWaits: () => false });
    step((out) => request(c, req('t1', 1, 'w', 'x', 'a'), out, g));
    expect(step((out) => request(c, req('t0', 0, 'w', 'x', 'b'), out, g))).toEqual([
      '→1 {"type":"Wound","txn":"t1"}',
      'wait {"txn":"t0","item":"x","mode":"X","holders":["t1"]}',
    ]);
    expect(c.wounded).toEqual(['t1']);
    // A younger requester just waits.
    expect(step((out) => request(c, req('t2', 2, 'r', 'x'), out, g))).toEqual([
      'wait {"txn":"t2","item":"x","mode":"S","holders":["t1"]}',
    ]);
  });
});

describe('lock manager: the mutants’ rules', () => {
  it('non-two-phase releases each lock after its operation', () => {
    const c = server();
    const g = guards({ holdsLocks: () => false });
    expect(step((out) => request(c, req('t0', 0, 'r', 'x'), out, g))).toContain(
      'release {"txn":"t0","item":"x"}',
    );
    expect(c.holders).toEqual([]);
  });

  it('read-without-lock reads under another’s exclusive lock', () => {
    const c = server();
    const g = guards({ locksReads: () => false });
    step((out) => request(c, req('t0', 0, 'w', 'x', 'dirty'), out, g));
    expect(step((out) => request(c, req('t1', 1, 'r', 'x'), out, g))).toEqual([
      '→1 {"type":"ReadOk","txn":"t1","item":"x","value":"dirty"}',
    ]);
  });

  it('unlock (non-strict) releases locks but keeps the undo record', () => {
    const c = server();
    const g = guards();
    step((out) => request(c, req('t0', 0, 'w', 'x', 'a'), out, g));
    step((out) => unlock(c, 't0', out, g));
    expect(c).toMatchObject({ holders: [], undo: [{ txn: 't0', item: 'x', value: null }] });
  });

  it('lock compatibility: only S with S', () => {
    expect(compatibleModes('S', ['S', 'S'])).toBe(true);
    expect(compatibleModes('S', ['X'])).toBe(false);
    expect(compatibleModes('X', ['S'])).toBe(false);
    expect(compatibleModes('X', [])).toBe(true);
  });
});
