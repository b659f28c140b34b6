import { describe, expect, it } from 'vitest';
import type { History } from '../../models/kernel/spec.ts';
import { checkOneCopyEquivalence, readsAWrite } from '../../properties/one-copy-equivalence.ts';

const write = (node: number, op: string, value: number): History => [
  { node, kind: 'invoke', op, f: 'write', value },
  { node, kind: 'ok', op, f: 'write', value, version: 1 },
];
const read = (node: number, op: string, value: number | null): History => [
  { node, kind: 'invoke', op, f: 'read' },
  { node, kind: 'ok', op, f: 'read', value, version: value === null ? 0 : 1 },
];

describe('one-copy equivalence', () => {
  it('holds when a read after a write returns its value, or a read before it the initial null', () => {
    expect(
      checkOneCopyEquivalence([
        ...read(4, 'c1.1', null),
        ...write(3, 'c0.1', 1),
        ...read(4, 'c1.2', 1),
      ]),
    ).toBeNull();
  });

  it('holds when a read concurrent with a write returns either value', () => {
    const invokeW: History = [{ node: 3, kind: 'invoke', op: 'c0.1', f: 'write', value: 1 }];
    const okW: History = [{ node: 3, kind: 'ok', op: 'c0.1', f: 'write', value: 1, version: 1 }];
    expect(checkOneCopyEquivalence([...invokeW, ...read(4, 'c1.1', null), ...okW])).toBeNull();
    expect(checkOneCopyEquivalence([...invokeW, ...read(4, 'c1.1', 1), ...okW])).toBeNull();
  });

  it('is violated by a read that misses a write completed before it began', () => {
    const verdict = checkOneCopyEquivalence([...write(3, 'c0.1', 1), ...read(4, 'c1.1', null)]);
    expect(verdict?.property).toBe('one-copy-equivalence');
    expect(verdict?.messages).toEqual(['c1.1', 'c0.1']);
  });

  it('is violated by a read that returns an older value than an earlier read', () => {
    const pending: History = [{ node: 3, kind: 'invoke', op: 'c0.1', f: 'write', value: 1 }];
    const verdict = checkOneCopyEquivalence([
      ...pending,
      ...read(4, 'c1.1', 1),
      ...read(4, 'c1.2', null),
    ]);
    expect(verdict?.property).toBe('one-copy-equivalence');
  });

  it('treats a failed write as never done and an unknown one as possibly done', () => {
    const failed: History = [
      { node: 3, kind: 'invoke', op: 'c0.1', f: 'write', value: 1 },
      { node: 3, kind: 'fail', op: 'c0.1' },
    ];
    expect(checkOneCopyEquivalence([...failed, ...read(4, 'c1.1', 1)])?.property).toBe(
      'one-copy-equivalence',
    );
    const unknown: History = [
      { node: 3, kind: 'invoke', op: 'c0.1', f: 'write', value: 1 },
      { node: 3, kind: 'info', op: 'c0.1' },
    ];
    expect(checkOneCopyEquivalence([...unknown, ...read(4, 'c1.1', 1)])).toBeNull();
  });

  it('witnesses a read that returns a written value', () => {
    expect(readsAWrite([...write(3, 'c0.1', 1), ...read(4, 'c1.1', 1)])).toBe(true);
    expect(readsAWrite([...write(3, 'c0.1', 1), ...read(4, 'c1.1', null)])).toBe(false);
  });
});
