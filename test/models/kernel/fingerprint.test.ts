import { describe, expect, it } from 'vitest';
import {
  canonicalWorld,
  componentSums,
  fingerprint,
  worldFingerprint,
} from '../../../models/kernel/fingerprint.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { System } from '../../../models/kernel/system.ts';
import { MoveKind, Status, type World } from '../../../models/kernel/world.ts';
import type { CheckedProperty } from '../../../models/kernel/spec.ts';
import { makeToyProtocol, ping, toySystem, type ToyOptions } from '../../fixtures/toy-protocol.ts';
import {
  deliver,
  input,
  enabledMoves,
  historyOf,
  inFlight,
  Ping,
  Pong,
  reachable,
  steps,
  worldSnapshot,
} from './helpers.ts';

/** `w` with its channels replaced, its fingerprint sums recomputed to match. */
function withChannels(sys: System, w: World, channels: readonly (readonly number[])[]): World {
  const changed = { ...w, channels };
  return { ...changed, ...componentSums(sys.hashes, changed) };
}

describe('fingerprint', () => {
  it('is 16 hex digits, the same for the same world in two fresh systems', () => {
    const a = toySystem({ inputs: [ping(0, 1)] });
    const b = toySystem({ inputs: [ping(0, 1)] });

    const fa = fingerprint(steps(a, a.initial(), input(0, 1)));
    const fb = fingerprint(steps(b, b.initial(), input(0, 1)));

    expect(fa).toMatch(/^[0-9a-f]{16}$/);
    expect(fb).toBe(fa);
  });

  it('writes its halves into the given object', () => {
    const sys = toySystem();
    const out = { hi: 0, lo: 0 };

    const fp = worldFingerprint(sys.initial(), out);

    expect(fp).toBe(out);
    expect(worldFingerprint(sys.initial(), { hi: 0, lo: 0 })).toEqual(out);
  });

  it('records in traces the fingerprint earlier versions recorded (their traces still replay)', () => {
    // The store folds the global fields in once (worldFingerprint); a trace keeps the older
    // formula, pinned here as the version before the change printed it.
    expect(fingerprint(toySystem().initial())).toBe('8e1df37d0988ab76');
  });

  describe('is of content, never of interned ids', () => {
    it('two systems interning the same snapshots and events in opposite orders agree', () => {
      // Each system reaches the same world (both pings in flight) taking the inputs in opposite
      // orders, so its table numbers the snapshots and messages differently.
      const options: ToyOptions = { network: 'unordered', inputs: [ping(0, 1), ping(1, 0)] };
      const a = toySystem(options);
      const b = toySystem(options);

      const wa = steps(a, a.initial(), input(0, 1), input(1, 0));
      const wb = steps(b, b.initial(), input(1, 0), input(0, 1));

      expect(wa.locals).not.toEqual(wb.locals);
      expect(wa.channels).not.toEqual(wb.channels);
      expect(canonicalWorld(b, wb)).toBe(canonicalWorld(a, wa));
      expect(fingerprint(wb)).toBe(fingerprint(wa));
    });

    it.each(['unordered', 'duplicating'] as const)(
      'a %s channel whose ids sort in another order agrees',
      (network) => {
        // Table b has seen Ping1 before Ping0 (say, in an earlier scenario of the same variant):
        // its channel array, sorted by id, lists them the other way round.
        const options: ToyOptions = { network, inputs: [ping(0, 1), ping(0, 1)] };
        const a = toySystem(options);
        const tableB = new LocalTable();
        tableB.eventId(0, Ping(1));
        const b = toySystem(options, 'echo', tableB);

        const wa = steps(a, a.initial(), input(0, 1), input(0, 1));
        const wb = steps(b, b.initial(), input(0, 1), input(0, 1));

        expect(inFlight(a, wa, 0, 1)).toEqual([Ping(0), Ping(1)]);
        expect(inFlight(b, wb, 0, 1)).toEqual([Ping(1), Ping(0)]);
        expect(canonicalWorld(b, wb)).toBe(canonicalWorld(a, wa));
        expect(fingerprint(wb)).toBe(fingerprint(wa));
      },
    );

    it('a table shared with an earlier system gives the same fingerprints as a fresh one', () => {
      const options: ToyOptions = {
        nodes: 3,
        inputs: [ping(0, 1), ping(2, 1)],
        faults: { crash: 1, drop: 1 },
      };
      const shared = new LocalTable();
      const warm = toySystem({ ...options, nodes: 3, inputs: [ping(2, 0)] }, 'echo', shared);
      reachable(warm, 3);

      const fresh = reachable(toySystem(options), 4).map(({ world }) => world);
      const reused = reachable(toySystem(options, 'echo', shared), 4).map(({ world }) => world);

      expect(reused.map(fingerprint).sort()).toEqual(fresh.map(fingerprint).sort());
    });
  });

  it('does not depend on the order of messages in a bag, but does on a fifo queue', () => {
    const fifo = toySystem({ network: 'fifo', inputs: [ping(0, 1), ping(0, 1)] });
    const bag = toySystem({ network: 'unordered', inputs: [ping(0, 1), ping(0, 1)] });
    const swap = (sys: System, w: World) =>
      withChannels(
        sys,
        w,
        w.channels.map((c) => [...c].reverse()),
      );

    const wf = steps(fifo, fifo.initial(), input(0, 1), input(0, 1));
    const wb = steps(bag, bag.initial(), input(0, 1), input(0, 1));

    expect(fingerprint(swap(fifo, wf))).not.toBe(fingerprint(wf));
    expect(canonicalWorld(fifo, swap(fifo, wf))).not.toBe(canonicalWorld(fifo, wf));
    expect(fingerprint(swap(bag, wb))).toBe(fingerprint(wb));
    expect(canonicalWorld(bag, swap(bag, wb))).toBe(canonicalWorld(bag, wb));
  });

  it('tells apart worlds that differ only in what a node observed', () => {
    // Node 1 counts a Ping then resets: it is back in its initial snapshot, but it observed things.
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { drop: 1 } });
    const sent = steps(sys, sys.initial(), input(0, 1));

    const lost = steps(sys, sent, { type: 'drop', from: 0, to: 1, msg: Ping(0) });
    const forgotten = steps(
      sys,
      sent,
      deliver(0, 1, Ping(0)),
      { type: 'drop', from: 1, to: 0, msg: Pong(0) },
      { type: 'choose', node: 1, event: { type: 'reset' } },
    );

    expect(forgotten.locals).toEqual(lost.locals);
    expect(forgotten.channels).toEqual(lost.channels);
    expect(fingerprint(forgotten)).not.toBe(fingerprint(lost));
    expect(canonicalWorld(sys, forgotten)).not.toBe(canonicalWorld(sys, lost));
  });

  it('tells apart worlds that differ only in the faults used', () => {
    // A retransmission and a duplication both leave a second Ping0 behind the first.
    const sys = toySystem({ inputs: [ping(0, 1)], faults: { timeout: 1, duplicate: 1 } });
    const sent = steps(sys, sys.initial(), input(0, 1));

    const resent = steps(sys, sent, { type: 'timeout', node: 0, event: { type: 'tick' } });
    const doubled = steps(sys, sent, { type: 'duplicate', from: 0, to: 1, msg: Ping(0) });

    expect(worldSnapshot({ ...resent, used: [] })).toBe(worldSnapshot({ ...doubled, used: [] }));
    expect(fingerprint(resent)).not.toBe(fingerprint(doubled));
    expect(canonicalWorld(sys, resent)).not.toBe(canonicalWorld(sys, doubled));
  });

  it('tells apart worlds that differ only in which inputs were handed over', () => {
    const sys = toySystem({ inputs: [ping(0, 1), ping(0, 1)] });
    const w = sys.initial();

    const first = sys.apply(w, { kind: MoveKind.Input, a: 0, b: -1, c: 0 });
    const second = sys.apply(w, { kind: MoveKind.Input, a: 0, b: -1, c: 1 });

    expect([first.inputs, second.inputs]).toEqual([0b01, 0b10]);
    expect(fingerprint(first)).not.toBe(fingerprint(second));
    expect(canonicalWorld(sys, first)).not.toBe(canonicalWorld(sys, second));
  });

  it('tells apart worlds that differ only in the partition', () => {
    const sys = toySystem({ nodes: 3, faults: { partition: 1 } });

    const a = steps(sys, sys.initial(), { type: 'partition', side: [0] });
    const b = steps(sys, sys.initial(), { type: 'partition', side: [0, 1] });

    expect(fingerprint(a)).not.toBe(fingerprint(b));
    expect(canonicalWorld(sys, a)).not.toBe(canonicalWorld(sys, b));
  });

  it('tells apart worlds that differ only in a status', () => {
    const sys = toySystem({ faults: { crash: 1 } });
    const down = steps(sys, sys.initial(), { type: 'crash', node: 1 });
    const outStatus = { ...down, status: [Status.Up, Status.Out] };
    const out = { ...outStatus, ...componentSums(sys.hashes, outStatus) };

    expect(fingerprint(out)).not.toBe(fingerprint(down));
    expect(canonicalWorld(sys, out)).not.toBe(canonicalWorld(sys, down));
  });

  it("ignores how different nodes' observations interleave (no global-order property)", () => {
    const sys = toySystem({ nodes: 3, inputs: [ping(0, 1), ping(0, 2)] });
    const sent = steps(sys, sys.initial(), input(0, 1), input(0, 2));

    const a = steps(sys, sent, deliver(0, 1, Ping(0)), deliver(0, 2, Ping(1)));
    const b = steps(sys, sent, deliver(0, 2, Ping(1)), deliver(0, 1, Ping(0)));

    expect(historyOf(a)).not.toEqual(historyOf(b));
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(canonicalWorld(sys, a)).toBe(canonicalWorld(sys, b));
  });

  it('tells interleavings apart when a property reads the global order', () => {
    const globalProperty: CheckedProperty = {
      name: 'global-order',
      statement: 'reads the order of observations across nodes',
      kind: 'safety',
      scope: 'global',
      check: () => null,
    };
    const toy = makeToyProtocol({ nodes: 3, inputs: [ping(0, 1), ping(0, 2)] });
    const protocol: Protocol = { ...toy, properties: [globalProperty] };
    const sys = new System(protocol, protocol.variants[0]!, protocol.bounded(3));
    const sent = steps(sys, sys.initial(), input(0, 1), input(0, 2));

    const a = steps(sys, sent, deliver(0, 1, Ping(0)), deliver(0, 2, Ping(1)));
    const b = steps(sys, sent, deliver(0, 2, Ping(1)), deliver(0, 1, Ping(0)));

    expect(fingerprint(a)).not.toBe(fingerprint(b));
    expect(canonicalWorld(sys, a)).not.toBe(canonicalWorld(sys, b));
  });
});

