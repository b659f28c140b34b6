import { describe, expect, it } from 'vitest';
import { movedByNode, renameNode } from '../../../models/kernel/renaming.ts';

describe('renaming helpers', () => {
  const perm = [0, 2, 1];

  it('renames node indices and leaves everything else', () => {
    expect([0, 1, 2].map((v) => renameNode(v, perm))).toEqual([0, 2, 1]);
    expect(renameNode(-1, perm)).toBe(-1);
    expect(renameNode(7, perm)).toBe(7);
    expect(renameNode('p1', perm)).toBe('p1');
    expect(renameNode(null, perm)).toBeNull();
  });

  it('moves a per-node list to the nodes’ new indices', () => {
    expect(movedByNode(['a', 'b', 'c'], perm)).toEqual(['a', 'c', 'b']);
    expect(movedByNode([], perm)).toEqual([]);
  });
});
