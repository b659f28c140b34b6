import { describe, expect, it } from 'vitest';
import { firstViolation } from '../../checkers/evaluate.ts';
import { runExhaustive } from '../../checkers/exhaustive/search.ts';
import { runRandom } from '../../checkers/random.ts';
import { replay } from '../../checkers/replay.ts';
import { traceSystem } from '../../checkers/trace-system.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';
import { System } from '../../models/kernel/system.ts';
import type { Move } from '../../models/kernel/world.ts';
import { totalOrderProtocol } from '../../models/total-order/model.ts';
import type { InvariantProperty } from '../../models/kernel/spec.ts';

/** A deliberately strict invariant: no member ever holds two delivered messages. */
const atMostOne: InvariantProperty = {
  name: 'at-most-one-delivered',
  statement: 'No member has delivered more than one message.',
  kind: 'always',
  check: (world) => {
    const i = world.nodes.findIndex(
      (n) => ((n.context as { delivered?: unknown[] })?.delivered?.length ?? 0) > 1,
    );
    return i < 0
      ? null
      : {
          property: 'at-most-one-delivered',
          message: `node ${i} delivered two`,
          nodes: [i],
          messages: [],
        };
  },
};
const base = totalOrderProtocol;
const protocol: Protocol = { ...base, properties: [...base.properties, atMostOne] };
const lamport = protocol.variants.find((v) => v.name === 'lamport')!;

describe('always invariants', () => {
  it('are checked on every world of a run, and located at the first world that breaks them', () => {
    const sys = new System(protocol, lamport, {
      members: 2,
      multicasts: [0, 1],
      drops: 0,
      duplicates: 0,
      timeouts: 0,
    });
    let w = sys.initial();
    const worlds = [w];
    const benign: Move[] = [];
    for (let i = 0; i < 40; i++) {
      sys.enabled(w, benign, []);
      if (benign.length === 0) break;
      w = sys.apply(w, benign[0]!);
      worlds.push(w);
    }
    const v = firstViolation(sys, worlds);
    expect(v?.property).toBe('at-most-one-delivered');
    expect(atMostOne.check(sys.worldView(worlds[v!.step]!))).not.toBeNull();
    expect(atMostOne.check(sys.worldView(worlds[v!.step - 1]!))).toBeNull();
  });

  it('are caught by the exhaustive engine with a shortest trace that replays', () => {
    const r = runExhaustive(protocol, lamport, { nodes: 3 });
    expect(r.trace?.violation?.property).toBe('at-most-one-delivered');
    const replayed = replay(r.trace!, traceSystem(r.trace!, undefined, protocol));
    expect(replayed.divergence).toBeNull();
    expect(replayed.violation?.step).toBe(r.trace!.actions.length);
  });

  it('are caught by the random engine', () => {
    const r = runRandom(protocol, lamport, { runs: 200, seed: 1 });
    expect(r.trace?.violation?.property).toBe('at-most-one-delivered');
  });

  it("see each node's role, status, state value and context, and the messages in flight", () => {
    const sys = new System(protocol, lamport, {
      members: 2,
      multicasts: [0],
      drops: 0,
      duplicates: 0,
      timeouts: 0,
    });
    const w = sys.apply(sys.initial(), { kind: 1, a: 0, b: -1, c: 0 });
    const view = sys.worldView(w);
    expect(view.nodes.map((n) => [n.role, n.status, n.value])).toEqual([
      ['member', 'up', 'member'],
      ['member', 'up', 'member'],
    ]);
    expect(view.inFlight()).toEqual([
      { from: 0, to: 1, msg: { type: 'Msg', id: 'm0', ts: 1, k: 1 } },
    ]);
  });
});
