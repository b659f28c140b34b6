import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { History } from '../../models/kernel/observation.ts';
import { checkContentIntegrity, contentIntegrity } from '../../properties/content-integrity.ts';

const chk = (data: string) => `c${createHash('sha256').update(data).digest('hex').slice(0, 6)}`;

describe('content-integrity property', () => {
  it('is a safety property named content-integrity', () => {
    expect(contentIntegrity).toMatchObject({ name: 'content-integrity', kind: 'safety' });
    expect(contentIntegrity.check).toBe(checkContentIntegrity);
  });
});

describe('checkContentIntegrity on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkContentIntegrity([])).toBeNull();
  });

  it('holds when accepted and cached data hashes to its CHK, and ignores other keys', () => {
    const history: History = [
      { node: 1, kind: 'corrupt', id: 'r0', key: chk('a') },
      { node: 2, kind: 'reject', id: 'r0', key: chk('a'), by: 1 },
      { node: 0, kind: 'store', key: chk('a'), data: 'a' },
      { node: 2, kind: 'found', id: 'r0', key: chk('a'), data: 'a' },
      { node: 2, kind: 'found', id: 'r1', key: 'k123456', data: 'anything' },
    ];
    expect(checkContentIntegrity(history)).toBeNull();
  });
});

describe('checkContentIntegrity on histories that violate it', () => {
  it('reports a requester accepting forged data under a CHK', () => {
    const history: History = [{ node: 2, kind: 'found', id: 'r0', key: chk('a'), data: 'forged' }];
    expect(checkContentIntegrity(history)).toEqual({
      property: 'content-integrity',
      message: `node 2 accepted forged under content-hash key ${chk('a')}, which it does not hash to`,
      nodes: [2],
      messages: [chk('a'), 'forged'],
    });
  });

  it('reports a node caching forged data under a CHK', () => {
    const history: History = [{ node: 3, kind: 'store', key: chk('a'), data: 'b' }];
    expect(checkContentIntegrity(history)?.nodes).toEqual([3]);
  });
});
