/**
 * Guarded receives: a message the role cannot take now stays in flight and delivering it is not a
 * step (TLA+'s enabling condition); without them it is consumed and ignored.
 */
import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { runRandom } from '../../../checkers/random.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { System } from '../../../models/kernel/system.ts';
import { MoveKind, type Move } from '../../../models/kernel/world.ts';
import { gateProtocol } from '../../fixtures/gate-protocol.ts';

const [guarded, consumed] = gateProtocol.variants as [
  (typeof gateProtocol.variants)[0],
  (typeof gateProtocol.variants)[0],
];

function moves(sys: System, w = sys.initial()) {
  const benign: Move[] = [];
  const faults: Move[] = [];
  sys.enabled(w, benign, faults);
  return benign;
}

describe('guarded receives', () => {
  it('a message the closed receiver cannot take is not deliverable, and stays in flight', () => {
    const sys = new System(gateProtocol, guarded, { messages: 1 }, new LocalTable());
    const w = sys.initial();
    expect(w.channels[0 * 2 + 1]).toHaveLength(1);
    // Only the client input `open` can happen; the Msg waits.
    expect(moves(sys, w).map((m) => m.kind)).toEqual([MoveKind.Input]);
    expect(sys.idle(w)).toBe(false);
    const opened = sys.apply(w, moves(sys, w)[0]!);
    expect(moves(sys, opened).map((m) => m.kind)).toEqual([MoveKind.Deliver]);
  });

  it('a world whose only messages are not taken is idle (time may pass)', () => {
    const sys = new System(gateProtocol, guarded, { messages: 1 }, new LocalTable());
    const w = sys.initial();
    // With the input handed over and the message taken, nothing is left; before that, the
    // waiting input keeps the world busy, the waiting message does not.
    const noInputs = { ...w, inputs: 1 };
    expect(sys.idle(noInputs)).toBe(true);
  });

  it('without guarded receives, an early Msg is consumed and lost: both engines catch it', () => {
    const random = runRandom(gateProtocol, consumed, { runs: 100, seed: 1 });
    expect(random.trace?.violation?.property).toBe('received');
    const exhaustive = runExhaustive(gateProtocol, consumed);
    expect(exhaustive.trace?.violation?.property).toBe('received');
    // m0 arrives while closed and is dropped on the floor; quiescence needs m1 and `open` handled.
    expect(exhaustive.trace?.actions.map((a) => a.type)).toEqual(['deliver', 'deliver', 'input']);
  });

  it('with guarded receives, the property holds on every path, with fewer transitions', () => {
    const withGuard = runExhaustive(gateProtocol, guarded);
    expect(withGuard.trace).toBeNull();
    expect(withGuard.complete).toBe(true);
    expect(runRandom(gateProtocol, guarded, { runs: 100, seed: 1 }).trace).toBeNull();
    // Two messages and an input: nothing is delivered before `open` (1 world, then `open`), then
    // the Msgs arrive in either order (2 worlds after one, 1 after both), and time passes once.
    expect(withGuard.depth).toBe(3);
    expect(withGuard.transitions).toBe(5);
  });
});
