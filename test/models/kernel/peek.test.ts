import { describe, expect, it } from 'vitest';
import {
  componentSums,
  worldFingerprint,
  type HashSource,
} from '../../../models/kernel/fingerprint.ts';
import {
  PEEK_SUMS,
  peekCommutes,
  peekFingerprint,
  touchesCommute,
  type PeekSource,
} from '../../../models/kernel/peek.ts';
import type { NetworkKind } from '../../../models/kernel/protocol.ts';
import { protocols } from '../../../models/index.ts';
import { boundedParams } from '../../../models/kernel/protocol.ts';
import { System } from '../../../models/kernel/system.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { MoveKind, Reuse, Status, type Move, type World } from '../../../models/kernel/world.ts';
import { ping, toySystem } from '../../fixtures/toy-protocol.ts';

/** A world's enabled moves, benign then faults, in a fresh list. */
function movesOf(sys: System, w: World): Move[] {
  const benign: Move[] = [];
  const faults: Move[] = [];
  sys.enabled(w, benign, faults);
  return [...benign, ...faults];
}

/**
 * The first `limit` worlds breadth-first: `each` is handed every world, its moves, and each move's
 * successor in turn (worlds told apart by their fingerprints).
 */
function walk(
  sys: System,
  limit: number,
  each: (w: World, moves: readonly Move[], m: Move, next: World) => void,
): void {
  const seen = new Set<string>();
  const queue: World[] = [sys.initial()];
  for (let done = 0; done < limit && queue.length > 0; done++) {
    const w = queue.shift()!;
    const moves = movesOf(sys, w);
    for (const m of moves) {
      const next = sys.apply(w, m);
      each(w, moves, m, next);
      const fp = worldFingerprint(next, { hi: 0, lo: 0 });
      const key = `${fp.hi}:${fp.lo}`;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(next);
      }
    }
  }
}

/**
 * Compares peek with apply on every move of the first `limit` worlds, breadth-first, and a step
 * applied with the sums its peek found with one applied without.
 */
function agree(sys: System, limit: number): { peeked: number; kinds: Set<MoveKind> } {
  const fp = { hi: 0, lo: 0 };
  const peeked = { count: 0, kinds: new Set<MoveKind>() };
  walk(sys, limit, (w, _moves, m, next) => {
    if (!sys.peek(w, m, fp)) return;
    expect(fp, `peek of ${JSON.stringify(sys.toAction(m))}`).toEqual(
      worldFingerprint(next, { hi: 0, lo: 0 }),
    );
    // Given the peek's sums, the step builds the same world.
    const again = sys.apply(w, m, Reuse.None, PEEK_SUMS.sumHi, PEEK_SUMS.sumLo);
    expect([again.sumHi, again.sumLo]).toEqual([next.sumHi, next.sumLo]);
    peeked.count++;
    peeked.kinds.add(m.kind);
  });
  return { peeked: peeked.count, kinds: peeked.kinds };
}

/** Every variant of every protocol, under its bounded configuration. */
const variants = protocols.flatMap((p) =>
  p.variants.map((v) => ({
    name: `${p.name}/${v.name}`,
    sys: () => new System(p, v, boundedParams(p, v, p.nodes.default)),
  })),
);

/** Three nodes pinging each other on a `network` network, with some faults. */
const toy = (network: NetworkKind, crash: number) =>
  toySystem({
    network,
    nodes: 3,
    inputs: [ping(0, 1), ping(1, 2), ping(2, 0)],
    faults: { drop: 1, duplicate: network === 'duplicating' ? 0 : 1, timeout: 1, crash },
  });

describe('peekFingerprint', () => {
  it.each(variants)('gives the fingerprint apply would on $name', ({ sys }) => {
    expect(agree(sys(), 400).peeked).toBeGreaterThan(0);
  });

  it.each(['fifo', 'unordered', 'duplicating'] as const)(
    'covers deliveries, inputs, timeouts, choices, drops and duplicates on a %s network',
    (network) => {
      const { kinds } = agree(toy(network, 1), 3000);
      const want = [
        MoveKind.Deliver,
        MoveKind.Input,
        MoveKind.Timeout,
        MoveKind.Choose,
        MoveKind.Drop,
      ];
      if (network !== 'duplicating') want.push(MoveKind.Duplicate);
      for (const k of want) expect(kinds.has(k), MoveKind[k]).toBe(true);
    },
  );
});

