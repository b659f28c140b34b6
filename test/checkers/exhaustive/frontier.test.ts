import { describe, expect, it } from 'vitest';
import { ChunkPool, Frontier } from '../../../checkers/exhaustive/frontier.ts';
import { worldFingerprint } from '../../../models/kernel/fingerprint.ts';
import { System } from '../../../models/kernel/system.ts';
import { Reuse, type Move, type Status, type World } from '../../../models/kernel/world.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';
import { protocols } from '../../../models/index.ts';
import { boundedParams } from '../../../models/kernel/protocol.ts';

/** A total-order system of 3 members with faults, and the successors of its initial world. */
function firstSuccessors(): { sys: System; worlds: World[] } {
  const sys = system();
  const w0 = sys.initial();
  const benign: Move[] = [];
  const faults: Move[] = [];
  sys.enabled(w0, benign, faults);
  return { sys, worlds: [...benign, ...faults].map((m) => sys.apply(w0, m)) };
}

/** The total-order system these tests pack worlds of. */
function system(): System {
  return new System(totalOrderProtocol, totalOrderProtocol.variants[0]!, {
    members: 3,
    multicasts: [0, 1],
    drops: 1,
    duplicates: 1,
    timeouts: 0,
  });
}

describe('Frontier', () => {
  it('gives back every world it packed, equal in every field, with its index and history', () => {
    const sys = system();
    // A few levels of successors, packed and unpacked.
    const benign: Move[] = [];
    const faults: Move[] = [];
    let level: World[] = [sys.initial()];
    const frontier = new Frontier(sys.n, sys.budget);
    const packed: World[] = [];
    for (let depth = 0; depth < 4; depth++) {
      const next: World[] = [];
      for (const w of level) {
        sys.enabled(w, benign, faults);
        for (const m of [...benign, ...faults]) next.push(sys.apply(w, m));
      }
      for (const w of next) {
        frontier.push(w, packed.length);
        packed.push(w);
      }
      level = next;
    }
    expect(frontier.length).toBe(packed.length);
    expect(frontier.length).toBeGreaterThan(50);
    packed.forEach((w, k) => {
      const back = frontier.world(k);
      expect(frontier.index(k)).toBe(k);
      expect(back.history).toBe(w.history);
      const { history: _h, ...rest } = back;
      const { history: _w, ...want } = w;
      expect(rest).toEqual(want);
      expect(worldFingerprint(back, { hi: 0, lo: 0 })).toEqual(
        worldFingerprint(w, { hi: 0, lo: 0 }),
      );
    });
    frontier.release(0);
    expect(frontier.world(0).history).toBeNull();
  });

  it('spans many chunks, reuses them once cleared, and keeps fault counts of any budget', () => {
    const { sys, worlds } = firstSuccessors();
    const strip = ({ history: _h, ...rest }: World) => rest;
    for (const budget of [sys.budget, sys.budget.map(() => 1000)]) {
      const frontier = new Frontier(sys.n, budget);
      for (let round = 0; round < 2; round++) {
        frontier.clear();
        // Enough worlds to fill several chunks (the first holds 16,384 integers).
        const total = 20_000;
        const at = (k: number) => worlds[(k * 7 + round) % worlds.length]!;
        for (let k = 0; k < total; k++) {
          const w = at(k);
          frontier.push(budget === sys.budget ? w : { ...w, used: w.used.map((u) => u + 300) }, k);
        }
        expect(frontier.length).toBe(total);
        // Every world, whichever chunk it landed in and wherever a chunk ran out under it.
        let mismatches = 0;
        for (let k = 0; k < total; k++) {
          const back = frontier.world(k);
          const want =
            budget === sys.budget ? at(k) : { ...at(k), used: at(k).used.map((u) => u + 300) };
          if (JSON.stringify(strip(back)) !== JSON.stringify(strip(want))) mismatches++;
          if (frontier.index(k) !== k) mismatches++;
        }
        expect(mismatches).toBe(0);
      }
    }
  });

  it('hands a read chunk to the next level, which overwrites none it has not read', () => {
    const { sys, worlds } = firstSuccessors();
    const pool = new ChunkPool();
    const current = new Frontier(sys.n, sys.budget, pool);
    const next = new Frontier(sys.n, sys.budget, pool);
    const total = 30_000;
    const at = (k: number) => worlds[(k * 5) % worlds.length]!;
    for (let k = 0; k < total; k++) current.push(at(k), k);
    const full = current.bytes;
    let mismatches = 0;
    // As a breadth-first search does: read and release each world, pushing successors meanwhile.
    for (let k = 0; k < total; k++) {
      const back = current.world(k);
      current.release(k);
      if (
        JSON.stringify({ ...back, history: null }) !== JSON.stringify({ ...at(k), history: null })
      )
        mismatches++;
      next.push(at(k + 1), k);
    }
    expect(mismatches).toBe(0);
    // Only its index arrays are left (the chunks, most of its bytes, went back to the pool).
    expect(current.bytes).toBeLessThan(full / 4);
    for (let k = 0; k < total; k++) {
      const back = next.world(k);
      if (
        JSON.stringify({ ...back, history: null }) !==
        JSON.stringify({ ...at(k + 1), history: null })
      )
        mismatches++;
    }
    expect(mismatches).toBe(0);
    // The next level was built from the chunks the current one gave back: a few new ones at most.
    expect(next.bytes + pool.bytes).toBeLessThanOrEqual(full + 2 * 4 * (1 << 20));
  });
});

