import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { restartCommits, restartedAndCommitted } from '../../properties/restart-commits.ts';

const o = (kind: string, txn: string, reason?: string): Observation =>
  reason === undefined ? { node: 0, kind, txn } : { node: 0, kind, txn, reason };

describe('restart-commits', () => {
  it('is a sometimes property', () => {
    expect(restartCommits.kind).toBe('sometimes');
  });

  it('is reached when a transaction killed by deadlock handling later commits', () => {
    for (const reason of ['die', 'wounded', 'deadlock']) {
      expect(restartedAndCommitted([o('abort', 't1', reason), o('commit', 't1#2')])).toBe(true);
    }
  });

  it('is not reached by rollbacks, by commits before the abort, or by other transactions', () => {
    expect(restartedAndCommitted([o('abort', 't1', 'rollback'), o('commit', 't1#2')])).toBe(false);
    expect(restartedAndCommitted([o('commit', 't1'), o('abort', 't1#2', 'die')])).toBe(false);
    expect(restartedAndCommitted([o('abort', 't1', 'die'), o('commit', 't2')])).toBe(false);
  });
});