/** How many peeks `redone` redid, and how many of them only `touchesCommute` allowed. */
interface Redone {
  readonly count: number;
  readonly byTouches: number;
}

/**
 * Along the first `limit` worlds breadth-first: for each world `w`, each move `m1` and each move `m`
 * enabled both in `w` and after `m1` that commutes with it (`peekCommutes`, or `touchesCommute` by
 * what both peeks in `w` touched) and changes no other global field, `peekAgain` after `m1` from
 * `m`'s change in `w` gives the fingerprint a fresh peek gives.
 */
function redone(sys: System, limit: number): Redone {
  const fp = { hi: 0, lo: 0 };
  const want = { hi: 0, lo: 0 };
  let count = 0;
  let byTouches = 0;
  // Each world's moves' changes to its sums and the channels they touched, found when its first
  // successor is handed over (no change kept for a move whose peek changes other globals).
  let at: World | null = null;
  const changes = new Map<Move, [number, number, number, number]>();
  const touches = new Map<Move, number>();
  walk(sys, limit, (w, moves, m1, w1) => {
    if (w !== at) {
      at = w;
      changes.clear();
      touches.clear();
      for (const m of moves) {
        if (sys.selfLoop(w, m) || !sys.peek(w, m, fp)) continue;
        touches.set(m, PEEK_SUMS.touched);
        if (!PEEK_SUMS.sameGlobals) continue;
        const { fault, sumHi, sumLo, touched } = PEEK_SUMS;
        changes.set(m, [fault, sumHi - w.sumHi, sumLo - w.sumLo, touched]);
      }
    }
    for (const m of movesOf(sys, w1)) {
      const change = changes.get(m);
      if (change === undefined || sys.selfLoop(w1, m)) continue;
      const statically = peekCommutes(m, m1);
      if (!statically && !touchesCommute(m, m1, change[3], touches.get(m1) ?? -1)) continue;
      expect(sys.peek(w1, m, want)).toBe(true);
      const touched = PEEK_SUMS.touched;
      sys.peekAgain(w1, ...change, fp);
      const what = `${JSON.stringify(sys.toAction(m))} after ${JSON.stringify(sys.toAction(m1))}`;
      expect(fp, what).toEqual(want);
      // It touches the same channels there.
      expect(PEEK_SUMS.touched, what).toBe(touched);
      count++;
      if (!statically) byTouches++;
    }
  });
  return { count, byTouches };
}

