import { describe, expect, it } from 'vitest';
import { gnutellaProtocol } from '../../../models/gnutella/model.ts';
import type { History } from '../../../models/kernel/spec.ts';
import { descriptorsTo } from '../../../properties/gnutella-cost.ts';
import { costRange } from './cost.ts';

const ALL = ['Ping', 'Pong', 'Query', 'QueryHit', 'Push'];

describe('ultrapeers: what they save', () => {
  it('spare the leaf other servents’ traffic: 2-3 descriptors reach it instead of 4-5', () => {
    const square = gnutellaProtocol.definition.bounded(4);
    const toLeaf = (h: History) => descriptorsTo(h, 2);
    expect(costRange('gnutella', square, [], toLeaf)).toEqual({ min: 4, max: 5 });
    expect(costRange('ultrapeers', square, [], toLeaf)).toEqual({ min: 2, max: 3 });
    expect(costRange('gnutella', square, ALL)).toEqual({ min: 13, max: 16 });
    expect(costRange('ultrapeers', square, ALL)).toEqual({ min: 12, max: 14 });
  });
});

describe('the leaves parameter', () => {
  const base = gnutellaProtocol.definition.bounded(4);
  const messages = (changes: object) => {
    const parsed = gnutellaProtocol.paramsSchema.safeParse({ ...base, ...changes });
    return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
  };

  it('refuses leaves connected to leaves, and ultrapeers a leaf splits', () => {
    expect(messages({ leaves: [1, 2] })).toMatch(/connected only to ultrapeers/);
    expect(messages({ leaves: [1] })).toBe('ok');
    const line = {
      servents: 3,
      edges: [
        [0, 1],
        [1, 2],
      ],
      shares: [],
      searches: [],
      leaves: [1],
    };
    expect(messages(line)).toMatch(/ultrapeers .* must be connected among themselves/);
    expect(messages({ joins: [{ known: 2, ping: 0 }] })).toMatch(/must be an ultrapeer/);
  });
});