/** A small deterministic generator for the synthetic worlds below. */
function xorshift(seed: number): (below: number) => number {
  let s = seed | 0 || 1;
  return (below) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % below;
  };
}

/**
 * Worlds of `n` nodes as a search pushes them: each mostly a small change to the one before (a
 * sibling), sometimes unrelated; channels filled, changed and emptied, some long enough to run a
 * chunk out.
 */
function syntheticWorlds(
  n: number,
  count: number,
  budget: readonly number[],
  seed: number,
): World[] {
  const rnd = xorshift(seed);
  const fresh = (): World => ({
    locals: Array.from({ length: n }, () => rnd(1000) - 1),
    status: Array.from({ length: n }, () => rnd(3) as Status),
    channels: Array.from({ length: n * n }, () =>
      rnd(4) === 0 ? Array.from({ length: 1 + rnd(3) }, () => rnd(50)) : [],
    ),
    partition: rnd(4),
    used: budget.map((b) => rnd(b + 1)),
    inputs: rnd(8),
    history: null,
    digests: Array.from({ length: n }, () => rnd(2 ** 31) - 2 ** 30),
    order: rnd(100),
    sumHi: rnd(2 ** 31),
    sumLo: -rnd(2 ** 31),
  });
  const out: World[] = [fresh()];
  while (out.length < count) {
    const prev = out[out.length - 1]!;
    if (rnd(10) === 0) {
      out.push(fresh());
      continue;
    }
    const locals = prev.locals.slice();
    const digests = prev.digests.slice();
    const channels = prev.channels.slice();
    for (let c = rnd(3); c >= 0; c--) {
      const node = rnd(n);
      locals[node] = rnd(1000) - 1;
      digests[node] = rnd(2 ** 31);
      const cell = rnd(n * n);
      const long = rnd(200) === 0 ? 3000 : 0;
      channels[cell] = rnd(3) === 0 ? [] : Array.from({ length: 1 + rnd(4) + long }, () => rnd(50));
    }
    out.push({ ...prev, locals, digests, channels, sumHi: rnd(2 ** 31), sumLo: rnd(2 ** 31) });
  }
  return out;
}

/** A world's fields besides its history, as comparable text. */
function text(w: World): string {
  const { history: _h, ...rest } = w;
  return JSON.stringify(rest);
}

