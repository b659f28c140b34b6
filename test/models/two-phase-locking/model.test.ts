import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUIESCENCE } from '../../../checkers/evaluate.ts';
import { runRandom, scenarioArbitrary } from '../../../checkers/random.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { findProtocol } from '../../../models/index.ts';
import {
  twoPhaseLockingProtocol,
  type TwoPhaseLockingParams,
} from '../../../models/two-phase-locking/model.ts';
import { ITEMS } from '../../../models/two-phase-locking/messages.ts';

const protocol = twoPhaseLockingProtocol;
const correct = protocol.variants.filter((v) => v.breaks === undefined);
const mutants = protocol.variants.filter((v) => v.breaks !== undefined);
/** The mutants that livelock: the random engine finds them as runs that never quiesce. */
const LIVELOCKS = ['die-as-busy'];

describe('two-phase-locking protocol definition', () => {
  it('is registered, with three deadlock policies and a mutant per locking rule', () => {
    expect(findProtocol('two-phase-locking')).toBe(protocol);
    expect(correct.map((v) => v.name)).toEqual(['wait-for-graph', 'wait-die', 'wound-wait']);
    expect(mutants.map((v) => [v.name, v.breaks])).toEqual([
      ['non-two-phase', 'serializability'],
      ['read-without-lock', 'locked-operations'],
      ['no-deadlock-handling', 'transaction-progress'],
      ['non-strict', 'serializability'],
      ['exclusive-shared', 'lock-compatibility'],
      ['barging-waiters', 'lock-fairness'],
      ['die-as-busy', 'transaction-progress'],
    ]);
    expect(protocol.properties.map((p) => [p.name, p.kind])).toEqual([
      ['serializability', 'safety'],
      ['lock-compatibility', 'safety'],
      ['lock-fairness', 'safety'],
      ['locked-operations', 'safety'],
      ['transaction-progress', 'quiescence'],
      ['restart-commits', 'sometimes'],
    ]);
  });

  it('checks transaction progress under weak fairness too (a liveness property)', () => {
    const live = protocol.properties.filter((p) => p.kind === 'quiescence' && p.liveness === true);
    expect(live.map((p) => p.name)).toEqual(['transaction-progress']);
  });

  it('configures clients, servers holding items round-robin, and a detector', () => {
    const config = twoPhaseLockingProtocol.configure({
      clients: 2,
      servers: 2,
      items: 3,
      txns: [
        { client: 1, ops: ['rx', 'wz'], mayAbort: true },
        { client: 0, ops: ['wy'], mayAbort: false },
      ],
    });
    expect(config.network).toBe('fifo');
    expect(config.faults).toEqual({});
    expect(config.nodes).toEqual([
      { role: 'client', name: 'c0', input: { home: { x: 2, y: 3, z: 2 } } },
      { role: 'client', name: 'c1', input: { home: { x: 2, y: 3, z: 2 } } },
      { role: 'server', name: 's0', input: { items: ['x', 'z'], detector: 4 } },
      { role: 'server', name: 's1', input: { items: ['y'], detector: 4 } },
      { role: 'detector', name: 'dd', input: {} },
    ]);
    expect(config.inputs).toEqual([
      { node: 1, event: { type: 'submit', txn: 't0', ts: 0, ops: ['rx', 'wz'], mayAbort: true } },
      { node: 0, event: { type: 'submit', txn: 't1', ts: 1, ops: ['wy'], mayAbort: false } },
    ]);
  });

  it('rejects parameters naming a missing client or item', () => {
    const base = { clients: 2, servers: 1, items: 2 };
    const parse = (txn: object) =>
      twoPhaseLockingProtocol.paramsSchema.safeParse({ ...base, txns: [txn] }).success;
    expect(parse({ client: 1, ops: ['ry'], mayAbort: false })).toBe(true);
    expect(parse({ client: 2, ops: ['ry'], mayAbort: false })).toBe(false);
    expect(parse({ client: 0, ops: ['rz'], mayAbort: false })).toBe(false);
    expect(parse({ client: 0, ops: ['ax'], mayAbort: false })).toBe(false);
    expect(parse({ client: 0, ops: [], mayAbort: false })).toBe(false);
  });

  it('generates transactions that upgrade, write an item twice and may abort, and cross servers', () => {
    const options = { runs: 1000, seed: 1 };
    const samples = fc.sample(scenarioArbitrary(protocol, options), { seed: 1, numRuns: 1000 });
    type Txn = TwoPhaseLockingParams['txns'][number];
    const count = (shape: (t: Txn, p: TwoPhaseLockingParams) => boolean) =>
      samples.filter((s) => {
        const p = s.params as unknown as TwoPhaseLockingParams;
        return p.txns.some((t) => shape(t, p));
      }).length;
    const later = (ops: readonly string[], i: number, op: string) => ops.slice(i + 1).includes(op);
    const upgrade = ({ ops }: Txn) =>
      ops.some((op, i) => op[0] === 'r' && later(ops, i, `w${op[1]}`));
    const twice = ({ ops, mayAbort }: Txn) =>
      mayAbort && ops.some((op, i) => op[0] === 'w' && later(ops, i, op));
    const crosses = ({ ops }: Txn, p: TwoPhaseLockingParams) =>
      new Set(ops.map((op) => ITEMS.indexOf(op[1] as 'x') % p.servers)).size > 1;
    // Seed 1's first 1,000 scenarios (the default budget): each shape in well over a tenth of them.
    expect(count(upgrade)).toBeGreaterThan(250);
    expect(count(twice)).toBeGreaterThan(120);
    expect(count(crosses)).toBeGreaterThan(200);
  });

  it('generates scenarios within the node bounds', () => {
    const { bounded, configure } = twoPhaseLockingProtocol;
    for (const n of [4, 5, 6, 7]) expect(configure(bounded(n)).nodes).toHaveLength(n);
  });
});

describe.each(correct)('correct variant $name', (variant) => {
  it('holds for 1,000 random scenarios of 4 to 7 nodes', () => {
    const result = runRandom(protocol, variant, { runs: 1000, seed: 7 });
    expect(result.trace?.violation ?? null).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.runs).toBe(1000);
  });
});

describe.each(mutants)('mutant $name', (variant) => {
  it('is caught with the default budget (seed 1), and its trace replays to the same property', () => {
    const result = runRandom(protocol, variant, { runs: protocol.defaultRuns, seed: 1 });
    expect(result.ok).toBe(false);
    const trace = result.trace!;
    // A deadlock quiesces (transaction-progress); a livelock never does (a quiescence loop).
    const expected = LIVELOCKS.includes(variant.name) ? QUIESCENCE : variant.breaks;
    expect(trace.violation?.property).toBe(expected);
    const replayed = replay(trace, traceSystem(trace));
    expect(replayed.divergence).toBeNull();
    expect(replayed.violation?.property).toBe(expected);
    expect(replayed.violation?.step).toBe(trace.actions.length);
    expect(trace.actions.length).toBeLessThanOrEqual(20);
  });
});
