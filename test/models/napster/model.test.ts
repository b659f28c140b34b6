import { describe, expect, it } from 'vitest';
import { configure, napsterProtocol, tolerated } from '../../../models/napster/model.ts';

const base = napsterProtocol.definition.bounded(2);
const messages = (changes: object) => {
  const parsed = napsterProtocol.paramsSchema.safeParse({ ...base, ...changes });
  return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
};

describe('the configuration', () => {
  it('lays out the index servers, then the peers with their shared files', () => {
    const config = configure(base);
    expect(config.nodes.map((n) => n.name)).toEqual(['i0', 'i1', 'i2', 'p0', 'p1']);
    expect(config.nodes[0]!.input).toEqual({ self: 0, n: 3 });
    expect(config.nodes[3]!.input).toEqual({
      self: 3,
      name: 'p0',
      files: ['a.mp3'],
      indexes: 3,
      attempts: 4,
    });
    expect(config.inputs.map((i) => [i.node, i.event])).toEqual([
      [3, { type: 'login' }],
      [3, { type: 'logout' }],
      [4, { type: 'search', keyword: 'a' }],
      [4, { type: 'get', file: 'a.mp3' }],
    ]);
    expect(config.network).toBe('fifo');
    expect(config.faults).toEqual({ crash: 1, timeout: 1 });
  });

  it('tolerates fewer crashes than half the index servers', () => {
    expect([1, 2, 3, 4, 5].map(tolerated)).toEqual([0, 0, 1, 1, 2]);
  });
});

describe('the parameters schema', () => {
  it('accepts every bounded configuration', () => {
    for (let n = 1; n <= 4; n++) expect(messages(napsterProtocol.definition.bounded(n))).toBe('ok');
  });

  it('refuses bad parameters with a clear message', () => {
    expect(messages({ crashes: 2 })).toMatch(/2 crashes need more than 4 index servers/);
    expect(messages({ indexes: 1 })).toMatch(/crashes stay below half the index servers/);
    expect(messages({ files: [['a.mp3']] })).toMatch(/give one list each/);
    expect(messages({ files: [['a,b'], ['b']] })).toMatch(/no comma/);
    expect(messages({ files: [[''], ['b']] })).toMatch(/not empty/);
    expect(messages({ calls: [{ peer: 2, op: 'login' }] })).toMatch(/past the last peer 1/);
    expect(messages({ calls: [{ peer: 0, op: 'search', keyword: '' }] })).toMatch(
      /keyword is not empty/,
    );
    expect(messages({ calls: [{ peer: 0, op: 'fly' }] })).not.toBe('ok');
    expect(messages({ peers: 9 })).not.toBe('ok');
    expect(messages({ attempts: 0 })).not.toBe('ok');
  });
});

describe('liveness', () => {
  it('checks that every request of a live peer ends, a leads-to property a livelock breaks', () => {
    const live = napsterProtocol.properties.filter(
      (p) => p.kind === 'quiescence' && p.liveness === true,
    );
    expect(live.map((p) => p.name)).toEqual(['requests-end']);
    const livelock = napsterProtocol.variants.filter((v) => v.breaks === 'requests-end');
    expect(livelock.map((v) => v.name)).toEqual(['uncounted-retries']);
  });
});
