import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { checkSerializability, serializability } from '../../properties/serializability.ts';

/** Observation builders: clients are nodes 0 and 1, the data manager node 2. */
const begin = (node: number, txn: string): Observation => ({ node, kind: 'begin', txn, ts: 0 });
const read = (node: number, txn: string, item: string, value: string | null): Observation => ({
  node,
  kind: 'read',
  txn,
  item,
  value,
});
const write = (node: number, txn: string, item: string, value: string): Observation => ({
  node,
  kind: 'write',
  txn,
  item,
  value,
});
const install = (txn: string, item: string, value: string): Observation => ({
  node: 2,
  kind: 'install',
  txn,
  item,
  value,
});
const commit = (node: number, txn: string): Observation => ({ node, kind: 'commit', txn });
const abort = (node: number, txn: string): Observation => ({
  node,
  kind: 'abort',
  txn,
  reason: 'rollback',
});

describe('serializability property', () => {
  it('is a safety property named serializability', () => {
    expect(serializability).toMatchObject({ name: 'serializability', kind: 'safety' });
  });

  it('holds on a serial history, and on one with no commit yet', () => {
    const h = [
      begin(0, 't0'),
      install('t0', 'x', 't0.0'),
      write(0, 't0', 'x', 't0.0'),
      commit(0, 't0'),
      begin(1, 't1'),
      read(1, 't1', 'x', 't0.0'),
      commit(1, 't1'),
    ];
    expect(checkSerializability(h)).toBeNull();
    expect(checkSerializability(h.slice(0, 3))).toBeNull();
  });

  it('reports read skew as G-single, naming the clients and transactions', () => {
    const h = [
      begin(0, 't0'),
      read(0, 't0', 'x', null),
      begin(1, 't1'),
      install('t1', 'x', 't1.0'),
      write(1, 't1', 'x', 't1.0'),
      install('t1', 'y', 't1.1'),
      write(1, 't1', 'y', 't1.1'),
      commit(1, 't1'),
      read(0, 't0', 'y', 't1.1'),
      commit(0, 't0'),
    ];
    expect(checkSerializability(h)).toEqual({
      property: 'serializability',
      message:
        'G-single: t0 -rw(x)-> t1 -wr(y)-> t0 (t0 read x = null; t1 wrote x = t1.0, the next ' +
        'version | t1 wrote y = t1.1; t0 read y = t1.1)',
      nodes: [0, 1],
      messages: ['t0', 't1'],
    });
    // Safety on prefixes: not before t0 commits.
    expect(checkSerializability(h.slice(0, -1))).toBeNull();
  });

  it('finds the writer of a value read before its client heard the write was done', () => {
    const h = [
      begin(0, 't0'),
      install('t0', 'x', 't0.0'),
      begin(1, 't1'),
      read(1, 't1', 'x', 't0.0'),
      commit(1, 't1'),
    ];
    // t0 is still running: reading its write is no anomaly yet...
    expect(checkSerializability(h)).toBeNull();
    // ...and becomes G1a once it aborts.
    expect(checkSerializability([...h, abort(0, 't0')])?.message).toBe(
      'G1a (aborted read): t1 read x = t0.0; t0 wrote x = t0.0 and aborted',
    );
  });

  it('uses the data manager’s install order for write-write edges', () => {
    const h = [
      begin(0, 't0'),
      begin(1, 't1'),
      install('t0', 'x', 't0.0'),
      install('t1', 'x', 't1.0'),
      install('t1', 'y', 't1.1'),
      install('t0', 'y', 't0.1'),
      write(0, 't0', 'x', 't0.0'),
      write(0, 't0', 'y', 't0.1'),
      write(1, 't1', 'x', 't1.0'),
      write(1, 't1', 'y', 't1.1'),
      commit(0, 't0'),
      commit(1, 't1'),
    ];
    expect(checkSerializability(h)?.message).toMatch(/^G0: t0 -ww\(x\)-> t1 -ww\(y\)-> t0/);
  });
});
