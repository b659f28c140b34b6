import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { HashIndex } from '../../../models/kernel/hash-index.ts';

describe('HashIndex', () => {
  test.prop([fc.array(fc.integer({ min: -8, max: 8 }), { maxLength: 300 })])(
    'walks exactly the ids filed under a hash, however many collide and however it grew',
    (hashes) => {
      const index = new HashIndex();
      hashes.forEach((h, id) => index.add(h, id));
      for (let h = -8; h <= 8; h++) {
        const walked: number[] = [];
        for (let slot = index.first(h); slot >= 0; slot = index.next(slot, h))
          walked.push(index.id(slot));
        const filed = hashes.flatMap((x, id) => (x === h ? [id] : []));
        expect([...walked].sort((a, b) => a - b)).toEqual(filed);
      }
    },
  );
});
