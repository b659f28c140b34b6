import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../checkers/exhaustive/search.ts';
import { replay, traceSystem } from '../../checkers/replay.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';

/**
 * The manifest tests every protocol shares (as TLA+ Examples pins each spec's expected result):
 * each correct variant's bounded configuration explored fully to pinned counts, and each mutant's
 * shortest counterexample, which must replay. A change to a model or to the kernel's semantics
 * that moves these numbers must be deliberate.
 */

/** A correct variant's pinned figures on the protocol's bounded configuration. */
export interface Pin {
  readonly name: string;
  readonly distinct: number;
  readonly transitions: number;
  readonly depth: number;
  /** The depth of each `sometimes` witness (null: never reached). */
  readonly witnesses: Readonly<Record<string, number | null>>;
}

/** A mutant's shortest counterexample on the bounded configuration. */
export interface Shortest {
  readonly name: string;
  readonly property: string;
  readonly length: number;
  /** What the violation's message must say. */
  readonly shows?: RegExp;
}

const variantOf = (protocol: Protocol, name: string) => {
  const variant = protocol.variants.find((v) => v.name === name);
  if (variant === undefined) throw new Error(`${protocol.name} has no variant ${name}`);
  return variant;
};

/** Pins each correct variant's exhaustive search, breadth-first and depth-first. */
export function pinnedSearches(protocol: Protocol, nodes: number, pins: readonly Pin[]): void {
  describe.each(pins)(`exhaustive $name at ${nodes} nodes`, (pin) => {
    it('explores the pinned number of states and transitions, to the pinned depth', () => {
      const r = runExhaustive(protocol, variantOf(protocol, pin.name), { nodes });
      expect(r.complete).toBe(true);
      expect(r.trace).toBeNull();
      expect([r.distinct, r.transitions, r.depth]).toEqual([
        pin.distinct,
        pin.transitions,
        pin.depth,
      ]);
      expect(Object.fromEntries(r.witnesses.map((w) => [w.property, w.depth]))).toEqual(
        pin.witnesses,
      );
      expect(r.collisionProbability).toBeLessThan(1e-6);
    });

    it('counts the same distinct states depth-first as breadth-first', () => {
      const r = runExhaustive(protocol, variantOf(protocol, pin.name), { nodes, strategy: 'dfs' });
      expect([r.complete, r.distinct, r.transitions]).toEqual([
        true,
        pin.distinct,
        pin.transitions,
      ]);
    });
  });
}

/** Pins each mutant's shortest counterexample and checks that it replays (and that DFS finds one). */
export function shortestCounterexamples(
  protocol: Protocol,
  nodes: number,
  rows: readonly Shortest[],
): void {
  describe.each(rows)('exhaustive mutant $name', (m) => {
    it('is caught with its shortest counterexample, which replays', () => {
      const r = runExhaustive(protocol, variantOf(protocol, m.name), { nodes });
      expect(r.complete).toBe(false);
      expect(r.trace?.violation?.property).toBe(m.property);
      if (m.shows !== undefined) expect(r.trace?.violation?.message).toMatch(m.shows);
      expect(r.trace?.actions).toHaveLength(m.length);
      const replayed = replay(r.trace!, traceSystem(r.trace!, undefined, protocol));
      expect(replayed.divergence).toBeNull();
      expect(replayed.violation?.property).toBe(m.property);
    });

    it('is caught depth-first too, with a trace no shorter than the shortest', () => {
      const r = runExhaustive(protocol, variantOf(protocol, m.name), { nodes, strategy: 'dfs' });
      expect(r.trace?.violation?.property).toBe(m.property);
      expect(r.trace!.actions.length).toBeGreaterThanOrEqual(m.length);
    });
  });
}