describe('peekAgain', () => {
  it.each(variants)(
    "redoes a commuting move's peek from its change to the sums on $name",
    ({ sys }) => {
      redone(sys(), 150);
    },
  );

  it.each(['fifo', 'unordered', 'duplicating'] as const)(
    'redoes deliveries, inputs, timeouts, choices, drops and duplicates on a %s network',
    (network) => {
      const { count, byTouches } = redone(toy(network, 0), 400);
      expect(count).toBeGreaterThan(100);
      expect(byTouches).toBeGreaterThan(10);
    },
  );

  it("redoes total-order's sequencer deliveries that only the channels touched show commute", () => {
    const protocol = protocols.find((p) => p.name === 'total-order')!;
    const variant = protocol.variants.find((v) => v.name === 'sequencer')!;
    const params = { members: 4, multicasts: [0, 1], duplicates: 1, timeouts: 0, drops: 1 };
    const sys = new System(protocol, variant, params, new LocalTable());
    const { count, byTouches } = redone(sys, 300);
    expect(byTouches).toBeGreaterThan(count / 10);
  });

  it('commutes by the channels touched only moves of different nodes on no common channel', () => {
    const move = (kind: MoveKind, a: number, b: number, c = 0): Move => ({ kind, a, b, c });
    const deliver = (from: number, to: number) => move(MoveKind.Deliver, from, to);
    const bit = (...channels: number[]) => channels.reduce((m, ch) => m | (1 << (ch & 31)), 0);
    // Node 2 takes from channel 0→2 (2) and sends on 2→0 (6); node 1 takes from 0→1 (1).
    expect(touchesCommute(deliver(0, 2), deliver(0, 1), bit(2, 6), bit(1))).toBe(true);
    // ... which the static rule refuses when node 1's step may send on 1→2, but did not.
    expect(peekCommutes(deliver(1, 2), deliver(0, 1))).toBe(false);
    expect(touchesCommute(deliver(1, 2), deliver(0, 1), bit(5), bit(1))).toBe(true);
    // A common channel, the same node, an unknown mask, a move no peek covers: no.
    expect(touchesCommute(deliver(1, 2), deliver(0, 1), bit(5), bit(1, 5))).toBe(false);
    expect(touchesCommute(deliver(0, 2), deliver(1, 2), bit(2), bit(5))).toBe(false);
    expect(touchesCommute(deliver(0, 2), deliver(0, 1), bit(2), -1)).toBe(false);
    expect(touchesCommute(deliver(0, 2), move(MoveKind.Crash, 1, -1), bit(2), 0)).toBe(false);
    // Drops and duplicates belong to no node: their channel alone.
    expect(touchesCommute(move(MoveKind.Drop, 0, 1), deliver(0, 2), bit(1), bit(2))).toBe(true);
    expect(touchesCommute(move(MoveKind.Drop, 0, 2), deliver(0, 2), bit(2), bit(2))).toBe(false);
  });

  it('commutes only moves that read nothing the other writes', () => {
    const move = (kind: MoveKind, a: number, b: number, c = 0): Move => ({ kind, a, b, c });
    const deliver = (from: number, to: number) => move(MoveKind.Deliver, from, to);
    // Different receivers on channels neither sends on: independent.
    expect(peekCommutes(deliver(0, 1), deliver(0, 2))).toBe(true);
    // The same receiver; the same channel; a channel the other's node sends on.
    expect(peekCommutes(deliver(0, 1), deliver(2, 1))).toBe(false);
    expect(peekCommutes(move(MoveKind.Drop, 0, 1), deliver(0, 1))).toBe(false);
    expect(peekCommutes(deliver(2, 1), deliver(0, 2))).toBe(false);
    expect(peekCommutes(deliver(0, 2), deliver(2, 1))).toBe(false);
    expect(peekCommutes(move(MoveKind.Duplicate, 1, 0), move(MoveKind.Input, 1, -1))).toBe(false);
    // A move no peek covers commutes with nothing.
    expect(peekCommutes(deliver(0, 1), move(MoveKind.Crash, 2, -1))).toBe(false);
    expect(peekCommutes(move(MoveKind.Partition, -1, -1, 1), deliver(0, 1))).toBe(false);
  });
});

describe('peekFingerprint on sends the protocols do not make', () => {
  // Node 1 of two takes a choice that sends messages 2, 0 and 2 again to node 0 (channel 2, which
  // holds `before`): the fingerprint peeked is that of the world built by hand with the
  // network's semantics.
  const src = (fifo: boolean): HashSource => ({
    snapHash: [11, 12, 13, 14],
    eventHash: [101, 102, 103, 104, 105, 106, 107, 108],
    fifo,
  });
  const world = (hs: HashSource, local: number, channel: number[]): World => {
    const w = {
      locals: [0, local],
      status: [Status.Up, Status.Up],
      channels: [[], [], channel, []],
      partition: 0,
      used: [0, 0, 0, 0, 0, 0, 0, 0],
      inputs: 0,
      history: null,
      digests: [0, 0],
      order: 0,
    };
    return { ...w, ...componentSums(hs, w) };
  };
  const source = (network: NetworkKind, hs: HashSource): PeekSource => ({
    n: 2,
    network,
    hashes: hs,
    faultIndex: { timeout: 0, drop: 1, duplicate: 2 },
    step: () => ({
      next: 1,
      sends: [0, 2, 0, 0, 0, 2],
      observations: [],
      effective: true,
      accepted: true,
      obsHashes: [],
      digestMul: 1,
      digestAdd: 0,
    }),
    inputEvent: () => 0,
    linked: () => true,
    digestOf: () => ({ mul: 1, add: 0 }),
    orderAfter: (order) => order,
  });

  it.each([
    // A set holds each message once: 2 sent twice, 1 held already.
    { network: 'duplicating' as const, before: [1], after: [0, 1, 2] },
    { network: 'unordered' as const, before: [1], after: [0, 1, 2, 2] },
    { network: 'fifo' as const, before: [3], after: [3, 2, 0, 2] },
  ])('on a $network network', ({ network, before, after }) => {
    const hs = src(network === 'fifo');
    const fp = { hi: 0, lo: 0 };
    const m: Move = { kind: MoveKind.Choose, a: 1, b: -1, c: 0 };
    expect(peekFingerprint(source(network, hs), world(hs, 0, before), m, fp)).toBe(true);
    expect(fp).toEqual(worldFingerprint(world(hs, 1, after), { hi: 0, lo: 0 }));
  });
});
