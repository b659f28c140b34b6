import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { checkLockFairness, lockFairness } from '../../properties/lock-fairness.ts';

const at = (node: number, kind: string, txn: string, item: string): Observation => ({
  node,
  kind,
  txn,
  item,
});
const grant = (node: number, txn: string, item: string, mode: 'S' | 'X'): Observation => ({
  ...at(node, 'grant', txn, item),
  mode,
});
const wait = (node: number, txn: string, item: string, mode: 'S' | 'X'): Observation => ({
  ...at(node, 'wait', txn, item),
  mode,
  holders: [],
});
const release = (node: number, txn: string, item: string) => at(node, 'release', txn, item);
const abort = (node: number, txn: string): Observation => ({
  node,
  kind: 'abort',
  txn,
  reason: 'deadlock',
});

describe('lock-fairness', () => {
  it('is a safety property', () => {
    expect(lockFairness).toMatchObject({ name: 'lock-fairness', kind: 'safety' });
  });

  it('lets waiters be served in order, and compatible waiters together', () => {
    expect(
      checkLockFairness([
        grant(3, 't0', 'x', 'X'),
        wait(3, 't1', 'x', 'S'),
        wait(3, 't2', 'x', 'S'),
        wait(3, 't3', 'x', 'X'),
        release(3, 't0', 'x'),
        grant(3, 't2', 'x', 'S'),
        grant(3, 't1', 'x', 'S'),
        release(3, 't1', 'x'),
        release(3, 't2', 'x'),
        grant(3, 't3', 'x', 'X'),
      ]),
    ).toBeNull();
  });

  it('reports the livelock’s first step: a reader overtakes an earlier upgrade', () => {
    // t0 and t1 read x; t0's upgrade waits for t1; t1 is aborted and its restart reads x again
    // before t0 is served: the restarting readers can do that forever.
    const h = [
      grant(3, 't0', 'x', 'S'),
      grant(3, 't1', 'x', 'S'),
      wait(3, 't0', 'x', 'X'),
      abort(1, 't1'),
      release(3, 't1', 'x'),
      grant(3, 't1#2', 'x', 'S'),
    ];
    expect(checkLockFairness(h)).toEqual({
      property: 'lock-fairness',
      message:
        'node 3 granted t1#2 an S lock on x ahead of t0, which waited earlier for an X lock ' +
        '(waiters bypassed: one can starve)',
      nodes: [3],
      messages: ['t0', 't1#2'],
    });
  });

  it('reports a later waiter served first, on the same lock only', () => {
    const h = [
      grant(3, 't0', 'x', 'S'),
      wait(3, 't1', 'x', 'X'),
      wait(3, 't2', 'x', 'X'),
      grant(4, 't3', 'x', 'X'),
      release(3, 't0', 'x'),
    ];
    expect(checkLockFairness(h)).toBeNull();
    expect(checkLockFairness([...h, grant(3, 't2', 'x', 'X')])?.messages).toEqual(['t1', 't2']);
  });

  it('lets a conversion go ahead of new requests, but not ahead of an earlier conversion', () => {
    const base = [grant(3, 't0', 'x', 'S'), grant(3, 't1', 'x', 'S'), grant(3, 't2', 'x', 'S')];
    expect(
      checkLockFairness([
        ...base,
        release(3, 't2', 'x'),
        wait(3, 't3', 'x', 'X'),
        wait(3, 't0', 'x', 'X'),
        release(3, 't1', 'x'),
        grant(3, 't0', 'x', 'X'),
      ]),
    ).toBeNull();
    expect(
      checkLockFairness([
        ...base,
        wait(3, 't0', 'x', 'X'),
        wait(3, 't1', 'x', 'X'),
        abort(2, 't2'),
        release(3, 't2', 'x'),
        grant(3, 't1', 'x', 'X'),
      ])?.message,
    ).toMatch(/^node 3 granted t1 an X lock on x ahead of t0/);
  });

  it('forgets a waiter that was aborted, withdrawn or granted', () => {
    expect(
      checkLockFairness([
        grant(3, 't0', 'x', 'S'),
        wait(3, 't1', 'x', 'X'),
        wait(3, 't2', 'x', 'X'),
        wait(3, 't3', 'x', 'X'),
        abort(1, 't1'),
        at(3, 'withdraw', 't2', 'x'),
        release(3, 't0', 'x'),
        grant(3, 't3', 'x', 'X'),
        wait(3, 't4', 'x', 'S'),
        release(3, 't3', 'x'),
        grant(3, 't4', 'x', 'S'),
      ]),
    ).toBeNull();
  });

  it('does not check a late grant to an attempt already aborted (its server learns it later)', () => {
    expect(
      checkLockFairness([
        grant(3, 't2', 'x', 'S'),
        wait(3, 't1', 'x', 'X'),
        wait(3, 't0', 'x', 'S'),
        abort(1, 't1'),
        release(3, 't2', 'x'),
        grant(3, 't1', 'x', 'X'),
        release(3, 't1', 'x'),
        grant(3, 't0', 'x', 'S'),
      ]),
    ).toBeNull();
  });
});
