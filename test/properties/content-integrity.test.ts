import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyOf, proofOf, verifies } from '../../models/freenet/keys.ts';
import type { History } from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import { checkContentIntegrity, contentIntegrity } from '../../properties/content-integrity.ts';

const chk = (data: string) => `c${createHash('sha256').update(data).digest('hex').slice(0, 6)}`;
const ksk = keyOf('ksk:alpha');
const ssk = keyOf('ssk:alice/doc');

// The property takes the key scheme as a parameter; these tests pass Freenet's (keys.ts).
const check = (history: History) => checkContentIntegrity(history, verifies);

describe('content-integrity property', () => {
  it('is a safety property named content-integrity, checking with the key scheme it is given', () => {
    const property = contentIntegrity(verifies);
    expect(property).toMatchObject({ name: 'content-integrity', kind: 'safety' });
    const history: History = [{ node: 0, kind: 'store', key: 'k', data: 'x', proof: 'p' }];
    expect(property.check(history, { nodes: 1, up: [true] })).toEqual(check(history));
    const trusting = contentIntegrity(() => true);
    expect(trusting.check(history, { nodes: 1, up: [true] })).toBeNull();
  });

  it('hands the check the key, the data and the proof (empty when absent)', () => {
    const asked: string[][] = [];
    const verify = (key: string, data: string, proof: string) => {
      asked.push([key, data, proof]);
      return data !== 'bad';
    };
    const history: History = [
      { node: 0, kind: 'store', key: 'k1', data: 'ok', proof: 'p' },
      { node: 1, kind: 'found', id: 'r0', key: 'k2', data: 'bad' },
    ];
    expect(checkContentIntegrity(history, verify)?.nodes).toEqual([1]);
    expect(asked).toEqual([
      ['k1', 'ok', 'p'],
      ['k2', 'bad', ''],
    ]);
  });
});

describe('checkContentIntegrity on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(check([])).toBeNull();
  });

  it('holds when accepted and stored data hashes to its CHK or carries its signed key’s signature', () => {
    const history: History = [
      { node: 1, kind: 'corrupt', id: 'r0', key: chk('a') },
      { node: 2, kind: 'reject', id: 'r0', key: chk('a'), by: 1 },
      { node: 0, kind: 'store', key: chk('a'), data: 'a', proof: '' },
      { node: 2, kind: 'found', id: 'r0', key: chk('a'), data: 'a', proof: '' },
      { node: 0, kind: 'store', key: ksk, data: 'x', proof: proofOf('ksk:alpha', 'x') },
      {
        node: 2,
        kind: 'found',
        id: 'r1',
        key: ssk,
        data: 'y',
        proof: proofOf('ssk:alice/doc', 'y'),
      },
    ];
    expect(check(history)).toBeNull();
  });
});

describe('checkContentIntegrity on histories that violate it', () => {
  it('reports a requester accepting forged data under a CHK', () => {
    const history: History = [
      { node: 2, kind: 'found', id: 'r0', key: chk('a'), data: 'forged', proof: '' },
    ];
    expect(check(history)).toEqual({
      property: 'content-integrity',
      message: `node 2 accepted forged under key ${chk('a')}, which it does not verify against`,
      nodes: [2],
      messages: [chk('a'), 'forged'],
    });
  });

  it('reports a node storing forged data under a CHK', () => {
    const history: History = [{ node: 3, kind: 'store', key: chk('a'), data: 'b', proof: '' }];
    expect(check(history)?.nodes).toEqual([3]);
  });

  it('reports data under a signed key with another key’s signature, or none', () => {
    const mallory = proofOf('ssk:alice/doc', 'y', 'owner:mallory');
    const stored: History = [{ node: 1, kind: 'store', key: ssk, data: 'y', proof: mallory }];
    expect(check(stored)?.message).toMatch(/node 1 accepted y under key /);
    const found: History = [{ node: 4, kind: 'found', id: 'r0', key: ksk, data: 'forged' }];
    expect(check(found)?.nodes).toEqual([4]);
  });

  it('reports signed data altered after signing', () => {
    const proof = proofOf('ksk:alpha', 'x');
    const history: History = [{ node: 0, kind: 'store', key: ksk, data: 'x2', proof }];
    expect(check(history)?.messages).toEqual([ksk, 'x2']);
  });

  it("reports a node storing an insert's data that a corrupt forwarder altered on the way", () => {
    const proof = proofOf('ksk:alpha', 'x');
    const history: History = [
      { node: 1, kind: 'inserted', id: 'i0', key: ksk, data: 'x', collision: false },
      { node: 1, kind: 'store', key: ksk, data: 'x', proof },
      // Node 2 keeps the genuine data and passes on an altered copy with the same signature.
      { node: 2, kind: 'store', key: ksk, data: 'x', proof },
      { node: 2, kind: 'corrupt', id: 'i0', key: ksk },
      { node: 0, kind: 'answer', id: 'i0' },
      { node: 0, kind: 'store', key: ksk, data: 'forged', proof },
    ];
    expect(check(history)).toEqual({
      property: 'content-integrity',
      message: `node 0 accepted forged under key ${ksk}, which it does not verify against`,
      nodes: [0],
      messages: [ksk, 'forged'],
    });
    // A node that checked it dropped it instead: nothing stored, the property holds.
    const dropped = history
      .slice(0, -1)
      .concat({ node: 0, kind: 'reject', id: 'i0', key: ksk, by: 2 });
    expect(check(dropped)).toBeNull();
  });
});

describe('the content-integrity monitor', () => {
  it('answers as the check on every prefix of a violating history', () => {
    const history: History = [
      { node: 0, kind: 'store', key: chk('x'), data: 'x' },
      { node: 1, kind: 'found', key: chk('x'), data: 'y' },
      { node: 2, kind: 'store', key: chk('z'), data: 'w' },
    ];
    expectMonitorAgrees(contentIntegrity(verifies), history, { nodes: 3, up: [true, true, true] });
  });
});