describe('Frontier, written as changes to the world before', () => {
  it('gives back every world in order, out of order and twice, for 1 to 30 nodes', () => {
    for (const n of [1, 3, 17, 30]) {
      for (const budget of [
        [1, 2, 0, 3, 1, 0, 2, 1],
        [300, 2, 0, 3, 1, 0, 2, 1000],
      ]) {
        const worlds = syntheticWorlds(n, 700, budget, n * 31 + budget[0]!);
        const frontier = new Frontier(n, budget);
        worlds.forEach((w, k) => frontier.push(w, k * 3));
        const bad: number[] = [];
        worlds.forEach((w, k) => {
          if (text(frontier.world(k)) !== text(w) || frontier.index(k) !== k * 3) bad.push(k);
        });
        // Out of order (from each world's key), and the same world twice running.
        const rnd = xorshift(n);
        for (let i = 0; i < 200; i++) {
          const k = rnd(worlds.length);
          if (text(frontier.world(k)) !== text(worlds[k]!)) bad.push(k);
          if (text(frontier.world(k)) !== text(worlds[k]!)) bad.push(k);
        }
        expect({ n, bad }).toEqual({ n, bad: [] });
      }
    }
  });

  it('takes less than half the room of whole worlds when worlds are siblings', () => {
    const budget = [1, 1, 0, 1, 0, 0, 0, 0];
    const worlds = syntheticWorlds(9, 5000, budget, 7);
    const frontier = new Frontier(9, budget);
    worlds.forEach((w, k) => frontier.push(w, k));
    // Whole, a world of 9 nodes takes 2 * 9 + 2 + 5 integers and each non-empty channel its head
    // and messages.
    const whole = worlds.reduce(
      (sum, w) =>
        sum + 25 + w.channels.reduce((s, ch) => s + (ch.length > 0 ? 1 + ch.length : 0), 0),
      0,
    );
    expect(frontier.written).toBeLessThan(whole / 2);
  });

  it('refuses a world it does not hold', () => {
    const frontier = new Frontier(2, [0]);
    expect(() => frontier.world(0)).toThrow(RangeError);
  });
});

describe('Frontier.view', () => {
  /**
   * Three levels of every protocol's bounded configuration, expanded the way the breadth-first
   * search does (each world viewed, its successors built in scratch arrays and pushed at once) and
   * the plain way (fresh worlds, fresh successors): the levels read back alike.
   */
  it('expands like fresh worlds, successors built in scratch arrays included', () => {
    let shared = 0;
    for (const protocol of protocols) {
      for (const variant of protocol.variants) {
        const params = boundedParams(protocol, variant, protocol.nodes.default);
        const lean = new System(protocol, variant, params);
        const plain = new System(protocol, variant, params, lean.table);
        const pool = new ChunkPool();
        let viewed = new Frontier(lean.n, lean.budget, pool);
        let fresh = new Frontier(plain.n, plain.budget);
        viewed.push(lean.initial(), 0);
        fresh.push(plain.initial(), 0);
        const benign: Move[] = [];
        const faults: Move[] = [];
        for (let depth = 0; depth < 3 && fresh.length < 3000; depth++) {
          const nextViewed = new Frontier(lean.n, lean.budget, pool);
          const nextFresh = new Frontier(plain.n, plain.budget);
          for (let k = 0; k < fresh.length; k++) {
            const w = viewed.view(k);
            const want = fresh.world(k);
            lean.enabled(w, benign, faults);
            for (const m of [...benign, ...faults]) {
              const w2 = lean.apply(w, m, Reuse.Scratch);
              if (w2.channels === w.channels) shared++;
              nextViewed.push(w2, 0);
              nextFresh.push(plain.apply(want, m), 0);
            }
          }
          viewed = nextViewed;
          fresh = nextFresh;
          for (let k = 0; k < fresh.length; k++) {
            const { history: _h, ...got } = viewed.world(k);
            const { history: _w, ...want } = fresh.world(k);
            expect(got, `${protocol.name}/${variant.name} level ${depth + 1}`).toEqual(want);
          }
        }
      }
    }
    // Successors sharing their viewed parent's channels, pushed after another parent's: the case
    // where the same array holds other channels than the last time it was pushed.
    expect(shared).toBeGreaterThan(100);
  });
});
