import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedParams } from '../../../models/kernel/protocol.ts';
import {
  configure,
  preference,
  quorumProblem,
  votingProtocol,
} from '../../../models/voting/model.ts';

const base = votingProtocol.definition.bounded(3);
const parse = (changes: object) => votingProtocol.paramsSchema.safeParse({ ...base, ...changes });
const message = (changes: object) => {
  const result = parse(changes);
  return result.success ? null : result.error.issues.map((i) => i.message).join('; ');
};

describe('voting parameters', () => {
  it('accepts the bounded configurations and every generated one', () => {
    for (const n of [2, 3, 4, 5]) expect(parse(votingProtocol.bounded(n)).success).toBe(true);
    fc.assert(
      fc.property(votingProtocol.scenarios({ minNodes: 2, maxNodes: 5 }), (p) => {
        expect(votingProtocol.paramsSchema.safeParse(p).success).toBe(true);
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('refuses votes that cannot form a quorum, and quorums out of range, with a clear message', () => {
    expect(message({ votes: [0, 0, 0] })).toMatch(/cannot form a quorum/);
    expect(message({ r: 4 })).toMatch(/read quorum r=4 exceeds the 3 votes/);
    expect(message({ w: 4 })).toMatch(/write quorum w=4 exceeds the 3 votes/);
    expect(message({ r: 1, w: 2 })).toMatch(/r \+ w must exceed the 3 votes/);
    expect(message({ votes: [2, 1, 1], r: 3, w: 2 })).toMatch(/2w must exceed the 4 votes/);
    expect(message({ r: 0 })).not.toBeNull();
    expect(message({ votes: [1, -1, 1] })).not.toBeNull();
  });

  it('names Gifford’s examples as valid', () => {
    expect(quorumProblem([1], 1, 1)).toBeNull();
    expect(quorumProblem([2, 1, 1], 2, 3)).toBeNull();
    expect(quorumProblem([1, 1, 1], 1, 3)).toBeNull();
  });
});

describe('voting properties and mutants', () => {
  it('checks that every operation of a live client completes (a liveness property)', () => {
    const live = votingProtocol.properties.filter(
      (p) => p.kind === 'quiescence' && p.liveness === true,
    );
    expect(live.map((p) => p.name)).toEqual(['operations-complete']);
  });

  it('has one correct variant and mutants that each break a promised property', () => {
    const names = votingProtocol.properties.map((p) => p.name);
    const mutants = votingProtocol.variants.filter((v) => v.breaks !== undefined);
    expect(mutants.map((v) => [v.name, v.breaks])).toEqual([
      ['small-read-quorum', 'one-copy-equivalence'],
      ['small-write-quorum', 'unique-write-versions'],
      ['first-reply-read', 'one-copy-equivalence'],
      ['blind-write', 'monotonic-versions'],
      ['spins-on-busy-lock', 'operations-complete'],
    ]);
    for (const m of mutants) expect(names).toContain(m.breaks);
  });

  it('explores the spinning mutant in a read-one/write-all suite of its own, two writers, no faults', () => {
    const spinning = votingProtocol.variants.find((v) => v.name === 'spins-on-busy-lock')!;
    const params = boundedParams(votingProtocol, spinning, 3);
    expect(params).toMatchObject({ votes: [1, 1, 1], r: 1, w: 3, drops: 0, retries: 0 });
    expect(parse(params).success).toBe(true);
  });
});

describe('voting configuration', () => {
  it('puts the representatives first, then the clients, and gives each write its own value', () => {
    const config = configure(votingProtocol.definition.bounded(3));
    expect(config.nodes.map((n) => n.name)).toEqual(['s0', 's1', 's2', 'c0', 'c1']);
    expect(config.inputs).toEqual([
      { node: 3, event: { type: 'invoke', f: 'write', value: 1 } },
      { node: 4, event: { type: 'invoke', f: 'read' } },
      { node: 4, event: { type: 'invoke', f: 'write', value: 3 } },
    ]);
  });

  it('lets even clients prefer low-numbered representatives and odd ones high-numbered', () => {
    expect(preference(3, 0)).toEqual([0, 1, 2]);
    expect(preference(3, 1)).toEqual([2, 1, 0]);
  });
});