const configs: readonly (ToyOptions & { name: string })[] = [
  {
    name: 'fifo',
    network: 'fifo',
    inputs: [ping(0, 1), ping(1, 0), ping(0, 1)],
    faults: { drop: 1, duplicate: 1, crash: 1, recover: 1, leave: 1, join: 1, timeout: 1 },
  },
  {
    name: 'unordered',
    network: 'unordered',
    nodes: 3,
    out: [2],
    inputs: [ping(0, 1), ping(1, 2), ping(2, 0)],
    faults: { duplicate: 1, crash: 1, recover: 1, join: 1, partition: 1, timeout: 1 },
  },
  {
    name: 'duplicating',
    network: 'duplicating',
    inputs: [ping(0, 1), ping(1, 0)],
    faults: { drop: 1, crash: 1, recover: 1, leave: 1, join: 1, partition: 1, timeout: 2 },
  },
];

describe.each(configs)('over the reachable worlds of a $name system', (options) => {
  const sys = toySystem(options);
  const worlds = reachable(sys, 5, 1500).map(({ world }) => world);

  it('equal canonical forms and equal fingerprints go together', () => {
    const byCanonical = new Map<string, string>();
    const byFingerprint = new Map<string, string>();
    for (const w of worlds) {
      const c = canonicalWorld(sys, w);
      const f = fingerprint(w);
      expect(byCanonical.get(c) ?? f).toBe(f);
      expect(byFingerprint.get(f) ?? c).toBe(c);
      byCanonical.set(c, f);
      byFingerprint.set(f, c);
    }

    expect(worlds.length).toBeGreaterThan(100);
    expect(byFingerprint.size).toBe(worlds.length);
  });

  it('the sums each step keeps incrementally are the sums computed from scratch', () => {
    for (const w of worlds) {
      expect({ sumHi: w.sumHi, sumLo: w.sumLo }).toEqual(componentSums(sys.hashes, w));
    }
  });

  it('a system keeping no fingerprint sums steps to the same worlds otherwise', () => {
    const protocol = makeToyProtocol(options);
    const plain = new System(
      protocol,
      protocol.variants[0]!,
      protocol.bounded(2),
      new LocalTable(),
      false,
    );
    let a = sys.initial();
    let b = plain.initial();
    // A fixed walk of up to 25 steps through every kind of move.
    for (let i = 0; i < 25; i++) {
      const { benign, faults } = enabledMoves(sys, a);
      const moves = [...benign, ...faults];
      if (moves.length === 0) break;
      const m = moves[(i * 7) % moves.length]!;
      const action = sys.toAction(m);
      a = sys.apply(a, m);
      b = steps(plain, b, action);

      expect(canonicalWorld(plain, b)).toBe(canonicalWorld(sys, a));
      expect(b.sumHi).toBe(0);
      expect(b.sumLo).toBe(0);
    }
  });
});
